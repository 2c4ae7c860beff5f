# A small object-oriented simulation: accounts, transfers and a ledger.
class InsufficientFunds(Exception):
    pass

class Account:
    next_id = 1

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.id = Account.next_id
        Account.next_id += 1

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(f"{self.owner} has {self.balance}, needs {amount}")
        self.balance -= amount

class Bank:
    def __init__(self):
        self.accounts = {}
        self.ledger = []
    def open(self, owner, balance=0):
        acct = Account(owner, balance)
        self.accounts[owner] = acct
        return acct

    def transfer(self, src, dst, amount):
        try:
            source = self.accounts[src]
            target = self.accounts[dst]
            source.withdraw(amount)
            target.deposit(amount)
            self.ledger.append((src, dst, amount, "ok"))
        except InsufficientFunds as e:
            self.ledger.append((src, dst, amount, "failed"))
            print("transfer failed:", e)
        except KeyError as e:
            print("unknown account:", e)
bank = Bank()
bank.open("ann", 100)
bank.open("bob", 50)
bank.open("cid")
bank.transfer("ann", "bob", 30)
bank.transfer("bob", "cid", 100)
bank.transfer("bob", "cid", 80)
bank.transfer("ann", "zed", 1)
for owner, acct in bank.accounts.items():
    print(f"#{acct.id} {owner:<4} {acct.balance:>5}")
for entry in bank.ledger:
    print(entry)
try:
    bank.accounts["cid"].deposit(-5)
except ValueError as e:
    print("ValueError:", e)
print("total money:", sum([a.balance for a in bank.accounts.values()]))
