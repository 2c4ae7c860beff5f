# threading.active_count() counts the main thread plus every thread that
# has started and not finished. It is printed only where that number
# cannot depend on scheduling: threads are held on an Event, or joined.
import threading

release = threading.Event()
inside = []


def held():
    release.wait()


def count_inside():
    inside.append(threading.active_count())


print("only main:", threading.active_count())
threads = []
for i in range(3):
    threads.append(threading.Thread(target=held))
print("created, not started:", threading.active_count())
for t in threads:
    t.start()
    print("started one, now:", threading.active_count())
release.set()
for t in threads:
    t.join()
print("all joined:", threading.active_count())

c = threading.Thread(target=count_inside)
c.start()
c.join()
print("seen from inside a lone worker:", inside)
print("at the end:", threading.active_count())
