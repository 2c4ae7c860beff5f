import sys
import _thread

shared = object()
n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
items = [None] * n
done = [_thread.allocate_lock(), _thread.allocate_lock()]
keep = [shared, items, done[0], done[1]] * 1000


def reader(lock):
    for _ in items:
        x = shared
    lock.release()


for lock in done:
    lock.acquire()
for lock in done:
    _thread.start_new_thread(reader, (lock,))
for lock in done:
    lock.acquire()
print("references to shared beyond keep's:", sys.getrefcount(shared) - 1000)
