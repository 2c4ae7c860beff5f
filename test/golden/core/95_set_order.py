# Sets of ints iterate in CPython's order: collisions of negative hashes (CPython's 64-bit
# perturb), and set_merge's one resize then clean inserts (set(s), s | t, s.copy(),
# s.update(t), a constant {...} literal), updates with dummies, comprehensions.
s = set(); s.add(-1); s.add(-2); print(s)
print(hash(-1), hash(-2))
t = set()
for x in (0, 32, 8, 16, 24): t.add(x)
print(t, set(t), t | set(), t.copy())
print({0, 8, 16, 24, 32})
def order(xs):
    s = set()
    for x in xs:
        s.add(x)
    return s
data = [[(i * 7919) % 1000 - 500 for i in range(n)] for n in (5, 9, 17, 40, 100, 300)]
for xs in data:
    s = order(xs)
    print(list(s)[:12], len(s))
    print(list(set(s))[:12], list(s | {-1, -2, 3})[:12], list(s.copy())[:12])
    t = set(); t.update(s); t.update([-7, -8, 12345678901]); print(list(t)[:12])
print({-1, -2, -3, -8, -9, -16}, {1, -1, 2, -2, 9, -9})
s = {3, 1, 2}
s.discard(1); s.add(-5); s.add(1)
print(s, s.union({-8, 8}), s.union([-8, 8]))
print({i * 1000000007 % 9973 - 5000 for i in range(50)})
