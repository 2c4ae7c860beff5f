# gc.collect() called from a __del__ while refcounting is freeing a list of objects:
# those still waiting to be freed belong to the dealloc, not to the collector.
import gc

class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name, gc.collect() >= 0)

class C:
    pass

c = C(); c.me = c
items = [D("a"), D("b"), D("c")]
del c
items = None
print("end")
