# Reading past the end of a list.
def third(items):
    return items[2]

def thirds(groups):
    result = []
    for group in groups:
        result.append(third(group))
        print("third of", group, "is", result[-1])
    return result

thirds([[1, 2, 3, 4], ["a", "b", "c"], [9, 8]])
