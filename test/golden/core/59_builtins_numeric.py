# Numeric builtins: abs, min, max, sum, len, range.
print(abs(-7), abs(3), abs(-2.5), abs(0), abs(-10 ** 20))
print(min(4, 2, 8), max(4, 2, 8), min([3.5, -1, 2]), max("hello"))
print(min("b", "a", "c"), max([[1, 2], [1, 3], [0, 9]]))
print(sum([1, 2, 3]), sum([]), sum(range(101)), sum([1, 2], 10))
print(sum([0.5, 0.25, 0.125]), sum([1, 2.5]))
print(len([1, 2]), len("four"), len((1,)), len({"a": 1}), len(range(10)), len(range(5, 0, -2)))
r = range(2, 20, 5)
print(r[0], r[-1], list(r), 7 in r, 8 in r)
print(list(range(5)), list(range(2, 5)), list(range(10, 0, -3)), list(range(3, 3)))
values = [17, -4, 23, 8, -15, 42]
print("smallest", min(values), "largest", max(values))
print("total", sum(values), "mean", sum(values) / len(values))
print("abs values", [abs(v) for v in values])
print("sum of abs", sum([abs(v) for v in values]))
best = values[0]
for v in values:
    best = max(best, v)
print(best == max(values))
print(max(1, 2.5), min(-0.5, 0), max(True, 0))
grades = {"ann": 91, "bob": 78, "cid": 85}
print(max(grades.values()), min(grades), sum(grades.values()))
