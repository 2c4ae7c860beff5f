# Class attributes read in hot loops while classes change: every read sees the change at
# once (the type attribute cache, CPython's MCACHE, is invalidated by every class
# attribute store and delete), for a base class, a subclass shadowing it, a method
# replaced, an attribute added after a miss, classes made and freed in a loop (their
# ids never reused), and a class cleared by the cyclic GC.
import gc
import sys


class A:
    x = 1

    def f(self):
        return "A.f"


class B(A):
    pass


b = B()
out = []
for i in range(200):
    out.append((b.x, b.f()))
    if i == 50:
        A.x = 2
    if i == 100:
        B.x = 3
    if i == 120:
        del B.x
    if i == 150:
        A.f = lambda self: "new f"
    if i == 170:
        B.f = lambda self: "B.f"
print(out[0], out[51], out[101], out[121], out[151], out[171], out[199])
print(len(set(out)))


def make(n):
    class C:
        v = n

        def get(self):
            return self.v

    return C


total = 0
for n in range(300):
    C = make(n)
    c = C()
    total += c.get() + c.v
    if n % 50 == 0:
        gc.collect()
print(total)


class D:
    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return "D(%d)" % self.v


ds = [D(i) for i in range(5)]
print(ds)
D.__repr__ = lambda self: "d" + str(self.v)
print(ds)
try:
    B().nope
except AttributeError as e:
    print(e)
B.nope = 5
print(B().nope)
hits = 0
for i in range(100):
    if hasattr(b, "late"):
        hits += 1
    if i == 60:
        A.late = None
print(hits)


# A class in a reference cycle, freed by the collector (which clears its dict).
class Cyclic:
    pass


Cyclic.me = Cyclic
r = Cyclic.__name__
del Cyclic
print(r, gc.collect() > 0)
print(sys.getrefcount(A.f) >= 2)
