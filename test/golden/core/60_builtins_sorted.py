# sorted() with key= and reverse=; sorting is stable.
nums = [5, -3, 2, -8, 0, 7]
print(sorted(nums))
print(sorted(nums, reverse=True))
print(sorted(nums, key=abs))
print(sorted(nums, key=abs, reverse=True))
print(nums)
words = ["delta", "Alpha", "charlie", "bravo", "Echo"]
print(sorted(words))
print(sorted(words, key=lambda w: w.lower()))
print(sorted(words, key=len))
print(sorted(words, key=lambda w: w[-1]))
records = [
    ("widget", 3, 2.5),
    ("gadget", 1, 10.0),
    ("doohickey", 3, 1.25),
    ("thing", 2, 2.5),
]
print(sorted(records, key=lambda r: r[1]))
print(sorted(records, key=lambda r: r[2], reverse=True))
print([r[0] for r in sorted(records, key=lambda r: r[1] * r[2])])
by_price_then_name = sorted(records, key=lambda r: (r[2], r[0]))
print([r[0] for r in by_price_then_name])
print(sorted("gilsim"), sorted((3, 1, 2)), sorted({"b": 1, "a": 2}))
d = {"x": 3, "y": 1, "z": 2}
print(sorted(d, key=lambda k: d[k]))
print(sorted(d.items(), key=lambda kv: kv[1]))
print(sorted([]), sorted([[2, 1], [1, 2], [1, 1]]))
print(sorted([3.5, 1, 2.25, -1]))
