# A class's own __setattr__ and __delattr__ (slot_tp_setattro) for every store and delete,
# setattr() and delattr() too, and object.__setattr__ / object.__delattr__ doing the real work.
class I:
    def __setattr__(self, k, v):
        object.__setattr__(self, k, v * 2)
i = I()
i.a = 5
setattr(i, "b", 7)
print(i.a, i.b)
class Log:
    def __init__(self):
        self.log = []
    def __setattr__(self, name, value):
        if name != "log":
            self.log.append(name)
        super().__setattr__(name, value)
    def __delattr__(self, name):
        self.log.append("del " + name)
        object.__delattr__(self, name)
g = Log()
for n in range(100):
    g.x = n
del g.x
print(len(g.log), g.log[:2], g.log[-1], hasattr(g, "x"))
class Frozen:
    __slots__ = ("v",)
    def __init__(self, v):
        object.__setattr__(self, "v", v)
    def __setattr__(self, k, v):
        raise AttributeError("frozen")
f = Frozen(3)
try:
    f.v = 4
except AttributeError as e:
    print(e, f.v)
try:
    object.__setattr__(f, 5, 1)
except TypeError as e:
    print(e)
class P:
    pass
p = P()
object.__setattr__(p, "q", 1)
print(p.q)
object.__delattr__(p, "q")
print(hasattr(p, "q"))
