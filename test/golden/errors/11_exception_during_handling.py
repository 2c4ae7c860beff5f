# An exception raised inside an except block: both tracebacks are shown.
def read_setting(settings, name):
    try:
        return settings[name]
    except KeyError:
        print("missing", name, "- falling back to default")
        return int(settings["default"])

settings = {"timeout": 30, "default": "thirty"}
print("timeout:", read_setting(settings, "timeout"))
print("retries:", read_setting(settings, "retries"))
