# Nested try blocks and exceptions raised inside handlers.
def parse_all(rows):
    results = []
    for row in rows:
        try:
            parts = row.split(":")
            try:
                value = int(parts[1])
            except IndexError:
                print("no colon in", repr(row))
                continue
            results.append(100 // value)
        except ValueError as e:
            print("bad number in", repr(row), "->", e)
        except ZeroDivisionError:
            print("zero in", repr(row))
    return results

print(parse_all(["a:5", "b", "c:x", "d:0", "e:3"]))

try:
    try:
        raise KeyError("first")
    except KeyError:
        raise ValueError("second")
except ValueError as e:
    print("caught", repr(e), "context:", repr(e.__context__))

def inner_handles():
    try:
        return [1, 2, 3][7]
    except IndexError:
        return "default"

print(inner_handles())

attempts = 0
while True:
    attempts += 1
    try:
        if attempts < 3:
            raise RuntimeError(f"attempt {attempts} failed")
        print("succeeded on attempt", attempts)
        break
    except RuntimeError as e:
        print("retrying:", e)

try:
    try:
        1 / 0
    finally:
        print("inner finally")
except ZeroDivisionError:
    print("outer handler")
