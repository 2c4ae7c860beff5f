# String reversal, palindromes, anagrams and run-length encoding.
def reverse_loop(s):
    out = ""
    for ch in s:
        out = ch + out
    return out

def reverse_rec(s):
    if len(s) <= 1:
        return s
    return reverse_rec(s[1:]) + s[0]

for s in ["gilsim", "a", "", "racecar"]:
    print(repr(s), repr(s[::-1]), reverse_loop(s) == s[::-1], reverse_rec(s) == s[::-1])

def is_palindrome(text):
    cleaned = "".join([ch for ch in text.lower() if ch in "abcdefghijklmnopqrstuvwxyz"])
    return cleaned == cleaned[::-1]

for t in ["A man, a plan, a canal: Panama", "Never odd or even", "Python"]:
    print(is_palindrome(t), t)

def anagrams(words):
    groups = {}
    for w in words:
        key = "".join(sorted(w))
        groups.setdefault(key, []).append(w)
    return [g for g in groups.values() if len(g) > 1]

print(anagrams(["listen", "silent", "enlist", "google", "stone", "tones", "apple"]))

def rle(s):
    if not s:
        return ""
    out = []
    current = s[0]
    count = 0
    for ch in s:
        if ch == current:
            count += 1
        else:
            out.append(current + str(count))
            current = ch
            count = 1
    out.append(current + str(count))
    return "".join(out)

print(rle("aaabccddddde"), rle("x"), repr(rle("")))
words = "the gil serializes bytecode execution".split()
print(" ".join([w[::-1] for w in words]))
print(" ".join(words[::-1]))
