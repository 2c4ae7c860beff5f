/**
 * Where a thread is when the detector makes a finding: the innermost frame's code, its
 * last saved instruction and that instruction's line. The eval loop keeps its pc in a
 * local and saves it into the frame (F.PC) before every call, at eval-breaker checks and
 * when an exception leaves an instruction, so a finding made inside a call or a fault has
 * the exact instruction, and one made inside an inline fast path the frame's last call.
 * Nothing is paid until a finding is made.
 */
import type { Interp } from "../vm/interp.js";
import { F } from "../vm/layout.js";
import { FE } from "./layout.js";
import type { Locator } from "./log.js";

export function frameLocator(vm: Interp): Locator {
  return (i32, e) => {
    const f = vm.fp;
    if (f === 0) return;
    const code = vm.codeAt(i32[f + F.CODE]!);
    const at = Math.max(0, i32[f + F.PC]! - 1);
    if (code === undefined || at >= code.ops.length) return;
    i32[e + FE.OPCODE] = code.ops[at]!;
    i32[e + FE.LINE] = code.lines[at]!;
    i32[e + FE.CODE] = code.index;
  };
}
