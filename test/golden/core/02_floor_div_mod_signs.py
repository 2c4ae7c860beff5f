# Floor division and modulo follow the sign of the divisor (Python semantics).
pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (6, 3), (-6, 3), (0, 5), (1, 10), (-1, 10)]
for a, b in pairs:
    q = a // b
    r = a % b
    print(f"{a} // {b} = {q}, {a} % {b} = {r}, check {q * b + r}")

print("floats:")
print(7.5 // 2, 7.5 % 2)
print(-7.5 // 2, -7.5 % 2)
print(7.5 // -2, 7.5 % -2)
print(-7 // 2.0, -7 % 2.0)
print(5 % 0.75, -5 % 0.75)

print("big ints:")
big = 10 ** 30 + 7
print(big // 3, big % 3)
print(-big // 3, -big % 3)
print(big // -1000, big % -1000)

print("clock arithmetic:")
hour = 22
for add in [1, 2, 5, 26, -23]:
    print(hour, "+", add, "->", (hour + add) % 24)
