# RLock can be acquired again by the thread that holds it; a plain Lock
# cannot. The RLock is free only after as many releases as acquires,
# and only its owner may release it.
import threading

rlock = threading.RLock()
print("acquire:", rlock.acquire())
print("acquire again:", rlock.acquire())
print("acquire(blocking=False) again:", rlock.acquire(blocking=False))
rlock.release()
rlock.release()
rlock.release()
try:
    rlock.release()
except RuntimeError as e:
    print("one release too many:", e)

lock = threading.Lock()
lock.acquire()
print("plain Lock, second acquire(blocking=False):", lock.acquire(blocking=False))
lock.release()

# Recursion that takes the same RLock at every level.
depths = []


def countdown(n):
    with rlock:
        depths.append(n)
        if n > 0:
            countdown(n - 1)


countdown(5)
print("levels visited:", depths)

with rlock:
    with rlock:
        print("nested with on one RLock works")

# Another thread cannot take it while we hold it, and cannot release it.
log = []


def intruder():
    log.append(rlock.acquire(blocking=False))
    try:
        rlock.release()
    except RuntimeError as e:
        log.append(str(e))


rlock.acquire()
t = threading.Thread(target=intruder)
t.start()
t.join()
rlock.release()
print("other thread:", log)

t = threading.Thread(target=countdown, args=(3,))
depths = []
t.start()
t.join()
print("free again, another thread recursed:", depths)
