# With the collector enabled, allocating containers past gen 0's threshold (700) starts
# collections by itself: gc.callbacks sees them, gen 0's count resets, cycles are freed.
import gc

events = []
freed = 0


def on_gc(phase, info):
    events.append((phase, sorted(info), info["generation"]))


class Cycle:
    def __init__(self):
        self.me = self

    def __del__(self):
        global freed
        freed += 1


gc.callbacks.append(on_gc)
for i in range(5000):
    Cycle()
gc.callbacks.remove(on_gc)
print("automatic collections happened:", len(events) >= 2)
print("first:", events[0])
print("then:", events[1])
print("phases alternate:", all([e[0] == ("start" if i % 2 == 0 else "stop") for i, e in enumerate(events)]))
print("gen 0 collected:", 0 in set([e[2] for e in events]))
print("cycles freed without gc.collect():", freed > 0)
print("gen 0 count was reset:", gc.get_count()[0] < 700)
print("gen 0 collections counted:", gc.get_stats()[0]["collections"] > 0)
