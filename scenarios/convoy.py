# The convoy effect (bpo-7946): an I/O-bound thread next to a CPU-bound one.
#
# The "I/O" thread does many short blocking calls, time.sleep(0.0001), each of which
# releases the GIL while it blocks and must take it back afterwards. Alone, it gets
# the GIL back at once, so it completes thousands of calls a second. Next to a
# CPU-bound thread, every sleep hands the GIL to the CPU thread, and when the I/O
# thread wakes up 0.1 ms later it has to wait for the GIL: it waits one switch
# interval (5 ms), then sets a drop request and waits for the CPU thread to notice
# it. So each I/O call now costs about 5 ms instead of 0.1 ms and the rate drops by
# more than an order of magnitude, although the CPU thread has no reason to delay it.
# CPython's GIL has no priority for threads that return from I/O; that is the convoy
# effect Antoine Pitrou's 3.2 GIL kept and David Beazley described in 2010. Look at
# the two rates and their ratio.
#
# Optional argument: the measuring time per phase in seconds (default 1.0).
#
# On CPython 3.11 here (2 cores): alone 4,600-5,150 sleeps/s (~200 us each: a
# 100 us sleep really takes about 200 us here); next to the CPU-bound thread
# 182-187 sleeps/s (~5.4 ms each, one switch interval); slowdown 25x-27x.
import sys
import threading
import time

DURATION = 1.0
if len(sys.argv) > 1:
    DURATION = float(sys.argv[1])

stop = [False]
counts = [0]


def io_thread():
    n = 0
    end = time.perf_counter() + DURATION
    while time.perf_counter() < end:
        time.sleep(0.0001)
        n += 1
    counts[0] = n
    stop[0] = True


def cpu_thread():
    x = 0
    while not stop[0]:
        x += 1


def measure(with_cpu):
    stop[0] = False
    threads = [threading.Thread(target=io_thread, name="io")]
    if with_cpu:
        threads.append(threading.Thread(target=cpu_thread, name="cpu"))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counts[0] / DURATION


alone = measure(False)
contended = measure(True)
print(f"I/O thread alone           : {alone:9.0f} sleeps/s  ({1e6 / alone:7.1f} us each)")
print(f"next to a CPU-bound thread : {contended:9.0f} sleeps/s  ({1e6 / contended:7.1f} us each)")
print(f"slowdown                   : {alone / contended:.1f}x  (switch interval {sys.getswitchinterval() * 1000:.1f} ms)")
