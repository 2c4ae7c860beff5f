# The interpreter's warm-up (src/runtime/warmup.ts), and the build's code-cache training
# run (scripts/bundle.mjs). A worker runs this on a small private heap while the main
# thread compiles the program and boots the real heap, so V8 has seen the eval loop's
# common paths (ints past one digit, range and list loops run out, list and dict methods,
# calls and returns, classes, exceptions) before the program runs: a path first taken
# inside optimized code throws that code away ("insufficient type feedback") and the
# program runs unoptimized until V8 has compiled the loop again.
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


def ints(n):
    total = 0
    i = 0
    while i < n:
        total += i * 2 % 7 - (i // 3) + (i & 5)
        i += 1
    big = 1 << 28
    for k in range(n):
        big = big * 3 + k * k * 100000
        if big > 1 << 80:
            big = big // (1 << 50) - k
    return total + big + (-7 // 2) + 2 ** 70 + int(7 / 2)


def lists(n):
    out = []
    for i in range(n):
        out.append(i * i * 100000)
    total = 0
    for x in out:
        total += x
    small = [x % 10 for x in out if x]
    small.sort()
    return total + len(small) + out[n // 2] + out[-1] + sum(small[1:4]) + max(small)


def dicts(n):
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
    counts = {}
    for i in range(n):
        w = words[i % 8]
        counts[w] = counts.get(w, 0) + 1
    squares = {}
    for i in range(n):
        squares[i] = i * i
    seen = set(words)
    evens = {i: i // 2 for i in range(10)}
    total = 0
    for k, v in counts.items():
        if k in seen and v > 0:
            total += v + squares[len(k)] + evens[4]
    return total + len(squares) + len(sorted(counts))


def note(log, item):
    if item is None or item in log:
        return
    log.append(item)


def calls(n):
    log = []
    for i in range(n):
        note(log, i % 50)
        note(log, None)
    return len(log)


def main():
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
    t = (1, 2.5, "s", None, True)
    a, b, *rest = [1, 2, 3, 4]
    s = "-".join(map(str, t)).upper().replace("NONE", "none").strip()
    work = 0
    for rep in range(3):
        work += ints(600) + lists(400) + dicts(400) + calls(200)
    print(fib(12), pts[0], add(0), err, s[1:4], rest, isinstance(a, int), max(b, 3),
          sys.getrefcount(pts) > 0, time.perf_counter() > 0, "%d %s" % (1, "x"), work)


main()
