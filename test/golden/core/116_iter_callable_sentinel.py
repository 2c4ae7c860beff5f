# iter(callable, sentinel): a callable_iterator calling until the value == sentinel, or until
# StopIteration; exhausted for good after that. iter()'s argument errors.
data = [3, 1, 4, 1, 5, 9, 2, 6]
pos = 0
def reader():
    global pos
    pos += 1
    return data[pos - 1]
it = iter(reader, 9)
print(type(it).__name__, iter(it) is it)
print(next(it), list(it), pos)
print(list(it), pos, next(it, "done"))
class Counter:
    def __init__(self):
        self.n = 0
    def __call__(self):
        self.n += 1
        if self.n == 4:
            raise StopIteration
        return self.n
c = Counter()
print(list(iter(c, object())), c.n, list(iter(c, 99)), c.n)
lines = iter(["a", "b", "", "c"])
print([x.upper() for x in iter(lambda: next(lines), "")], next(lines))
print(list(iter([].pop if False else (lambda: 1.0), 1)))
for a, b in zip(iter(lambda: 7, None), "xy"):
    print(a, b)
def boom():
    raise ValueError("inside")
try:
    next(iter(boom, 0))
except ValueError as e:
    print("ValueError", e)
for call in [lambda: iter(), lambda: iter(1, 2), lambda: iter(1, 2, 3), lambda: iter([], sentinel=1), lambda: iter(5)]:
    try:
        call()
    except TypeError as e:
        print(e)
