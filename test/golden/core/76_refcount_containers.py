# References held by containers and attributes count too.
import sys

item = [42]
print("alone:", sys.getrefcount(item))
holder = [item]
print("in one list:", sys.getrefcount(item))
holder.append(item)
holder.append(item)
print("three times in the list:", sys.getrefcount(item))
holder.pop()
print("after pop:", sys.getrefcount(item))
holder = []
print("list replaced:", sys.getrefcount(item))

d = {"a": item, "b": item}
print("two dict values:", sys.getrefcount(item))
del d["a"]
print("after del d['a']:", sys.getrefcount(item))
d.pop("b")
print("after pop('b'):", sys.getrefcount(item))

t = (item, item)
print("in a tuple twice:", sys.getrefcount(item))
del t
print("tuple gone:", sys.getrefcount(item))

class Box:
    def __init__(self, content):
        self.content = content

box = Box(item)
print("held by an attribute:", sys.getrefcount(item))
box2 = Box(item)
print("two boxes:", sys.getrefcount(item))
box.content = None
print("one box cleared:", sys.getrefcount(item))
del box2
print("other box deleted:", sys.getrefcount(item))

outer = [[item], [item, item]]
print("nested lists:", sys.getrefcount(item))
outer[1] = []
print("inner list dropped:", sys.getrefcount(item))
del outer
print("all dropped:", sys.getrefcount(item))
key_holder = {}
key_holder[0] = item
key_holder[1] = item
print("dict values again:", sys.getrefcount(item))
key_holder = None
print("final:", sys.getrefcount(item))
