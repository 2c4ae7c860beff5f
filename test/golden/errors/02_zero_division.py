# Integer division by zero inside a helper.
def average(values):
    total = 0
    for v in values:
        total += v
    return total // len(values)

print("average:", average([4, 8, 15]))
batches = [[1, 2, 3], [10, 20], []]
for batch in batches:
    print("batch", batch, "->", average(batch))
