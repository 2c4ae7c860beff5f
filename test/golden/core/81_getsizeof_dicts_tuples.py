# sys.getsizeof of dicts while inserting, tuples, and strings (by difference).
import sys

d = {}
print("empty dict:", sys.getsizeof(d))
last = sys.getsizeof(d)
for i in range(25):
    d[i] = i
    size = sys.getsizeof(d)
    if size != last:
        print(f"int keys: {len(d):>2} entries -> {size} bytes")
        last = size

s = {}
last = sys.getsizeof(s)
for i in range(12):
    s["key" + str(i)] = i
    size = sys.getsizeof(s)
    if size != last:
        print(f"str keys: {len(s):>2} entries -> {size} bytes")
        last = size

print("tuples:")
for n in range(5):
    t = tuple(range(n))
    print(n, sys.getsizeof(t))
print(sys.getsizeof((1, "a", 2.0)) == sys.getsizeof((None, None, None)))

print("strings grow one byte per ASCII character:")
base = sys.getsizeof("")
for text in ["a", "ab", "hello", "hello world", "x" * 100]:
    print(len(text), sys.getsizeof(text) - base)
