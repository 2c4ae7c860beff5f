# finally runs, then the exception keeps propagating.
def process(items):
    try:
        for item in items:
            print("processing", item, "->", 100 // item)
    finally:
        print("cleanup done")

process([5, 10])
process([4, 0, 2])
