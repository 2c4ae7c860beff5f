# Set operators and methods in CPython's order (set_intersection walks the smaller set,
# set_symmetric_difference starts from a copy of the other), in-place set and dict
# operators, str.removeprefix/removesuffix, and float powers rounded as libm's pow. And f"{n:=8}" (the = alignment),
# dict.fromkeys and globals().
a = {1, 2, 3, 40, 50, 600}
b = {3, 40, 7, 600, 9}
print(a & b, a - b, b - a, a ^ b, a | b)
print(sorted(a.intersection(b)), a.difference(b), a.symmetric_difference(b))
s = "prefix_body_suffix"
print(s.removeprefix("prefix_"), s.removesuffix("_suffix"))
d1 = {"a": 1}; d2 = {"b": 2}
print(d1 | d2)
d1 |= {"c": 3}; print(d1)
x = {1, 2}; x.intersection_update({2, 3}); print(x)
y = {1, 2}; y.difference_update({2}); print(y)
z = {1, 2}; z.symmetric_difference_update({2, 3}); print(z)
n = 42
print(f"{n:>8}", f"{n:08.3f}")
print(2 ** -1, 7 ** -2, 10 ** -3, 2.5 ** 2)
s = {1, 2, 3}
alias = s
s |= {4}
s &= {1, 2, 4, 9}
s -= {2}
s ^= {1, 7}
print(s, alias is s, alias)
t = {5, 6}
t -= t
print(t)
d = {"a": 1}
e = d
d |= {"b": 2}
print(d, e is d, d | {"a": 0})
big = set(range(100))
print(big - {1, 2}, len(big & {5, 500}), {1, 2} - big)
q = set(range(20))
q.clear()
q.add(5); q.add(13)
print(q)
print("ab".removeprefix(""), "ab".removesuffix("b"), "ab".removeprefix("abc"))
try:
    "ab".removeprefix(1)
except TypeError as e:
    print(e)
for x in [7, 3, 10, 2.5, -3, 1.1, 0.5]:
    print([x ** k for k in range(-6, 7)])
print(2 ** 0.5, 10 ** 0.5, 1.0001 ** 10000, 3.0 ** 40, (-2.0) ** 3, 2 ** -1074 > 0)
n = 42
print(f"{n:=8}|{n:=^9}|{n!r:=>5}|{-n:=+8}|{3.5:=010.2f}")
print(dict.fromkeys([1,2]), dict.fromkeys("ab", []), dict.fromkeys(range(3), 0))
try: dict.fromkeys()
except TypeError as e: print(e)
try: dict.fromkeys(1)
except TypeError as e: print(e)
d = {}.fromkeys("x"); print(d)
x = 5
def f():
    y = 1
    return globals()["x"], "y" in globals(), "f" in globals()
print(f())
globals()["z"] = 9
print(z)
class C:
    w = 0
    print("C" in globals())
try:
    globals(1)
except TypeError as e:
    print(e)
