/** Methods of range (Objects/rangeobject.c, CPython 3.11). */
import { intFromNumber, intToBigInt } from "../../objects/int.js";
import { RANGE, TID } from "../../objects/layout.js";
import { rangeField } from "../../objects/range.js";
import type { NativeImpl, VM } from "../api.js";
import { defMethod } from "../natives.js";
import { oneArg } from "./args.js";

/** range_contains_long, and the index it is at: -1 if `x` (an int or bool) is not in `r`. */
function indexOfInt(vm: VM, r: number, x: number): number {
  const s = vm.s;
  const start = BigInt(rangeField(s, r, RANGE.START));
  const stop = BigInt(rangeField(s, r, RANGE.STOP));
  const step = BigInt(rangeField(s, r, RANGE.STEP));
  const v = intToBigInt(s, x);
  const inside = step > 0n ? start <= v && v < stop : stop < v && v <= start;
  if (!inside || (v - start) % step !== 0n) return -1;
  return Number((v - start) / step);
}

/** _PySequence_IterSearch over a range, for a value that is not an int: the first index
 *  whose item == x (or, counting, how many), -1 if none. */
function iterSearch(vm: VM, r: number, x: number, count: boolean): number {
  const s = vm.s;
  const start = rangeField(s, r, RANGE.START);
  const step = rangeField(s, r, RANGE.STEP);
  const len = rangeField(s, r, RANGE.LENGTH);
  let c = 0;
  for (let i = 0; i < len; i++) {
    const item = intFromNumber(s, start + i * step);
    let same: boolean;
    try {
      same = vm.eq(item, x);
    } finally {
      s.decref(item);
    }
    if (!same) continue;
    if (!count) return i;
    c++;
  }
  return count ? c : -1;
}

const isExactInt = (vm: VM, p: number): boolean => {
  const t = vm.s.typeId(p);
  return t === TID.INT || t === TID.BOOL;
};

/** range.index(x) (range_index). */
const index: NativeImpl = (vm, a, n, kw) => {
  oneArg(vm, "range.index", n, kw, 1);
  const r = vm.i32[a]!;
  const x = vm.i32[a + 1]!;
  if (!isExactInt(vm, x)) {
    const i = iterSearch(vm, r, x, false);
    if (i < 0) throw vm.error("ValueError", "sequence.index(x): x not in sequence");
    return intFromNumber(vm.s, i);
  }
  const i = indexOfInt(vm, r, x);
  if (i < 0) throw vm.error("ValueError", `${vm.repr(x)} is not in range`);
  return intFromNumber(vm.s, i);
};
defMethod(TID.RANGE, "index", index);

/** range.count(x) (range_count). */
defMethod(TID.RANGE, "count", (vm, a, n, kw) => {
  oneArg(vm, "range.count", n, kw, 1);
  const r = vm.i32[a]!;
  const x = vm.i32[a + 1]!;
  if (isExactInt(vm, x)) return intFromNumber(vm.s, indexOfInt(vm, r, x) < 0 ? 0 : 1);
  return intFromNumber(vm.s, iterSearch(vm, r, x, true));
});
