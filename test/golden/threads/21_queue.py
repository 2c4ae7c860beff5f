# queue.Queue as a work queue: three consumers square what a producer puts, task_done and
# join account for every item, a None per consumer shuts them down; a bounded queue's put
# and get with block=False and with a timeout nobody meets; LifoQueue, PriorityQueue,
# SimpleQueue; heapq, which PriorityQueue is built on.
import queue
import threading
import heapq

q = queue.Queue()
results = []


def worker():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        results.append(item * item)
        q.task_done()


threads = [threading.Thread(target=worker) for _ in range(3)]
for t in threads:
    t.start()
for i in range(20):
    q.put(i)
for _ in threads:
    q.put(None)
q.join()
for t in threads:
    t.join()
print(sorted(results))
print(q.qsize(), q.empty(), q.full())
try:
    q.get_nowait()
except queue.Empty:
    print("empty")
b = queue.Queue(maxsize=2)
b.put(1)
b.put(2)
print(b.full())
try:
    b.put(3, block=False)
except queue.Full:
    print("full")
try:
    b.put(3, timeout=0.01)
except queue.Full:
    print("full after timeout")
print(b.get(), b.get())
try:
    b.get(timeout=0.01)
except queue.Empty:
    print("empty after timeout")
lq = queue.LifoQueue()
for i in range(3):
    lq.put(i)
print([lq.get() for _ in range(3)])
pq = queue.PriorityQueue()
for item in [(3, "c"), (1, "a"), (2, "b")]:
    pq.put(item)
print([pq.get() for _ in range(3)])
sq = queue.SimpleQueue()
sq.put("x")
print(sq.qsize(), sq.get(), sq.empty())
try:
    sq.get(block=False)
except queue.Empty:
    print("simple empty")
h = [5, 1, 8, 3, 9, 2]
heapq.heapify(h)
print(h)
heapq.heappush(h, 0)
print([heapq.heappop(h) for _ in range(len(h))])
h = [3, 1, 2]
heapq.heapify(h)
print(heapq.heapreplace(h, 7), heapq.heappushpop(h, 0), h)
print(heapq.nsmallest(3, [5, 1, 4, 2, 3]), heapq.nlargest(2, [5, 1, 4, 2, 3]), heapq.nlargest(2, ["bb", "a", "ccc"], key=len))
try:
    queue.Queue().task_done()
except ValueError as e:
    print(e)
print(queue.Empty.__module__, queue.Full.__module__, repr(queue.Empty()))
