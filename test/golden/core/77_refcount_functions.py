# Reference counts seen from inside functions and across calls.
import sys

data = [1, 2, 3]

def inspect(x):
    return sys.getrefcount(x)

print("module level:", sys.getrefcount(data))
print("inside a call:", inspect(data))

def inspect_with_local(x):
    y = x
    return sys.getrefcount(x)

print("param plus local:", inspect_with_local(data))

def pass_along(x):
    return inspect(x)

print("two frames deep:", pass_along(data))

def make():
    fresh = [0] * 10
    return sys.getrefcount(fresh)

print("fresh local:", make())

def returns_new():
    return [7, 8]

obj = returns_new()
print("returned object:", sys.getrefcount(obj))

def keep(x, store):
    store.append(x)

store = []
keep(data, store)
keep(data, store)
print("after storing twice:", sys.getrefcount(data))
store = []
print("store emptied:", sys.getrefcount(data))

def closure_holder(value):
    def get():
        return value
    return get

getter = closure_holder(data)
print("captured by a closure:", sys.getrefcount(data))
del getter
print("closure deleted:", sys.getrefcount(data))

for element in [data]:
    print("loop variable:", sys.getrefcount(data))
print("after loop (name still bound):", sys.getrefcount(data))
del element
print("after del element:", sys.getrefcount(data))
