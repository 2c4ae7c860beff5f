# iter() and next(), StopIteration, and default values.
it = iter([10, 20, 30])
print(next(it), next(it), next(it))
try:
    next(it)
except StopIteration:
    print("iterator exhausted")
print(next(it, "default"))
s = iter("ab")
print(next(s), next(s), next(s, None))
d = {"x": 1, "y": 2}
keys = iter(d)
print(next(keys), next(keys))
items = iter(d.items())
print(next(items))
r = iter(range(3, 6))
print(next(r), list(r), list(r))
t = iter((1, 2, 3, 4))
next(t)
print("rest after one next:", list(t))
numbers = iter([1, 2, 3, 4, 5, 6])
for n in numbers:
    if n == 2:
        print("skipping", next(numbers))
    print("loop saw", n)
lines = iter(["header", "a", "b"])
header = next(lines)
print("header:", header, "body:", [line for line in lines])

def manual_sum(values):
    it = iter(values)
    total = 0
    while True:
        try:
            total += next(it)
        except StopIteration:
            break
    return total

print(manual_sum([1, 2, 3]), manual_sum([]))
e = enumerate(["a", "b"])
print(next(e), next(e))
z = zip([1, 2], [3, 4])
print(next(z), list(z))
