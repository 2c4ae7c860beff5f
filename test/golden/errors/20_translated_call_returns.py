# Calls from a hot loop into hot functions without loops (translated code calls the
# callee's translation and makes the return itself): every way back out of the callee.
import sys


def ident(x):
    return x


def const(x):
    return None


def add(a, b=10):
    return a + b


def fail(x):
    if x == 150:
        raise ValueError("bad %d" % x)
    return x


def caught(x):
    try:
        if x % 50 == 0:
            raise KeyError(x)
        return x
    except KeyError as e:
        return -1


def divide(x):
    return 100 // (x - 120)


def closure(n):
    def inner():
        return n + 1
    return inner()


def untranslated(x):
    # A call to a function with a loop, then a return (the caller still goes on).
    t = 0
    for i in range(3):
        t += i
    return x + t


def refs(obj):
    return sys.getrefcount(obj)


total = 0
errors = []
for i in range(300):
    total += ident(i) + add(i) + add(i, b=1) + caught(i) + closure(i) + untranslated(i)
    if const(i) is not None:
        total = -1
    try:
        total += fail(i)
    except ValueError as e:
        errors.append(str(e))
    try:
        total += divide(i)
    except ZeroDivisionError as e:
        errors.append(type(e).__name__ + ": " + str(e))
print(total, errors)

lst = [1, 2, 3]
counts = [refs(lst) for _ in range(200)]
print(counts[0], counts[-1], sys.getrefcount(lst))


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


print([depth(k) for k in range(100, 300, 50)])
try:
    depth(100000)
except RecursionError as e:
    print("RecursionError", e)


def boom(x):
    if x == 199:
        return x.missing
    return x


def run():
    t = 0
    for i in range(200):
        t += boom(i)
    return t


run()
