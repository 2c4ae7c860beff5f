# tracemalloc.start(nframe) keeps up to nframe frames per allocation: statistics by whole
# traceback, cumulative statistics (every frame of a traceback gets the block), the
# traceback of one trace (with total_nframe, the depth of the whole stack), Filter,
# and get_object_traceback.
import tracemalloc

held = [None] * 10


def leaf(i, n):
    held[i] = "L" * n


def middle(i, n):
    leaf(i, n)


def top(i, n):
    middle(i, n)


def direct(i, n):
    leaf(i, n)


def own_frames(tb):
    for frame in tb:
        if frame.filename != __file__:
            return False
    return True


def main():
    tracemalloc.start(3)
    print("limit:", tracemalloc.get_traceback_limit())
    top(0, 10000)
    top(1, 10000)
    direct(2, 20000)
    snapshot = tracemalloc.take_snapshot()
    print("snapshot limit:", snapshot.traceback_limit)

    print("by traceback:")
    for stat in snapshot.statistics("traceback"):
        if stat.size >= 1000 and own_frames(stat.traceback):
            print(stat)
            for frame in stat.traceback:
                print("   ", frame)

    print("by line:")
    for stat in snapshot.statistics("lineno"):
        if stat.size >= 1000 and own_frames(stat.traceback):
            print(stat)

    print("cumulative:")
    for stat in snapshot.statistics("lineno", cumulative=True):
        if stat.size >= 1000 and own_frames(stat.traceback):
            print(stat)

    print("one trace:")
    for trace in snapshot.traces:
        if trace.size == 20049:
            print(trace)
            print(repr(trace.traceback))
            print("total_nframe:", trace.traceback.total_nframe, "kept:", len(trace.traceback))
            print("oldest first:", trace.traceback[0].lineno, trace.traceback[-1].lineno)

    print("filtered to line 11:")
    only_leaf = snapshot.filter_traces([tracemalloc.Filter(True, __file__, lineno=11)])
    for stat in only_leaf.statistics("lineno"):
        print(stat)
    print("three traces made on line 11:", len(only_leaf.traces) == 3)
    others = snapshot.filter_traces([tracemalloc.Filter(False, "*tracemalloc.py")])
    print("no trace left from tracemalloc.py:", all([not t.traceback[-1].filename.endswith("tracemalloc.py") for t in others.traces]))

    print("object traceback:", tracemalloc.get_object_traceback(held[2]))
    print("formatted, most recent first:")
    for line in tracemalloc.get_object_traceback(held[2]).format(most_recent_first=True):
        print(line)
    print("untraced object:", tracemalloc.get_object_traceback("made before? no: a constant"))
    tracemalloc.stop()
    print("after stop:", tracemalloc.get_object_traceback(held[2]))


main()
f1 = tracemalloc.Frame(("a.py", 1))
f2 = tracemalloc.Frame(("a.py", 2))
print("frames compare:", f1 < f2, f1 <= f2, f2 > f1, f2 >= f1, f1 == tracemalloc.Frame(("a.py", 1)), f1 == ("a.py", 1), f1 != f2)
print("sorted:", sorted([f2, f1]))
t1 = tracemalloc.Traceback((("a.py", 1),))
t2 = tracemalloc.Traceback((("b.py", 1), ("a.py", 9)))
print("tracebacks compare:", t1 < t2, t2 > t1, t1 == tracemalloc.Traceback((("a.py", 1),)), t1 == f1, len(t2), t2[0], t2[-1])
