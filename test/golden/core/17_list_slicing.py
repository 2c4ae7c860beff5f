# Slicing lists: copies, steps, slice assignment and deletion.
a = list(range(10))
print(a[2:5], a[:3], a[7:], a[-3:], a[::3], a[::-1])
b = a[:]
b[0] = 99
print(a[0], b[0], a == b)
print(a[3:3], a[100:], a[-100:2])
a[2:5] = ["x", "y"]
print(a)
a[:2] = []
print(a)
a[1:1] = [7, 7, 7]
print(a)
del a[::2]
print(a)
del a[1:3]
print(a)
matrix_row = [1, 2, 3, 4, 5, 6]
first_half = matrix_row[:len(matrix_row) // 2]
second_half = matrix_row[len(matrix_row) // 2:]
print(first_half, second_half)
chunks = []
for start in range(0, len(matrix_row), 4):
    chunks.append(matrix_row[start:start + 4])
print(chunks)
rev = matrix_row[::-1]
print(rev, rev[1:-1])
t = (10, 20, 30, 40)
print(t[1:3], t[::-1])
