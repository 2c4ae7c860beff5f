# Keyword arguments at call sites.
def box(width, height, depth=1, unit="cm"):
    volume = width * height * depth
    return f"{width}x{height}x{depth} {unit} -> {volume} {unit}^3"

print(box(2, 3))
print(box(2, 3, 4))
print(box(width=5, height=2))
print(box(height=2, width=5))
print(box(1, 2, unit="m"))
print(box(1, height=7, unit="mm", depth=3))

def connect(host, port=80, secure=False, retries=3):
    scheme = "http"
    if secure:
        scheme = "https"
    return f"{scheme}://{host}:{port} retries={retries}"

print(connect("example.org"))
print(connect("example.org", secure=True, port=443))
print(connect(retries=0, host="localhost"))

print("a", "b", "c", sep="-")
print("no newline", end="")
print(" <- continued")
print("x", "y", sep="", end="!\n")
print(sorted([3, 1, 2], reverse=True))
words = ["bb", "a", "ccc"]
print(sorted(words, key=len))
print(sorted(words, reverse=True, key=len))

def area(w, h):
    return w * h

print(area(h=3, w=4), area(4, h=3))
