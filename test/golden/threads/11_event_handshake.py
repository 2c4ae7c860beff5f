# Two Events force a strict ping-pong between the main thread and a
# worker, so prints from both threads come out in a fixed order.
import threading

ping = threading.Event()
pong = threading.Event()
log = []


def player():
    for i in range(3):
        ping.wait()
        ping.clear()
        print("  worker: pong", i)
        log.append("pong")
        pong.set()


print("is_set at first:", ping.is_set())
print("wait(0.01) on an unset event returns", ping.wait(0.01))
t = threading.Thread(target=player)
t.start()
for i in range(3):
    print("main: ping", i)
    log.append("ping")
    ping.set()
    pong.wait()
    pong.clear()
t.join()
print("log:", log)

ready = threading.Event()
ready.set()
print("wait on a set event returns", ready.wait(), "and", ready.wait(0.01))
ready.clear()
print("after clear:", ready.is_set())

# One event releases several waiting threads at once.
start = threading.Event()
done = [False, False, False]


def runner(i):
    start.wait()
    done[i] = True


runners = []
for i in range(3):
    runners.append(threading.Thread(target=runner, args=(i,)))
for r in runners:
    r.start()
print("before set:", done)
start.set()
for r in runners:
    r.join()
print("after set and join:", done)
