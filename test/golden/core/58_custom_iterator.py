# A class implementing the iterator protocol (__iter__ and __next__).
class Countdown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        value = self.current
        self.current -= 1
        return value

for n in Countdown(3):
    print("countdown", n)
print(list(Countdown(5)))
print(sum(Countdown(100)))

class Pairs:
    def __init__(self, items):
        self.items = items

    def __iter__(self):
        return PairIterator(self.items)

class PairIterator:
    def __init__(self, items):
        self.items = items
        self.index = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self.index + 1 >= len(self.items):
            raise StopIteration
        pair = (self.items[self.index], self.items[self.index + 1])
        self.index += 1
        return pair

p = Pairs([1, 4, 9, 16])
print(list(p))
print([b - a for a, b in p])
it = iter(Countdown(2))
print(next(it), next(it), next(it, "done"))
print(sorted(Countdown(4)))
print([x * 10 for x in Countdown(3)])
for i, value in enumerate(Countdown(2)):
    print(i, value)
