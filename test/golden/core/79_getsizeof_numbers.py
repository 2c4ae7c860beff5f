# sys.getsizeof of ints, floats, bools and None (64-bit CPython).
import sys

for n in [1, 7, 255, -1, 2 ** 29, 2 ** 30, 2 ** 60, 2 ** 90, 10 ** 100, -(2 ** 64)]:
    print(n, sys.getsizeof(n))

print("int digits are 30 bits:")
for bits in [1, 29, 30, 31, 59, 60, 61, 120, 300]:
    print(bits, sys.getsizeof(2 ** bits))

print("floats:", sys.getsizeof(1.5), sys.getsizeof(-0.0), sys.getsizeof(1e300), sys.getsizeof(float("inf")))
print("bools:", sys.getsizeof(True), sys.getsizeof(False) == sys.getsizeof(0))
print("None:", sys.getsizeof(None))

big = 1
sizes = []
for i in range(8):
    sizes.append(sys.getsizeof(big))
    big = big * 10 ** 10
print("growing by 10**10 each step:", sizes)
print(sys.getsizeof(3.0) == sys.getsizeof(3.14159))
