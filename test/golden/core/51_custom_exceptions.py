# Custom exception classes and a small hierarchy.
class AppError(Exception):
    pass

class ConfigError(AppError):
    pass

class InsufficientFunds(AppError):
    def __init__(self, needed):
        Exception.__init__(self, f"need {needed} more")
        self.needed = needed

def withdraw(balance, amount):
    if amount > balance:
        raise InsufficientFunds(amount - balance)
    return balance - amount

print(withdraw(100, 30))
try:
    withdraw(100, 130)
except InsufficientFunds as e:
    print("caught", type(e).__name__, "-", e, "- needed:", e.needed)
    print(repr(e))

def load(name):
    if name == "":
        raise ConfigError("empty name")
    if name == "bad":
        raise AppError("generic failure for " + repr(name))
    return name.upper()

for name in ["ok", "", "bad"]:
    try:
        print("loaded", load(name))
    except ConfigError as e:
        print("config problem:", e)
    except AppError as e:
        print("app problem:", e)

print(isinstance(ConfigError("x"), AppError), isinstance(ConfigError("x"), Exception))
print(isinstance(AppError("x"), ConfigError))
err = ConfigError("stored", 42)
print(err, repr(err), err.args)
print(repr(str(AppError())), repr(AppError()))

class ValidationError(ValueError):
    pass

try:
    raise ValidationError("age must be positive")
except ValueError as e:
    print("ValueError handler got", type(e).__name__, e)
