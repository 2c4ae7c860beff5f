# vars(obj): the instance's __dict__ (the same dict), a class's and a module's namespace;
# vars() in a module or class body; TypeError for objects without __dict__.
class P:
    cls_attr = 1
    def __init__(self, x):
        self.x = x
        self.y = [x]
p = P(3)
d = vars(p)
print(d, d is p.__dict__)
d["z"] = 9
print(p.z)
class S:
    __slots__ = ("a",)
for bad in [1, "s", [1], S(), None]:
    try:
        vars(bad)
    except TypeError as e:
        print(type(bad).__name__, e)
for call in [lambda: vars(p, p), lambda: vars(obj=p)]:
    try:
        call()
    except TypeError as e:
        print(e)
print(sorted([k for k in vars(P) if not k.startswith("__")]))
import sys
print(vars(sys) is sys.__dict__, vars() is globals(), vars()["P"] is P)
class Q:
    a = 1
    names = sorted(vars())
print(Q.names)
