# Two threads hammering one shared object: the contention collapse.
#
# Each thread runs the same loop for a fixed number of iterations; the loop reads an
# object into a local variable, which increments and decrements its reference count.
# Throughput is total iterations per second, with 1 thread and with 2.
#
#   local object   each thread reads its own list: nothing is shared, so 2 threads
#                  do about twice the work per second where threads run in parallel
#   shared object  both threads read the same global list: without a GIL every read is
#                  a write to the same refcount word, which the two cores pass back and
#                  forth (atomic adds in nogil-atomic; in free-threaded the owner's
#                  biased local count cannot help the other threads, whose shared count
#                  is atomic). Throughput stops scaling, or drops: what CPython's
#                  Tools/ftscalingbench shows for shared objects.
#   --mode gil     neither scales (one thread at a time)
#
# Optional argument: a scale factor for the number of iterations (default 1.0).
import sys
import threading
import time

SCALE = 1.0
if len(sys.argv) > 1:
    SCALE = float(sys.argv[1])
N = int(400_000 * SCALE)
shared = [1, 2, 3]


def read_shared(n):
    total = 0
    for i in range(n):
        obj = shared
        total += obj[0]
    return total


def read_local(n):
    mine = [1, 2, 3]
    total = 0
    for i in range(n):
        obj = mine
        total += obj[0]
    return total


def throughput(fn, nthreads):
    threads = [threading.Thread(target=fn, args=(N,)) for k in range(nthreads)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return nthreads * N / (time.perf_counter() - start)


# Warm-up, not timed: each of gilsim's worker threads compiles its interpreter loop (V8's
# JIT) the first time it runs Python code, and two workers doing that at once compete with
# the measured threads for the cores (the simulator's cost, not the mode's). The second
# thread's worker runs only when there are 2 threads and needs several rounds to settle.
for fn in [read_local, read_shared]:
    for n in [2, 1, 2, 2]:
        throughput(fn, n)

ROUNDS = 3
print(f"{N:,} iterations per thread, best of {ROUNDS}")
for name, fn in [("local object", read_local), ("shared object", read_shared)]:
    best = {}
    for r in range(ROUNDS):
        for n in [1, 2]:
            t = throughput(fn, n)
            if n not in best or t > best[n]:
                best[n] = t
    print(f"{name:14}: 1 thread {best[1] / 1e6:6.2f} M/s, 2 threads {best[2] / 1e6:6.2f} M/s, scaling {best[2] / best[1]:.2f}x")
