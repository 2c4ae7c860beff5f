# sys.getsizeof of instances with and without __slots__.
import sys

class Slotted:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

class ThreeSlots:
    __slots__ = ("a", "b", "c")

class NoSlots:
    def __init__(self, x, y):
        self.x = x
        self.y = y

s = Slotted(1, 2)
print("two slots:", sys.getsizeof(s))
print("three slots:", sys.getsizeof(ThreeSlots()))
print("slot values do not change the size:", sys.getsizeof(Slotted(10 ** 50, "long" * 50)) == sys.getsizeof(s))

n = NoSlots(1, 2)
print("slots instance is no bigger:", sys.getsizeof(s) <= sys.getsizeof(n))
before = sys.getsizeof(n)
n.z = [1, 2, 3]
print("adding an attribute keeps getsizeof of the instance:", sys.getsizeof(n) == before)
print("has __dict__:", hasattr(n, "__dict__"), hasattr(s, "__dict__"))

class Empty:
    __slots__ = ()

print("no slots at all:", sys.getsizeof(Empty()))
many = [Slotted(i, i) for i in range(1000)]
total = 0
for obj in many:
    total += sys.getsizeof(obj)
print("1000 slotted instances:", total, "bytes (+ list", sys.getsizeof(many), ")")
