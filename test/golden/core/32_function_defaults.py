# Default parameter values, including the mutable-default pitfall.
def greet(name, greeting="Hello", punct="!"):
    return greeting + ", " + name + punct

print(greet("Ada"))
print(greet("Ada", "Hi"))
print(greet("Ada", "Hey", "?"))

def power(base, exp=2):
    return base ** exp

print(power(5), power(5, 3), power(2, 10))

def append_bad(item, bucket=[]):
    bucket.append(item)
    return bucket

print(append_bad(1))
print(append_bad(2))
print(append_bad(3, []))
print(append_bad(4))

def append_good(item, bucket=None):
    if bucket is None:
        bucket = []
    bucket.append(item)
    return bucket

print(append_good(1))
print(append_good(2))

counter = 10
def snapshot(value=counter):
    return value

counter = 20
print(snapshot(), counter)

def describe(x, label="value", show_type=False):
    text = label + "=" + repr(x)
    if show_type:
        text = text + " (" + type(x).__name__ + ")"
    return text

print(describe(3))
print(describe("s", "name"))
print(describe([1], "items", True))

def nothing():
    pass

print(nothing())
