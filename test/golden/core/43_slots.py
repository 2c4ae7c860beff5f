# __slots__ restricts which attributes an instance can have.
class Vec:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def length_sq(self):
        return self.x * self.x + self.y * self.y

v = Vec(3, 4)
print(v.x, v.y, v.length_sq())
v.x = 6
print(v.x, v.length_sq())
try:
    v.z = 1
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(v, "z"), hasattr(v, "x"))

class Pixel:
    __slots__ = ("r", "g", "b")

    def __init__(self, r, g, b):
        self.r = r
        self.g = g
        self.b = b

    def gray(self):
        return (self.r + self.g + self.b) // 3

pixels = [Pixel(i * 10, i * 20, i * 30) for i in range(5)]
print([p.gray() for p in pixels])
p = Pixel(1, 2, 3)
setattr(p, "g", 200)
print(getattr(p, "g"), p.gray())

class Partial:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = 1

obj = Partial()
print(obj.a, hasattr(obj, "b"))
try:
    print(obj.b)
except AttributeError as e:
    print("unset slot:", e)
obj.b = 2
print(obj.b)
