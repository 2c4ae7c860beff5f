# for loops over range, list, tuple, dict, str, enumerate and zip.
for i in range(3):
    print("range", i)
for i in range(10, 0, -4):
    print("countdown", i)
for i in range(2, 12, 3):
    print("step", i)
for fruit in ["fig", "kiwi"]:
    print("list", fruit)
for n in (1.5, 2.5):
    print("tuple", n)
ages = {"ann": 31, "bob": 25}
for name in ages:
    print("dict key", name)
for name, age in ages.items():
    print("item", name, age)
for v in ages.values():
    print("value", v)
for ch in "gil":
    print("char", ch)
for index, ch in enumerate("abc"):
    print("enumerate", index, ch)
for index, ch in enumerate(["x", "y"], 1):
    print("enumerate from 1", index, ch)
for a, b in zip([1, 2, 3], "pq"):
    print("zip", a, b)
total = 0
for i in range(1, 6):
    for j in range(1, 6):
        total += i * j
print("nested total", total)
for i in range(0):
    print("never")
last = None
for last in range(4):
    pass
print("loop variable after loop:", last)
