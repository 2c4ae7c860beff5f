# Objects: instances made and dropped, __init__, attribute stores and loads, method calls.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)


def main():
    total = 0
    for i in range(500000):
        p = Point(i, -i)
        total += p.norm1()
    print(total)


main()
