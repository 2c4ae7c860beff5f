# is_alive() before start, while running and after join; join(timeout)
# on a thread that sleeps longer returns with the thread still alive,
# and a plain join() then waits for the end.
import threading
import time

go = threading.Event()


def waiter():
    go.wait()


def sleeper():
    time.sleep(0.6)


t = threading.Thread(target=waiter)
print("before start: alive =", t.is_alive(), "ident is None =", t.ident is None)
t.start()
print("blocked on an event: alive =", t.is_alive(), "ident is None =", t.ident is None)
go.set()
t.join()
print("after join: alive =", t.is_alive(), "ident is None =", t.ident is None)

s = threading.Thread(target=sleeper)
s.start()
r = s.join(0.1)
print("join(0.1) returned", r, "and the thread is alive:", s.is_alive())
r = s.join(timeout=0.05)
print("join(timeout=0.05) returned", r, "alive:", s.is_alive())
s.join()
print("plain join: alive =", s.is_alive())
s.join()
s.join(0.01)
print("joining a finished thread again returns at once:", s.is_alive())
