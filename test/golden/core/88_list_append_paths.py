# list.append in a loop, every way the call can go: a list with room (the specialized
# path), a list that must grow, another class's append, a bound method, the unbound
# descriptor, keywords and wrong arity (errors), the list appended to itself; refcounts of
# what it holds.
import sys

class Stack:
    def __init__(self):
        self.items = []

    def append(self, x):
        self.items.append(x * 10)

    def __repr__(self):
        return "Stack(" + repr(self.items) + ")"

def fill(out, n):
    for i in range(n):
        out.append(i)
    return out

a = fill([], 100)
print(len(a), a[:5], a[-3:], sys.getrefcount(a))

s = fill(Stack(), 5)
print(s, type(s).__name__)

big = 10 ** 12
holder = []
for i in range(50):
    holder.append(big)
print(sys.getrefcount(big) - 50 >= 2, len(holder))

push = holder.append
for i in range(3):
    push(i)
print(holder[-3:])

for i in range(3):
    list.append(holder, -i)
print(holder[-3:])

selfref = []
for i in range(3):
    selfref.append(selfref)
print(len(selfref), selfref[0] is selfref, sys.getrefcount(selfref))

errors = 0
for i in range(3):
    try:
        holder.append()
    except TypeError as e:
        errors += 1
        msg = str(e)
print(errors, msg)
try:
    holder.append(x=1)
except TypeError as e:
    print(e)

words = []
for w in "the quick brown fox".split():
    words.append(w.upper())
print(words)

# The argument computed in a branch (a conditional expression: the call's method load is
# not in straight-line code before it), and a list that grows past its first allocation.
mixed = []
for i in range(300):
    mixed.append(i if i % 2 else -i)
print(len(mixed), mixed[:6], sum(mixed), sys.getrefcount(mixed))
