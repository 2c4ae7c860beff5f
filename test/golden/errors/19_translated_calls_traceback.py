# Calls between translated functions (a nested run per call below a depth, the
# interpreter's own loop deeper), exceptions through them, and a traceback 71 frames deep.
import sys
def down(n):
    if n == 0:
        raise ValueError("bottom")
    return down(n - 1) + 1

def depth(n):
    try:
        return depth(n + 1)
    except RecursionError:
        return n

for i in range(100):
    try:
        down(i % 80)
    except ValueError as e:
        pass
print(depth(0))
def g(x):
    return [x][x]
total = 0
for i in range(200):
    try:
        total += g(0) + g(1)
    except IndexError as e:
        total += 1
print(total)
down(70)
