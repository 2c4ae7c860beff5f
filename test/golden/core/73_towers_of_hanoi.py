# Towers of Hanoi: print the moves for 3 discs, count moves for more.
moves = []

def hanoi(n, source, target, spare):
    if n == 0:
        return
    hanoi(n - 1, source, spare, target)
    moves.append((n, source, target))
    hanoi(n - 1, spare, target, source)

hanoi(3, "A", "C", "B")
for disc, src, dst in moves:
    print(f"move disc {disc} from {src} to {dst}")
print("moves for 3 discs:", len(moves))

def count_moves(n):
    if n == 0:
        return 0
    return 2 * count_moves(n - 1) + 1

for n in range(1, 11):
    moves = []
    hanoi(n, "A", "C", "B")
    print(n, len(moves), count_moves(n), 2 ** n - 1)

pegs = {"A": [4, 3, 2, 1], "B": [], "C": []}

def play(n, src, dst, spare):
    if n == 0:
        return
    play(n - 1, src, spare, dst)
    disc = pegs[src].pop()
    assert not pegs[dst] or pegs[dst][-1] > disc
    pegs[dst].append(disc)
    play(n - 1, spare, dst, src)

play(4, "A", "C", "B")
print(pegs)
