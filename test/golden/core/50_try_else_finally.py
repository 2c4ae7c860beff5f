# Order of execution with else and finally.
def attempt(value):
    print("-- attempt", repr(value))
    try:
        result = 100 // value
        print("computed", result)
    except ZeroDivisionError:
        print("except: division by zero")
    except TypeError as e:
        print("except TypeError:", e)
    else:
        print("else: no exception")
    finally:
        print("finally always runs")

attempt(7)
attempt(0)
attempt("x")

def returns_in_finally():
    try:
        return "from try"
    finally:
        print("finally before return")

print(returns_in_finally())

def cleanup_order():
    log = []
    try:
        try:
            log.append("inner try")
            raise KeyError("k")
        finally:
            log.append("inner finally")
    except KeyError:
        log.append("outer except")
    finally:
        log.append("outer finally")
    return log

print(cleanup_order())

def loop_with_finally():
    for i in range(4):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            print("body", i)
        finally:
            print("finally", i)
loop_with_finally()
count = 0
while count < 2:
    try:
        count += 1
    finally:
        print("while finally", count)
