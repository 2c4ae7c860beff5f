# Classes: __init__, instance attributes, methods.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def move(self, dx, dy):
        self.x += dx
        self.y += dy

    def distance_sq(self, other):
        dx = self.x - other.x
        dy = self.y - other.y
        return dx * dx + dy * dy

    def describe(self):
        return f"Point({self.x}, {self.y})"

p = Point(1, 2)
q = Point(4, 6)
print(p.describe(), q.describe())
print("distance^2:", p.distance_sq(q))
p.move(3, 4)
print(p.describe(), p.x, p.y)
print(p.distance_sq(q))
p.label = "moved"
print(p.label)
print(type(p).__name__, isinstance(p, Point), isinstance(3, Point))

class Rectangle:
    def __init__(self, width, height):
        self.width = width
        self.height = height

    def area(self):
        return self.width * self.height

    def scale(self, factor):
        return Rectangle(self.width * factor, self.height * factor)

r = Rectangle(3, 4)
big = r.scale(10)
print(r.area(), big.area(), big.width, big.height)
shapes = [Rectangle(1, 1), Rectangle(2, 5), Rectangle(3, 3)]
print([s.area() for s in shapes])
print(sorted([s.area() for s in shapes], reverse=True))
area_method = r.area
r.width = 10
print(area_method())
