# Set algebra with operators; results shown with sorted().
a = set([1, 2, 3, 4, 5])
b = set([4, 5, 6, 7])
print("union", sorted(a | b))
print("intersection", sorted(a & b))
print("difference", sorted(a - b), sorted(b - a))
print("symmetric", sorted(a ^ b))
print(a <= a | b, b < a, set([4]) < b)
python_devs = set(["ann", "bob", "cid", "dee"])
rust_devs = set(["cid", "eve", "ann"])
print("both:", sorted(python_devs & rust_devs))
print("python only:", sorted(python_devs - rust_devs))
print("either:", sorted(python_devs | rust_devs))
total = set()
for group in [[1, 2], [2, 3], [3, 4, 5]]:
    total = total | set(group)
print(sorted(total), len(total))
vowels = set("aeiou")
for word in ["memory", "gil", "arena", "pool"]:
    found = set(word) & vowels
    print(word, sorted(found), len(found))
