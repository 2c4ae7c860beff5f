# An uncaught exception ends only the thread it happens in: threading
# prints "Exception in thread NAME:" and the traceback to stderr, and the
# main thread goes on and exits with status 0.
import threading


class ConfigError(Exception):
    pass


def parse(text):
    return int(text)


def work(items):
    total = 0
    for item in items:
        print("work: item", item)
        total += parse(item)
    print("work: never reaches here", total)


def load(path):
    print("load:", path)
    raise ConfigError("missing key 'port' in " + path)


t = threading.Thread(target=work, args=(["1", "2", "x3"],))
t.start()
t.join()
print("main: first thread done, alive =", t.is_alive())

u = threading.Thread(target=load, args=("app.cfg",), name="loader")
u.start()
u.join()
print("main: second thread done, alive =", u.is_alive())

results = []


def store(value):
    results.append(value)


v = threading.Thread(target=store, args=(42,))
v.start()
v.join()
print("main: a third thread still works:", results)
print("main: exiting normally")
