# tracemalloc is process-wide: a snapshot taken in one thread sees the blocks every
# thread allocated, and a block one thread allocated and another freed is untraced.
# The output is CPython 3.11's (checked with python3; printed without file names, which
# CPython makes absolute).
import threading
import tracemalloc

held = [None] * 8
ready = threading.Event()
go = threading.Event()


def worker(i, n):
    held[i] = "w" * n


def late_worker():
    # Started before tracing: allocates after start() was called in the main thread.
    ready.set()
    go.wait()
    held[7] = "late" * 25000


def own(snapshot):
    out = []
    for stat in snapshot.statistics("lineno"):
        if stat.traceback[0].filename == __file__ and stat.size >= 5000:  # not the Thread objects (their size differs)
            out.append("line %d: %d bytes in %d blocks" % (stat.traceback[0].lineno, stat.size, stat.count))
    return out


def main():
    late = threading.Thread(target=late_worker)
    late.start()
    ready.wait()
    tracemalloc.start()
    go.set()
    late.join()
    threads = [threading.Thread(target=worker, args=(i, 10000 * (i + 1))) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for line in own(tracemalloc.take_snapshot()):
        print(line)
    held[0] = None  # freed by the main thread, allocated by another
    held[7] = None
    print("after freeing two:")
    for line in own(tracemalloc.take_snapshot()):
        print(line)
    tracemalloc.stop()


main()
