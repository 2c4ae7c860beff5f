# f-strings: expressions, !r conversion, nested data.
name = "Ada"
age = 36
print(f"{name} is {age} years old")
print(f"next year: {age + 1}")
print(f"{name!r} has {len(name)} letters")
print(f"{'quoted'} and {name.upper()}")
items = [1, 2, 3]
print(f"items={items}, sum={sum(items)}")
d = {"a": 1, "b": 2}
print(f"d['a'] is {d['a']}")
print(f"{d!r}")
pi = 3.14159
print(f"{pi}")
print(f"{None} {True} {1 / 3}")
print(f"{'multi'}-{'part'}-{'string'}")
s = "tab\there"
print(f"{s!r}")
print(f"{s}")
print(f"{{literal braces}} {age}")
nested = [(1, "one"), (2, "two")]
for num, word in nested:
    print(f"{num}: {word!r}")
x = 10
y = 3
print(f"{x} / {y} = {x / y}")
print(f"{x} // {y} = {x // y}, remainder {x % y}")
print(f"{'ok' * 3}")
print(f"{[n * n for n in range(5)]}")
