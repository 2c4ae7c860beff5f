# Tuples: packing, unpacking, swapping, nesting, immutability.
point = (3, 4)
x, y = point
print(point, x, y)
a, b = 1, 2
a, b = b, a
print(a, b)
single = (5,)
print(single, len(single), type(single).__name__)
print((), len(()), tuple([1, 2]), tuple("ab"))
nested = (1, (2, 3), [4, 5])
n1, (n2, n3), n4 = nested
print(n1, n2, n3, n4)
nested[2].append(6)
print(nested)

def min_max(values):
    lo = values[0]
    hi = values[0]
    for v in values:
        if v < lo:
            lo = v
        if v > hi:
            hi = v
    return lo, hi

low, high = min_max([7, 2, 9, 4])
print("min", low, "max", high)
result = min_max([5])
print(result, type(result).__name__)
pairs = [(1, "a"), (2, "b"), (3, "c")]
for num, letter in pairs:
    print(num, letter)
print((1, 2) + (3,), (0,) * 3)
print((1, 2, 3) < (1, 3), (2,) > (1, 99))
t = (10, 20, 30)
print(t[0], t[-1], len(t), 20 in t)
first, second, third = "xyz"
print(first, second, third)
[p, q] = [8, 9]
print(p + q)
