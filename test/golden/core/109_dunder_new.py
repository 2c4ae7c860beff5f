# A class's own __new__: called with the class and the call's arguments, then __init__
# only if it returned an instance of the class (a singleton, a factory returning
# something else, super().__new__, __slots__); object.__new__'s argument checks.
import sys


class A:
    def __new__(cls, *args):
        print("new", cls.__name__, args)
        self = object.__new__(cls)
        self.y = 1
        return self

    def __init__(self, x):
        self.x = x


a = A(3)
print(a.y, a.x, type(a).__name__)


class Singleton:
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
            print("created")
        return cls._instance

    def __init__(self):
        print("init")


s1 = Singleton()
s2 = Singleton()
print(s1 is s2)


class NotMine:
    def __new__(cls):
        return 42

    def __init__(self):
        print("never")


print(NotMine())


class Sub(A):
    def __new__(cls, *args):
        print("sub new")
        return super().__new__(cls, *args)

    def __init__(self, x, y=0):
        super().__init__(x)
        self.z = y


o = Sub(5, 7)
print(o.x, o.y, o.z)


class Point:
    __slots__ = ("x", "y")

    def __new__(cls, x, y):
        self = super().__new__(cls)
        self.x = x
        self.y = y
        return self


p = Point(1, 2)
print(p.x, p.y, sys.getrefcount(p))


class Fail:
    def __new__(cls, n):
        if n < 0:
            raise ValueError("negative")
        return super().__new__(cls)


try:
    Fail(-1)
except ValueError as e:
    print("caught", e)
print(Fail(1).__class__.__name__)


class Static:
    @staticmethod
    def __new__(cls):
        return object.__new__(cls)


print(type(Static()).__name__)

try:
    object.__new__(A, 1)
except TypeError as e:
    print(e)


class Plain:
    pass


try:
    object.__new__(Plain, 1)
except TypeError as e:
    print(e)
try:
    object.__new__(int)
except TypeError as e:
    print(e)
try:
    object.__new__(5)
except TypeError as e:
    print(e)
print(type(object.__new__(Plain)).__name__, type(A.__dict__["__new__"]).__name__)
