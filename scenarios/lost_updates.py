# Lost updates with and without a function call in the read-modify-write.
#
# Four threads each add 1 to a global counter 100,000 times, with no lock. First as
# `counter += 1`: on CPython 3.10 and later the interpreter only checks its "eval
# breaker" (where a GIL drop request is noticed and the thread may be switched out)
# at backward jumps, function entries and after calls, never between the
# LOAD_GLOBAL, BINARY_OP and STORE_GLOBAL of `counter += 1`, so in practice that
# statement is atomic and nothing is lost (it is not guaranteed by the language; it
# is an accident of where the checks are). Then as `counter = counter + one()`, where
# one() just returns 1: the old value of counter is already on the stack when one()
# is called, and the thread can be switched out inside that call (the eval breaker
# is checked on entry to one(), and after calls); another thread's increments made
# meanwhile are overwritten when this one stores its stale value + 1. The four
# threads wait on an Event and start counting together. Look at "lost": 0 in the
# first experiment, a different number on each round of the second. A
# threading.Lock around the update fixes both (see
# test/golden/threads/01_lock_counter.py).
#
# Optional argument: the number of increments per thread (default 100000).
#
# On CPython 3.11 here: `counter += 1` lost 0 in every round of every run (70
# rounds). `counter = counter + one()` lost between 0 and 75% per round, typically
# 5-45%, e.g. 8.9%, 43.4%, 20.5%, 47.6%, 16.1%, ... Often exactly 100,000, 200,000
# or 300,000 go missing: a thread was switched out holding a stale value while the
# others ran to the end, then stored it, wiping out all their work. One to five
# rounds in ten lose nothing: a round takes only ~25 ms, so there are just a
# handful of switches, and a switch at the loop's backward jump loses nothing.
import sys
import threading

THREADS = 4
N = 100_000
if len(sys.argv) > 1:
    N = int(sys.argv[1])
ROUNDS = 10

counter = 0
go = threading.Event()


def one():
    return 1


def plus_equals(n):
    global counter
    go.wait()
    for i in range(n):
        counter += 1


def plus_call(n):
    global counter
    go.wait()
    for i in range(n):
        counter = counter + one()


def experiment(target):
    global counter
    counter = 0
    go.clear()
    threads = []
    for k in range(THREADS):
        threads.append(threading.Thread(target=target, args=(N,)))
    for t in threads:
        t.start()
    # All four wait on the event, so they start counting together.
    go.set()
    for t in threads:
        t.join()
    return counter


expected = THREADS * N
print(f"{THREADS} threads x {N:,} increments, no lock, switch interval {sys.getswitchinterval() * 1000:.1f} ms")
print("counter += 1")
for r in range(ROUNDS):
    got = experiment(plus_equals)
    print(f"  round {r + 1}: expected {expected:,}  got {got:,}  lost {expected - got:,}")
print("counter = counter + one()")
for r in range(ROUNDS):
    got = experiment(plus_call)
    print(f"  round {r + 1}: expected {expected:,}  got {got:,}  lost {expected - got:,} ({(expected - got) * 100 / expected:.1f}%)")
