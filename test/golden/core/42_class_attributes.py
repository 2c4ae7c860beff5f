# Class attributes shared by all instances vs instance attributes.
class Counter:
    instances = 0
    step = 1

    def __init__(self, name):
        self.name = name
        self.value = 0
        Counter.instances += 1

    def tick(self):
        self.value += self.step
        return self.value

a = Counter("a")
b = Counter("b")
print("instances:", Counter.instances, a.instances, b.instances)
a.tick()
a.tick()
b.tick()
print(a.value, b.value)
b.step = 10
b.tick()
print(a.step, b.step, Counter.step, b.value)
Counter.step = 5
a.tick()
print(a.value, a.step, b.step)

class Registry:
    items = []

    def register(self, item):
        self.items.append(item)

r1 = Registry()
r2 = Registry()
r1.register("x")
r2.register("y")
print(r1.items, r2.items, Registry.items, r1.items is r2.items)

class Config:
    debug = False
    level = 1

print(Config.debug, getattr(Config, "level"))
Config.level = 3
c = Config()
print(c.level, c.debug)
c.debug = True
print(c.debug, Config.debug)
del c.debug
print(c.debug)
