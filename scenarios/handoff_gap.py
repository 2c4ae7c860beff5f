# How long a GIL handoff takes between two CPU-bound threads.
#
# Two threads run the same loop and read time.perf_counter() at every iteration.
# The loop body takes well under a microsecond, so whenever a thread's clock jumps by
# more than PAUSE (200 us) since its previous iteration, it was stopped: each thread
# records those stops in its own list as (last stamp before, first stamp after).
# Afterwards the two lists are matched: when thread X resumes at time r, the other
# thread's last stamp p before it stopped (at or before r) is where the GIL changed
# hands, and r - p is the handoff gap. It covers the drop request being noticed,
# the release, waking the other OS thread (a futex wake-up, maybe onto another
# core) and that thread taking the GIL. A stop with no matching stop of the other
# thread was the OS preempting a thread that still held the GIL; those are counted
# separately. Keeping only the stops (not every stamp) keeps the lists small, so the
# run can be long enough for a few hundred switches (one per 5 ms switch interval).
# Look at the median gap, in microseconds.
#
# Optional argument: the number of iterations per thread (default 6000000).
#
# On CPython 3.11 here (2 cores): 186-226 handoffs in 1.0-1.2 s; median gap
# 45-51 us in most runs (31-55 us while other processes loaded the machine, and
# 7.5 us once, probably with both threads on one core); fastest 3-10 us; 90th
# percentile 75-130 us.
import sys
import threading
import time

N = 6_000_000
if len(sys.argv) > 1:
    N = int(sys.argv[1])
PAUSE = 200e-6

stops = [[], []]
ends = [0.0, 0.0]
go = threading.Event()


def record(index):
    mine = stops[index]
    clock = time.perf_counter
    go.wait()
    prev = clock()
    for i in range(N):
        now = clock()
        if now - prev > PAUSE:
            mine.append((prev, now))
        prev = now
    ends[index] = prev


threads = []
for k in range(2):
    threads.append(threading.Thread(target=record, args=(k,)))
for t in threads:
    t.start()
start = time.perf_counter()
go.set()
for t in threads:
    t.join()
span = time.perf_counter() - start

# The moments each thread gave up the CPU: the start of each of its stops, and its end.
gave_up = [[], []]
for k in range(2):
    for stop in stops[k]:
        gave_up[k].append(stop[0])
    gave_up[k].append(ends[k])

gaps = []
preempted = 0
for k in range(2):
    other = gave_up[1 - k]
    j = 0
    for stop in stops[k]:
        before = stop[0]
        resumed = stop[1]
        # the other thread's last give-up at or before this resume
        while j + 1 < len(other) and other[j + 1] <= resumed:
            j += 1
        if other[j] <= resumed and other[j] >= before:
            gaps.append(resumed - other[j])
        else:
            preempted += 1

gaps.sort()
print(f"2 CPU-bound threads x {N:,} iterations in {span:.3f} s, switch interval {sys.getswitchinterval() * 1000:.1f} ms")
print(f"GIL handoffs: {len(gaps)}   stops without a handoff (OS preemption): {preempted}")
if len(gaps) > 0:
    median = gaps[len(gaps) // 2]
    print(f"median handoff gap: {median * 1e6:.1f} us")
    print(f"fastest: {gaps[0] * 1e6:.1f} us   90th percentile: {gaps[len(gaps) * 9 // 10] * 1e6:.1f} us")
