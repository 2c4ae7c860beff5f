# List building: int allocation, list growth (list_resize), iteration.
def build(n):
    out = []
    for i in range(n):
        out.append(i * i)
    return out

def main():
    total = 0
    for rep in range(20):
        items = build(100000)
        for x in items:
            total += x
    print(total)

main()
