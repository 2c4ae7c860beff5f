# Sets (printed only via sorted(): string hash order is random).
nums = set()
for n in [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]:
    nums.add(n)
print(sorted(nums), len(nums))
print(4 in nums, 7 in nums, 7 not in nums)
words = set("the quick brown the lazy the end".split())
print(sorted(words), len(words))
letters = set("mississippi")
print(sorted(letters))
print(len(set([1, 1, 1])), len(set()))
seen = set()
duplicates = []
for w in ["a", "b", "a", "c", "b", "a"]:
    if w in seen:
        duplicates.append(w)
    else:
        seen.add(w)
print("duplicates:", duplicates, "unique:", sorted(seen))
squares = {n * n for n in range(-3, 4)}
print(sorted(squares))
evens = {n for n in range(10) if n % 2 == 0}
print(sorted(evens), 4 in evens)
print(set([1, 2]) == set([2, 1]), sorted(set((3, 2, 1))))
print(sorted({"x", "y"}), sorted({"y", "x"}, reverse=True))
