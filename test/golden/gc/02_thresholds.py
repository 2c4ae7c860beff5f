import gc

print(gc.get_threshold())
gc.set_threshold(100, 5, 5)
print(gc.get_threshold())
gc.set_threshold(500)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
print(gc.get_threshold())
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
c = gc.get_count()
print(type(c).__name__, len(c), all([type(x) is int and x >= 0 for x in c]))
stats = gc.get_stats()
print(len(stats), [sorted(s) for s in stats])
print(gc.garbage, gc.callbacks)
print(gc.DEBUG_SAVEALL, gc.DEBUG_LEAK, gc.get_debug())


def check(f):
    try:
        f()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)


check(lambda: gc.collect(3))
check(lambda: gc.collect(-1))
check(lambda: gc.collect("x"))
check(lambda: gc.collect(1, 2))
check(lambda: gc.set_threshold())
check(lambda: gc.set_threshold(1, 2, 3, 4))
check(lambda: gc.set_threshold("a"))
check(lambda: gc.get_objects(3))
check(lambda: gc.is_tracked())
check(lambda: gc.get_count(1))
check(lambda: gc.enable(1))

check(lambda: gc.collect(gen=1))
