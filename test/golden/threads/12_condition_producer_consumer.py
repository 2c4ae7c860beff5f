# A bounded buffer guarded by a Condition: the producer waits while the
# buffer is full, the consumer waits while it is empty. Exactly ten
# items pass through, in order, whatever the scheduling.
import threading

CAPACITY = 2
buffer = []
cond = threading.Condition()
consumed = []
sizes_ok = [True]


def producer(n):
    for i in range(n):
        with cond:
            while len(buffer) >= CAPACITY:
                cond.wait()
            buffer.append(i * i)
            if len(buffer) > CAPACITY:
                sizes_ok[0] = False
            cond.notify()
    with cond:
        while len(buffer) >= CAPACITY:
            cond.wait()
        buffer.append(None)
        cond.notify()


def consumer():
    while True:
        with cond:
            while len(buffer) == 0:
                cond.wait()
            item = buffer.pop(0)
            cond.notify()
        if item is None:
            break
        consumed.append(item)


c = threading.Thread(target=consumer, name="consumer")
p = threading.Thread(target=producer, args=(10,), name="producer")
c.start()
p.start()
p.join()
c.join()
print("consumed:", consumed)
print("count:", len(consumed))
print("buffer never over capacity:", sizes_ok[0])
print("buffer empty at the end:", buffer)

# notify_all wakes every waiter; each checks its own predicate.
gate = threading.Condition(threading.Lock())
state = {"open": False}
woken = [0]


def wait_for_gate():
    with gate:
        while not state["open"]:
            gate.wait()
        woken[0] += 1


waiters = []
for i in range(4):
    waiters.append(threading.Thread(target=wait_for_gate))
for w in waiters:
    w.start()
with gate:
    state["open"] = True
    gate.notify_all()
for w in waiters:
    w.join()
print("woken by notify_all:", woken[0])

try:
    gate.wait()
except RuntimeError as e:
    print("RuntimeError:", e)
