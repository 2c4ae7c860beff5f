# sys.setrecursionlimit / getrecursionlimit: RecursionError at the new depth.
import sys
print(sys.getrecursionlimit())
sys.setrecursionlimit(50)
depth = 0
def f(n):
    global depth
    depth = n
    return f(n + 1)
try:
    f(0)
except RecursionError as e:
    print(e, depth < 50)
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print(e)
try:
    sys.setrecursionlimit("a")
except TypeError as e:
    print(e)
sys.setrecursionlimit(3000)
print(sys.getrecursionlimit())
def g(n):
    return 0 if n == 0 else 1 + g(n - 1)
print(g(2500))
