# Three CPU-bound threads for the timeline test (trace.test.ts): each runs a counting
# loop long enough to be asked for the GIL many times, so the trace shows hand-overs,
# drop requests and waits. They start counting together (a new worker can take tens of
# ms to spawn, longer than one loop), and a 1 ms switch interval keeps the run short.
import sys
import threading

sys.setswitchinterval(0.001)
results = [0, 0, 0]
go = threading.Event()


def spin(index, n):
    go.wait()
    total = 0
    i = 0
    while i < n:
        total += i & 7
        i += 1
    results[index] = total


threads = [threading.Thread(target=spin, args=(k, 200_000)) for k in range(3)]
for t in threads:
    t.start()
go.set()
for t in threads:
    t.join()
print(results)
