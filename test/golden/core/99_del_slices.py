# del on a list's slices: which items go, and the order they die in (CPython drops a
# plain slice's items from the last, a stepped slice's from the lowest index); del l[i].
class D:
    def __init__(self, n): self.n = n
    def __del__(self): print("del", self.n)
def mk(k): return [D(i) for i in range(k)]
a = mk(6); del a[1:4]; print([x.n for x in a])
a = mk(6); del a[::2]; print([x.n for x in a])
a = mk(7); del a[::-3]; print([x.n for x in a])
a = mk(5); del a[-2]; print([x.n for x in a])
a = mk(5); del a[4:1:-1]; print([x.n for x in a])
a = mk(3); del a[10:]; del a[:0]; print([x.n for x in a])
b = list(range(20)); del b[3:17:4]; print(b)
b = list(range(20)); del b[-3:]; print(b)
b = list(range(10)); del b[::-1]; print(b)
try:
    del b[0]
except IndexError as e:
    print("IndexError", e)
c = [1, 2, 3]
try:
    del c[5]
except IndexError as e:
    print("IndexError", e)
try:
    del c[::0]
except ValueError as e:
    print("ValueError", e)
a = None
print("end")
