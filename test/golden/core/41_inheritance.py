# Single inheritance: overriding, calling the base implementation explicitly.
class Animal:
    kind = "animal"

    def __init__(self, name):
        self.name = name

    def speak(self):
        return "..."

    def introduce(self):
        return f"I am {self.name}, a {self.kind}, and I say {self.speak()}"

class Dog(Animal):
    kind = "dog"

    def speak(self):
        return "Woof"

class Puppy(Dog):
    def __init__(self, name, age_weeks):
        Dog.__init__(self, name)
        self.age_weeks = age_weeks

    def speak(self):
        return Dog.speak(self) + " (squeaky)"

class Cat(Animal):
    kind = "cat"

    def speak(self):
        return "Meow"

animals = [Animal("generic"), Dog("Rex"), Puppy("Bit", 8), Cat("Tom")]
for a in animals:
    print(a.introduce())
p = animals[2]
print(p.name, p.age_weeks, p.kind)
print(isinstance(p, Puppy), isinstance(p, Dog), isinstance(p, Animal), isinstance(p, Cat))
print([type(a).__name__ for a in animals])
print(Puppy.kind, Animal.kind)
print(hasattr(p, "age_weeks"), hasattr(animals[1], "age_weeks"))

class Shape:
    def area(self):
        return 0
    def report(self):
        return f"{type(self).__name__} with area {self.area()}"

class Square(Shape):
    def __init__(self, side):
        self.side = side
    def area(self):
        return self.side * self.side

print(Shape().report(), "|", Square(4).report())
