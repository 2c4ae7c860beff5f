# while loops with break, continue and else.
n = 27
steps = 0
while n != 1:
    if n % 2 == 0:
        n = n // 2
    else:
        n = 3 * n + 1
    steps += 1
print("collatz(27) steps:", steps)

i = 0
while i < 10:
    i += 1
    if i % 3 == 0:
        continue
    if i == 8:
        break
    print("i =", i)
print("stopped at", i)

k = 0
while k < 3:
    k += 1
else:
    print("while-else ran, k =", k)

k = 0
while True:
    k += 1
    if k == 5:
        break
else:
    print("not printed")
print("broke out at", k)

balance = 100
month = 0
while balance < 200:
    balance = balance + balance // 10
    month += 1
print("doubled after", month, "months:", balance)

queue = [1, 2, 3]
while queue:
    item = queue.pop(0)
    if item < 3:
        queue.append(item + 10)
    print("processed", item, "queue", queue)
