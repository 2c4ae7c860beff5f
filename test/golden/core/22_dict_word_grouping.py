# Grouping and counting with dicts.
text = "the cat sat on the mat the end"
counts = {}
for word in text.split():
    counts[word] = counts.get(word, 0) + 1
print(counts)

by_length = {}
for word in text.split():
    by_length.setdefault(len(word), []).append(word)
print(by_length)

first_letter = {}
for word in ["apple", "avocado", "banana", "blueberry", "cherry", "apricot"]:
    key = word[0]
    if key not in first_letter:
        first_letter[key] = []
    first_letter[key].append(word)
for letter, group in first_letter.items():
    print(letter, len(group), group)

inventory = {"apples": 5, "pears": 0}
inventory.update({"pears": 3, "plums": 7})
inventory["apples"] -= 2
print(inventory)
total = 0
for qty in inventory.values():
    total += qty
print("total items", total)
most = ""
best = -1
for name, qty in inventory.items():
    if qty > best:
        best = qty
        most = name
print("most stocked:", most, best)
squares = {}
for i in range(6):
    squares[i] = i * i
print(squares)
print(sorted(counts.items(), key=lambda kv: kv[1], reverse=True)[:2])
