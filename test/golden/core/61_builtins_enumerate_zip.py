# enumerate() and zip().
colors = ["red", "green", "blue"]
for i, c in enumerate(colors):
    print(i, c)
for i, c in enumerate(colors, 1):
    print(f"{i}. {c}")
print(list(enumerate("ab")))
print(list(enumerate([], 5)))
names = ["ann", "bob", "cid", "dee"]
ages = [31, 25, 40]
print(list(zip(names, ages)))
for name, age in zip(names, ages):
    print(name, "is", age)
print(list(zip([1, 2, 3], "abc", (True, False, None))))
print(list(zip()), list(zip([1], [])))
pairs = list(zip(names, range(100)))
print(pairs)
a = [1, 2, 3]
b = [10, 20, 30]
print([x + y for x, y in zip(a, b)])
print([x * y for x, y in zip(a, b)], sum([x * y for x, y in zip(a, b)]))
values = [3, 8, 2, 9, 4]
diffs = [nxt - cur for cur, nxt in zip(values, values[1:])]
print(diffs)
for idx, (name, age) in enumerate(zip(names, ages)):
    print(idx, name, age)
lookup = dict(zip(names, ages))
print(lookup)
print(dict(enumerate(colors)))
