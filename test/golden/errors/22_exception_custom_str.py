# An uncaught exception is reported with its class's own __str__.
class AppError(Exception):
    def __str__(self):
        return "custom message"


print("starting")
raise AppError("x")
