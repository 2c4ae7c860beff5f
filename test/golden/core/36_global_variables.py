# The global statement and module-level state.
counter = 0
log = []

def increment():
    global counter
    counter += 1

def record(message):
    log.append(message)

def reset():
    global counter, log
    counter = 0
    log = []

for _ in range(5):
    increment()
record("first")
record("second")
print(counter, log)
reset()
print(counter, log)

def read_only():
    return counter + 100

increment()
print(read_only())

def make_global():
    global created_later
    created_later = "I exist now"

make_global()
print(created_later)

def local_shadow():
    counter = 999
    return counter

print(local_shadow(), counter)

CONFIG = {"debug": False}

def enable_debug():
    CONFIG["debug"] = True

enable_debug()
print(CONFIG)
total = 0
def add_to_total(values):
    global total
    for v in values:
        total += v
    return total

print(add_to_total([1, 2, 3]), add_to_total([10]), total)
