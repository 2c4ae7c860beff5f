# String concatenation, repetition, membership, comparison, repr.
a = "gil"
b = "sim"
print(a + b, a * 3, "-" * 20)
print(len(a + b), "s" in b, "gs" in a + b)
print(repr("it's"), repr('say "hi"'), repr("both ' and \""))
print(repr("line1\nline2"), repr("back\\slash"))
print("line1\nline2")
print(str(42) + "!", "n=" + str(3.5))
print("abc" == "abc", "abc" != "ABC", "b" > "a")
letters = ""
for c in "hello":
    letters = letters + c.upper() + "."
print(letters)
print(str([1, "two", 3.0]))
print(str((1, "x")), str({"k": "v"}))
print(repr(""), repr(" "), len(""))
s = "banana"
count = 0
for ch in s:
    if ch == "a":
        count += 1
print("a appears", count, "times")
print(sorted("banana"))
print("".join(sorted("banana")))
print(list("abc"), tuple("ab"))
print(s.upper().lower() == s)
print("=" * 10 + ">" + " done")
