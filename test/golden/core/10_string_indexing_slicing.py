# Indexing and slicing strings.
s = "abcdefghij"
print(s[0], s[3], s[-1], s[-3])
print(s[2:5], s[:4], s[6:], s[:])
print(s[-4:], s[:-4], s[-4:-1])
print(s[::2], s[1::2], s[::-1], s[::-2])
print(s[8:2:-1], s[8:2:-2])
print(repr(s[5:2]), repr(s[20:]), s[-100:3])
print(s[1:100], len(s[1:100]))
word = "racecar"
print(word == word[::-1])
word = "python"
print(word[0].upper() + word[1:])
print(word[len(word) // 2:])
for i in range(len(word)):
    print(word[:i + 1])
text = "hello world"
mid = len(text) // 2
print(text[:mid], "|", text[mid:])
print(text[-5:].upper())
n = len(text)
print([text[i:i + 3] for i in range(0, n, 3)])
