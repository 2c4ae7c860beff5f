/**
 * Printing an uncaught exception as CPython 3.11 does (Python/pythonrun.c:
 * print_exception_recursive, Lib/traceback.py), without the `^^^^` position markers:
 *
 *   Traceback (most recent call last):
 *     File "prog.py", line 5, in <module>
 *       f()
 *     File "prog.py", line 2, in f
 *       raise ValueError("bad")
 *   ValueError: bad
 *
 * Chained exceptions print their cause (or context) first.
 */
import { dictGetItemStr, instanceDict, intAsNumber, listGet, listLen, strToJs, TID, TYPE, typeOf } from "../objects/index.js";
import type { Interp } from "./interp.js";
import { strOf } from "./repr.js";

function tracebackLines(vm: Interp, exc: number): string {
  const s = vm.s;
  const d = instanceDict(s, exc);
  const tb = d === 0 ? 0 : dictGetItemStr(s, d, vm.n.__traceback__!);
  if (tb === 0 || s.typeId(tb) !== TID.LIST || listLen(s, tb) === 0) return "";
  let out = "Traceback (most recent call last):\n";
  // Entries were added innermost first; print outermost first. A run of more than
  // TB_RECURSIVE_CUTOFF (3) identical entries is summarised, as traceback.py does.
  let last = "";
  let repeats = 0;
  const flush = (): void => {
    if (repeats > 3) out += `  [Previous line repeated ${repeats - 3} more time${repeats - 3 === 1 ? "" : "s"}]\n`;
  };
  for (let i = listLen(s, tb) - 2; i >= 0; i -= 2) {
    const code = vm.codeAt(intAsNumber(s, listGet(s, tb, i)));
    const line = intAsNumber(s, listGet(s, tb, i + 1));
    let entry = `  File "${code.co.filename}", line ${line}, in ${code.co.name}\n`;
    const src = vm.sourceLine(code.co.filename, line);
    if (src !== null && src !== "") entry += `    ${src}\n`;
    if (entry === last) {
      repeats++;
      if (repeats > 3) continue;
    } else {
      flush();
      last = entry;
      repeats = 1;
    }
    out += entry;
  }
  flush();
  return out;
}

/** "ValueError: bad", with the module prefix CPython adds for non-builtin, non-__main__ classes. */
export function exceptionOnly(vm: Interp, exc: number): string {
  const s = vm.s;
  const t = typeOf(s, exc);
  let name = strToJs(s, s.i32[(t >> 2) + TYPE.QUALNAME]!);
  const mod = dictGetItemStr(s, s.i32[(t >> 2) + TYPE.DICT]!, vm.n.__module__!);
  if (mod !== 0 && s.typeId(mod) === TID.STR) {
    const m = strToJs(s, mod);
    if (m !== "builtins" && m !== "__main__") name = `${m}.${name}`;
  }
  let msg: string;
  try {
    msg = strOf(vm, exc); // the class's own __str__ too
  } catch {
    msg = `<exception str() failed>`;
  }
  return msg === "" ? `${name}\n` : `${name}: ${msg}\n`;
}

/** The full report for an uncaught exception, chained causes and contexts first. */
export function formatException(vm: Interp, exc: number, seen = new Set<number>()): string {
  const s = vm.s;
  seen.add(exc);
  let out = "";
  const d = instanceDict(s, exc);
  if (d !== 0) {
    const cause = dictGetItemStr(s, d, vm.n.__cause__!);
    const context = dictGetItemStr(s, d, vm.n.__context__!);
    const suppress = dictGetItemStr(s, d, vm.n.__suppress_context__!) === vm.True;
    if (cause !== 0 && cause !== vm.None && !seen.has(cause)) {
      out += formatException(vm, cause, seen);
      out += "\nThe above exception was the direct cause of the following exception:\n\n";
    } else if (!suppress && context !== 0 && context !== vm.None && !seen.has(context)) {
      out += formatException(vm, context, seen);
      out += "\nDuring handling of the above exception, another exception occurred:\n\n";
    }
  }
  return out + tracebackLines(vm, exc) + exceptionOnly(vm, exc);
}
