# Thread(target=, args=, kwargs=, name=) and the default names:
# an unnamed thread is "Thread-N (target)", N counting unnamed threads.
import threading

out = {}


def greet(key, greeting, name="world", punct="."):
    out[key] = greeting + ", " + name + punct


def nothing():
    pass


a = threading.Thread(target=greet, args=("a", "Hello"))
b = threading.Thread(target=greet, args=("b", "Hi"), kwargs={"name": "Ada", "punct": "!"})
c = threading.Thread(target=greet, args=("c",), kwargs={"greeting": "Hey"}, name="greeter")
d = threading.Thread(target=nothing)
e = threading.Thread(name="idle")
f = threading.Thread()
print("names:", a.name, "|", b.name, "|", c.name, "|", d.name, "|", e.name, "|", f.name)

for t in [a, b, c, d, e, f]:
    t.start()
for t in [a, b, c, d, e, f]:
    t.join()
print(out["a"])
print(out["b"])
print(out["c"])

# The name can be changed; the counter only moves for unnamed threads.
c.name = "renamed"
print("renamed:", c.name)
g = threading.Thread(target=nothing, name="named")
h = threading.Thread(target=greet, args=("h", "Bye"))
print("next names:", g.name, "|", h.name)
h.start()
h.join()
print(out["h"])
print("thread with no target finished:", not f.is_alive())
