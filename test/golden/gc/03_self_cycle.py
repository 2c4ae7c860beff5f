import gc
import weakref


class Box:
    pass


b = Box()
b.me = b
r = weakref.ref(b)
del b
print("alive after del:", r() is not None)
gc.collect()
print("alive after collect:", r() is not None)

# a list that contains itself, a dict that holds itself, a closure that calls itself
lst = [1, 2]
lst.append(lst)
d = {}
d["self"] = d


def outer():
    def inner(n):
        return 0 if n == 0 else inner(n - 1)
    return inner


f = outer()
print(f(3))
holder = Box()
holder.items = [lst, d, f]
r = weakref.ref(holder)
del lst, d, f, holder
print("holder freed by refcounting:", r() is None)
print("cycles collected:", gc.collect() >= 3)
print(gc.collect())
