# Loops long enough to run as translated code, with values on the stack whose reference
# counts, exceptions and rebinding the translation must get exactly right.
import sys

def self_ops(n):
    out = []
    for i in range(n):
        x = [i]
        x += x            # the same local twice, then stored over itself
        x = x             # a value stored back into its own local
        y = x
        x = [0] * 2       # rebinding while another local still holds the old list
        out.append(len(x) + len(y))
    return out, sys.getrefcount(y), sys.getrefcount(x)

def nested(n):
    total = 0
    for i in range(n):
        a, b, c, d = i, i + 1, 2 ** 31 + i, 7
        total += a - b * c + d // (i % 5 + 1) - (a % d) * (b ^ d)
        a, b = b, a
        total -= a - b
    return total

def raising(n):
    caught = []
    data = [1, 2, 3]
    table = {"k": 1}
    for i in range(n):
        s = "s" + str(i % 3)
        try:
            caught.append(i + s)
        except TypeError as e:
            caught.append(type(e).__name__)
        try:
            caught.append(data[i])
        except IndexError:
            caught.append("index")
        try:
            caught.append(table[s])
        except KeyError as e:
            caught.append(repr(e))
        try:
            if s < i:
                caught.append("lt")
        except TypeError:
            caught.append("cmp")
    return caught[:12], len(caught), sys.getrefcount(data), sys.getrefcount(table)

def shadowing(n):
    x = [1, 2]
    out = []
    for i in range(n):
        out.append(x + [x for x in range(i % 3)])
    return out[-3:], x, sys.getrefcount(x)

def truthiness(n):
    count = 0
    items = [0, 1, "", "a", [], [0], None, 2.5]
    for i in range(n):
        v = items[i % 8]
        if v:
            count += 1
        if not v:
            count -= 2
        if v is None:
            count += 10
    return count

print(self_ops(200))
print(nested(300))
print(raising(150))
print(shadowing(100))
print(truthiness(400))
