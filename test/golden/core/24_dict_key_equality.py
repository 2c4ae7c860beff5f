# Dict keys: equal keys collapse (1, 1.0 and True), tuples as keys, ordering.
d = {}
d[1] = "int"
d[1.0] = "float"
d[True] = "bool"
print(d, len(d))
d2 = {0: "zero"}
d2[False] = "false"
d2[0.0] = "float zero"
print(d2)
grid = {}
for r in range(3):
    for c in range(3):
        grid[(r, c)] = r * c
print(grid[(2, 2)], grid[(1, 2)], len(grid))
print((1, 1) in grid, (3, 3) in grid)
neighbors = []
for dr, dc in [(-1, 0), (1, 0), (0, -1), (0, 1)]:
    key = (1 + dr, 1 + dc)
    if key in grid:
        neighbors.append(grid[key])
print("neighbors of (1,1):", neighbors)
order = {}
order["z"] = 1
order["a"] = 2
order["m"] = 3
print(list(order))
order["z"] = 10
print(list(order.items()))
del order["z"]
order["z"] = 11
print(list(order.items()))
print({"a": 1, "b": 2} == {"b": 2, "a": 1})
print({1: "a"} == {1.0: "a"})
