# Building strings: join over comprehensions, padding tables, simple templates.
words = ["memory", "manager", "and", "gil"]
print(" ".join(words))
print(" ".join([w.upper() for w in words]))
print(", ".join([str(n) for n in range(1, 8)]))
acronym = "".join([w[0].upper() for w in words])
print(acronym)

def pad_right(s, width):
    return s + " " * (width - len(s))

for w in words:
    print("|" + pad_right(w, 8) + "|")

def title_case(text):
    parts = []
    for word in text.split():
        parts.append(word[0].upper() + word[1:].lower())
    return " ".join(parts)

print(title_case("the GLOBAL interpreter LOCK"))

def caesar(text, shift):
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    out = []
    for ch in text:
        if ch in alphabet:
            pos = 0
            for j in range(26):
                if alphabet[j] == ch:
                    pos = j
            out.append(alphabet[(pos + shift) % 26])
        else:
            out.append(ch)
    return "".join(out)

secret = caesar("hello world", 3)
print(secret)
print(caesar(secret, -3))
lines = []
for i in range(1, 4):
    lines.append(f"row {i}: " + "#" * i)
print("\n".join(lines))
