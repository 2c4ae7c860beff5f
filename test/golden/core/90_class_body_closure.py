# A class body that reads variables of the function around it (LOAD_FROM_DICT_OR_DEREF:
# the class namespace first, then the closure cell), as class attributes and in methods.
def make(n, label):
    class C:
        v = n
        name = label + "!"
        doubled = [n * 2 for _ in range(2)]

        def get(self):
            return (n, self.v, label)

    return C


C = make(3, "three")
print(C.v, C.name, C.doubled, C().get())
print(make(4, "four").v, make(5, "five")().get())


def nested(a):
    def inner(b):
        class K:
            both = (a, b)

        return K

    return inner


print(nested(1)(2).both)


def counter():
    count = 0

    class Box:
        def bump(self):
            nonlocal count
            count += 1
            return count

    return Box()


box = counter()
print(box.bump(), box.bump(), box.bump())
for i in range(100):
    K = make(i, str(i))
print(K.v, K.name, K().get())
