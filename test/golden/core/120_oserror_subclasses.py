# OSError(errno, strerror[, filename[, winerror[, filename2]]]): the subclass its errno
# maps to (PEP 3151), the errno/strerror/filename attributes, args and str; the
# hierarchy and the IOError/EnvironmentError aliases.
for args in [(2, "No such file"), (13, "denied"), (17, "exists", "f.txt"), (1, "not permitted"),
             (11, "again"), (32, "pipe"), (104, "reset"), (111, "refused"), (103, "aborted"),
             (110, "timed out"), (4, "interrupted"), (21, "is dir"), (20, "not dir"), (3, "no proc"),
             (10, "child"), (99, "other"), ("x", "y"), (2, "nf", "a.txt", None, "b.txt")]:
    e = OSError(*args)
    print(type(e).__name__, e.errno, e.strerror, e.filename, e.filename2, e.args, str(e), repr(e))
for args in [(), ("msg",), (1, 2, 3, 4, 5, 6)]:
    e = OSError(*args)
    print(type(e).__name__, e.errno, e.strerror, e.args, str(e))
e = FileNotFoundError(2, "gone", "x.py")
print(type(e).__name__, str(e), e.args)
e = FileNotFoundError("plain message")
print(str(e), e.errno)
print(IOError is OSError, EnvironmentError is OSError)
print(issubclass(BrokenPipeError, ConnectionError), issubclass(ConnectionError, OSError), issubclass(TimeoutError, OSError))
try:
    raise OSError(2, "No such file or directory", "missing.txt")
except FileNotFoundError as err:
    print("caught", err)
class MyError(OSError):
    pass
m = MyError(2, "mine")
print(type(m).__name__, m.errno, m)
try:
    raise PermissionError(13, "Permission denied", "/etc/shadow")
except OSError as err:
    print(type(err).__name__, err)
