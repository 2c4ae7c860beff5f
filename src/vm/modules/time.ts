/**
 * The `time` module. sleep() is a blocking call: it releases the GIL for its duration
 * (the thread's hooks decide what that means in each mode).
 */
import { floatNew, floatValue, intAsNumber, intFromBigInt, TID } from "../../objects/index.js";
import type { NativeImpl } from "../api.js";
import type { Interp } from "../interp.js";
import { defModule } from "../modules.js";
import { defModuleFunction } from "../natives.js";

const seconds = (vm: Interp, p: number): number => {
  const t = vm.s.typeId(p);
  if (t === TID.FLOAT) return floatValue(vm.s, p);
  if (t === TID.INT || t === TID.BOOL) return intAsNumber(vm.s, p);
  throw vm.error("TypeError", `'${vm.typeName(p)}' object cannot be interpreted as an integer`);
};

const time: NativeImpl = (vm) => floatNew(vm.s, (performance.timeOrigin + performance.now()) / 1000);
const timeNs: NativeImpl = (vm) => intFromBigInt(vm.s, BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6)));
const perfCounter: NativeImpl = (vm) => floatNew(vm.s, performance.now() / 1000);
const perfCounterNs: NativeImpl = (vm) => intFromBigInt(vm.s, BigInt(Math.round(performance.now() * 1e6)));

const sleep: NativeImpl = (vm, a, n) => {
  const iv = vm as Interp;
  if (n !== 1) throw vm.error("TypeError", `sleep() takes exactly one argument (${n} given)`);
  const secs = seconds(iv, vm.i32[a]!);
  if (secs < 0) throw vm.error("ValueError", "sleep length must be non-negative");
  iv.hooks.sleep(secs * 1000);
  return vm.None;
};

defModule("time");
defModuleFunction("time", "time", time);
defModuleFunction("time", "time_ns", timeNs);
defModuleFunction("time", "perf_counter", perfCounter);
defModuleFunction("time", "perf_counter_ns", perfCounterNs);
defModuleFunction("time", "monotonic", perfCounter);
defModuleFunction("time", "sleep", sleep);
