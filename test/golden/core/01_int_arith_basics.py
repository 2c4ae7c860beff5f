# Integer arithmetic: operators, precedence, augmented assignment.
a = 17
b = 5
print(a + b, a - b, a * b)
print(-a, +a, -(-a))
print(a + b * 2, (a + b) * 2)
print(2 + 3 * 4 - 1, (2 + 3) * (4 - 1))
print(10 - 3 - 2, 100 // 10 // 3)

x = 10
x += 5
print("after += 5:", x)
x -= 3
print("after -= 3:", x)
x *= 4
print("after *= 4:", x)
x //= 7
print("after //= 7:", x)
x %= 4
print("after %= 4:", x)
x **= 5
print("after **= 5:", x)

total = 0
for i in range(1, 101):
    total += i
print("sum 1..100 =", total)

count = 0
n = 1000
while n > 1:
    n = n // 2
    count += 1
print("halvings of 1000:", count)
print(1 + True, True * 7, False - 1)
