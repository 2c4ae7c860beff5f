# Dict counting: str and int keys, dict.get, insertion and lookup.
def main():
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
    counts = {}
    for i in range(1000000):
        w = words[i % 8]
        counts[w] = counts.get(w, 0) + 1
    squares = {}
    for i in range(200000):
        squares[i] = i * i
    print(sorted(counts.items()), len(squares))

main()
