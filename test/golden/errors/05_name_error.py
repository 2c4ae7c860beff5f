# Using a variable that was never assigned.
def report(values):
    count = len(values)
    print("count:", count)
    print("mean:", sum(values) / count)
    print("median:", middle_element_of_sorted_values)

report([3, 1, 2])
