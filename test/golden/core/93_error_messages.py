# CPython's messages for a few errors: deleting a missing attribute (instance, class),
# unpacking something that is not iterable, int() of a base-0 literal with a leading zero,
# float() of an int too large for a float.
class O:
    pass


class It:
    def __iter__(self):
        return iter([1, 2])


o = O()
for attempt in [lambda: delattr(o, "a"), lambda: delattr(O, "zz")]:
    try:
        attempt()
    except AttributeError as e:
        print("AttributeError:", e)
try:
    del o.b
except AttributeError as e:
    print("AttributeError:", e)

for value in [5, None, 2.5, O(), len]:
    try:
        a, b = value
    except TypeError as e:
        print("TypeError:", e)
a, b = It()
print(a, b)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)

for text in ["010", "0", "00", "0x1f", "10", "-0", "0_0", "007"]:
    try:
        print(text, int(text, 0))
    except ValueError as e:
        print("ValueError:", e)

for big in [2 ** 1023, 2 ** 1024, -(2 ** 2000)]:
    try:
        print(float(big) > 0)
    except OverflowError as e:
        print("OverflowError:", e)
