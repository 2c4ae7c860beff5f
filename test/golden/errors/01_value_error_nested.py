# An uncaught ValueError raised three calls deep.
def parse_age(text):
    value = int(text)
    if value < 0:
        raise ValueError(f"age cannot be negative: {value}")
    return value

def load_person(record):
    name, age_text = record.split(":")
    return name, parse_age(age_text)

def load_all(records):
    people = []
    for record in records:
        people.append(load_person(record))
        print("loaded", people[-1])
    return people

load_all(["ann:31", "bob:25", "cid:-4", "dee:19"])
print("not reached")
