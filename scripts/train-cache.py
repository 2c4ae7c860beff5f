# The code-cache training run (scripts/bundle.mjs): a little of everything common, so
# V8 saves the bytecode of the compiler and interpreter paths most programs take.
import sys
import time


class Point:
    count = 0

    def __init__(self, x, y=0):
        self.x = x
        self.y = y
        Point.count += 1

    def norm(self):
        return abs(self.x) + abs(self.y)

    def __repr__(self):
        return f"Point({self.x!r}, {self.y})"


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def counter():
    total = 0

    def add(k):
        nonlocal total
        total += k
        return total
    return add


def main():
    words = "the quick brown fox jumps over the lazy dog".split()
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    squares = [i * i for i in range(50) if i % 3]
    evens = {i: i // 2 for i in range(10)}
    seen = set(words)
    pts = sorted([Point(i, -i) for i in range(5)], key=lambda p: p.norm())
    add = counter()
    for i in range(20):
        add(i)
    try:
        {}["missing"]
    except KeyError as e:
        err = repr(e)
    else:
        err = ""
    finally:
        pass
    i = 0
    while i < 100:
        i += 1
    t = (1, 2.5, "s", None, True)
    a, b, *rest = [1, 2, 3, 4]
    s = "-".join(map(str, t)).upper().replace("NONE", "none").strip()
    print(fib(10), len(counts), sum(squares), evens[4], len(seen), pts[0], add(0), err,
          s[1:4], rest, isinstance(a, int), max(b, 3), min(squares), sys.getrefcount(pts) > 0,
          time.perf_counter() > 0, "%d %s" % (1, "x"), 7 / 2, 2 ** 70, -7 // 2)


main()
