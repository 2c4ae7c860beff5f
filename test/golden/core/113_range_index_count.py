# range.index and range.count: arithmetic for ints and bools, a search by == for others.
r = range(0, 20, 3)
print(r.index(9), r.count(9), r.count(10), range(3).index(True))
print(range(10, 0, -2).index(4), range(-5, 5).index(-5), range(5).index(2.0), range(5).count(2.0), range(5).count(True))
print(range(0).count(0), range(1, 2**40, 7).index(1 + 7 * 1000))
for call in [lambda: r.index(5), lambda: r.index(True), lambda: range(5).index(5.5), lambda: range(5).index("a"),
             lambda: r.index(), lambda: r.count(1, 2), lambda: range(3).index(-1), lambda: r.index(x=1)]:
    try:
        print(call())
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
class Eq:
    def __eq__(self, other):
        return other == 4
print(range(10).index(Eq()), range(10).count(Eq()))
