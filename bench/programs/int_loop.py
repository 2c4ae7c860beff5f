# Integer loop: the interpreter's dispatch, small-int arithmetic and refcounting.
def work(n):
    total = 0
    i = 0
    while i < n:
        total += i * 2 % 7
        i += 1
    return total

print(work(3000000))
