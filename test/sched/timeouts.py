# Sleeps and timeouts under --schedule run on a virtual clock: a join(timeout) shorter
# than the thread's sleep returns with it alive, whatever the machine's load.
import threading
import time

log = []
lock = threading.Lock()


def sleeper(n):
    for i in range(3):
        time.sleep(0.01 * n)
        log.append(n)


threads = [threading.Thread(target=sleeper, args=(n,)) for n in (3, 1, 2)]
for t in threads:
    t.start()
threads[0].join(0.02)
print("after join(0.02): thread 3 alive", threads[0].is_alive())
for t in threads:
    t.join()
print(log)
lock.acquire()
print("acquire(timeout=0.5) of a held lock:", lock.acquire(timeout=0.5))
