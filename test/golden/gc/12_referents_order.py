# gc.get_referents in tp_traverse's order: a tuple's and a list's items from the last, a
# dict's value then key per entry, and no keys at all for a dict whose keys are all str
# (a str can be in no cycle); gc.get_referrers of a str key so finds no such dict.
import gc

class K:
    pass

k = K()
v = [1]
mixed = {k: v, 5: "b", (1, 2): None}
print([type(x).__name__ for x in gc.get_referents(mixed)])
names = {"a": v, "b": (1,), "c": k}
print([type(x).__name__ for x in gc.get_referents(names)])
print([type(x).__name__ for x in gc.get_referents((1, [2], "x", k))])
print([type(x).__name__ for x in gc.get_referents([3, (4,), "y", None])])
key = "only" + "key"
holder = {key: [0]}
print(any([r is holder for r in gc.get_referrers(key)]))
print(any([r is holder for r in gc.get_referrers(holder[key])]))
