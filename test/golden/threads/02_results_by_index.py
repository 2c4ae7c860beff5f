# Each thread writes its result into a shared list at its own index.
# No two threads touch the same slot, so no lock is needed, and the
# main thread prints the list only after joining every thread.
import threading

results = [None] * 5
lengths = [0] * 5


def sum_of_squares(index, n):
    total = 0
    for i in range(1, n + 1):
        total += i * i
    results[index] = total


def collatz_steps(index, start):
    n = start
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    lengths[index] = steps


threads = []
for i in range(5):
    threads.append(threading.Thread(target=sum_of_squares, args=(i, (i + 1) * 100)))
    threads.append(threading.Thread(target=collatz_steps, args=(i, 27 + i)))
print("before start:", results, lengths)
for t in threads:
    t.start()
for t in threads:
    t.join()

for i in range(5):
    print("n =", (i + 1) * 100, "sum of squares =", results[i])
print("collatz steps from 27..31:", lengths)
check = []
for i in range(5):
    n = (i + 1) * 100
    check.append(results[i] == n * (n + 1) * (2 * n + 1) // 6)
print("all match the formula:", check)
