# The common str methods: split, join, upper, lower, strip, replace, startswith.
s = "  Hello, World  "
print(repr(s.strip()), repr(s.lower()), repr(s.upper()))
t = s.strip()
print(t.replace("World", "Python"))
print(t.replace("l", "L"), t.replace("o", "0"))
print(t.startswith("Hello"), t.startswith("World"), t.startswith(""))

words = "the quick  brown fox".split()
print(words, len(words))
print("a,b,,c".split(","))
print("one two three".split(" "))
print("2024-01-15".split("-"))
print("-".join(words))
print("".join(["a", "b", "c"]), ", ".join(["x"]), repr("".join([])))

line = "name=Ada; lang=Python; year=1843"
fields = {}
for part in line.split(";"):
    key_value = part.strip().split("=")
    fields[key_value[0]] = key_value[1]
print(fields)

print("MiXeD".lower(), "MiXeD".upper())
print(repr("\t padded \n".strip()))
print(repr("xxhixx".strip("x")))
csv = "10,20,30,40"
nums = []
for piece in csv.split(","):
    nums.append(int(piece))
print(nums, sum(nums))
path = "/usr/local/bin"
print(path.split("/"))
print("/".join(path.split("/")[:-1]))
