# Exceptions propagate up through calls; bare raise re-raises.
def level3(x):
    if x < 0:
        raise ValueError(f"negative input: {x}")
    return x * 2

def level2(x):
    return level3(x) + 1

def level1(x):
    try:
        return level2(x)
    except ValueError:
        print("level1 saw the error and re-raises")
        raise

for value in [5, -2]:
    try:
        print("result:", level1(value))
    except ValueError as e:
        print("top level caught:", e)

def convert(text):
    try:
        return int(text)
    except ValueError as e:
        raise RuntimeError("could not convert " + repr(text)) from e

try:
    convert("abc")
except RuntimeError as e:
    print(e)
    print("cause:", repr(e.__cause__))

def lookup(d, key):
    try:
        return d[key]
    except KeyError:
        raise RuntimeError("missing " + key)

try:
    lookup({}, "name")
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__context__).__name__)

def finally_runs():
    try:
        raise TypeError("inner")
    finally:
        print("cleanup before propagating")

try:
    finally_runs()
except TypeError as e:
    print("outer got", e)
print(isinstance(KeyError(), Exception), isinstance(KeyError(), IndexError))
