# Iterating dicts, nested dicts, building dicts from zip.
names = ["ann", "bob", "cid"]
scores = [88, 72, 95]
table = dict(zip(names, scores))
print(table)
for name, score in table.items():
    print(f"{name:>4}: {score}")
best = sorted(table, key=lambda n: table[n])
print("ascending:", best)
print("by score desc:", sorted(table.items(), key=lambda kv: kv[1], reverse=True))

config = {
    "heap": {"arena_kb": 256, "pool_kb": 4},
    "gil": {"interval_ms": 5},
    "modes": ["gil", "nogil"],
}
print(config["heap"]["pool_kb"], config["modes"][1])
config["gil"]["interval_ms"] = 10
config["heap"]["arena_kb"] *= 4
for section, value in config.items():
    print(section, "->", value)

inverted = {}
for name, score in table.items():
    inverted[score] = name
print(inverted)
merged = {}
merged.update({"a": 1, "b": 2})
merged.update({"b": 20, "c": 30})
print(merged)
keys = list(merged.keys())
values = list(merged.values())
print(keys, values)
del merged["a"]
merged["a"] = 100
print(merged)
print(dict([(1, "x"), (2, "y")]))
