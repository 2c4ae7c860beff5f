# SystemExit's code: None, the one argument, or the args tuple (SystemExit_init); sys.exit's too.
import sys
for args in [(), (3,), ("msg",), (1, 2)]:
    e = SystemExit(*args)
    print(repr(e.code), e.args)
try:
    sys.exit(5)
except SystemExit as e:
    print("code", e.code)
class MyExit(SystemExit):
    pass
print(MyExit(4).code)
e = SystemExit(2)
e.code = 9
print(e.code, e.args)
try:
    raise KeyError("k")
except KeyError as e:
    print(hasattr(e, "code"))
sys.exit(e.code if False else 0)
