# The ** operator: ints, negative exponents, floats, big results.
print(2 ** 10, 3 ** 4, 10 ** 0, 0 ** 0)
print((-2) ** 3, (-2) ** 4, -2 ** 2)
print(2 ** -1, 2 ** -2, 10 ** -3)
print(4 ** 0.5, 2 ** 0.5, 9 ** -0.5)
print(2.5 ** 2, 1.1 ** 2)
print(2 ** 64)
print(2 ** 100)
print(7 ** 50)
print((-3) ** 41)
print(2 ** 3 ** 2, (2 ** 3) ** 2)

base = 3
result = 1
powers = []
for i in range(8):
    powers.append(result)
    result *= base
print(powers)
print([base ** i for i in range(8)] == powers)

n = 2
x = n ** 200
print(len(str(x)), "digits")
print(str(x)[:10], "...", str(x)[-10:])
e = 1
e **= 3
print(e)
