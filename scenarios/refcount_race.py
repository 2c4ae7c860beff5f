# A refcount race: two threads read one shared object in a loop and nothing else.
#
# Each iteration of `x = shared` is a Py_INCREF of `shared` (LOAD_GLOBAL) and a
# Py_DECREF of the previous value of x (STORE_FAST). With the GIL those are atomic:
# nothing runs between an update's load of ob_refcnt and its store. Without it
# (`--mode nogil`: the GIL removed and nothing else changed) two threads updating the
# same count interleave: one loads 1007, the other loads 1007 and stores 1008, the
# first stores 1006, and an increment is lost. The count drifts from the truth: too
# high and the object leaks, too low and it is freed while still in use.
#
# `keep` holds 1000 references to each object the threads share, so that the drift
# (tens either way) does not reach zero; the program prints the count beyond those.
# CPython 3.11 prints 2 (the global and getrefcount's argument), and so does gilsim in
# every mode with the GIL or a repair of its absence. (The threads' own objects still
# race: with some seeds one is freed while in use, a thread dies on it, and the run
# stops.) The threads are bare _thread threads: threading's bookkeeping would race too.
# Under the seeded scheduler the race shows on demand, the same way for a given seed:
#
#   npx gilsim run scenarios/refcount_race.py --mode nogil --schedule 1     # not 2
#   npx gilsim run scenarios/refcount_race.py --mode gil --schedule 1       # 2
#
# Optional argument: iterations per thread (default 3000).
import sys
import _thread

shared = object()
n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
items = [None] * n
done = [_thread.allocate_lock(), _thread.allocate_lock()]
keep = [shared, items, done[0], done[1]] * 1000


def reader(lock):
    for _ in items:
        x = shared
    lock.release()


for lock in done:
    lock.acquire()
for lock in done:
    _thread.start_new_thread(reader, (lock,))
for lock in done:
    lock.acquire()
print("references to shared beyond keep's:", sys.getrefcount(shared) - 1000)
