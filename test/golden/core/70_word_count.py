# Word frequency counting over a small text.
text = """It was the best of times, it was the worst of times,
it was the age of wisdom, it was the age of foolishness,
it was the epoch of belief, it was the epoch of incredulity"""

words = []
for line in text.split("\n"):
    for raw in line.split():
        word = raw.strip(",.").lower()
        if word:
            words.append(word)
print("total words:", len(words))

counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print("distinct words:", len(counts))

ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
for word, n in ranked[:6]:
    print(f"{word:<12}{n:>3} {'*' * n}")

singles = sorted([w for w, n in counts.items() if n == 1])
print("appear once:", singles)
lengths = {}
for w in counts:
    lengths.setdefault(len(w), []).append(w)
for length in sorted(lengths):
    print(length, sorted(lengths[length]))
lines = text.split("\n")
print([len(line.split()) for line in lines])
longest = ""
for w in words:
    if len(w) > len(longest):
        longest = w
print("longest word:", longest)
