# Threads sharing objects in a loop, and nothing else: the refcount race of the no-GIL
# issue's acceptance test (test/sched/refcount-race.test.ts).
#
# Each iteration loads three shared objects into locals: a Py_INCREF of each (LOAD_GLOBAL)
# and a Py_DECREF of the local's previous value (STORE_FAST). With the GIL, or with
# atomic or biased refcounts, nothing comes between an update's load of ob_refcnt and
# its store. In `--mode nogil` two threads updating the same count interleave and
# updates are lost; under `--schedule SEED` the scheduler switches inside those updates,
# so the loss happens on demand, the same way for a given seed, and the race detector's
# end-of-run audit (when only the main thread is left) reports each shared object whose
# stored count differs from its true number of references.
#
# The race is kept to the loop, so that every seed reaches the audit whatever else moves
# the schedule's switch points (a new built-in shifts every address):
# - the readers share only a, b and c: each gets its own function, list, iterator and
#   locks as arguments. The main thread still touches a reader's go and done locks while
#   it runs, so their counts can drift too; one that drifted low is freed one reference
#   early by the end of the run, after the audit (exit 139, not 3);
# - `keep` holds 1000 references to everything the threads touch (a, b, c, the readers,
#   the lists, the iterators, the locks), so a drift (tens either way) never frees one;
# - nothing allocates or frees while two threads run: the threads are _thread's (no
#   threading bootstrap, which allocates), everything they use exists before they start
#   (their iterators too), a lock operation allocates nothing, and each thread is started
#   only once the one before is parked on a lock;
# - the main thread waits on locks and on _thread._count() (small ints), not on join.
# CPython 3.11 prints "drift: 0 0 0".
#
# Optional argument: iterations per thread (default 1000).
import sys
import time
import _thread

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
a = object()
b = object()
c = object()


def reader():
    # A function of its own for each thread (the same code): the frame's reference to it
    # is counted by that thread only.
    def run(ready, go, it, done):
        ready.release()
        go.acquire()
        go.release()
        for _ in it:
            x = a
            y = b
            z = c
        done.release()
    return run


readers = [reader(), reader()]
# Each thread's own objects, passed as arguments (LOAD_FAST): its list, iterator and
# locks, none of which the other thread touches (an exhausted list iterator drops its
# list, so the two lists are separate too).
own = []
for k in range(2):
    items = [None] * n
    ready = _thread.allocate_lock()
    go = _thread.allocate_lock()
    done = _thread.allocate_lock()
    for lock in (ready, go, done):
        lock.acquire()
    own.append((ready, go, iter(items), done, items))
# The argument tuples too: a thread drops its own when it ends.
args = [own[0][:4], own[1][:4]]
keep = [a, b, c, readers, own, args] + readers + own + args
for objs in own:
    keep += list(objs)
keep = keep * 1000
_thread.start_new_thread(readers[0], args[0])
own[0][0].acquire()
_thread.start_new_thread(readers[1], args[1])
own[1][0].acquire()
own[0][1].release()
own[1][1].release()
own[0][3].acquire()
own[1][3].acquire()
while _thread._count():
    time.sleep(0.001)
# getrefcount's argument, the global and keep's 1000: 1002 without a race.
print("drift:", sys.getrefcount(a) - 1002, sys.getrefcount(b) - 1002, sys.getrefcount(c) - 1002)
