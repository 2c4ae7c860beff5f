# nonlocal across several levels, and shadowing.
def level1():
    x = "level1"
    def level2():
        nonlocal x
        x = "set by level2"
        def level3():
            nonlocal x
            x = x + " and level3"
        level3()
    level2()
    return x

print(level1())

def running_stats():
    total = 0
    count = 0
    def add(value):
        nonlocal total, count
        total += value
        count += 1
        return total / count
    return add

avg = running_stats()
for v in [10, 20, 60]:
    print("running average:", avg(v))

def shadow():
    x = 1
    def inner():
        x = 2
        return x
    result = inner()
    return x, result

print(shadow())

def fib_generator_like():
    a = 0
    b = 1
    def step():
        nonlocal a, b
        value = a
        a, b = b, a + b
        return value
    return step
nxt = fib_generator_like()
print([nxt() for _ in range(12)])

def toggler():
    state = False
    def flip():
        nonlocal state
        state = not state
        return state
    return flip
flip = toggler()
print(flip(), flip(), flip())
