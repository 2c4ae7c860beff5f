# Threads share one list and one dict and pass objects between them in a loop.
# Under the GIL this prints "done" and the counts; under --mode nogil the refcounts,
# pymalloc's free lists and the containers race, and gilsim's race detector reports
# what broke (use-after-free, double allocation, corrupt free lists, refcount drift).
import threading

shared = []
table = {}


def worker(n):
    for i in range(3000):
        item = (n, i, [i])
        shared.append(item)
        table[i % 32] = item
        if len(shared) > 8:
            try:
                shared.pop(0)
            except IndexError:
                pass
        got = table.get((i + n) % 32)
        if got is not None:
            shared.append(got)


threads = [threading.Thread(target=worker, args=(k,)) for k in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("done", len(table))
