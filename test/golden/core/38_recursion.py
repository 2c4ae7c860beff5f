# Recursive functions.
def factorial(n):
    if n <= 1:
        return 1
    return n * factorial(n - 1)

print([factorial(n) for n in range(8)], factorial(25))

def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

print([fib(n) for n in range(15)])

def total(items):
    if not items:
        return 0
    return items[0] + total(items[1:])

print(total([1, 2, 3, 4, 5]))

def flatten(value):
    if not isinstance(value, list):
        return [value]
    out = []
    for item in value:
        out.extend(flatten(item))
    return out

print(flatten([1, [2, [3, [4, 5]], 6], [[7]], []]))

def power(base, exp):
    if exp == 0:
        return 1
    half = power(base, exp // 2)
    if exp % 2 == 0:
        return half * half
    return half * half * base

print(power(3, 13), power(2, 100))

def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))

print(ackermann(2, 3), ackermann(3, 3))

def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)

print("depth 500:", depth(500))
