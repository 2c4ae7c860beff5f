import weakref, gc

class Node:
    def __init__(self, name):
        self.name = name

def cb(r):
    print("callback", r() is None)

n = Node("x")
r = weakref.ref(n, cb)
print(r() is n, r().name)
print(weakref.getweakrefcount(n))
del n
print(r())
print(repr(r).endswith("; dead>"))

a = Node("a"); b = Node("b"); a.b = b; b.a = a
ra = weakref.ref(a, cb)
del a, b
print("collect")
print(gc.collect() >= 2)
print(ra())

for bad in (1, "s", (1,), [1], {}):
    try:
        weakref.ref(bad)
    except TypeError as e:
        print(e)

d = weakref.WeakValueDictionary()
k = Node("k")
d["k"] = k
print(len(d), d["k"].name, "k" in d)
del k
print(len(d), "k" in d, d.get("k"))

class R:
    def __del__(self):
        global saved
        print("resurrect")
        saved = self
r1 = R(); r1.me = r1
del r1
gc.collect()
print(type(saved).__name__)
saved.me = None
del saved

x = Node("f")
f = weakref.finalize(x, print, "finalized", 1)
print(f.alive)
del x
print(f.alive)
