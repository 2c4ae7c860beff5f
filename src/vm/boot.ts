/**
 * Booting a program in a formatted heap (CPython's pycore_init_types, _PyBuiltin_Init,
 * _PySys_Create and the __main__ module), once, on the thread that creates the heap:
 *
 *   1. the interpreter's own built-in types (module, builtin_function_or_method, ...)
 *   2. the exception hierarchy (classes, immortal)
 *   3. method descriptors in the built-in types' dicts
 *   4. the builtins dict, the simulated modules and sys.modules, __main__
 *   5. the program's code table
 *
 * Everything made here is immortal: it lives as long as the heap, as CPython's static
 * types and module state do. The words in VMG tell attaching threads where it is.
 */
import type { CodeObject } from "../compiler/code.js";
import { OB } from "../heap/layout.js";
import {
  GC_HEAD, IMMORTAL_REFCNT, KIND, MEMERRORS_SAVE, OBJ, SIZE, TID, TPFLAGS, TYPE, TYPE_TABLE, dictNew, dictSetItem, floatNew,
  instanceDict, instanceNew, intFromBigInt, listNew, listSetItem, strFromJs, strIntern, tupleFromArray, typeModified, typeNew, typeDict, boolFrom, dictGetItemStr,
} from "../objects/index.js";
import type { ObjSpace } from "../objects/space.js";
import { bootCode } from "./code.js";
import { WR_BYTES } from "../objects/weakref.js";
import { VMG } from "./globals.js";
import { BUILTIN, BUILTIN_BYTES, KIND_REFS, LOCK_BYTES, MODULE, MODULE_BYTES, PROPERTY_BYTES, SLICE_BYTES, VITER_BYTES, SUPER_BYTES, TEXTIO_BYTES, VTID, WRAPPER, WRAPPER_BYTES } from "./layout.js";
import { makeModule } from "./module.js";
import { MODULE_INITS, type BootContext } from "./modules.js";
import { BUILTIN_FUNCTIONS, EXCEPTION_METHODS, freezeNatives, MODULE_FUNCTIONS, NATIVES, TYPE_METHODS } from "./natives.js";
import "./library.js";

/** The interpreter's built-in types: id, name, and what the builtins module calls them. */
const VM_TYPES: readonly { id: number; name: string; builtin?: string; gc: boolean; size: number; firstNotRef?: boolean; noRefs?: boolean; kind?: number }[] = [
  { id: VTID.MODULE, name: "module", gc: true, size: MODULE_BYTES },
  { id: VTID.BUILTIN, name: "builtin_function_or_method", gc: false, size: BUILTIN_BYTES, firstNotRef: true },
  { id: VTID.METHOD_DESCR, name: "method_descriptor", gc: false, size: BUILTIN_BYTES, firstNotRef: true },
  { id: VTID.SLICE, name: "slice", builtin: "slice", gc: false, size: SLICE_BYTES },
  { id: VTID.ENUMERATE, name: "enumerate", builtin: "enumerate", gc: true, size: VITER_BYTES },
  { id: VTID.ZIP, name: "zip", builtin: "zip", gc: true, size: VITER_BYTES },
  { id: VTID.MAP, name: "map", builtin: "map", gc: true, size: VITER_BYTES },
  { id: VTID.FILTER, name: "filter", builtin: "filter", gc: true, size: VITER_BYTES },
  { id: VTID.REVERSED, name: "reversed", builtin: "reversed", gc: true, size: VITER_BYTES },
  { id: VTID.CALLITER, name: "callable_iterator", gc: true, size: VITER_BYTES },
  { id: VTID.PROPERTY, name: "property", builtin: "property", gc: true, size: PROPERTY_BYTES },
  { id: VTID.STATICMETHOD, name: "staticmethod", builtin: "staticmethod", gc: true, size: WRAPPER_BYTES },
  { id: VTID.CLASSMETHOD, name: "classmethod", builtin: "classmethod", gc: true, size: WRAPPER_BYTES },
  { id: VTID.NOTIMPLEMENTED, name: "NotImplementedType", gc: false, size: SIZE.OBJECT },
  { id: VTID.ELLIPSIS, name: "ellipsis", gc: false, size: SIZE.OBJECT },
  { id: VTID.LOCK, name: "lock", gc: false, size: LOCK_BYTES, noRefs: true },
  { id: VTID.RLOCK, name: "RLock", gc: false, size: LOCK_BYTES, noRefs: true },
  { id: VTID.SUPER, name: "super", gc: true, size: SUPER_BYTES },
  { id: VTID.TEXTIO, name: "TextIOWrapper", gc: false, size: TEXTIO_BYTES, noRefs: true },
  { id: VTID.WEAKREF, name: "weakref_handle", gc: true, size: WR_BYTES, kind: KIND.WEAKREF },
];

/** The exception hierarchy the subset needs: [name, base]. Order: bases first. */
const EXCEPTIONS: readonly [string, string | null][] = [
  ["BaseException", null],
  ["SystemExit", "BaseException"],
  ["KeyboardInterrupt", "BaseException"],
  ["GeneratorExit", "BaseException"],
  ["Exception", "BaseException"],
  ["ArithmeticError", "Exception"],
  ["ZeroDivisionError", "ArithmeticError"],
  ["OverflowError", "ArithmeticError"],
  ["FloatingPointError", "ArithmeticError"],
  ["AssertionError", "Exception"],
  ["AttributeError", "Exception"],
  ["ImportError", "Exception"],
  ["ModuleNotFoundError", "ImportError"],
  ["LookupError", "Exception"],
  ["IndexError", "LookupError"],
  ["KeyError", "LookupError"],
  ["MemoryError", "Exception"],
  ["NameError", "Exception"],
  ["UnboundLocalError", "NameError"],
  ["OSError", "Exception"],
  ["BlockingIOError", "OSError"],
  ["ChildProcessError", "OSError"],
  ["ConnectionError", "OSError"],
  ["BrokenPipeError", "ConnectionError"],
  ["ConnectionAbortedError", "ConnectionError"],
  ["ConnectionRefusedError", "ConnectionError"],
  ["ConnectionResetError", "ConnectionError"],
  ["FileExistsError", "OSError"],
  ["FileNotFoundError", "OSError"],
  ["InterruptedError", "OSError"],
  ["IsADirectoryError", "OSError"],
  ["NotADirectoryError", "OSError"],
  ["PermissionError", "OSError"],
  ["ProcessLookupError", "OSError"],
  ["TimeoutError", "OSError"],
  ["RuntimeError", "Exception"],
  ["NotImplementedError", "RuntimeError"],
  ["RecursionError", "RuntimeError"],
  ["StopIteration", "Exception"],
  ["SystemError", "Exception"],
  ["TypeError", "Exception"],
  ["ValueError", "Exception"],
  ["UnicodeError", "ValueError"],
  ["Warning", "Exception"],
  ["UserWarning", "Warning"],
  ["DeprecationWarning", "Warning"],
  ["RuntimeWarning", "Warning"],
];

function immortal(s: ObjSpace, p: number): number {
  s.i32[(p >> 2) + OB.REFCNT] = IMMORTAL_REFCNT;
  return p;
}

/** A static type object for one of the interpreter's types (as formatObjects makes the
 *  object layer's). */
function makeType(s: ObjSpace, id: number, name: string, gc: boolean, size: number, firstNotRef: boolean, noRefs: boolean): number {
  const p = s.malloc(GC_HEAD + SIZE.STATIC_TYPE) + GC_HEAD;
  s.heap.u8.fill(0, p - GC_HEAD, p + SIZE.STATIC_TYPE);
  const w = p >> 2;
  s.i32[w + OB.REFCNT] = IMMORTAL_REFCNT;
  s.i32[w + OB.TYPE] = TID.TYPE;
  const object = s.typeObject(TID.OBJECT);
  s.i32[w + TYPE.ID] = id;
  s.i32[w + TYPE.KIND] = KIND_REFS;
  s.i32[w + TYPE.FLAGS] = TPFLAGS.READY | (gc ? TPFLAGS.HAVE_GC : 0) | (firstNotRef ? TPFLAGS.GILSIM_FIRST_NOT_REF : 0) |
    (noRefs ? TPFLAGS.GILSIM_NO_REFS : 0);
  s.i32[w + TYPE.BASICSIZE] = size;
  s.i32[w + TYPE.NAME] = strIntern(s, name);
  s.i32[w + TYPE.QUALNAME] = s.i32[w + TYPE.NAME]!;
  s.i32[w + TYPE.BASE] = object;
  s.i32[w + TYPE.BASES] = immortal(s, tupleFromArray(s, [object]));
  s.i32[w + TYPE.MRO] = immortal(s, tupleFromArray(s, [p, object]));
  s.i32[w + TYPE.DICT] = immortal(s, dictNew(s));
  s.i32[w + TYPE.SLOTS] = s.emptyTuple;
  s.i32[TYPE_TABLE + id] = p;
  return p;
}

/** A native as a heap object (unbound): a builtin function or a method descriptor. */
export function makeNative(s: ObjSpace, tid: number, index: number): number {
  const p = s.newObject(tid, BUILTIN_BYTES);
  const w = p >> 2;
  s.i32.fill(0, w + 4, w + (BUILTIN_BYTES >> 2));
  s.i32[w + BUILTIN.INDEX] = index;
  s.i32[w + BUILTIN.NAME] = strIntern(s, NATIVES[index]!.name);
  return immortal(s, p);
}


export interface BootOptions {
  readonly root: CodeObject;
  readonly argv: readonly string[];
  readonly filename: string;
}

/** Boot the interpreter's state for `root` into the heap. Returns the __main__ globals. */
export function bootVm(s: ObjSpace, o: BootOptions): number {
  freezeNatives();
  const i32 = s.i32;
  const key = (n: string): number => strIntern(s, n);

  // 1. The interpreter's types.
  const vmTypes = new Map<number, number>();
  for (const t of VM_TYPES) {
    const p = makeType(s, t.id, t.name, t.gc, t.size, t.firstNotRef ?? false, t.noRefs ?? false);
    if (t.kind !== undefined) i32[(p >> 2) + TYPE.KIND] = t.kind;
    vmTypes.set(t.id, p);
  }
  const notImpl = s.newObject(VTID.NOTIMPLEMENTED, SIZE.OBJECT);
  i32[VMG.NOT_IMPLEMENTED] = immortal(s, notImpl);
  i32[VMG.ELLIPSIS] = immortal(s, s.newObject(VTID.ELLIPSIS, SIZE.OBJECT));

  // 4 (first half). builtins: the built-in types and functions.
  const builtins = immortal(s, dictNew(s));
  i32[VMG.BUILTINS] = builtins;
  const builtinTypeNames: [string, number][] = [
    ["int", TID.INT], ["float", TID.FLOAT], ["str", TID.STR], ["bool", TID.BOOL], ["list", TID.LIST],
    ["tuple", TID.TUPLE], ["dict", TID.DICT], ["set", TID.SET], ["range", TID.RANGE], ["object", TID.OBJECT],
    ["type", TID.TYPE],
  ];
  for (const [name, tid] of builtinTypeNames) dictSetItem(s, builtins, key(name), s.typeObject(tid));
  for (const t of VM_TYPES) if (t.builtin) dictSetItem(s, builtins, key(t.builtin), vmTypes.get(t.id)!);
  dictSetItem(s, builtins, key("NotImplemented"), notImpl);
  dictSetItem(s, builtins, key("Ellipsis"), i32[VMG.ELLIPSIS]!);
  dictSetItem(s, builtins, key("__name__"), key("builtins"));
  for (const [name, index] of BUILTIN_FUNCTIONS) {
    const fn = makeNative(s, VTID.BUILTIN, index);
    dictSetItem(s, builtins, key(name), fn);
  }

  // 2. Exceptions: classes made by type(), with __module__ 'builtins'.
  for (const [name, base] of EXCEPTIONS) {
    const ns = dictNew(s);
    dictSetItem(s, ns, key("__module__"), key("builtins"));
    const bases = base === null ? s.emptyTuple : tupleFromArray(s, [lookup(s, builtins, base)]);
    const cls = typeNew(s, key(name), bases, ns);
    if (base !== null) s.decref(bases);
    s.decref(ns);
    immortal(s, cls);
    dictSetItem(s, builtins, key(name), cls);
    s.decref(cls);
  }
  // EnvironmentError and IOError are OSError (PEP 3151).
  for (const alias of ["EnvironmentError", "IOError"]) dictSetItem(s, builtins, key(alias), lookup(s, builtins, "OSError"));

  const baseExc = lookup(s, builtins, "BaseException");
  // exceptions.c: preallocate_memerrors. MemoryError() as the interpreter makes it (args
  // the empty tuple), ready for a heap too full to hold one.
  const memoryError = lookup(s, builtins, "MemoryError");
  for (let k = 0; k < MEMERRORS_SAVE; k++) {
    const exc = instanceNew(s, memoryError);
    dictSetItem(s, instanceDict(s, exc), key("args"), s.emptyTuple);
    i32[OBJ.MEMERRORS + k] = exc;
  }
  for (const [name, index] of EXCEPTION_METHODS) dictSetItem(s, typeDict(s, baseExc), key(name), makeNative(s, VTID.METHOD_DESCR, index));

  // 3. Method descriptors of the built-in types.
  for (const [tid, methods] of TYPE_METHODS) {
    const d = typeDict(s, s.typeObject(tid));
    for (const [name, index] of methods) {
      // A classmethod of a built-in type (METH_CLASS): the descriptor in a classmethod;
      // a static one (METH_STATIC, as str.maketrans, or object.__new__ as tp_new_wrapper
      // is): a builtin function (PyCFunction, no self) in a staticmethod.
      const wrap = CLASS_METHODS.has(`${tid}.${name}`) ? VTID.CLASSMETHOD : STATIC_METHODS.has(`${tid}.${name}`) ? VTID.STATICMETHOD : 0;
      const m = makeNative(s, wrap === VTID.STATICMETHOD ? VTID.BUILTIN : VTID.METHOD_DESCR, index);
      if (wrap === 0) {
        dictSetItem(s, d, key(name), m);
        continue;
      }
      const cm = wrapMethod(s, wrap, m);
      dictSetItem(s, d, key(name), cm);
      s.decref(cm);
    }
  }
  // Those went into the types' dicts directly, after typeNew looked names up: no type
  // attribute cache entry from before holds.
  typeModified(s);

  // 4. Modules and sys.modules.
  const modules = immortal(s, dictNew(s));
  i32[VMG.MODULES] = modules;
  const ctx: BootContext = {
    argv: o.argv,
    set(dict, name, value) {
      let v: number;
      if (typeof value === "string") v = strFromJs(s, value);
      else if (typeof value === "number") v = floatNew(s, value);
      else if (typeof value === "bigint") v = intFromBigInt(s, value);
      else if (typeof value === "boolean") { v = boolFrom(s, value); }
      else {
        // _PyWideStringList_AsList (sys.argv, sys.path): PyList_New(n), exactly n slots.
        v = listNew(s, value.length);
        value.forEach((item, i) => listSetItem(s, v, i, strFromJs(s, item)));
      }
      dictSetItem(s, dict, key(name), v);
      s.decref(v);
    },
  };
  for (const [name, init] of MODULE_INITS) {
    const m = makeModule(s, name);
    const d = i32[(m >> 2) + MODULE.DICT]!;
    for (const [fname, index] of MODULE_FUNCTIONS.get(name) ?? []) dictSetItem(s, d, key(fname), makeNative(s, VTID.BUILTIN, index));
    init(s, d, ctx);
    dictSetItem(s, modules, key(name), m);
  }
  const sysDict = i32[(lookup(s, modules, "sys") >> 2) + MODULE.DICT]!;
  dictSetItem(s, sysDict, key("modules"), modules);

  // The __main__ module.
  const main = makeModule(s, "__main__");
  const globals = i32[(main >> 2) + MODULE.DICT]!;
  const builtinsModule = makeModule(s, "builtins");
  dictSetItem(s, modules, key("builtins"), builtinsModule);
  dictSetItem(s, globals, key("__builtins__"), builtinsModule);
  const file = strFromJs(s, o.filename);
  dictSetItem(s, globals, key("__file__"), file);
  s.decref(file);
  dictSetItem(s, globals, key("__doc__"), s.None);
  dictSetItem(s, modules, key("__main__"), main);
  i32[VMG.MAIN] = main;

  // 5. The program's code.
  i32[VMG.CODE_TABLE] = bootCode(s, o.root);
  return globals;
}

/** The built-in types' methods that are classmethods: `type id.name`. */
const CLASS_METHODS = new Set([`${TID.DICT}.fromkeys`]);
const STATIC_METHODS = new Set([`${TID.OBJECT}.__new__`, `${TID.STR}.maketrans`]);

/** classmethod(m) or staticmethod(m) (`wrap`, the VTID), for a native method descriptor
 *  made at boot (takes the reference). */
function wrapMethod(s: ObjSpace, wrap: number, m: number): number {
  const p = s.newGcObject(wrap, GC_HEAD + WRAPPER_BYTES);
  s.i32.fill(0, (p >> 2) + 4, (p >> 2) + (WRAPPER_BYTES >> 2));
  s.i32[(p >> 2) + WRAPPER.FUNC] = m;
  s.gcTrack(p);
  return p;
}

function lookup(s: ObjSpace, dict: number, name: string): number {
  return dictGetItemStr(s, dict, strIntern(s, name));
}
