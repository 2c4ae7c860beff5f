# Matrix helpers on lists of lists.
def matmul(a, b):
    rows = len(a)
    cols = len(b[0])
    inner = len(b)
    result = [[0] * cols for _ in range(rows)]
    for i in range(rows):
        for j in range(cols):
            total = 0
            for k in range(inner):
                total += a[i][k] * b[k][j]
            result[i][j] = total
    return result

def transpose(m):
    return [[m[r][c] for r in range(len(m))] for c in range(len(m[0]))]

def identity(n):
    return [[int(r == c) for c in range(n)] for r in range(n)]

def show(name, m):
    print(name)
    for row in m:
        print("  " + " ".join([f"{v:>5}" for v in row]))

a = [[1, 2, 3], [4, 5, 6]]
b = [[7, 8], [9, 10], [11, 12]]
show("a", a)
show("b", b)
show("a x b", matmul(a, b))
show("b x a", matmul(b, a))
show("transpose(a)", transpose(a))
print(matmul(a, identity(3)) == a)

def mat_pow(m, n):
    result = identity(len(m))
    for _ in range(n):
        result = matmul(result, m)
    return result

fib_matrix = [[1, 1], [1, 0]]
print("fib via matrix:", mat_pow(fib_matrix, 10)[0][1], mat_pow(fib_matrix, 90)[0][1])
rot = [[0, -1], [1, 0]]
print(mat_pow(rot, 2), mat_pow(rot, 4))
half = [[0.5, 0.0], [0.0, 0.25]]
print(matmul(half, half))
