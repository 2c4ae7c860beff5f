# gc.get_referrers / get_referents / is_finalized; weak references to sets and bound methods
# (a bound method made on the fly dies at once, and so does its weakref target).
import gc, weakref

class A:
    def __init__(self):
        self.x = [1, 2]
    def m(self):
        pass
    def __del__(self):
        pass

a = A()
lst = [a, "s"]
print(any([r is lst for r in gc.get_referrers(a)]))
print([type(x).__name__ for x in gc.get_referents(lst)])
print(gc.get_referents(1, "x"))
print(gc.is_finalized(a))
b = A(); b.me = b
del b
gc.collect()
s = {1, 2}
ws = weakref.ref(s)
print(ws() is s)
del s
print(ws())
m = a.m
wm = weakref.ref(m)
print(wm() is m)
del m
print(wm())
print(weakref.ref(a.m)())
