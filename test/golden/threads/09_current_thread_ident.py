# current_thread() and get_ident() identify the running thread.
# Idents are never printed (they change every run); only compared.
import threading

main_ident = threading.get_ident()
print("main thread name:", threading.current_thread().name)
print("get_ident stable in main:", threading.get_ident() == main_ident)
print("current_thread().ident == get_ident():", threading.current_thread().ident == main_ident)

seen = {}
holder = []


def report(key):
    me = threading.current_thread()
    seen[key + " name"] = me.name
    seen[key + " ident differs from main"] = threading.get_ident() != main_ident
    seen[key + " ident matches current_thread"] = me.ident == threading.get_ident()
    seen[key + " is the Thread object"] = me is holder[0]
    seen[key + " ident"] = threading.get_ident()


w = threading.Thread(target=report, args=("w",), name="worker-7")
holder.append(w)
w.start()
w.join()
for key in ["w name", "w ident differs from main", "w ident matches current_thread", "w is the Thread object"]:
    print(key + ":", seen[key])
print("t.ident equals the ident seen inside:", w.ident == seen["w ident"])

holder[0] = threading.Thread(target=report, args=("x",))
x = holder[0]
x.start()
x.join()
print("unnamed:", seen["x name"], seen["x is the Thread object"])
print("the two workers' idents are not the main one:", w.ident != main_ident, x.ident != main_ident)
print("still the main thread:", threading.current_thread().name, threading.get_ident() == main_ident)
