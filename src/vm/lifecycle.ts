/**
 * The ends of a Python thread's life, shared by the in-process runner (run.ts) and the
 * worker threads (runtime/thread.ts): reporting an uncaught exception (and SystemExit's
 * exit code), running __del__ through the interpreter, and finalizing __main__.
 */
import { HeapCorruption } from "../errors.js";
import { listGet, listLen, dictClear, dictDelItem, dictGetItemStr, dictKeyAt, dictNextIndex, dictSetItem, dictValueAt, instanceDict, intAsNumber, strToJs, TID } from "../objects/index.js";
import { PyRaise } from "./api.js";
import type { Interp } from "./interp.js";
import { reprOf, strOf } from "./repr.js";
import { formatException } from "./traceback.js";
import { collectNoFail, isReferred } from "./modules/gc.js";
import { SOURCE_MODULES } from "./code.js";
import { VMG } from "./globals.js";
import { MODULE, VTID } from "./layout.js";

/** Exit code for an uncaught exception, after printing it (SystemExit prints only its message). */
export function reportUncaught(vm: Interp, e: unknown, err: (t: string) => void): number {
  if (e instanceof HeapCorruption) {
    err(`gilsim: simulated segmentation fault: ${e.message}\n`);
    return 139;
  }
  if (!(e instanceof PyRaise)) throw e;
  const exc = e.exc;
  const s = vm.s;
  try {
    if (vm.isInstance(exc, vm.builtinType("SystemExit"))) {
      // handle_system_exit: its `code` attribute (SystemExit_init's).
      const d = instanceDict(s, exc);
      const code = (d === 0 ? 0 : dictGetItemStr(s, d, vm.n.code!)) || s.None;
      if (code === s.None) return 0;
      const t = s.typeId(code);
      if (t === TID.INT || t === TID.BOOL) return intAsNumber(s, code) & 0xff;
      err(strOf(vm, code) + "\n");
      return 1;
    }
    err(formatException(vm, exc));
    // An uncaught KeyboardInterrupt ends the process as SIGINT would (_Py_HandleSystemExit / main.c: 130).
    return vm.isInstance(exc, vm.builtinType("KeyboardInterrupt")) ? 130 : 1;
  } finally {
    s.decref(exc);
  }
}

/** __del__ runs through the interpreter; an exception in it is printed and ignored,
 *  as CPython's PyErr_WriteUnraisable does. */
export function installFinalizer(vm: Interp, err: (t: string) => void): void {
  vm.s.finalizer = (_s, p) => {
    const m = vm.lookupSpecial(p, "__del__");
    if (m === 0) return;
    try {
      vm.s.decref(vm.callMethod(m, p));
    } catch (e) {
      if (!(e instanceof PyRaise)) throw e;
      writeUnraisable(vm, m, e.exc, err);
    }
  };
  // weakrefobject.c: handle_callback: callback(ref), an exception is unraisable.
  vm.s.weakrefCallback = (_s, ref, cb) => {
    try {
      vm.s.decref(vm.call(cb, ref));
    } catch (e) {
      if (!(e instanceof PyRaise)) throw e;
      writeUnraisable(vm, cb, e.exc, err);
    }
  };
}

/** PyErr_WriteUnraisable(obj): print "Exception ignored in: repr(obj)" and the traceback
 *  of `exc` (whose reference this consumes). */
export function writeUnraisable(vm: Interp, obj: number, exc: number, err: (t: string) => void = (t) => vm.hooks.writeErr(t)): void {
  err(`Exception ignored in: ${reprOf(vm, obj)}\n${formatException(vm, exc)}`);
  vm.s.decref(exc);
}

/** _PyModule_ClearDict for __main__: first the names with one leading underscore, then
 *  every name but __builtins__, each replaced by None (so __del__ of globals runs, in
 *  CPython's order). */
/** weakref.finalize._exitfunc, as CPython's atexit hook runs it (before the modules are
 *  finalized): the live finalizers whose `atexit` is true, newest first; an exception is
 *  printed as sys.excepthook does and the next one runs. Then no finalizer runs any more
 *  (finalize._shutdown). */
function runFinalizersAtExit(vm: Interp): void {
  const s = vm.s;
  const module = dictGetItemStr(s, s.i32[VMG.MODULES]!, vm.n.weakref!);
  if (module === 0 || s.typeId(module) !== VTID.MODULE) return;
  const finalize = dictGetItemStr(s, s.i32[(module >> 2) + MODULE.DICT]!, vm.n.finalize!);
  if (finalize === 0) return;
  try {
    const select = vm.getAttr(finalize, "_select_for_exit");
    let pending: number;
    try {
      pending = vm.call(select);
    } finally {
      s.decref(select);
    }
    try {
      for (let i = listLen(s, pending) - 1; i >= 0; i--) {
        try {
          s.decref(vm.call(listGet(s, pending, i)));
        } catch (e) {
          if (!(e instanceof PyRaise)) throw e;
          vm.hooks.writeErr(formatException(vm, e.exc));
          s.decref(e.exc);
        }
      }
    } finally {
      s.decref(pending);
    }
  } finally {
    vm.setAttr(finalize, "_shutdown", s.True);
  }
}

export function finalizeMain(vm: Interp, globals: number): void {
  runFinalizersAtExit(vm);
  // Py_FinalizeEx (finalize_modules): __main__ leaves sys.modules and its module dies,
  // dropping its dict. (Both are immortal here, so the dict's reference from the module
  // is dropped by hand: the collector is told it does not count.)
  const s = vm.s;
  const modules = s.i32[VMG.MODULES]!;
  const mainName = vm.n.__main__!;
  if (dictGetItemStr(s, modules, mainName) !== 0) dictDelItem(s, modules, mainName);
  if (!isReferred(vm, globals)) {
    // Nothing else refers to the dict (the program defined no function): dict_dealloc
    // drops its names in order, and each object dies as in any dealloc (a weakref still
    // alive calls its callback).
    dictClear(s, globals);
    collectNoFail(vm);
  } else {
    // Every function (and so every class with methods) refers to the dict: it is garbage
    // like the cycles the program dropped, unless something still alive reaches it (a
    // thread still running, say). The collection (_PyGC_CollectNoFail) runs the __del__
    // of everything the globals held, with the globals intact (PEP 442), detaches the
    // weakrefs among that garbage without calling their callbacks (handle_weakrefs),
    // then clears it all, the dict too.
    collectNoFail(vm, [globals]);
  }
  // A dict still reached is cleared name by name, as finalize_modules_clear_weaklist does
  // for a module still alive; so are the dicts of the modules written in Python; then a
  // last collection.
  clearModuleDict(vm, globals);
  // finalize_modules_clear_weaklist: the modules written in Python that the program
  // imported (their dicts would otherwise keep their classes and data to the end).
  for (let ix = dictNextIndex(s, modules, 0); ix >= 0; ix = dictNextIndex(s, modules, ix + 1)) {
    const m = dictValueAt(s, modules, ix);
    const name = dictKeyAt(s, modules, ix);
    if (s.typeId(m) === VTID.MODULE && s.typeId(name) === TID.STR && SOURCE_MODULES.has(strToJs(s, name))) {
      clearModuleDict(vm, s.i32[(m >> 2) + MODULE.DICT]!);
    }
  }
  collectNoFail(vm);
}

/** _PyModule_ClearDict. */
function clearModuleDict(vm: Interp, globals: number): void {
  const s = vm.s;
  const none = s.None;
  for (const pass of [1, 2]) {
    for (let ix = dictNextIndex(s, globals, 0); ix >= 0; ix = dictNextIndex(s, globals, ix + 1)) {
      const key = dictKeyAt(s, globals, ix);
      if (dictValueAt(s, globals, ix) === none || s.typeId(key) !== TID.STR) continue;
      const name = strToJs(s, key);
      const single = name.startsWith("_") && !name.startsWith("__");
      if (pass === 1 ? single : name !== "__builtins__") dictSetItem(s, globals, key, none);
    }
  }
}

