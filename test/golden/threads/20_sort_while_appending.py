# Two threads appending to one list and sorting it: list.sort holds the list's critical
# section while it empties and refills the list (a free-threaded run used to spin
# forever when an append came in between), and for ints the whole sort, as 3.13t's.
import threading
lst = []
def mut():
    for i in range(300):
        lst.append(i)
        lst.sort()
t1 = threading.Thread(target=mut); t2 = threading.Thread(target=mut)
t1.start(); t2.start(); t1.join(); t2.join()
print("ok", len(lst))
