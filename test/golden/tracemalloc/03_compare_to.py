# Snapshot.compare_to: what changed between two snapshots, line by line, as StatisticDiff
# objects (sorted by the absolute size difference), with CPython's signed formatting.
# As in 02, only the program's own lines with big blocks are printed.
import tracemalloc

held = [None] * 10


def grow_cache(n):
    held[0] = "a" * n


def fill(i, n):
    held[i] = "b" * n


def own(diffs):
    out = []
    for d in diffs:
        if d.traceback[0].filename == __file__ and (d.size >= 1000 or abs(d.size_diff) >= 1000):
            out.append(d)
    return out


tracemalloc.start()
grow_cache(20000)
fill(1, 4000)
fill(2, 4000)
first = tracemalloc.take_snapshot()

grow_cache(90000)  # the block on line 10 is replaced by a bigger one
fill(3, 4000)  # one more on line 14
held[1] = None  # and one of line 14's blocks freed
fill(4, 300000)
second = tracemalloc.take_snapshot()

for d in own(second.compare_to(first, "lineno")):
    print(d)
print("repr:", repr(own(second.compare_to(first, "lineno"))[0]))

print("the other way round:")
for d in own(first.compare_to(second, "lineno")):
    print(d)

held[4] = None
held[3] = None
held[0] = None  # line 10 has no block left: size=0 B, count=0
third = tracemalloc.take_snapshot()
print("after freeing:")
for d in own(third.compare_to(second, "lineno")):
    print(d)
tracemalloc.stop()
