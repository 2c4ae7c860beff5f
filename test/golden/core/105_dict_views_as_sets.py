# A dict's keys and items views compare and combine as sets (dictview_richcompare,
# dictviews_and/_or/_sub/_xor: the result is a set).
d = {"a": 1, "b": 2}
print(d.keys() == {"a", "b"}, d.items() == {("a", 1), ("b", 2)}, d.keys() == {"a": 2, "b": 0}.keys())
print(d.keys() != {"a"}, {"a", "b"} == d.keys(), d.keys() <= {"a", "b", "c"}, d.keys() < {"a"})
print(sorted(d.keys() & {"a", "z"}), sorted(d.keys() | {"c"}), sorted(d.keys() - {"a"}), sorted(d.keys() ^ {"a", "q"}))
print(sorted({"a", "x"} & d.keys()), sorted(d.items() - {("a", 1)}), sorted(d.keys() & ["b", "q"]))
print(d.values() == d.values(), type(d.keys() & {"a"}).__name__)
