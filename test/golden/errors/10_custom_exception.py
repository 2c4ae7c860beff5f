# An uncaught exception of a user-defined class.
class InventoryError(Exception):
    pass

class OutOfStock(InventoryError):
    pass

stock = {"bolts": 10, "nuts": 2}

def take(item, qty):
    if stock[item] < qty:
        raise OutOfStock(f"only {stock[item]} {item} left, wanted {qty}")
    stock[item] -= qty
    print("took", qty, item)

take("bolts", 4)
take("nuts", 2)
take("bolts", 7)
