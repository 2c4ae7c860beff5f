# A failing assert with a message.
def withdraw(balance, amount):
    assert amount <= balance, f"cannot withdraw {amount} from {balance}"
    return balance - amount

balance = 100
for amount in [30, 50, 40]:
    balance = withdraw(balance, amount)
    print("balance now", balance)
