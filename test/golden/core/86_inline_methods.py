# list.append and dict.get, which translated code does inline (as CPython 3.12
# specializes them): every form of the call, their refcounts, and their errors.
# (No closures over the locals: LOAD_DEREF would hand the loops to the interpreter.)
import sys


def attempt(d, out, case):
    if case == 0:
        return d.get([1])
    if case == 1:
        return out.append()
    if case == 2:
        return d.get()
    if case == 3:
        return d.get("a", 1, 2)
    if case == 4:
        return out.append(x=1)
    if case == 5:
        return d.get(key="a")
    if case == 6:
        return out.append(1, 2)
    return list.append(out)


def main():
    out = []
    for i in range(300, 305):
        out.append(i * i)
        list.append(out, -i)
    print(out)

    d = {"a": 1000, 2: "two", 3.5: None, "list": [5]}
    got = []
    for k in ["a", 2, "missing", 3.5, "list", "list"]:
        got.append(d.get(k))
        got.append(d.get(k, 0))
        got.append(dict.get(d, k, "dflt"))
    print(got)

    # What get returns is a new reference; what append stores is the list's.
    d["fresh"] = [3]
    for k in ["fresh", "fresh", "fresh"]:
        v = d.get(k)
        print(sys.getrefcount(v))
    item = [1, 2]
    for n in range(3):
        print(sys.getrefcount(item))
        out.append(item)
    del v, item

    for case in range(8):
        try:
            attempt(d, out, case)
            print("no error")
        except TypeError as e:
            print("TypeError:", e)
    print(len(out))


main()
