# dict(x) and dict.update(x) take what dict_update_arg takes: a dict, a mapping with
# keys(), or an iterable of pairs, each through PySequence_Fast (its own messages); and
# the MRO error's message has CPython's line break.


def attempt(label, f):
    try:
        print(label, f())
    except (TypeError, ValueError) as e:
        print(label, type(e).__name__, repr(str(e)))


class Mapping:
    def keys(self):
        return ["a", "b"]

    def __getitem__(self, k):
        return k.upper()


attempt("pairs", lambda: dict([(1, 2), [3, 4], "ab"]))
attempt("int item", lambda: dict([1, 2]))
attempt("triple", lambda: dict([(1, 2, 3)]))
attempt("short str", lambda: dict(["ab", "c"]))
attempt("not iterable", lambda: dict(1))
attempt("mapping", lambda: dict(Mapping()))
attempt("unhashable", lambda: dict([([1], 2)]))
d = {}
attempt("update int item", lambda: d.update([7]))
attempt("update mapping", lambda: (d.update(Mapping()), d)[1])
attempt("kw and pairs", lambda: dict([("x", 1)], y=2))


class A:
    pass


class B(A):
    pass


try:
    class C(A, B):
        pass
except TypeError as e:
    print(repr(str(e)))
