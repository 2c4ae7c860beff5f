# List basics: append, pop, extend, insert, index, indexing, len, del.
nums = [3, 1, 4]
print(nums, len(nums))
nums.append(1)
nums.append(5)
print("append:", nums)
nums.extend([9, 2, 6])
print("extend:", nums)
nums.insert(0, 100)
nums.insert(3, 50)
nums.insert(len(nums), 7)
print("insert:", nums)
print("pop():", nums.pop(), nums)
print("pop(0):", nums.pop(0), nums)
print("pop(2):", nums.pop(2), nums)
print("index of 4:", nums.index(4), "index of 1:", nums.index(1))
print(nums[0], nums[-1], nums[len(nums) - 2])
nums[1] = 11
nums[-1] += 1000
print(nums)
del nums[0]
print("del [0]:", nums)
del nums[-2]
print("del [-2]:", nums)
empty = []
print(empty, len(empty), bool(empty))
empty.append("x")
print(empty, bool(empty))
mixed = [1, "two", 3.0, None, True, [5]]
print(mixed)
for item in mixed:
    print(type(item).__name__, end=" ")
print()
