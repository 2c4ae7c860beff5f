# At exit __main__'s module goes, and its dict (which every function and class here refers
# to) is collected like any other garbage: each __del__ runs first, with every global still
# there; weakrefs that are garbage themselves die without calling their callbacks.
import weakref


class Resource:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("closing", self.name, "in", SETTINGS["mode"], "mode;", len(refs), "refs")


SETTINGS = {"mode": "safe"}


class Plain:
    pass


log = []
refs = []
for i in range(50):
    p = Plain()
    refs.append(weakref.ref(p, lambda w, i=i: log.append(i)))
    if i % 2:
        refs.append(p)
alive = [r for r in refs if isinstance(r, weakref.ref) and r() is not None]
print(len(alive), "alive,", len(log), "callbacks so far")
res = Resource("db")
print("end of the program")
