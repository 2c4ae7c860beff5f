# An uncaught exception in the main thread prints its traceback, but the
# interpreter still waits for the non-daemon worker before it exits
# (with status 1): the worker's last lines come after main's.
import threading
import time

started = threading.Event()
results = []


def worker():
    started.wait()
    time.sleep(0.1)
    for i in range(3):
        results.append(i * 10)
    print("worker: still running after main's exception, results =", results)
    print("worker: done")


def check(value):
    if value < 0:
        raise ValueError("negative value: " + str(value))
    return value


t = threading.Thread(target=worker, name="worker")
t.start()
print("main: worker started, alive =", t.is_alive())
print("main: check(5) =", check(5))
started.set()
print("main: about to fail")
check(-1)
print("main: never printed")
