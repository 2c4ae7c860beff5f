# sys.exit() in a thread raises SystemExit, which ends only that thread,
# silently: threading prints nothing for it. sys.exit(4) in the main
# thread then ends the program with status 4 and an empty stderr.
import sys
import threading

steps = []


def quitter(code):
    steps.append("quitter: before exit")
    sys.exit(code)
    steps.append("quitter: never")


def raiser():
    steps.append("raiser: before raise")
    raise SystemExit("bye from a thread")


for target, args in [(quitter, (7,)), (raiser, ())]:
    t = threading.Thread(target=target, args=args)
    t.start()
    t.join()
    print("thread ended, alive =", t.is_alive())
for s in steps:
    print(s)
print("main: still here, exiting with status 4")
sys.exit(4)
