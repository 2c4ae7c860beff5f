# `counter = counter + one()` from two threads with no lock: a thread switched out
# inside one() stores a stale value when it comes back, and updates are lost. Under
# --schedule SEED which ones are lost is fixed by the seed.
import threading

counter = 0


def one():
    return 1


def work():
    global counter
    for i in range(2000):
        counter = counter + one()


threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter)
