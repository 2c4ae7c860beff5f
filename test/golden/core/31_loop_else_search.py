# for-else: the else block runs only when the loop was not broken.
def find(items, target):
    for i, item in enumerate(items):
        if item == target:
            print("found", target, "at", i)
            break
    else:
        print(target, "not found")

find([4, 8, 15, 16], 15)
find([4, 8, 15, 16], 42)
find([], 1)

for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, "is prime")

for row in range(3):
    for col in range(3):
        if col > row:
            break
        print(row, col, end="; ")
    print()

found = None
for a in range(1, 20):
    for b in range(a, 20):
        if a * a + b * b == 13 * 13:
            found = (a, b)
            break
    if found:
        break
print("pythagorean pair for 13:", found)

for x in [1, 3, 5]:
    if x % 2 == 0:
        print("even found")
        break
else:
    print("no even numbers")
