# Dictionaries: create, look up, get, setdefault, update, pop, delete, views.
d = {"one": 1, "two": 2}
d["three"] = 3
print(d, len(d))
print(d["two"], d.get("four"), d.get("four", 4), d.get("one", 100))
print("one" in d, "four" in d, 1 in d)
print(d.setdefault("four", 4), d.setdefault("one", 111))
print(d)
d.update({"five": 5, "one": 10})
print(d)
print(d.pop("two"), d.pop("missing", "no such key"))
del d["three"]
print(d)
print(list(d.keys()))
print(list(d.values()))
print(list(d.items()))
d["one"] = 1
print(d)
d["zero"] = 0
print(list(d))
empty = {}
print(empty, len(empty), bool(empty))
dd = dict()
dd[1] = "int key"
dd[(1, 2)] = "tuple key"
dd["1"] = "str key"
print(dd)
print(dd[1], dd[(1, 2)], dd["1"])
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
for key in counts:
    print(key, counts[key])
