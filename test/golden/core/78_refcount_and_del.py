# Watching an object's count fall to zero, at which point __del__ runs.
import sys

class Resource:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)

r = Resource("r1")
print("count:", sys.getrefcount(r))
refs = [r, r]
print("count with list:", sys.getrefcount(r))
extra = r
print("count with extra name:", sys.getrefcount(r))
del r
print("deleted name r; count via extra:", sys.getrefcount(extra))
refs = None
print("list gone:", sys.getrefcount(extra))
print("about to drop last reference")
del extra
print("after last reference")

pair = [Resource("left"), Resource("right")]
print("pair created")
pair.pop(0)
print("after pop(0)")
pair[0] = Resource("replacement")
print("after replacing right")
del pair
print("after del pair")

def use_temporarily():
    tmp = Resource("tmp")
    other = tmp
    print("inside, count:", sys.getrefcount(tmp))

use_temporarily()
print("function returned")
holder = {"x": Resource("in dict")}
print("popping from dict")
holder.pop("x")
print("done")
