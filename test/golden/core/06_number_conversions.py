# Converting between int, float, str and bool.
print(int("42"), int("-17"), int("  8  "), int("007"))
print(int(3.99), int(-3.99), int(0.5), int(-0.5))
print(int(True), int(False), int(1e10))
print(float(2), float("2.5"), float("-0.25"), float(" 1e-3 "))
print(str(12), str(-4), str(2.0), str(1e21), str(True))
print(bool(0), bool(1), bool(-1), bool(0.0), bool(0.1))
print(bool(""), bool("a"), bool([]), bool([0]), bool({}), bool(None))
print(int(str(123) + str(456)) + 1)
print(str(1 / 4) + "!")
print(float(int("12")) / 5)
print(int(float("7.9")))
digits = "31415"
total = 0
for ch in digits:
    total += int(ch)
print("digit sum:", total)
big = int("123456789012345678901234567890")
print(big * 2, type(big).__name__)
print(float(big))
print(True + True + True, True * 10, -True)
print(1 == 1.0, 2 == 2.5, int(2.5) == 2)
print(isinstance(True, int), type(True).__name__)
