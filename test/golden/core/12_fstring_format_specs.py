# f-string format specs: width, alignment, precision, thousands separator.
x = 42
print(f"[{x:>5}]")
print(f"[{x:<5}]")
print(f"[{x:^5}]")
print(f"[{x:05}]")
print(f"[{x:+}] [{-x:+}]")
pi = 3.14159265
print(f"[{pi:.2f}] [{pi:.0f}] [{pi:8.3f}] [{pi:<8.1f}]")
print(f"[{2.5:.0f}] [{3.5:.0f}] [{1.005:.2f}]")
big = 1234567890
print(f"{big:,}")
print(f"{-9876543:,}")
print(f"{1234.5678:,.2f}")
name = "gil"
print(f"[{name:>8}]")
print(f"[{name:<8}]")
print(f"[{name:^8}]")
print(f"[{name!r:>8}]")
print(f"[{name:*^9}]")
print(f"[{x:0>6}]")

rows = [("apples", 3, 0.5), ("bananas", 12, 0.25), ("cherries", 150, 0.1)]
print(f"{'item':<10}{'qty':>5}{'price':>8}")
for item, qty, price in rows:
    print(f"{item:<10}{qty:>5}{price:>8.2f}")
total = 0
for item, qty, price in rows:
    total += qty * price
print(f"{'total':<10}{total:>13.2f}")
print(f"{7:3d}|{7:<3d}|{-7:4d}|")
