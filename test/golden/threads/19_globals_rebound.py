# Threads read module globals and builtins (LOAD_GLOBAL) while the main thread rebinds,
# deletes and shadows them. free-threaded reads immortal values without the dict's lock
# and takes it for the rest; every mode must print what CPython prints.
import threading

LIMIT = 3
label = "start"
table = {"a": 1}


def reader(out, n):
    total = 0
    for i in range(n):
        total += len(table) + LIMIT + abs(-1)
        if label is None:
            total -= 1
    out.append(total)


done = []
threads = [threading.Thread(target=reader, args=(done, 500)) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(done))

LIMIT = 10**20  # a big int: mortal, read under the lock
label = None
reader(done, 3)
print(done[-1])

del LIMIT
try:
    reader(done, 1)
except NameError as e:
    print(e)

len = lambda x: 100  # shadows the builtin
LIMIT = 0
reader(done, 2)
print(done[-1])
del len
reader(done, 2)
print(done[-1])
