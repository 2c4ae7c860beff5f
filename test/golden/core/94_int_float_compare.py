# Ints compared with floats exactly (float_richcompare), past 2**53 too, where converting the
# int to a float would round; infinities and NaN.
print(2**53 + 1 == 2.0**53, 2**53 + 1 > 2.0**53, 10**30 == 1e30, 10**30 < 1e30)
print(2.0**53 < 2**53 + 1, 1e30 > 10**30, 2**53 == 2.0**53, 3 < 3.5, -(2**60) < -1e18, 2**1100 > float("inf"), 2**1100 < float("inf"), float("nan") == 2**100)
print(2**64 + 0.5 > 2**64, (2**64) < 2.0**64 + 4096, 5 == 5.0, -3 > -3.5)
x = [2**53 + 1, 2.0**53]
print(max(x), min(x), sorted([2**53 + 1, 2.0**53, 2**53 - 1]))
