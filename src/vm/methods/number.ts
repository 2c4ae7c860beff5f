/** Methods of int and float (Objects/longobject.c, Objects/floatobject.c, CPython 3.11). */
import { floatValue } from "../../objects/float.js";
import { intAsNumber, intFromBigInt, intFromNumber, intToBigInt } from "../../objects/int.js";
import { tuplePack2 } from "../../objects/tuple.js";
import { TID } from "../../objects/layout.js";
import type { NativeImpl } from "../api.js";
import { defMethod } from "../natives.js";
import { bool, noArgs } from "./args.js";

/** int.bit_length(): bits in abs(self), 0 for 0. */
const bitLength: NativeImpl = (vm, a, n, kw) => {
  noArgs(vm, "int.bit_length", n, kw);
  const p = vm.i32[a]!;
  const v = intAsNumber(vm.s, p);
  if (v === v) return intFromNumber(vm.s, v === 0 ? 0 : Math.abs(v).toString(2).length);
  const b = intToBigInt(vm.s, p);
  return intFromNumber(vm.s, (b < 0n ? -b : b).toString(2).length);
};
defMethod(TID.INT, "bit_length", bitLength);
defMethod(TID.BOOL, "bit_length", bitLength);

/** int.bit_count() (int_bit_count_impl): ones in the binary representation of abs(self). */
const bitCount: NativeImpl = (vm, a, n, kw) => {
  noArgs(vm, "int.bit_count", n, kw);
  let b = intToBigInt(vm.s, vm.i32[a]!);
  if (b < 0n) b = -b;
  let c = 0;
  for (const ch of b.toString(2)) if (ch === "1") c++;
  return intFromNumber(vm.s, c);
};
defMethod(TID.INT, "bit_count", bitCount);
defMethod(TID.BOOL, "bit_count", bitCount);

/** An exact int with self's value (_PyLong_Copy for a bool, self for an int). New reference. */
function exactInt(vm: Parameters<NativeImpl>[0], p: number): number {
  if (vm.s.typeId(p) === TID.INT) {
    vm.s.incref(p);
    return p;
  }
  return intFromBigInt(vm.s, intToBigInt(vm.s, p));
}

/** int.conjugate() (int_conjugate_impl): self, as an exact int. */
const conjugate: NativeImpl = (vm, a, n, kw) => {
  noArgs(vm, "int.conjugate", n, kw);
  return exactInt(vm, vm.i32[a]!);
};
defMethod(TID.INT, "conjugate", conjugate);
defMethod(TID.BOOL, "conjugate", conjugate);

/** int.as_integer_ratio() (int_as_integer_ratio_impl): (self as an exact int, 1). */
const asIntegerRatio: NativeImpl = (vm, a, n, kw) => {
  noArgs(vm, "int.as_integer_ratio", n, kw);
  const num = exactInt(vm, vm.i32[a]!);
  const one = intFromNumber(vm.s, 1); // a small int: cached, never fails
  try {
    return tuplePack2(vm.s, num, one);
  } finally {
    vm.s.decref(num);
    vm.s.decref(one);
  }
};
defMethod(TID.INT, "as_integer_ratio", asIntegerRatio);
defMethod(TID.BOOL, "as_integer_ratio", asIntegerRatio);

defMethod(TID.FLOAT, "is_integer", (vm, a, n, kw) => {
  noArgs(vm, "float.is_integer", n, kw);
  const x = floatValue(vm.s, vm.i32[a]!);
  return bool(vm, Number.isFinite(x) && Math.floor(x) === x);
});
