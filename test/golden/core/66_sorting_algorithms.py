# Bubble sort, merge sort and quicksort.
def bubble_sort(items):
    items = items[:]
    n = len(items)
    swaps = 0
    for i in range(n):
        swapped = False
        for j in range(n - 1 - i):
            if items[j] > items[j + 1]:
                items[j], items[j + 1] = items[j + 1], items[j]
                swaps += 1
                swapped = True
        if not swapped:
            break
    return items, swaps

def merge_sort(items):
    if len(items) <= 1:
        return items
    mid = len(items) // 2
    left = merge_sort(items[:mid])
    right = merge_sort(items[mid:])
    merged = []
    i = 0
    j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            merged.append(left[i])
            i += 1
        else:
            merged.append(right[j])
            j += 1
    merged.extend(left[i:])
    merged.extend(right[j:])
    return merged

def quick_sort(items):
    if len(items) <= 1:
        return items
    pivot = items[len(items) // 2]
    less = [x for x in items if x < pivot]
    equal = [x for x in items if x == pivot]
    greater = [x for x in items if x > pivot]
    return quick_sort(less) + equal + quick_sort(greater)

data = [38, 27, 43, 3, 9, 82, 10, 3, -5, 0, 64]
result, swaps = bubble_sort(data)
print("bubble:", result, "swaps:", swaps)
print("merge: ", merge_sort(data))
print("quick: ", quick_sort(data))
print("input unchanged:", data)
words = ["pear", "apple", "fig", "banana"]
print(merge_sort(words), quick_sort(words))
big = [(i * 7919) % 1000 for i in range(300)]
print(merge_sort(big) == sorted(big), quick_sort(big) == sorted(big), bubble_sort(big)[0] == sorted(big))
print(merge_sort([]), quick_sort([1]), bubble_sort([2, 1]))
