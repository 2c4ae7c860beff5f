# Threads sharing objects in a loop, and nothing else: the refcount race of the no-GIL
# issue's acceptance test (test/sched/refcount-race.test.ts).
#
# Each iteration loads three shared objects into locals: a Py_INCREF of each (LOAD_GLOBAL)
# and a Py_DECREF of the local's previous value (STORE_FAST). With the GIL, or with
# atomic or biased refcounts, nothing comes between an update's load of ob_refcnt and
# its store. In `--mode nogil` two threads updating the same count interleave and
# updates are lost; under `--schedule SEED` the scheduler switches inside those updates,
# so the loss happens on demand, the same way for a given seed, and the race detector's
# end-of-run audit (after the joins, when only the main thread is left) reports each
# shared object whose stored count differs from its true number of references.
#
# `keep` holds 1000 references to each shared object, so that a drift (tens either
# way) never frees one while it is in use: the run reaches the audit. The Thread objects
# are shared too (the main thread's `t`, the worker's `self`) and get the same guard,
# `keep_threads`: without it a seed whose lost updates freed one crashed before the
# audit (seed 11, once list operations in threading allocated as CPython's do). The loop
# allocates nothing (it iterates over a prebuilt list of None), so pymalloc's free lists
# are not raced from it. CPython 3.11 prints "drift: 0 0 0".
#
# Optional argument: iterations per thread (default 1000).
import sys
import threading

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
a = object()
b = object()
c = object()
items = [None] * n
keep = [a, b, c] * 1000


def reader():
    for _ in items:
        x = a
        y = b
        z = c


threads = [threading.Thread(target=reader) for _ in range(2)]
keep_threads = threads * 1000
for t in threads:
    t.start()
for t in threads:
    t.join()
# getrefcount's argument, the global and keep's 1000: 1002 without a race.
print("drift:", sys.getrefcount(a) - 1002, sys.getrefcount(b) - 1002, sys.getrefcount(c) - 1002)
