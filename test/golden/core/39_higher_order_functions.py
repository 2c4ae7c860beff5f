# Functions as values: passing, returning, storing in containers.
def apply_all(funcs, value):
    results = []
    for f in funcs:
        results.append(f(value))
    return results

def double(x):
    return x * 2

def negate(x):
    return -x

def describe(x):
    return f"<{x}>"

print(apply_all([double, negate, describe, str], 21))

def my_map(f, items):
    return [f(x) for x in items]

def my_filter(pred, items):
    return [x for x in items if pred(x)]

def my_reduce(f, items, start):
    acc = start
    for x in items:
        acc = f(acc, x)
    return acc

nums = list(range(1, 11))
print(my_map(double, nums))
print(my_filter(lambda n: n % 3 == 0, nums))
print(my_reduce(lambda a, b: a + b, nums, 0))
print(my_reduce(lambda a, b: a * b, nums, 1))
print(my_reduce(lambda a, b: a + [b * b], nums[:4], []))

def pipeline(steps):
    def run(value):
        for step in steps:
            value = step(value)
        return value
    return run

process = pipeline([double, negate, describe])
print(process(5), process(-1))
handlers = {"double": double, "negate": negate}
for name in ["negate", "double", "negate"]:
    print(name, handlers[name](7))
print(type(double).__name__, double.__name__)
