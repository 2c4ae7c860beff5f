# True division always produces a float.
print(7 / 2, -7 / 2, 7 / -2)
print(10 / 5, 0 / 3, 1 / 4)
print(1 / 3, 2 / 3, 1 / 7)
print(22 / 7, 355 / 113)
print(100 / 3.0, 1.0 / 3)
print(10 ** 20 / 10 ** 10)
print(2 ** 60 / 3)
print(1 / 2 ** 10)

values = [3, 4, 8, 10]
total = 0
for v in values:
    total += v
mean = total / len(values)
print("mean:", mean)

for d in [1, 2, 3, 4, 5, 6, 8, 10]:
    print(f"1/{d} = {1 / d}")

x = 9
x /= 2
print(x, type(x).__name__)
print(6 / 3 == 2, type(6 / 3).__name__)
