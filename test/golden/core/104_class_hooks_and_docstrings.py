# Class creation hooks (type_new): __set_name__ on attributes, __init_subclass__ of a base
# (a classmethod implicitly); and docstrings: a function's __doc__ is its first string.
class Base:
    subs = []
    def __init_subclass__(cls, **kw):
        Base.subs.append(cls.__name__)
class C(Base): pass
class D(C): pass
print(Base.subs)
class Field:
    def __set_name__(self, owner, name):
        self.owner = owner.__name__
        self.name = name
    def __get__(self, obj, objtype=None):
        return f"<{self.owner}.{self.name}>"
class Model:
    title = Field()
    body = Field()
print(Model.__dict__["title"].name, Model.body.name if False else Model.__dict__["body"].name)
class Registry:
    plugins = {}
    @classmethod
    def __init_subclass__(cls):
        Registry.plugins[cls.__name__.lower()] = cls
class Csv(Registry): pass
class Json(Registry): pass
print(sorted(Registry.plugins))
class Bad:
    def __init_subclass__(cls):
        raise ValueError("no subclasses")
try:
    class Sub(Bad): pass
except ValueError as e:
    print("ValueError:", e)
def f():
    """doc of f"""
    return 1
class C:
    """class doc"""
    def m(self):
        "method doc"
print(f.__doc__, C.__doc__, C.m.__doc__, C().m.__doc__)
def g(): return "not a docstring"
print(g.__doc__, g())
