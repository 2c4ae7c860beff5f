# The switch interval: how often a waiting thread asks the running one for the GIL.
#
# A thread that wants the GIL waits on it for at most the switch interval
# (sys.setswitchinterval, default 5 ms); if the holder has not let go by then, the
# waiter sets a drop request, the holder notices it at its next eval-breaker check,
# releases the GIL and waits until another thread has taken it (forced switching).
# With 4 CPU-bound threads there is always someone waiting, so the interval sets
# the switch rate: about 200 switches a second at 5 ms. At 1 us every wait times out
# at once and the threads switch as fast as a handoff allows; each handoff is a
# condition-variable signal and a wake-up of another OS thread (a futex, often onto
# the other core, then cold caches), tens of microseconds during which no thread runs
# bytecode. The work is the same in both runs; only the interval changes. Look at the
# ratio: above 1.0x is the cost of switching. It is smaller than one might expect,
# because the switch rate cannot follow the interval: a 1 us timed wait really sleeps
# for Linux's 50 us default timer slack or more, and the handoff itself takes tens of
# microseconds, so CPython switches every few tens of microseconds (tens of
# thousands of context switches a second), not every microsecond.
#
# Optional argument: a scale factor for the amount of work (default 1.0).
#
# On CPython 3.11 here (2 cores): best of 3, 4 x 1,000,000 iterations: 5 ms
# 0.22-0.24 s, 1 us 0.27-0.33 s, ratio 1.19x-1.41x. /usr/bin/time -v counted ~330
# voluntary context switches in such a run at 5 ms and ~14,000 at 1 us (0.6 s).
import sys
import threading
import time

SCALE = 1.0
if len(sys.argv) > 1:
    SCALE = float(sys.argv[1])
THREADS = 4
PER_THREAD = int(1_000_000 * SCALE)


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


# Both settings run ROUNDS times, interleaved, and the fastest run of each is kept,
# so a burst of load from other processes does not decide the result.
ROUNDS = 3
default = sys.getswitchinterval()
print(f"{THREADS} CPU-bound threads x {PER_THREAD:,} loop iterations, best of {ROUNDS}")
slow_interval = 0.0
fast_interval = 0.0
for r in range(ROUNDS):
    a = run_with(5e-3)
    b = run_with(1e-6)
    if r == 0 or a < slow_interval:
        slow_interval = a
    if r == 0 or b < fast_interval:
        fast_interval = b
sys.setswitchinterval(default)
print(f"switch interval 5 ms : {slow_interval:6.3f} s")
print(f"switch interval 1 us : {fast_interval:6.3f} s")
print(f"ratio 1 us / 5 ms    : {fast_interval / slow_interval:.2f}x")
