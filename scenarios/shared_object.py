# The tour's program: four threads share one list, one dict and one object.
# Under the GIL (and on CPython) the output is always the same.
import threading

N = 20000
THREADS = 4
shared = []
counts = {}
config = [1, 2, 3]
results = [0] * THREADS


def worker(k):
    total = 0
    for i in range(N):
        c = config  # every thread increfs and decrefs the same object
        total += c[1]
        shared.append(i)  # every thread appends to the same list
        counts[k] = counts.get(k, 0) + 1  # every thread writes the same dict
    results[k] = total


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("appended", len(shared), "of", N * THREADS)
print("sum", sum(results), "of", 2 * N * THREADS)
print("counts", sorted(counts.values()))
