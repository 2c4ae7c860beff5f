/**
 * The interpreter's words in the heap header (the runtime block), set when a program is
 * booted and read by every thread that attaches.
 */
import { RT_BASE } from "../heap/layout.js";

export enum VMG {
  BUILTINS = RT_BASE + 10, // the builtins module's dict
  MODULES = RT_BASE + 11, // sys.modules
  CODE_TABLE = RT_BASE + 12, // tuple of the program's code objects
  NOT_IMPLEMENTED = RT_BASE + 13, // the NotImplemented singleton
  MAIN = RT_BASE + 14, // the __main__ module
  ELLIPSIS = RT_BASE + 15,
  /** Bumped whenever a class attribute changes: the LOAD_ATTR method caches check it. */
  TYPE_VERSION = RT_BASE + 3,
}
