# assert statements, with and without messages.
def mean(values):
    assert len(values) > 0, "mean() needs at least one value"
    return sum(values) / len(values)

print(mean([1, 2, 3, 4]))
try:
    mean([])
except AssertionError as e:
    print("AssertionError:", e)

x = 5
assert x == 5
assert x > 0, "x must be positive"
print("assertions passed")
try:
    assert x < 0
except AssertionError as e:
    print("bare assert:", repr(e), repr(str(e)))
try:
    assert x % 2 == 0, f"x={x} is odd"
except AssertionError as e:
    print(type(e).__name__, e)

def check_sorted(items):
    for i in range(len(items) - 1):
        assert items[i] <= items[i + 1], f"out of order at {i}: {items[i]} > {items[i + 1]}"
    return True

print(check_sorted([1, 2, 2, 5]))
try:
    check_sorted([1, 3, 2])
except AssertionError as e:
    print(e)
try:
    assert [], "empty list is falsy"
except AssertionError as e:
    print(e)
assert [0], "non-empty list is truthy"
print("done")
