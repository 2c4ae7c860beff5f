# Integer arithmetic at the edges of the interpreter's fast paths: one digit (2**30),
# doubles' exact range (2**52, 2**53) and past it, in loops long enough to be translated.
def run(xs, ys):
    out = []
    for x in xs:
        for y in ys:
            row = [x + y, x - y, x * y]
            if y != 0:
                row.append(x // y)
                row.append(x % y)
            row.append(x & 0xFFFF)
            row.append(x | 1)
            row.append(x ^ y)
            out.append(row)
    return out

edges = [0, 1, -1, 7, -7, 256, 257, -5, -6, 2**30 - 1, 2**30, -2**30, 2**31, 2**52 - 1, 2**52,
         2**52 + 1, -(2**52 + 1), 2**53 - 1, 2**53, 2**53 + 1, -(2**53 + 1), 3**33, -(3**33), 2**62 + 3]
small = [1, 2, 3, -3, 5, 100, 2**20, -(2**20), 2**30 - 1, 2**31 + 5]
for rep in range(3):
    rows = run(edges, small)
print(len(rows))
for row in rows:
    print(row)

# Running sums and products that walk through 2**30 and 2**53 one step at a time.
total = 0
prod = 1
for i in range(1, 200):
    total += i * i * i * i * i * i
    prod = prod * 3 % (2**61 - 1)
print(total, prod)
acc = 2**52 - 10
for i in range(40):
    acc += 1
    print(acc, acc * 1, acc * 2, acc - 2**52, -acc // 7, acc % 1000)
