/** Methods of int and float (Objects/longobject.c, Objects/floatobject.c, CPython 3.11). */
import { floatValue } from "../../objects/float.js";
import { intAsNumber, intFromNumber, intToBigInt } from "../../objects/int.js";
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

defMethod(TID.FLOAT, "is_integer", (vm, a, n, kw) => {
  noArgs(vm, "float.is_integer", n, kw);
  const x = floatValue(vm.s, vm.i32[a]!);
  return bool(vm, Number.isFinite(x) && Math.floor(x) === x);
});
