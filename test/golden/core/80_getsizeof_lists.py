# sys.getsizeof of a list while appending: over-allocation in steps.
import sys

items = []
print("empty list:", sys.getsizeof(items))
last = sys.getsizeof(items)
for i in range(40):
    items.append(i)
    size = sys.getsizeof(items)
    if size != last:
        print(f"len {len(items):>2}: {size} bytes (capacity {(size - 56) // 8})")
        last = size
print("final:", len(items), sys.getsizeof(items))

while len(items) > 5:
    items.pop()
print("after popping to 5:", sys.getsizeof(items))

shrinking = list(range(100))
print("list(range(100)):", sys.getsizeof(shrinking))
print("[None] * 10:", sys.getsizeof([None] * 10))
print("[1, 2]:", sys.getsizeof([1, 2]))
print("comprehension of 5:", sys.getsizeof([x for x in range(5)]))
lst = []
lst.extend([1, 2, 3, 4, 5])
print("extend by 5 from empty:", sys.getsizeof(lst))
nested = [[1, 2, 3], [4]]
print("size ignores contents:", sys.getsizeof(nested) == sys.getsizeof([0, 0]))
