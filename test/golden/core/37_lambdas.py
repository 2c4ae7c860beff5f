# Lambda expressions.
square = lambda x: x * x
add = lambda a, b: a + b
print(square(7), add(2, 3), (lambda: "no args")())
print((lambda x, y=10: x + y)(5), (lambda x, y=10: x + y)(5, 1))
points = [(3, 1), (1, 2), (2, -5), (0, 0)]
print(sorted(points, key=lambda p: p[1]))
print(sorted(points, key=lambda p: p[0] * p[0] + p[1] * p[1]))
words = ["Banana", "apple", "Cherry"]
print(sorted(words))
print(sorted(words, key=lambda w: w.lower()))
ops = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
}
for symbol in ["+", "-", "*", "/"]:
    print(7, symbol, 2, "=", ops[symbol](7, 2))
compose = lambda f, g: lambda x: f(g(x))
inc = lambda x: x + 1
print(compose(square, inc)(3), compose(inc, square)(3))
adders = [lambda x, n=n: x + n for n in range(4)]
print([f(100) for f in adders])
apply_twice = lambda f, x: f(f(x))
print(apply_twice(square, 3), apply_twice(lambda s: s + "!", "hi"))
is_even = lambda n: n % 2 == 0
print([n for n in range(10) if is_even(n)])
print(max([3, 9, 2]), min(["pear", "fig"]))
