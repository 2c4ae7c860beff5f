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
# Only the loop races, by construction, so that every seed reaches the audit whatever
# else moves the schedule's switch points (a new built-in shifts every address):
# - `keep` holds 1000 references to everything two threads touch (a, b, c, the readers,
#   `items`, the iterators, the locks), so a drift (tens either way) never frees one
#   (each reader's cell for k is its own);
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
items = [None] * n
its = [iter(items), iter(items)]
ready = [_thread.allocate_lock(), _thread.allocate_lock()]
done = [_thread.allocate_lock(), _thread.allocate_lock()]
go = _thread.allocate_lock()
for lock in ready + done + [go]:
    lock.acquire()


def reader(k):
    # Thread k's body: its own iterator and locks, the shared objects a, b and c.
    def run():
        ready[k].release()
        go.acquire()
        go.release()
        for _ in its[k]:
            x = a
            y = b
            z = c
        done[k].release()
    return run


readers = [reader(0), reader(1)]
keep = [a, b, c, items, its, ready, done, go, readers] + readers + its + ready + done
keep = keep * 1000
_thread.start_new_thread(readers[0], ())
ready[0].acquire()
_thread.start_new_thread(readers[1], ())
ready[1].acquire()
go.release()
done[0].acquire()
done[1].acquire()
while _thread._count():
    time.sleep(0.001)
# getrefcount's argument, the global and keep's 1000: 1002 without a race.
print("drift:", sys.getrefcount(a) - 1002, sys.getrefcount(b) - 1002, sys.getrefcount(c) - 1002)
