# PEP 442: a __del__ may resurrect its object; the collector then leaves it alone, and
# __del__ never runs a second time for it.
import gc

saved = None


class Phoenix:
    def __init__(self, name):
        self.name = name
        self.me = self

    def __del__(self):
        global saved
        print("__del__", self.name)
        saved = self


p = Phoenix("p")
del p
print("collect 1 found garbage:", gc.collect() >= 1)
print("resurrected:", saved.name)
saved = None
print("collect 2 frees it without __del__:", gc.collect() >= 1)
print("saved:", saved)
