# super().__init__() reaching object.__init__ (with and without arguments), the Ellipsis
# singleton, and annotated names at module and class level (SETUP_ANNOTATIONS).
class A:
    def __init__(self):
        super().__init__()
        self.tag = "A"


class B(A):
    def __init__(self, x):
        super().__init__()
        self.x = x


b = B(1)
print(b.tag, b.x, [B(i).x for i in range(200)][-1])


class C:
    def __init__(self, v):
        super().__init__(v)


try:
    C(1)
except TypeError as e:
    print(e)


class D:
    pass


try:
    D(1)
except TypeError as e:
    print(e)


class E(object):
    def __init__(self, *a, **k):
        super().__init__(*a, **k)


E()
print("E", hasattr(E(), "__init__"))

x = ...
print(x, type(x).__name__, x is Ellipsis, ... is x)


def stub():
    ...


print(stub())

count: int = 5
name: str
print(count, __annotations__)


class P:
    a: int = 3
    b: "list[int]"

    def f(self, q: int) -> int:
        z: int = q
        return z


print(P.a, P.__annotations__, P().f(2), "b" in P.__dict__)
