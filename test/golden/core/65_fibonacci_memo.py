# Fibonacci with a memo dict, a closure cache, and iteration.
memo = {0: 0, 1: 1}
calls = 0

def fib(n):
    global calls
    calls += 1
    if n in memo:
        return memo[n]
    result = fib(n - 1) + fib(n - 2)
    memo[n] = result
    return result

print(fib(30), "calls:", calls)
calls = 0
print(fib(31), "calls:", calls)
print(fib(100))
print(len(memo))

def make_cached(func):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = func(n)
        return cache[n]
    return wrapper

def slow_square(n):
    print("computing", n)
    return n * n

fast_square = make_cached(slow_square)
print(fast_square(4), fast_square(4), fast_square(5), fast_square(4))

def fib_iter(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

print([fib_iter(i) for i in range(20)])
print(fib_iter(100) == fib(100))
print(fib_iter(300))
