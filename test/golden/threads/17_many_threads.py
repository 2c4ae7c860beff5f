# A program may start any number of threads over its life (200 here, 10 at a time):
# only the threads alive at once are limited.
import threading

results = []
lock = threading.Lock()


def work(k):
    with lock:
        results.append(k * k)


for batch in range(20):
    threads = [threading.Thread(target=work, args=(batch * 10 + i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
print(len(results), sum(results))
