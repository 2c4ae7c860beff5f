# super() beyond super().method(...): a super object kept in a variable, super().attr
# (properties, class attributes, classmethods, staticmethods), and super(type, obj) anywhere,
# even at module level (which makes CPython 3.12 compile every super() as a call).
class A:
    greeting = "hello from A"
    def hi(self): return "A.hi"
    @property
    def size(self): return 10
    @classmethod
    def make(cls): return cls.__name__
    @staticmethod
    def util(x): return x * 2
class B(A):
    def hi(self): return "B.hi+" + super().hi()
    def info(self):
        s = super()
        return s.hi(), super().size, super().greeting, super().make(), super().util(4)
b = B()
print(b.hi(), b.info())
print(super(B, b).hi(), super(B, B).make(), super(B, B).hi(b))
class C(B):
    def hi(self): return "C.hi+" + super(C, self).hi()
print(C().hi(), type(super(B, b)).__name__)
try:
    super(B, 5)
except TypeError as e:
    print(e)
try:
    super(B, b).missing
except AttributeError as e:
    print(e)
print("module level:", end=" ")
print(super(B, B()).hi())
