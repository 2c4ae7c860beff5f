# sys.exit with an integer status: no traceback, exit code 3.
import sys

def check(values):
    bad = [v for v in values if v < 0]
    if bad:
        print("found negative values:", bad)
        sys.exit(3)
    print("all values ok")

check([1, 2, 3])
check([4, -5, 6, -7])
print("not reached")
