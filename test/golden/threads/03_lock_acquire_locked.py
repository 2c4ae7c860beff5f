# Lock basics: locked(), acquire(blocking=False), acquire(timeout=...),
# the with statement, and the errors a Lock raises.
import threading

lock = threading.Lock()
print("new lock locked:", lock.locked())
print("acquire:", lock.acquire())
print("locked:", lock.locked())
print("acquire(blocking=False) while held:", lock.acquire(blocking=False))
print("acquire(False) while held:", lock.acquire(False))
lock.release()
print("after release:", lock.locked())
print("acquire(blocking=False) when free:", lock.acquire(blocking=False))
lock.release()

with lock:
    print("inside with:", lock.locked())
print("after with:", lock.locked())

try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    lock.acquire(blocking=False, timeout=1)
except ValueError as e:
    print("ValueError:", e)

# Another thread tries the lock while the main thread holds it.
seen = []


def try_it():
    seen.append(lock.acquire(blocking=False))
    seen.append(lock.acquire(timeout=0.05))


lock.acquire()
t = threading.Thread(target=try_it)
t.start()
t.join()
print("other thread while main holds it:", seen)

# The main thread releases; a blocked acquire in the other thread then succeeds.
def wait_for_it():
    lock.acquire()
    print("worker: got the lock")
    lock.release()


t = threading.Thread(target=wait_for_it)
t.start()
print("main: releasing")
lock.release()
t.join()
print("main: worker done, locked:", lock.locked())
