# Four threads move money between accounts. Each transfer takes the two
# account locks, always in index order, so the threads cannot deadlock.
# Every transfer is unconditional, so the final balances do not depend
# on the order in which the threads run, and the total is conserved.
import threading


class Account:
    def __init__(self, name, balance):
        self.name = name
        self.balance = balance
        self.lock = threading.Lock()


accounts = [Account("alice", 1000), Account("bob", 1000), Account("carol", 1000), Account("dave", 1000)]
counts = [0, 0, 0, 0]


def transfer(src, dst, amount):
    first = min(src, dst)
    second = max(src, dst)
    with accounts[first].lock:
        with accounts[second].lock:
            accounts[src].balance -= amount
            accounts[dst].balance += amount


def teller(index, rounds):
    for r in range(rounds):
        src = (index + r) % 4
        dst = (src + 1 + (index * r + r // 3) % 3) % 4
        transfer(src, dst, 1 + (r + index) % 5)
        counts[index] += 1


tellers = []
for i in range(4):
    tellers.append(threading.Thread(target=teller, args=(i, 5000), name="teller-" + str(i)))
for t in tellers:
    t.start()
for t in tellers:
    t.join()

total = 0
for a in accounts:
    print(a.name, a.balance, "locked:", a.lock.locked())
    total += a.balance
print("transfers per teller:", counts)
print("total:", total)
