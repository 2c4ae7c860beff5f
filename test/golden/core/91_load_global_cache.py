# Globals and built-ins read in hot loops and hot functions while they change: a global
# redefined, a built-in shadowed by a global and uncovered again (del), a global that
# appears after NameErrors, a global rebound by its function (LOAD_GLOBAL's cache:
# the dict keys versions).
def f(x):
    return g(x) + len([x])
def g(x):
    return x * 2
out = []
for i in range(300):
    out.append(f(i))
    if i == 100:
        def g(x):
            return x * 3
    if i == 150:
        len = lambda l: 100
    if i == 200:
        del len
    if i == 250:
        g = lambda x: -x
print(out[0], out[101], out[151], out[201], out[251], sum(out))
def h():
    return missing
for i in range(100):
    if i == 99:
        missing = 5
    try:
        r = h()
    except NameError as e:
        r = str(e)
print(r)
k = 0
def counter():
    global k
    k += 1
    return k
for i in range(200):
    counter()
print(k)
