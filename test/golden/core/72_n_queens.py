# N-queens by backtracking: all solutions for n = 6, counts for n = 1..7.
def solve(n):
    solutions = []
    cols = []

    def safe(row, col):
        for r in range(row):
            c = cols[r]
            if c == col or abs(c - col) == row - r:
                return False
        return True

    def place(row):
        if row == n:
            solutions.append(cols[:])
            return
        for col in range(n):
            if safe(row, col):
                cols.append(col)
                place(row + 1)
                cols.pop()

    place(0)
    return solutions

sols = solve(6)
print("6-queens solutions:", len(sols))
for s in sols:
    print(s)
first = sols[0]
for row in range(6):
    line = ""
    for col in range(6):
        if first[row] == col:
            line += "Q "
        else:
            line += ". "
    print(line.strip())
for n in range(1, 8):
    print(n, len(solve(n)))
