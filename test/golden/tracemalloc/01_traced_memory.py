# tracemalloc's switches and counters: start, is_tracing, get_traced_memory, reset_peak,
# clear_traces, stop, and CPython's errors for bad arguments.
#
# Every number printed is a difference of traced memory around allocations whose size
# CPython and gilsim both know exactly (a str of n ASCII characters asks for 49 + n bytes;
# a one-digit int made by get_traced_memory asks for 32), measured inside a function so no
# dict grows on the way. Free lists are filled before tracing starts: an object taken from
# a free list is not allocated, so both interpreters must start with some on them.
import tracemalloc

warm = [(i, i) for i in range(100)]
del warm


def make(n):
    return "x" * n


def grow(n):
    # Traced memory after the allocation minus before: the str, and the int `before`
    # (32 bytes, made by the first get_traced_memory after it read the counter).
    before = tracemalloc.get_traced_memory()[0]
    data = make(n)
    after = tracemalloc.get_traced_memory()[0]
    return after - before - 32


def peak_of_temporary(n):
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    make(n)  # made and freed at once: only the peak remembers it
    current, peak = tracemalloc.get_traced_memory()
    return current - base - 32, peak - base >= n + 49


print("tracing before start:", tracemalloc.is_tracing())
print("traced memory before start:", tracemalloc.get_traced_memory())
tracemalloc.start()
# Ballast, so traced memory stays above 256 until clear_traces(): an int up to 256 is a
# cached small int, which get_traced_memory does not allocate.
ballast = make(1000)
print("tracing after start:", tracemalloc.is_tracing())
print("traceback limit:", tracemalloc.get_traceback_limit())
for n in (1000, 50000, 123457):
    print("str of", n, "chars:", grow(n), "bytes")
print("a temporary leaves current unchanged, raises the peak:", peak_of_temporary(200000))

keep = [None, None]


def hold():
    before = tracemalloc.get_traced_memory()[0]
    keep[0] = make(300000)
    after = tracemalloc.get_traced_memory()[0]
    keep[0] = None
    last = tracemalloc.get_traced_memory()[0]
    return after - before - 32, last - after - 32


print("held, then freed:", hold())

tracemalloc.clear_traces()
print("after clear_traces:", tracemalloc.get_traced_memory())
tracemalloc.start(5)  # already tracing: nothing changes
print("limit unchanged while tracing:", tracemalloc.get_traceback_limit())
tracemalloc.stop()
print("tracing after stop:", tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
tracemalloc.stop()  # stopping twice is fine
tracemalloc.start(4)
print("limit of a new start:", tracemalloc.get_traceback_limit())
tracemalloc.stop()
print("limit kept after stop:", tracemalloc.get_traceback_limit())

for args in [(0,), (65536,), ("3",), (1.5,), (1, 2)]:
    try:
        tracemalloc.start(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
try:
    tracemalloc.start(nframe=2)
except TypeError as e:
    print("TypeError:", e)
try:
    tracemalloc.stop(1)
except TypeError as e:
    print("TypeError:", e)
try:
    tracemalloc.take_snapshot()
except RuntimeError as e:
    print("RuntimeError:", e)
print("still not tracing:", tracemalloc.is_tracing())
