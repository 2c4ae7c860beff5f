# Unary minus and invert in hot loops (translated: they used to hand the loop back to the
# interpreter at every iteration), on ints small and big, floats, bools, and an operand
# that raises.
def f(n):
    t = 0
    for i in range(n):
        t += -i + ~i - (-2.5)
    return t


print(f(1000), -(2 ** 70), ~(2 ** 65))
vals = [1, 2.5, True, -(2 ** 40), 2 ** 100, 0]
out = []
for k in range(300):
    x = vals[k % len(vals)]
    out.append(-x)
    if not isinstance(x, float):
        out.append(~x)
print(sum(out), out[:8])
errors = 0
for k in range(200):
    try:
        y = -("a" if k % 50 == 0 else k)
    except TypeError as e:
        errors += 1
        msg = str(e)
print(errors, msg, y)
