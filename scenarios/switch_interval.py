# The switch interval: how often a waiting thread asks the running one for the GIL.
#
# A thread that wants the GIL waits on it for at most the switch interval
# (sys.setswitchinterval, default 5 ms); if the holder has not let go by then, the
# waiter sets a drop request, the holder notices it at its next eval-breaker check,
# releases the GIL and waits until another thread has taken it (forced switching).
# With 4 CPU-bound threads there is always someone waiting, so the interval sets
# the switch rate: about 200 switches a second at 5 ms, up to hundreds of thousands
# at 1 microsecond, where each switch costs a condition-variable handoff between OS
# threads (a futex wake-up, often a trip through the kernel scheduler onto another
# core, and cold caches). The work is the same in both runs; only the interval
# changes. Look at the ratio: the 1 us run is much slower.
#
# Optional argument: a scale factor for the amount of work (default 1.0).
#
# On CPython 3.11 here (2 cores): RESULTS
import sys
import threading
import time

SCALE = 1.0
if len(sys.argv) > 1:
    SCALE = float(sys.argv[1])
THREADS = 4
PER_THREAD = int(500_000 * SCALE)


def spin(n):
    total = 0
    i = 0
    while i < n:
        total += i & 7
        i += 1


def run_with(interval):
    sys.setswitchinterval(interval)
    threads = []
    for k in range(THREADS):
        threads.append(threading.Thread(target=spin, args=(PER_THREAD,)))
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start


default = sys.getswitchinterval()
print(f"{THREADS} CPU-bound threads x {PER_THREAD:,} loop iterations")
slow_interval = run_with(5e-3)
fast_interval = run_with(1e-6)
sys.setswitchinterval(default)
print(f"switch interval 5 ms : {slow_interval:6.3f} s")
print(f"switch interval 1 us : {fast_interval:6.3f} s")
print(f"ratio 1 us / 5 ms    : {fast_interval / slow_interval:.2f}x")
