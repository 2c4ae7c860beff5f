# Closures: inner functions that remember variables of the enclosing scope.
def make_multiplier(factor):
    def multiply(x):
        return x * factor
    return multiply

double = make_multiplier(2)
triple = make_multiplier(3)
print(double(5), triple(5), double(triple(2)))

def make_counter():
    count = 0
    def increment():
        nonlocal count
        count += 1
        return count
    return increment

c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(), c2(), c1())

def make_adders():
    adders = []
    for i in range(3):
        adders.append(lambda x: x + i)
    return adders

print([f(10) for f in make_adders()])

def make_adders_fixed():
    adders = []
    for i in range(3):
        adders.append(lambda x, i=i: x + i)
    return adders

print([f(10) for f in make_adders_fixed()])

def make_account(balance):
    def deposit(amount):
        nonlocal balance
        balance += amount
        return balance
    def get():
        return balance
    return deposit, get

deposit, get = make_account(100)
deposit(50)
deposit(-30)
print("balance:", get())

def outer():
    message = "from outer"
    def inner():
        return message.upper()
    message = "changed before call"
    return inner()

print(outer())
