# with statements using a class with __enter__ and __exit__.
class Resource:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        if exc_type is None:
            print("exit", self.name, "cleanly")
        else:
            print("exit", self.name, "with", exc_type.__name__, exc_value)
        return self.suppress

with Resource("A") as r:
    print("using", r.name)

with Resource("B", suppress=True):
    print("about to fail")
    raise ValueError("boom")
print("B's error was suppressed")

try:
    with Resource("C"):
        raise KeyError("c-key")
except KeyError as e:
    print("propagated:", repr(e))

with Resource("outer") as o:
    with Resource("inner") as i:
        print("nested", o.name, i.name)

def early_return():
    with Resource("D"):
        return "returned from inside with"

print(early_return())
for n in range(3):
    with Resource("loop" + str(n)):
        if n == 1:
            continue
        print("body", n)

class Lock:
    def __init__(self):
        self.held = False
    def __enter__(self):
        self.held = True
    def __exit__(self, a, b, c):
        self.held = False

lock = Lock()
with lock:
    print("held inside:", lock.held)
print("held after:", lock.held)
