# The daemon flag: False by default in the main thread, inherited from the
# thread that creates the Thread object, settable only before start().
# The program does not wait for a daemon thread at exit.
import threading

never = threading.Event()
flags = []


def child_maker():
    child = threading.Thread(target=noop)
    flags.append(child.daemon)


def noop():
    pass


def blocked_forever():
    never.wait()
    print("never printed")


a = threading.Thread(target=noop)
print("default:", a.daemon)
b = threading.Thread(target=noop, daemon=True)
print("daemon=True:", b.daemon)
a.daemon = True
print("set before start:", a.daemon)

m1 = threading.Thread(target=child_maker)
m2 = threading.Thread(target=child_maker, daemon=True)
m1.start()
m1.join()
m2.start()
m2.join()
print("inherited by a thread created in a normal / daemon thread:", flags)

ghost = threading.Thread(target=blocked_forever, name="ghost", daemon=True)
ghost.start()
try:
    ghost.daemon = False
except RuntimeError as e:
    print("RuntimeError:", e)
print("ghost alive:", ghost.is_alive(), "daemon:", ghost.daemon)
print("main exits without waiting for the daemon thread")
