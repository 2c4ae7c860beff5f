# Snapshot.statistics: traced blocks grouped by the line that allocated them, with
# CPython's formatting of a Statistic (tracemalloc._format_size: B, then KiB with one
# decimal under 100, then whole KiB under 10 KiB... up to TiB).
#
# Only the program's own lines are printed, and only big blocks (>= 1000 bytes): what the
# interpreters allocate for their own bookkeeping (dicts, frames, the snapshot itself) is
# not the same in gilsim and CPython. Each big allocation is alone on its line, in a
# function, so its size is the str's exact request: 49 + n bytes.
import tracemalloc

held = [None] * 20


def make(n):
    return "s" * n


def ten_small():
    for i in range(10):
        held[i] = "t" * (1000 + i)  # ten blocks on one line: count=10


def big_ones():
    held[10] = "u" * 5000
    held[11] = "v" * 50000
    held[12] = "w" * (3 * 1024 * 1024)
    held[15] = "y" * (12 * 1024 * 1024)  # past 10 MiB, _format_size switches to MiB


def own_lines(snapshot, key_type):
    out = []
    for stat in snapshot.statistics(key_type):
        if stat.traceback[0].filename == __file__ and stat.size >= 1000:
            out.append(stat)
    return out


tracemalloc.start()
ten_small()
big_ones()
held[13] = make(777)
held[14] = make(2000)
snapshot = tracemalloc.take_snapshot()

print("by line:")
for stat in own_lines(snapshot, "lineno"):
    print(stat)
print("the biggest, repr'd:")
top = own_lines(snapshot, "lineno")[0]
print(repr(top))
print(repr(top.traceback))
print(repr(top.traceback[0]), top.traceback[0].lineno, len(top.traceback))
print("size and count:", top.size, top.count)

print("by file:")
for stat in snapshot.statistics("filename"):
    if stat.traceback[0].filename == __file__:
        print("size >= 15 MiB:", stat.size >= 15 * 1024 * 1024, "lineno:", stat.traceback[0].lineno)

print("cumulative by line (one frame each, so the same groups):")
for stat in snapshot.statistics("lineno", cumulative=True):
    if stat.traceback[0].filename == __file__ and stat.size >= 1000:
        print(stat)

for bad in ["line", "traceback"]:
    try:
        snapshot.statistics(bad, cumulative=True)
    except ValueError as e:
        print("ValueError:", e)
try:
    snapshot.statistics("size")
except ValueError as e:
    print("ValueError:", e)

print("traceback limit of the snapshot:", snapshot.traceback_limit)
print("traces in it:", len(snapshot.traces) >= 16)
tracemalloc.stop()
