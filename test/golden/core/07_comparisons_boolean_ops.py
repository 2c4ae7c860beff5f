# Comparisons, chained comparisons, and/or/not and what they return.
x = 5
print(x > 3, x < 3, x == 5, x != 5, x >= 5, x <= 4)
print(1 < x < 10, 1 < x > 10, 0 <= x <= 5 < 6)
print(3 == 3.0, 1 < 1.5, -1 < -0.5)
print("apple" < "banana", "Zebra" < "apple", "abc" < "abd", "ab" < "abc")
print([1, 2] < [1, 3], [1, 2] == [1, 2], (1, 2) < (1, 2, 0))
print(True and False, True or False, not True, not 0)
print(0 or "default", "" or None or 7, 3 and 4, 0 and 4)
print(None is None, [] is None, x is not None)
a = [1, 2]
b = a
c = [1, 2]
print(a == c, a is c, a is b)
print(2 in a, 5 in a, 5 not in a)
print("ell" in "hello", "z" not in "hello")
print("k" in {"k": 1}, 1 in {"k": 1})

def check(n):
    print("check", n)
    return n > 0

print("short-circuit and:")
r = check(-1) and check(2)
print(r)
print("short-circuit or:")
r = check(1) or check(2)
print(r)
if not (x < 0 or x > 10) and x != 7:
    print("x is in range and not 7")
