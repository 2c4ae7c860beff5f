/**
 * Every module that registers natives, imported once in a fixed order, so the native
 * table has the same indices in every thread.
 */
import "./core.js";
import "./builtins.js";
import "./methods/index.js";
import "./modules/sys.js";
import "./modules/time.js";
import "./modules/thread.js";
import "./modules/threading.js";
import "./modules/tracemalloc.js";
import "./modules/gc.js";
import "./modules/weakref.js";
import "./modules/queue.js";
