# The seeds' example: two objects that refer to each other outlive `del`; the cyclic GC
# finds them, runs each __del__ once, and frees them.
import gc


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        print("__del__", self.name)


a = Node("a")
b = Node("b")
a.other = b
b.other = a
del a, b
print("after del: nothing freed yet")
n = gc.collect()
print("collected at least 2:", n >= 2)
print("a second collect finds nothing:", gc.collect())
