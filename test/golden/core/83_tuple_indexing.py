# Tuple indexing: the interpreter's inline BINARY_SUBSCR for a tuple and a small int,
# and everything it leaves to the general path.
pair = (10, "ten")
print(pair[0], pair[1], pair[-1], pair[-2])
t = tuple(range(5))
total = 0
for i in range(-5, 5):
    total += t[i]
print(total)
for bad in [2, -3, 5, -6, 2**40]:
    try:
        print(pair[bad])
    except IndexError as e:
        print("IndexError:", e)
print(t[True], t[False])
print(t[1:3], t[::-1], t[-2:])
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], nested[-1][-1][-1])
try:
    t["x"]
except TypeError as e:
    print("TypeError:", e)
