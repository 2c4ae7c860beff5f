# Accessing an attribute an instance does not have.
class Sensor:
    def __init__(self, name):
        self.name = name
        self.readings = []

    def record(self, value):
        self.readings.append(value)

s = Sensor("thermo")
s.record(21.5)
s.record(22.0)
print(s.name, s.readings)
print("calibration:", s.calibration_offset_celsius)
