# Two threads take two locks in opposite orders: a deadlock whenever each holds its
# first lock when the other asks for it.
import threading

a = threading.Lock()
b = threading.Lock()


def step():
    pass


def ab():
    with a:
        step()
        with b:
            pass


def ba():
    with b:
        step()
        with a:
            pass


for i in range(20):
    x = threading.Thread(target=ab)
    y = threading.Thread(target=ba)
    x.start()
    y.start()
    x.join()
    y.join()
print("no deadlock")
