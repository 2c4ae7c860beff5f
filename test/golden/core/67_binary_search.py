# Binary search: iterative, recursive, and insertion point.
def binary_search(items, target):
    lo = 0
    hi = len(items) - 1
    steps = 0
    while lo <= hi:
        steps += 1
        mid = (lo + hi) // 2
        if items[mid] == target:
            return mid, steps
        if items[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1, steps

def search_rec(items, target, lo, hi):
    if lo > hi:
        return -1
    mid = (lo + hi) // 2
    if items[mid] == target:
        return mid
    if items[mid] < target:
        return search_rec(items, target, mid + 1, hi)
    return search_rec(items, target, lo, mid - 1)

def insertion_point(items, target):
    lo = 0
    hi = len(items)
    while lo < hi:
        mid = (lo + hi) // 2
        if items[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    return lo

data = [n * 3 for n in range(100)]
for target in [0, 27, 150, 297, 298, -1]:
    print(target, binary_search(data, target), search_rec(data, target, 0, len(data) - 1))
small = [1, 3, 3, 3, 7, 9]
for t in [0, 3, 4, 9, 10]:
    print("insert", t, "at", insertion_point(small, t))

def isqrt(n):
    lo = 0
    hi = n
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if mid * mid <= n:
            lo = mid
        else:
            hi = mid - 1
    return lo

print([isqrt(n) for n in [0, 1, 15, 16, 17, 99, 100]], isqrt(10 ** 30))
