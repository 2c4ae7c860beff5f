# CPython's messages for wrong calls (missing keyword-only arguments, too many positional
# ones with defaults), 'in' on a non-iterable, and sequence comparisons that fail on their
# first differing items (compared with the operator asked for); sequences that compare.
try:
    'a' in 5
except TypeError as e:
    print(e)
try:
    [1] > ['a']
except TypeError as e:
    print(e)
try:
    [1] < ['a']
except TypeError as e:
    print(e)
def f(a, *, c):
    pass
try:
    f()
except TypeError as e:
    print(e)
def g(*, k):
    pass
try:
    g()
except TypeError as e:
    print(e)
def h(x, y=[]):
    pass
try:
    h(1, 2, 3)
except TypeError as e:
    print(e)
try:
    (1, 'a') < (1, 2)
except TypeError as e:
    print(e)
print(sorted([[2], [1, 5], [1], [1, 2, 3], []]), [1, 2] < [1, 3], (1, 2) >= (1, 2), [3] > [2, 9], (1,) <= (0, 5))
def k(a, b=1, *, c, d=2, e):
    pass
for call in [lambda: k(), lambda: k(1), lambda: k(1, c=1), lambda: k(1, 2, 3)]:
    try:
        call()
    except TypeError as e:
        print(e)
