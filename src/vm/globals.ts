/**
 * The interpreter's words in the heap header (the runtime block), set when a program is
 * booted and read by every thread that attaches.
 */
import { RT_BASE } from "../heap/layout.js";

export enum VMG {
  /** RT_BASE, as a literal: esbuild inlines an enum's members only when it can
   *  compute them, so every member counts from this one (checked below). */
  BASE = 32,
  BUILTINS = BASE + 10, // the builtins module's dict
  MODULES = BASE + 11, // sys.modules
  CODE_TABLE = BASE + 12, // tuple of the program's code objects
  NOT_IMPLEMENTED = BASE + 13, // the NotImplemented singleton
  MAIN = BASE + 14, // the __main__ module
  ELLIPSIS = BASE + 15,
}
if ((VMG.BASE as number) !== RT_BASE) throw new Error("vm/globals.ts: VMG.BASE must be RT_BASE");
