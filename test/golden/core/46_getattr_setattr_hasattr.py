# getattr, setattr, hasattr for dynamic attribute access.
class Settings:
    color = "blue"

    def __init__(self):
        self.size = 10

s = Settings()
print(getattr(s, "size"), getattr(s, "color"))
print(getattr(s, "missing", "default"), getattr(s, "size", 0))
print(hasattr(s, "size"), hasattr(s, "color"), hasattr(s, "weight"))
setattr(s, "weight", 2.5)
print(hasattr(s, "weight"), s.weight)
for name in ["size", "color", "weight", "shape"]:
    if hasattr(s, name):
        print(name, "=", getattr(s, name))
    else:
        print(name, "is not set")
updates = {"size": 12, "color": "red", "shape": "round"}
for key, value in updates.items():
    setattr(s, key, value)
print(s.size, s.color, s.shape, Settings.color)
print(getattr([1, 2, 3], "index")(2))
bucket = []
add = getattr(bucket, "append")
add(7)
add(8)
print(bucket)
print(hasattr("text", "upper"), hasattr(5, "upper"))
print(getattr("abc", "upper")())
try:
    getattr(s, "nope")
except AttributeError as e:
    print("AttributeError:", e)
class Empty:
    pass
e = Empty()
for i in range(3):
    setattr(e, "field" + str(i), i * i)
print(e.field0, e.field1, e.field2)
