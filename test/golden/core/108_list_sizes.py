# sys.getsizeof of lists built every way: each construction sizes its item array along
# its own CPython 3.11 path (exactly, rounded up to even, by a length hint, split's 12
# slots, or by growth), and shrinking follows list_resize. Printed as slot counts.
import sys

def sz(l): return (sys.getsizeof(l) - 56) // 8
def ext(l, x):
    l.extend(x)
    return l
def iadd(l, x):
    l += x
    return l
def imul(l, n):
    l *= n
    return l
def dl(l, a, b, c):
    del l[a:b:c]
    return l
def setsl(l, a, b, v):
    l[a:b] = v
    return l
class Sized:
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
    def __iter__(self): return iter(range(self.n))
class Hinted:
    def __init__(self, n): self.n = n
    def __iter__(self): return self
    def __next__(self):
        if self.n == 0: raise StopIteration
        self.n -= 1
        return self.n
    def __length_hint__(self): return self.n
N = range(14)
print("+", [sz(list(range(i)) + list(range(j))) for i in range(4) for j in range(5)], [] + [] == [])
print("slices", [sz(list(range(10))[:i]) for i in range(11)], [sz(list(range(10))[::k]) for k in range(1, 6)], [sz(list(range(10))[::-k]) for k in range(1, 6)])
print("copy", [sz(list(range(i)).copy()) for i in N], [sz(list(range(i))[:]) for i in range(6)])
print("list(range)", [sz(list(range(i))) for i in range(30)])
print("list(seq)", [sz(list(tuple(range(i)))) for i in N], [sz(list(list(range(i)))) for i in N], [sz(list("x" * i)) for i in N])
print("list(dict/set)", [sz(list(dict.fromkeys(range(i)))) for i in N], [sz(list(set(range(i)))) for i in N])
print("list(views)", [sz(list({k: 1 for k in range(i)}.keys())) for i in N], [sz(list({k: 1 for k in range(i)}.items())) for i in N])
print("list(reversed)", [sz(list(reversed(list(range(i))))) for i in N], [sz(list(reversed(tuple(range(i))))) for i in range(6)])
print("list(iter)", [sz(list(iter([1, 2, 3]))), sz(list(iter(range(5)))), sz(list(iter("abcde"))), sz(list(iter({1: 2})))])
print("no hint", [sz(list(zip(range(i), range(i)))) for i in range(20)], [sz(list(map(abs, range(i)))) for i in range(10)])
print("classes", [sz(list(Sized(i))) for i in range(10)], [sz(list(Hinted(i))) for i in range(10)])
print("sorted", [sz(sorted(range(i))) for i in N], [sz(sorted(list(range(i)))) for i in N])
print("comprehension", [sz([x for x in range(i)]) for i in range(20)])
x = 7
print("displays", [sz([]), sz([x]), sz([x, x]), sz([x, x, x])], [sz([1, 2]), sz([1, 2, 3]), sz([1, 2, 3, 4]), sz([1, 2, 3, 4, 5])], [sz([*range(i)]) for i in range(6)], [sz([x, *range(i)]) for i in range(6)])
print("extend", [sz(ext([], range(i))) for i in N], [sz(ext([], list(range(i)))) for i in N], [sz(ext([0], range(i))) for i in N])
print("+=", [sz(iadd([1], list(range(i)))) for i in N], [sz((lambda l: (l.__iadd__(range(i)), l)[1])([])) for i in N])
print("*", [sz([0] * i) for i in range(8)], [sz([1, 2] * i) for i in range(5)], sz([0] * -3), sz([] * sys.maxsize), sz([1] * (-2 ** 63)))
print("*=", [sz(imul(list(range(3)), i)) for i in range(-1, 8)], sz(imul([], sys.maxsize)))
for f in [lambda: [0] * sys.maxsize, lambda: [1, 2] * 2 ** 62, lambda: imul([1], sys.maxsize), lambda: [0] * 2 ** 63]:
    try:
        f()
    except (MemoryError, OverflowError) as e:
        print(type(e).__name__, e)
print("split", [sz(("a " * i).split()) for i in range(16)], [sz(("a " * i).rsplit()) for i in range(16)])
print("split(sep)", [sz(",".join("a" * i).split(",")) for i in range(16)], [sz("::".join("a" * i).rsplit("::")) for i in range(16)])
print("maxsplit", [sz("a b c d e f".split(maxsplit=m)) for m in range(-1, 14)], [sz("a,b,c,d,e,f".rsplit(",", m)) for m in range(-1, 14)])
s = "abc" * 5
print("split shortcuts", sz("".split()), sz("".split(",")), sz("ab".split("abc")), s.split()[0] is s, s.split(",")[0] is s, s.rsplit("ab", 0)[0] is s)
print("splitlines", [sz(("a\n" * i).splitlines()) for i in range(14)], s.splitlines()[0] is s)
print("setslice", [sz(setsl(list(range(10)), 0, k, [])) for k in range(11)], [sz(setsl(list(range(4)), 1, 2, range(k))) for k in range(8)])
print("del", [sz(dl(list(range(20)), 0, k, None)) for k in range(21)], [sz(dl(list(range(20)), None, None, k)) for k in range(-3, 4, 2)])
l = list(range(20))
pops = []
while l:
    l.pop()
    pops.append(sz(l))
print("pop", pops, sz(ext(l, range(5))))
l = [1]
del l[0]
print("emptied", sz(ext(l, range(5))), sz(ext(dl([1, 2, 3], None, None, -1), range(5))), sz(ext(imul([1], 0), range(5))))
l = list(range(9))
l.clear()
print("clear", sz(l), sz(ext(l, range(5))))
