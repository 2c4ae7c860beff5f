/** Methods of tuple (Objects/tupleobject.c, CPython 3.11). */
import { intFromNumber } from "../../objects/int.js";
import { TID } from "../../objects/layout.js";
import { tupleGet, tupleLen } from "../../objects/tuple.js";
import { defMethod } from "../natives.js";
import { oneArg, positional } from "./args.js";
import { indexWindow } from "./list.js";

defMethod(TID.TUPLE, "index", (vm, a, n, kw) => {
  positional(vm, "tuple.index", n - 1, kw, 1, 3);
  const s = vm.s;
  const t = vm.i32[a]!;
  const x = vm.i32[a + 1]!;
  const len = tupleLen(s, t);
  const [start, stop] = indexWindow(vm, a, n, len);
  for (let i = start; i < stop && i < len; i++) if (vm.eq(tupleGet(s, t, i), x)) return intFromNumber(s, i);
  throw vm.error("ValueError", "tuple.index(x): x not in tuple");
});

defMethod(TID.TUPLE, "count", (vm, a, n, kw) => {
  oneArg(vm, "tuple.count", n, kw, 1);
  const s = vm.s;
  const t = vm.i32[a]!;
  const x = vm.i32[a + 1]!;
  let c = 0;
  for (let i = 0; i < tupleLen(s, t); i++) if (vm.eq(tupleGet(s, t, i), x)) c++;
  return intFromNumber(s, c);
});
