# str.expandtabs, str.maketrans (a static method: a dict, two strs, a third str of deletions)
# and str.translate (ints, strs and None from the table; a LookupError keeps the character).
print(repr("a\tb\tc".expandtabs()), repr("ab\tc\n\tx\r1\t2".expandtabs(4)), repr("a\tb".expandtabs(tabsize=0)), repr("a\tb".expandtabs(-3)))
print(repr("12345\t6".expandtabs(5)), repr("\t".expandtabs(1)), repr("no tabs".expandtabs()), repr("".expandtabs(3)))
print(repr("a\tb".expandtabs(True)))
for call in [lambda: "a".expandtabs(1, 2), lambda: "a".expandtabs(x=1), lambda: "a".expandtabs(1.5), lambda: "a".expandtabs("4")]:
    try:
        call()
    except TypeError as e:
        print(e)
t = str.maketrans("abc", "xyz")
print(sorted(t.items()))
t = str.maketrans("ab", "AB", "cd")
print(sorted(t.items(), key=lambda kv: kv[0]))
t = str.maketrans({"a": "1", 98: None, "c": 67})
print(sorted(t.items()))
print("abcabc".translate(t), "hello".maketrans("l", "L"))
print("abcdab".translate(str.maketrans("ab", "AB", "cd")))
print("hello world".translate({ord("o"): "0", ord("l"): None, ord(" "): "_-_"}))
print("naïve €".translate({0x20ac: "EUR", 0xef: 105}))
class Upper:
    def __getitem__(self, cp):
        if cp == ord("z"):
            raise IndexError("z")
        if cp == ord("q"):
            raise KeyError(cp)
        return cp - 32
print("quiz abc".translate(Upper()))
print("abc".translate({}), "abc".translate([None, None]), "\x00\x01b".translate(["A", None]))
for call in [lambda: str.maketrans(1), lambda: str.maketrans({"ab": 1}), lambda: str.maketrans({1.5: 1}),
             lambda: str.maketrans("ab", "c"), lambda: str.maketrans(1, "a"), lambda: str.maketrans("a", 1),
             lambda: str.maketrans("a", "b", 3), lambda: str.maketrans(), lambda: str.maketrans("a", "b", "c", "d"),
             lambda: str.maketrans({}, "a"),
             lambda: "a".translate({97: 1.5}), lambda: "a".translate({97: 0x110000}), lambda: "a".translate({97: -1}),
             lambda: "a".translate(), lambda: "a".translate(5), lambda: "a".translate(table={})]:
    try:
        print(call())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(str.maketrans({}), "xyz".maketrans({"x": "y"}))
for t in [2**31, -2**31 - 1, 2**100, -2**100, 2**31 - 1 if False else 3]:
    try:
        print(repr("a\tb".expandtabs(t)))
    except OverflowError as e:
        print(type(e).__name__, e)
