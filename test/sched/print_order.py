# Two threads print in turns decided by the scheduler: the order is the interleaving.
import threading


def talk(name):
    for i in range(6):
        print(name, i)


threads = [threading.Thread(target=talk, args=(name,)) for name in "ab"]
for t in threads:
    t.start()
for t in threads:
    t.join()
