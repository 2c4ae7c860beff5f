# The messages CPython's built-in exceptions carry.
def show(label, func):
    try:
        func()
        print(label, "-> no error")
    except Exception as e:
        print(f"{label}: {type(e).__name__}: {e}")

show("int div", lambda: 1 // 0)
show("int mod", lambda: 5 % 0)
show("true div", lambda: 1 / 0)
show("float div", lambda: 1.5 / 0)
show("float floordiv", lambda: 2.0 // 0.0)
show("list index", lambda: [1, 2][5])
show("tuple index", lambda: (1,)[3])
show("str index", lambda: "abc"[10])
show("pop empty", lambda: [].pop())
show("dict key", lambda: {"a": 1}["zz"])
show("int key", lambda: {1: 2}[7])
show("list.index", lambda: [1, 2].index(9))
show("int()", lambda: int("abc"))
show("float()", lambda: float("nope"))
show("add types", lambda: 1 + "a")
show("concat", lambda: "a" + 1)
number = 5
nothing = None
show("subscript", lambda: number[0])
show("call", lambda: nothing())
show("len", lambda: len(5))
show("attribute", lambda: (7).missing_attr)
show("name", lambda: not_defined_anywhere)
show("unpack few", lambda: [a for a, b in [(1, 2, 3)]])
show("unpack many", lambda: [a for a, b, c in [(1, 2)]])
show("compare", lambda: 1 < "x")
show("negative power", lambda: 0 ** -1)

def two_args(a, b):
    return a + b

show("missing arg", lambda: two_args(1))
show("too many", lambda: two_args(1, 2, 3))
show("bad keyword", lambda: two_args(1, c=2))
try:
    raise KeyError("quoted key")
except KeyError as e:
    print("str of KeyError:", e, "| args:", e.args)
