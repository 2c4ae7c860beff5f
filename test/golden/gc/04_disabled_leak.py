# With the collector disabled, cycles leak until an explicit gc.collect().
import gc

freed = 0


class Leaky:
    def __init__(self):
        self.me = self

    def __del__(self):
        global freed
        freed += 1


gc.disable()
for i in range(2000):
    Leaky()
print("freed while disabled:", freed)
print("gen 0 count grew:", gc.get_count()[0] >= 2000)
n = gc.collect()
print("collected:", n >= 2000)
print("freed after collect:", freed)
gc.enable()
