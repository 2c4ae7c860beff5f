# Comparisons of ints of every width in loops (translated code's compare paths): one-digit,
# two-digit (2**30 and up), past 2**53 (the general path), negative, mixed; all six
# operators, as a value and as a jump.
values = [0, 1, -1, 255, 2**30 - 1, 2**30, -(2**30), 2**31 + 5, -(2**31) - 5, 2**52, 2**53 - 1,
          2**53, 2**53 + 1, -(2**53) - 1, 2**60, -(2**60), 10**18, 12345678901]

def table(xs):
    rows = []
    for a in xs:
        row = ""
        for b in xs:
            row += "<" if a < b else (">" if a > b else "=")
            row += "1" if a <= b else "0"
            row += "1" if a >= b else "0"
            row += "1" if a == b else "0"
            row += "1" if a != b else "0"
        rows.append(row)
    return rows

for r in table(values):
    print(r)

def flags(xs, pivot):
    lt = le = eq = ne = ge = gt = 0
    for x in xs:
        lt += x < pivot
        le += x <= pivot
        eq += x == pivot
        ne += x != pivot
        ge += x >= pivot
        gt += x > pivot
    return lt, le, eq, ne, ge, gt

big = [2**31 + i * 7919 for i in range(300)] + [-(2**40) + i for i in range(300)]
print(flags(big, 2**31 + 1000000))
print(flags(big, -(2**40) + 150))
print(flags(big, 2**60))

n = 0
i = 2**33
while i < 2**33 + 500:
    i += 3
    n += 1
print(n, i)
