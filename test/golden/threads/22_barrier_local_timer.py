# threading.Barrier (an action, indexes, a timeout that breaks it, reset, abort),
# BoundedSemaphore's 'released too many times', Timer (fired and cancelled) and
# threading.local (per-thread attributes; a subclass's __init__ runs in each thread).
import threading
import time

# Barrier: all four wait, each gets an index, the action runs once.
log = []
b = threading.Barrier(4, action=lambda: log.append("action"))
indexes = [None] * 4


def worker(i):
    indexes[i] = b.wait()


ts = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(indexes), log, b.parties, b.n_waiting, b.broken)
b2 = threading.Barrier(2, timeout=0.05)
try:
    b2.wait()
except threading.BrokenBarrierError:
    print("broken after timeout", b2.broken)
b2.reset()
print("reset", b2.broken)
b2.abort()
try:
    b2.wait()
except threading.BrokenBarrierError as e:
    print("aborted", type(e).__name__, isinstance(e, RuntimeError))
try:
    threading.Barrier(0)
except ValueError as e:
    print(e)

s = threading.BoundedSemaphore(2)
s.acquire()
s.release()
try:
    s.release()
except ValueError as e:
    print(e)
try:
    threading.Semaphore().release(0)
except ValueError as e:
    print(e)

fired = []
t = threading.Timer(0.01, fired.append, args=["fired"])
t.start()
t.join()
c = threading.Timer(10, fired.append, args=["never"])
c.start()
c.cancel()
c.join()
print(fired, c.finished.is_set())

data = threading.local()
data.x = "main"
seen = []


def reader():
    seen.append(hasattr(data, "x"))
    data.x = "worker"
    seen.append(data.x)


w = threading.Thread(target=reader)
w.start()
w.join()
print(seen, data.x)


class Counter(threading.local):
    def __init__(self, start):
        self.n = start


cnt = Counter(10)
cnt.n += 1
out = []


def bump():
    cnt.n += 5
    out.append(cnt.n)


w = threading.Thread(target=bump)
w.start()
w.join()
print(cnt.n, out, type(data).__name__, type(data).__module__)
try:
    threading.local(1)
except TypeError as e:
    print(e)
try:
    data.missing
except AttributeError as e:
    print(e)
