# __slots__ saves memory: an instance of a class with __slots__ is one block with its
# attributes inside; an instance of an ordinary class also needs its attribute storage
# (CPython 3.11: a values array, or a dict once __dict__ is asked for; gilsim: a dict).
#
# The slotted instances' traced size is exact in both interpreters (16 bytes of GC head +
# 16 of header + 8 per slot = 48 bytes each). The dict-based ones are not laid out the same
# in gilsim (no split-table dicts, see src/objects/README.md), so only the comparison is
# printed for them.
import sys
import tracemalloc


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class SlotPoint:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


N = 1000
slotted = [None] * N
plain = [None] * N


def make_slotted():
    for i in range(N):
        slotted[i] = SlotPoint(i % 100, 7)


def make_plain():
    for i in range(N):
        plain[i] = Point(i % 100, 7)


def size_of_line(snapshot, lineno):
    for stat in snapshot.statistics("lineno"):
        frame = stat.traceback[0]
        if frame.filename == __file__ and frame.lineno == lineno:
            return stat
    return None


tracemalloc.start()
make_slotted()
make_plain()
snapshot = tracemalloc.take_snapshot()
tracemalloc.stop()

slots_stat = size_of_line(snapshot, 34)
plain_total = 0
for stat in snapshot.statistics("lineno"):
    if stat.traceback[0].filename == __file__ and stat.traceback[0].lineno in (15, 16, 17, 39):
        plain_total += stat.size
print("1000 slotted instances:", slots_stat)
print("per instance:", slots_stat.size // slots_stat.count, "bytes")
print("dict-based instances take more:", plain_total > slots_stat.size)
print("at least 1.5 times more:", plain_total >= 1.5 * slots_stat.size)

s = slotted[0]
p = plain[0]
print("getsizeof slotted:", sys.getsizeof(s))
print("getsizeof plain, instance only:", sys.getsizeof(p))
print("plain instance and its __dict__ exceed the slotted one:", sys.getsizeof(p) + sys.getsizeof(p.__dict__) > sys.getsizeof(s))
print("slotted has no __dict__:", not hasattr(s, "__dict__"))
try:
    s.z = 1
except AttributeError as e:
    print("AttributeError:", e)
