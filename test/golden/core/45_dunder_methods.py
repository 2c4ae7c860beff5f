# A few special methods: __repr__, __str__, __eq__, __len__, __lt__.
class Money:
    def __init__(self, cents):
        self.cents = cents

    def __repr__(self):
        return f"Money({self.cents})"

    def __str__(self):
        return f"${self.cents // 100}.{self.cents % 100:02d}"

    def __eq__(self, other):
        return isinstance(other, Money) and self.cents == other.cents

    def __lt__(self, other):
        return self.cents < other.cents

m = Money(1234)
print(m)
print(repr(m), str(m))
print([m, Money(5)])
print(f"{m} and {m!r}")
print(Money(100) == Money(100), Money(100) == Money(99), Money(1) == 1)
wallet = [Money(500), Money(25), Money(1999), Money(100)]
print(sorted(wallet))
print(min(wallet), max(wallet))
print(Money(3) < Money(4), Money(4) < Money(3))

class Playlist:
    def __init__(self, songs):
        self.songs = songs

    def __len__(self):
        return len(self.songs)

pl = Playlist(["a", "b", "c"])
print(len(pl), len(Playlist([])))
print(bool(pl), bool(Playlist([])))
if Playlist([]):
    print("not printed")
else:
    print("empty playlist is falsy")
