# __del__ runs as soon as the last reference goes away.
class Tracked:
    def __init__(self, name):
        self.name = name
        print("create", name)

    def __del__(self):
        print("destroy", self.name)

a = Tracked("a")
del a
print("after del a")

b = Tracked("b")
b2 = b
del b
print("b still alive via b2")
b2 = None
print("after b2 = None")

c = Tracked("c1")
c = Tracked("c2")
print("rebound c")

def scope():
    local = Tracked("local")
    print("leaving scope")

scope()
print("after scope()")

items = [Tracked("x"), Tracked("y"), Tracked("z")]
items.pop(1)
print("popped y")
del items[0]
print("deleted x")
items = []
print("cleared list")

d = {"k": Tracked("in dict")}
d["k"] = 0
print("replaced dict value")

def make():
    return Tracked("temp")

make()
print("discarded return value")
print(make().name)
print("printed name of temporary")
del c
print("end")
