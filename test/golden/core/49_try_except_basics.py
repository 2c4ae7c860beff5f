# try/except: catching, inspecting and recovering from exceptions.
def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError as e:
        print("caught:", type(e).__name__, "-", e)
        return None

print(safe_div(10, 4))
print(safe_div(1, 0))

try:
    int("12x")
except ValueError as e:
    print(type(e).__name__)
    print(e)
    print(repr(e))

try:
    [1, 2, 3][10]
except (KeyError, IndexError) as e:
    print("lookup failed:", type(e).__name__, e)

try:
    {"a": 1}["b"]
except (KeyError, IndexError) as e:
    print("lookup failed:", type(e).__name__, e, repr(e))

try:
    raise ValueError("custom message")
except Exception as e:
    print("generic handler:", repr(e), isinstance(e, ValueError), isinstance(e, Exception))

try:
    raise RuntimeError
except RuntimeError as e:
    print("no message:", repr(e), repr(str(e)))

try:
    x = undefined_variable_name
except NameError as e:
    print("NameError:", e)

errors = 0
for text in ["1", "two", "3", "", "5"]:
    try:
        print("parsed", int(text))
    except ValueError:
        errors += 1
print("errors:", errors)
try:
    print("inside try")
except Exception:
    print("not printed")
print("done")
