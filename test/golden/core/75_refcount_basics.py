# sys.getrefcount: the count includes the temporary reference of the call itself.
import sys

a = [1, 2, 3]
print(sys.getrefcount(a))
b = a
print(sys.getrefcount(a))
del b
print(sys.getrefcount(a))

c = a
d = a
print("two more names:", sys.getrefcount(a))
c = None
print("after c = None:", sys.getrefcount(a))
d = [0]
print("after d rebound:", sys.getrefcount(a))

fresh = {"k": "v"}
print("dict:", sys.getrefcount(fresh))
alias = fresh
print("dict with alias:", sys.getrefcount(fresh))
del alias

class Thing:
    pass

t = Thing()
print("instance:", sys.getrefcount(t))
same = t
print("instance with alias:", sys.getrefcount(t), sys.getrefcount(same))
del same
print("after del:", sys.getrefcount(t))
print(sys.getrefcount([]))
print(sys.getrefcount([1, 2]))
