# Calling next() on an exhausted iterator outside a loop.
tokens = iter(["let", "x", "="])
keyword = next(tokens)
name = next(tokens)
op = next(tokens)
print("parsed", keyword, name, op)
value = next(tokens)
print("not reached", value)
