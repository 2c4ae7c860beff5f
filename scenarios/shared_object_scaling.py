# Two threads hammering one shared object (Tools/ftscalingbench's lesson): how it scales.
#
# Each loop iteration reads an item of one global list: LOAD_GLOBAL increfs the list
# and the subscript decrefs it, so every iteration of every thread writes the list's
# refcount, and takes its lock to read the item. The work is split between 1 and 2
# threads; the ratio is the 2-thread time over the 1-thread time for the same work.
#
#   gil            ~1.0x: the GIL serializes the threads anyway
#   nogil-atomic   the threads run at once, but every refcount update is an atomic
#                  operation on the same cache line, and every read takes the same lock
#   free-threaded  the list's owner is the main thread, so both workers are non-owners:
#                  every incref/decref is an atomic add on ob_ref_shared of the one list,
#                  and the reads share its lock: no speedup (compare gil_cpu_bound.py,
#                  where independent work scales)
#
# Optional argument: a scale factor for the amount of work (default 1.0).
import sys
import threading
import time

SCALE = 1.0
if len(sys.argv) > 1:
    SCALE = float(sys.argv[1])
TOTAL = int(400_000 * SCALE) // 2 * 2
shared = [1, 2, 3, 4, 5, 6, 7, 8]


def hammer(n, results, index):
    total = 0
    i = 0
    while i < n:
        total += shared[i & 7]
        i += 1
    results[index] = total


def timed(nthreads):
    results = [0] * nthreads
    threads = [threading.Thread(target=hammer, args=(TOTAL // nthreads, results, k)) for k in range(nthreads)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start, sum(results)


ROUNDS = 3
print(f"total work: {TOTAL:,} reads of one shared list, best of {ROUNDS}")
best = {}
for r in range(ROUNDS):
    for n in [1, 2]:
        elapsed, check = timed(n)
        if check != TOTAL // 8 * 36:
            print("wrong result", check, "for", n, "threads")
        if n not in best or elapsed < best[n]:
            best[n] = elapsed
print(f"1 thread : {best[1]:6.3f} s")
print(f"2 threads: {best[2]:6.3f} s   ratio to 1 thread {best[2] / best[1]:.2f}x")
