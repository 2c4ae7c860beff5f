# List concatenation, repetition, comparison and builtins over lists.
a = [1, 2, 3]
b = [4, 5]
print(a + b, b + a, a * 2, [0] * 5, [] * 3)
print(len(a + b), sum(a + b), min(a + b), max(a + b))
print([1, 2] == [1, 2], [1, 2] < [1, 2, 3], [2] > [1, 100])
print(list("xyz"), list(range(4)), list((7, 8)))
print(list(range(10, 0, -3)), list(range(0)), list(range(-3, 3)))
a += [10]
print(a)
c = a
c += [11]
print(a, c is a)
c = c + [12]
print(a, c, c is a)
nums = [4, 8, 15, 16, 23, 42]
evens = []
odds = []
for n in nums:
    if n % 2 == 0:
        evens.append(n)
    else:
        odds.append(n)
print("evens", evens, "odds", odds)
print(2 in nums, 15 in nums, [15, 16] in [nums, [15, 16]])
stack = []
for i in range(5):
    stack.append(i * i)
while stack:
    print("popped", stack.pop())
print(stack)
