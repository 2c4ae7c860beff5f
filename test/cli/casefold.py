print("Straße".casefold(), "straße".upper(), "ǅ".lower())
