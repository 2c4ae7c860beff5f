# List comprehensions: map, filter, nested loops, nested comprehensions.
print([n * n for n in range(8)])
print([n for n in range(20) if n % 3 == 0])
print([c.upper() for c in "gil"])
print([(x, y) for x in range(3) for y in range(x)])
print([[r * c for c in range(1, 4)] for r in range(1, 4)])
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[i] for row in matrix for i in range(len(row)) if i == len(row) - 1])
print([[row[i] for row in matrix] for i in range(3)])
print([x for row in matrix for x in row if x % 2 == 1])
words = ["alpha", "beta", "gamma", "pi"]
print([w for w in words if len(w) > 2])
print([len(w) for w in words])
print([w[0] + w[-1] for w in words])
pairs = [(a, b) for a in range(1, 6) for b in range(a, 6) if a * b == 6]
print(pairs)
x = "outer"
squares = [x * 2 for x in range(3)]
print(squares, x)
print(sum([n for n in range(101)]))
print([str(n) for n in [1.5, 2, -3]])
nested = [[1, 2], [3], [], [4, 5, 6]]
print([len(sub) for sub in nested], [v for sub in nested for v in sub])
print([n for n in [] if n])
