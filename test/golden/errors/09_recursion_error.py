# Unbounded recursion hits the recursion limit.
def countdown(n):
    if n == 0:
        return "liftoff"
    return countdown(n - 1)

print(countdown(10))

def forever(n):
    return forever(n + 1)

print("starting unbounded recursion")
forever(0)
