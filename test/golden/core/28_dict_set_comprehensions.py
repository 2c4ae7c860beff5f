# Dict and set comprehensions.
squares = {n: n * n for n in range(6)}
print(squares)
words = ["apple", "bob", "kayak", "level", "python"]
lengths = {w: len(w) for w in words}
print(lengths)
palindromes = {w: w == w[::-1] for w in words}
print(palindromes)
inverted = {v: k for k, v in squares.items()}
print(inverted)
filtered = {k: v for k, v in lengths.items() if v > 4}
print(filtered)
grid = {(r, c): r + c for r in range(2) for c in range(3)}
print(grid)
unique_lengths = {len(w) for w in words}
print(sorted(unique_lengths))
first_letters = {w[0] for w in words}
print(sorted(first_letters))
mod_classes = {n % 4 for n in range(100)}
print(sorted(mod_classes), len(mod_classes))
empty = {ch: 0 for ch in ""}
print(empty)
letter_counts = {}
for ch in "hello world":
    letter_counts[ch] = letter_counts.get(ch, 0) + 1
frequent = {ch: n for ch, n in letter_counts.items() if n > 1}
print(frequent)
