# Keys of user classes in dicts and sets: hashed by __hash__, compared by __eq__.
class Point:
    calls = 0
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __eq__(self, other):
        Point.calls += 1
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __repr__(self):
        return f"Point({self.x}, {self.y})"

grid = {}
for x in range(3):
    for y in range(3):
        grid[Point(x, y)] = x * 3 + y
grid[Point(1, 1)] = "center"
print(len(grid), grid[Point(1, 1)], Point(2, 2) in grid, Point(5, 5) in grid)
print(grid.get(Point(0, 2)), grid.get(Point(9, 9), "missing"), grid.pop(Point(2, 0)), len(grid))
print(grid.setdefault(Point(0, 0), "new"), grid.setdefault(Point(7, 7), "new"), len(grid))
del grid[Point(7, 7)]
print(len(grid))

seen = set()
dupes = 0
for p in [Point(1, 2), Point(2, 1), Point(1, 2), Point(3, 3), Point(2, 1)]:
    if p in seen:
        dupes += 1
    seen.add(p)
print(len(seen), dupes)
a = {Point(0, 0), Point(1, 1), Point(2, 2)}
b = {Point(1, 1), Point(2, 2), Point(3, 3)}
print(len(a | b), len(a & b), len(a - b), len(a ^ b), Point(3, 3) in (a | b))
a.update(b)
print(len(a))
a.discard(Point(0, 0))
a.remove(Point(3, 3))
print(len(a), sorted([(p.x, p.y) for p in a]))
print(a == {Point(1, 1), Point(2, 2)}, a <= b)

merged = {Point(0, 0): "a"}
merged.update({Point(0, 0): "b", Point(1, 0): "c"})
print(len(merged), merged[Point(0, 0)])
both = {**merged, **{Point(1, 0): "d"}}
print(len(both), both[Point(1, 0)])
print(len({Point(i % 3, 0): i for i in range(9)}), len({Point(0, i % 2) for i in range(10)}))
print(len(dict([(Point(1, 1), 1), (Point(1, 1), 2)])))
routes = {(Point(0, 0), Point(1, 1)): "diag"}
print(routes[(Point(0, 0), Point(1, 1))], (Point(0, 0), Point(2, 2)) in routes)

class Same:
    def __init__(self, v): self.v = v
    def __hash__(self): return 7
    def __eq__(self, other): return isinstance(other, Same) and self.v == other.v
buckets = {}
for i in range(30):
    buckets[Same(i % 6)] = i
print(len(buckets), [buckets[Same(k)] for k in range(6)])

class Id:
    pass
ids = {Id(): 1, Id(): 2}
print(len(ids))

class NoHash:
    def __eq__(self, other): return True
for make in [lambda: {NoHash(): 1}, lambda: {NoHash()}, lambda: hash(NoHash())]:
    try:
        make()
    except TypeError as e:
        print("TypeError:", e)
print(NoHash.__hash__)

class BadHash:
    def __hash__(self): raise ValueError("no hash today")
try:
    {BadHash(): 1}
except ValueError as e:
    print("ValueError:", e)

class IntLike:
    def __init__(self, v): self.v = v
    def __hash__(self): return hash(self.v)
    def __eq__(self, other): return self.v == other
nums = {1: "one", 2: "two"}
print(nums[IntLike(2)], IntLike(3) in nums)
Point.calls = 0
lookup = {Point(i, i): i for i in range(50)}
found = sum([lookup[Point(i, i)] for i in range(50)])
print(found, Point.calls)
