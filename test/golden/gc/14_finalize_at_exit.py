# weakref.finalize at exit: the live finalizers whose atexit is true run, newest first
# (weakref's atexit hook), before the module's objects are finalized; later ones do not.
import weakref
class C: pass
a, b = C(), C()
def say(m): print('finalize', m)
f1 = weakref.finalize(a, say, 'a')
f2 = weakref.finalize(b, say, 'b')
f3 = weakref.finalize(C(), say, 'dead now')
f4 = weakref.finalize(b, say, 'b2'); f4.atexit = False
print(f1.alive, f3.alive, f4.atexit, f1.atexit)
print('end')
