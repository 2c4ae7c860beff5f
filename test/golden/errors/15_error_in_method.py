# A traceback that passes through methods of a class.
class Matrix:
    def __init__(self, rows):
        self.rows = rows

    def get(self, r, c):
        return self.rows[r][c]

    def trace(self):
        total = 0
        for i in range(len(self.rows)):
            total += self.get(i, i)
        return total

square = Matrix([[1, 2], [3, 4]])
print("trace:", square.trace())
ragged = Matrix([[1, 2, 3], [4]])
print("trace:", ragged.trace())
