# Threads only read one shared object, in a loop: every read is a Py_INCREF and a
# Py_DECREF of the same refcount. With the GIL the count is exact. Under --mode nogil the
# read-modify-writes of the threads overlap and updates are lost: the end-of-run audit
# reports the object's refcount drift (or, if increments were lost, it is freed while
# still in use: a use after free).
import threading

shared = [1, 2, 3]
ZEROS = [0] * 200000  # iterating over it allocates nothing (0 is an immortal small int)


def reader():
    for _ in ZEROS:
        x = shared


threads = [threading.Thread(target=reader) for k in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("done", shared)
