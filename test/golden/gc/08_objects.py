import gc


class A:
    pass


x = [1, 2, 3]
print(gc.is_tracked(x), gc.is_tracked(A()), gc.is_tracked(1), gc.is_tracked("s"), gc.is_tracked(None))
print(any([o is x for o in gc.get_objects()]))
print(any([o is x for o in gc.get_objects(0)]), any([o is x for o in gc.get_objects(generation=2)]))
gc.collect()
print(any([o is x for o in gc.get_objects(2)]))

gc.set_debug(gc.DEBUG_SAVEALL)
a = A()
a.me = a
del a
print(gc.collect() >= 1)
print(len(gc.garbage) >= 1, any([type(o) is A for o in gc.garbage]))
gc.set_debug(0)
gc.garbage.clear()
print(gc.collect() >= 1)
print(gc.garbage)
