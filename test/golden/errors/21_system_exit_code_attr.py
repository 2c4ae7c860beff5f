# The exit status is SystemExit's code attribute, even one set after the exception was made.
print("exiting")
e = SystemExit(2)
e.code = 7
raise e
