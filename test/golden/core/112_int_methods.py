# int.bit_count, conjugate and as_integer_ratio, on ints, big ints and bools.
for x in [0, 1, 7, -7, 255, -256, 2**100 - 1, -(2**70), True, False]:
    print(x, x.bit_count(), x.conjugate(), type(x.conjugate()).__name__, x.as_integer_ratio())
big = 3**80
print(big.conjugate() is big, (5).conjugate() == 5)
n, d = (-12).as_integer_ratio()
print(n, d, type(n).__name__, type(d).__name__)
print(True.as_integer_ratio(), type(True.as_integer_ratio()[0]).__name__)
for call in [lambda: (3).bit_count(1), lambda: (3).conjugate(1), lambda: (3).as_integer_ratio(1, 2)]:
    try:
        call()
    except TypeError as e:
        print(e)
