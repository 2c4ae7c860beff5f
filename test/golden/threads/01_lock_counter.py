# Four threads increment one shared counter under a threading.Lock.
# With the lock held around the read-modify-write, no update is lost,
# so the total is exact on every run.
import threading

counter = 0
lock = threading.Lock()
per_thread = [0, 0, 0, 0]


def work(index, times):
    global counter
    for i in range(times):
        with lock:
            counter += 1
        per_thread[index] += 1


threads = []
for i in range(4):
    t = threading.Thread(target=work, args=(i, 10000))
    threads.append(t)
for t in threads:
    t.start()
for t in threads:
    t.join()

print("expected:", 4 * 10000)
print("got:", counter)
print("per thread:", per_thread)
print("lock held at the end:", lock.locked())

# The same with explicit acquire/release and a try/finally.
total = 0


def add_up(n):
    global total
    for i in range(n):
        lock.acquire()
        try:
            total = total + i
        finally:
            lock.release()


threads = []
for k in range(4):
    threads.append(threading.Thread(target=add_up, args=(1000,)))
for t in threads:
    t.start()
for t in threads:
    t.join()
print("sum of range(1000) four times:", total, total == 4 * sum(range(1000)))
