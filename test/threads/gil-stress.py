# Stress for the GIL's invariant: 8 threads mixing CPU work, allocation, sleeps (GIL
# released), lock hand-offs and shared-list appends. gilsim counts any moment two
# threads run bytecode at once; with the GIL there must be none.
import threading
import time

lock = threading.Lock()
shared = []
totals = [0] * 8


def worker(k):
    acc = 0
    for i in range(3000):
        acc += (i * k) % 7
        if i % 500 == 0:
            time.sleep(0.0005)
        if i % 100 == 0:
            with lock:
                shared.append(k)
        if i % 250 == 0:
            junk = [str(j) for j in range(20)]
            acc += len(junk)
    totals[k] = acc


threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(shared), sum(totals))
