# type(), isinstance() and type names.
values = [0, 1.5, "s", [1], (1,), {"k": 1}, None, True, range(2)]
for v in values:
    print(repr(v), "->", type(v).__name__)
print(isinstance(3, int), isinstance(3.0, int), isinstance(3.0, float))
print(isinstance(True, int), isinstance(True, bool), isinstance(1, bool))
print(isinstance("x", (int, str)), isinstance([], (int, str)))
print(isinstance(None, object), isinstance(int, object))
print(type(3) == int, type(True) == int, type("a") is str)
print(type(1 + 2.0).__name__, type(7 // 2).__name__, type(7 / 7).__name__)
print(type(3 * "ab").__name__, type([] + []).__name__)

class Base:
    pass

class Derived(Base):
    pass

d = Derived()
print(type(d).__name__, isinstance(d, Base), isinstance(Base(), Derived))
print(type(d) is Derived, type(d) is Base)
print(type(Derived).__name__, type(Base()).__name__)

def classify(x):
    if isinstance(x, bool):
        return "bool"
    if isinstance(x, int):
        return "int"
    if isinstance(x, (list, tuple)):
        return "sequence of " + str(len(x))
    return "other: " + type(x).__name__

print([classify(x) for x in [True, 5, [1, 2], (), "s", 2.0, None]])
print(type(object()).__name__, isinstance(object(), object))
