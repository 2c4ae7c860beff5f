import gc, weakref

class A:
    pass

# a weakref that is itself garbage: its callback does not fire
a = A()
a.self = a
a.wr = weakref.ref(a, lambda r: print("never"))
del a
print(gc.collect() >= 2)

# a live weakref to garbage: callback fires once, after the referent is gone
def cb(r):
    print("cb", r() is None)
b = A(); b.self = b
w = weakref.ref(b, cb)
del b
gc.collect()
print(w())

# classes are collected too
def make():
    class Temp:
        pass
    return weakref.ref(Temp)
r = make()
print(r() is None)
gc.collect()
print(r() is None)

# functions can be weakly referenced
def f():
    pass
wf = weakref.ref(f)
print(wf() is f)
del f
print(wf())

# hash of a ref follows the object; a dead ref never hashed cannot be hashed
x = A()
rx = weakref.ref(x)
print(hash(rx) == hash(x), rx == weakref.ref(x))
del x
try:
    hash(weakref.ref(A()))
except TypeError as e:
    print(e)
print(hash(rx) is not None)

# gc.freeze
gc.freeze()
print(gc.get_freeze_count() > 0, gc.get_count()[0])
gc.unfreeze()
print(gc.get_freeze_count())

# WeakValueDictionary entries go away with cycles
d = weakref.WeakValueDictionary()
c = A(); c.me = c
d["c"] = c
del c
print(len(list(d.keys())))
gc.collect()
print(len(d), d.get("c"))
