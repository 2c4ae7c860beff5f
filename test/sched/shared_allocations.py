# Threads allocating in a loop, and sharing pymalloc: the allocator race of the no-GIL
# issue's acceptance test (test/sched/refcount-race.test.ts).
#
# Each outer iteration makes a list iterator (GET_ITER: a pymalloc block of the same size
# class in both threads) and frees it when the inner loop ends. In `--mode nogil`, with
# `--schedule SEED`, the scheduler switches inside pymalloc's free-list pop and push and
# inside the refcount updates of the shared list, so two threads pop the same block (a
# double allocation), or one frees what the other still uses (a use after free), and the
# run stops on the corruption as a C process would, with the race detector's report.
# CPython 3.11 prints "done".
import threading

items = [None] * 200
pair = [None, None]


def worker():
    for _ in items:
        for x in pair:
            pass


threads = [threading.Thread(target=worker) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("done")
