# sys.exc_info(): (type, value, traceback) of the exception being handled, also from a
# function called in the handler; (None, None, None) outside. sys.version and hexversion.
import sys
print(sys.version[:6], sys.version.startswith("3.11.7"), sys.hexversion, hex(sys.hexversion))
print(sys.exc_info())
class MyErr(Exception):
    pass
def show():
    t, v, tb = sys.exc_info()
    print(t.__name__, repr(v), tb is v.__traceback__, t is type(v))
try:
    raise MyErr("boom")
except MyErr as e:
    info = sys.exc_info()
    print(info[0] is MyErr, info[1] is e, info[2] is e.__traceback__, len(info))
    show()
    try:
        {}["k"]
    except KeyError:
        show()
    show()
print(sys.exc_info())
try:
    1 / 0
except:
    t, v, tb = sys.exc_info()
    print(t, v)
finally:
    print(sys.exc_info())
del info, t, v, tb
def f():
    try:
        raise ValueError("inner")
    except ValueError:
        return sys.exc_info()[1]
print(repr(f()), sys.exc_info())
try:
    sys.exc_info(1)
except TypeError as e:
    print(e)
