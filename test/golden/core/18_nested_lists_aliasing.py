# Nested lists, aliasing and copying.
grid = [[0] * 3 for _ in range(3)]
grid[0][1] = 5
print(grid)
shared = [[0] * 3] * 3
shared[0][1] = 5
print(shared)
print(shared[0] is shared[1], grid[0] is grid[1])

a = [1, 2, 3]
b = a
b.append(4)
print(a, b, a is b)
c = a[:]
c.append(5)
print(a, c)
d = list(a)
print(d == a, d is a)

outer = [[1, 2], [3, 4]]
shallow = outer[:]
shallow[0].append(99)
shallow[1] = ["new"]
print(outer)
print(shallow)

table = []
for r in range(3):
    row = []
    for c in range(4):
        row.append(r * 4 + c)
    table.append(row)
for row in table:
    print(row)
print(table[2][3], table[-1][-1], len(table), len(table[0]))
column = [row[1] for row in table]
print("column 1:", column)
flat = []
for row in table:
    flat.extend(row)
print(flat)
