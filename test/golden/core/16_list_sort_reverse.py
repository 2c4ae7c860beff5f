# Sorting and reversing lists in place, and sorted() returning a new list.
data = [5, 2, 9, 1, 5, 6, -3]
copy = sorted(data)
print("sorted:", copy, "original:", data)
data.sort()
print("sort():", data)
data.sort(reverse=True)
print("sort(reverse=True):", data)
data.reverse()
print("reverse():", data)

words = ["pear", "Fig", "apple", "kiwi", "banana", "date"]
print(sorted(words))
print(sorted(words, key=len))
print(sorted(words, key=len, reverse=True))
words.sort(key=lambda w: w.lower())
print(words)

people = [("ann", 31), ("bob", 25), ("cid", 31), ("dee", 19), ("eve", 25)]
by_age = sorted(people, key=lambda p: p[1])
print("stable by age:", by_age)
people.sort(key=lambda p: p[1], reverse=True)
print("reverse by age:", people)
print(sorted(people))

floats = [2.5, -1.0, 0.0, 3.25, -7.5]
floats.sort()
print(floats)
letters = list("gilsim")
letters.sort()
print(letters)
nested = [[3, 1], [1, 2], [3, 0], [1, 1]]
nested.sort()
print(nested)
