# A missing dictionary key.
prices = {"apple": 3, "pear": 4, "plum": 2}
order = ["apple", "plum", "mango", "pear"]
total = 0
for fruit in order:
    print("adding", fruit)
    total += prices[fruit]
print("total", total)
