# The RuntimeErrors that Thread raises when it is used the wrong way.
import threading

result = []


def job():
    result.append("ran")


def join_self():
    try:
        threading.current_thread().join()
    except RuntimeError as e:
        result.append(str(e))


t = threading.Thread(target=job)
try:
    t.join()
except RuntimeError as e:
    print("join before start:", e)
t.start()
t.join()
try:
    t.start()
except RuntimeError as e:
    print("start twice:", e)
print("the job ran once:", result)

try:
    threading.current_thread().join()
except RuntimeError as e:
    print("main joins itself:", e)

s = threading.Thread(target=join_self)
s.start()
s.join()
print("a thread joins itself:", result[1])

# Catching an exception inside the target keeps stderr quiet.
caught = []


def careful(d):
    try:
        caught.append(d["missing"])
    except KeyError as e:
        caught.append("KeyError " + repr(e.args[0]))


k = threading.Thread(target=careful, args=({"present": 1},))
k.start()
k.join()
print("caught in the thread:", caught)
