# An uncaught KeyboardInterrupt ends the program with status 130, as SIGINT would.
print("working")
raise KeyboardInterrupt
