# Function calls: frames, arguments, returns, global and built-in lookups, recursion.
def add(a, b):
    return a + b


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def main():
    t = 0
    for i in range(1200000):
        t = add(t, i) % 1000003 + len("abc")
    print(t, fib(24))


main()
