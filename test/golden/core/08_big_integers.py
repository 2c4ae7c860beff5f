# Arbitrary-precision integers.
f = 1
for i in range(1, 31):
    f *= i
print("30! =", f)

f50 = 1
for i in range(1, 51):
    f50 *= i
print("50! =", f50)
print("50! // 30! =", f50 // f)

a, b = 0, 1
for i in range(150):
    a, b = b, a + b
print("fib(150) =", a)

print(2 ** 64 - 1, -(2 ** 63))
print(2 ** 100 + 1 - 2 ** 100)
n = 12345678901234567890
print(n * n)
print(n * n // n == n)
print(-n // 7, -n % 7)
print(n > 2 ** 63, n < 2 ** 64)
print(abs(-n), -n + n)

digits = str(2 ** 1000)
print(len(digits), digits[:20])
total = 0
for ch in digits:
    total += int(ch)
print("digit sum of 2**1000:", total)
print(10 ** 40 // 10 ** 38, 10 ** 40 % 999)
