# Adding a str to an int.
def label(count, noun):
    return count + " " + noun

print("building labels")
print(str(3) + " " + "apples")
print(label(3, "apples"))
