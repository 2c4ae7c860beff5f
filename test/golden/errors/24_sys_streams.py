# sys.stdout and sys.stderr: print(..., file=sys.stderr), write() returning the length,
# and the exit status from sys.exit.
import sys
print("to stdout")
print("to stderr", file=sys.stderr)
n = sys.stdout.write("written\n")
print(n, sys.stdout is sys.__stdout__, sys.stderr.isatty(), sys.stdout.fileno(), sys.stderr.fileno())
sys.stdout.flush()
sys.stderr.write("err line\n")
try:
    sys.stdout.write(5)
except TypeError as e:
    print(e)
sys.exit(3)
