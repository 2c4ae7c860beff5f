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
# is called, and the thread can be switched out at one()'s entry or right after the
# call returns; another thread's increments made meanwhile are overwritten when this
# one stores its stale value + 1. Look at "lost": 0 in the first experiment, a
# different large number on each round of the second. A threading.Lock around the
# update fixes both (see test/golden/threads/01_lock_counter.py).
#
# Optional argument: the number of increments per thread (default 100000).
#
# On CPython 3.11 here: RESULTS
import sys
import threading

THREADS = 4
N = 100_000
if len(sys.argv) > 1:
    N = int(sys.argv[1])
ROUNDS = 10

counter = 0


def one():
    return 1


def plus_equals(n):
    global counter
    for i in range(n):
        counter += 1


def plus_call(n):
    global counter
    for i in range(n):
        counter = counter + one()


def experiment(target):
    global counter
    counter = 0
    threads = []
    for k in range(THREADS):
        threads.append(threading.Thread(target=target, args=(N,)))
    for t in threads:
        t.start()
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
