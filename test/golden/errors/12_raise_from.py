# raise ... from ...: the direct cause is shown first.
class ConfigError(Exception):
    pass

def parse_port(text):
    try:
        return int(text)
    except ValueError as e:
        raise ConfigError("port must be a number, got " + repr(text)) from e

print("port:", parse_port("8080"))
print("port:", parse_port("http"))
