# sys.exit with a string: the message goes to stderr, exit code 1.
import sys

args = ["--mode", "turbo"]
print("parsing", args)
modes = ["gil", "nogil"]
if args[1] not in modes:
    sys.exit("unknown mode: " + args[1])
print("not reached")
