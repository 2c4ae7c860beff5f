/**
 * The interpreter: CPython 3.12's eval loop (Python/ceval.c, Python/bytecodes.c) over the
 * shared heap. One `Interp` per simulated thread.
 *
 * - The loop is one big `switch` (clox's run()); everything else is small methods.
 * - Frames live on the thread's data stack in the heap (layout.ts); a Python-to-Python
 *   call pushes a frame and stays in the same JS loop, so deep Python recursion does not
 *   deepen the JS stack. A call from native code (a key function, __init__, __del__)
 *   enters a nested loop with an ENTRY frame.
 * - Reference counts change exactly where CPython's do: LOAD_* increfs what it pushes,
 *   consuming instructions decref their inputs, call arguments are moved (not copied)
 *   into the callee's locals, so sys.getrefcount prints CPython's numbers.
 * - The eval breaker is polled where 3.12 polls it: RESUME, JUMP_BACKWARD, after CALL.
 * - A Python exception travels as a thrown PyRaise (no JS stack captured); the catch
 *   around the inner loop finds the handler through the code's exception table (3.12's
 *   zero-cost exceptions), as ceval.c's exception_unwind does.
 */
import type { CodeObject } from "../compiler/code.js";
// Opcode numbers are CPython 3.12's (compiler/opcodes.ts `Op`), written as literals in the
// eval loop so its switch compiles to a jump table (an enum member is a property load).
import { HeapCorruption, HeapExhausted } from "../errors.js";
import { EB, HDR, OB, RT } from "../heap/layout.js";
import { MODE_ID } from "../modes/policy.js";
import type { Heap } from "../heap/heap.js";
import {
  FUNC, INT, KIND, MEMERRORS_SAVE, OBJ, PyError, TID, TPFLAGS, TYPE,
  boolFrom, cellGet, cellNew, cellSet, dictDelItem, dictGetItemStr, dictLen, dictNew,
  dictSetItem, dictGetItemRef, dictGetItemStrRef, dictGetGlobalRef, floatValue, funcGet, funcNew, funcSet, getIter as objGetIter, instanceDict, instanceNew,
  intAsNumber, intFromNumber, intToBigInt, isSubtype, iterNext as objIterNext, listAppend, listGet, listLen,
  listNew, listGetRef, listSetItem, listExtend, methodFunc, methodNew, methodSelf, pyHash, setAdd, setContains, setMerge, setNew,
  slotIndex, strFromJs, strIntern, strLen, strToJs, tupleFromArray, tupleGet, tupleLen, typeLookup,
  typeNameOf, typeOf, typeSetAttr, dictContains, dictCopy, dictMerge, setClear, setSwapBodies, setDiscard, setKeyAt, setNextIndex, strCodePointAt, strFromCodePoint,
  tupleNew, tupleInit, instanceGetSlot, instanceSetSlot, typeDict, dictNextIndex, dictKeyAt, dictValueAt, codeField, CODE,
  LIST, TUPLE, SMALL_INT_STRIDE, hashFromPy, listResize, rangeIterRemaining, RANGE_ITER_BYTE, SEQ_ITER, FIRST_USER_TYPE, IMMORTAL_MIN,
  DICT_ITER, SET_ITER, setLen, listFixSize, listGetSlice, listInplaceRepeat, listPreallocateExact,
} from "../objects/index.js";
import type { ObjSpace } from "../objects/space.js";
import { PyRaise, type ExcName, type VM } from "./api.js";
import { attachCode, CODE_CONSTS, type LoadedCode } from "./code.js";
import { COUNTER_FLUSH, JIT_DEFAULT, translate, type JitFn } from "./jit.js";
import { F, FRAME_ENTRY, FRAME_HEADER_WORDS, DATA_STACK_WORDS, VTID, BUILTIN, BUILTIN_BYTES, MODULE, PROPERTY_FIELDS, SLICE, SLICE_BYTES, SUPER_FIELDS, VITER, WRAPPER } from "./layout.js";
import { freezeNatives, NATIVES } from "./natives.js";
import { binaryOp, listRepeatCount, setIntersection, setSymmetricUpdate, wideIntOp, CMP, CMP_DUNDER, CMP_SWAPPED, CMP_SYMBOL, NB_DUNDER, NB_SYMBOL, richCompareBuiltin, unaryOp } from "./ops.js";
import { VMG } from "./globals.js";
import { formatValue, reprOf, strOf } from "./repr.js";
import { FormatError } from "../util/pyformat.js";
import type { ThreadHooks } from "./hooks.js";
import { syncTracing } from "./modules/tracemalloc-alloc.js";
import { construct, importModule, lenOf, listDelItem, listSetSlice, percentFormat, rangeItem, sliceAdjust, vmIterNext } from "./core.js";
import { copyWords, fillWords } from "../heap/words.js";


// Layout constants are enums and literal `const`s, used as such (`OB.TYPE`, not a local
// alias): the bundler (scripts/bundle.mjs) inlines them, so the optimized eval loop sees
// immediates. An alias is a module variable, which V8 loads from the closure's context and
// checks on every use.

/** Names the interpreter looks up itself, interned once per worker and heap. */
const INTERP_NAMES = ["__init__", "__name__", "__qualname__", "__class__", "__dict__", "__del__", "__repr__", "__str__",
  "__eq__", "__lt__", "__hash__", "__len__", "__bool__", "__iter__", "__next__", "__enter__", "__exit__",
  "__module__", "__classcell__", "args", "__traceback__", "__context__", "__cause__", "__suppress_context__",
  "__contains__", "__getitem__", "__setitem__", "__delitem__", "__call__", "__format__", "__build_class__",
  "__main__", "__file__", "__doc__", "__slots__", "__bases__", "__mro__", "__defaults__", "__code__", "__func__",
  "__self__", "__neg__", "__pos__", "__invert__", "__abs__", "__index__", "__int__", "__float__", "__getattr__",
  "__setattr__", "__delattr__", "__ne__", "__le__", "__gt__", "__ge__", "__new__", "value", "code", "weakref", "finalize", "__init_subclass__", "__set_name__"] as const;

/** Per worker: the program's attached code and interned names, for the heap they were
 *  attached to (a new run has a new heap). */
const ATTACHED = new WeakMap<CodeObject, { table: number; jitMode: number; codes: LoadedCode[]; n: Record<string, number> }>();

/** sys.getrecursionlimit() default. */
export const RECURSION_LIMIT = 1000;

/** A RERAISE / bare `raise`: unwinding must not add a traceback entry for this frame. */
class Reraise {
  constructor(readonly exc: number) {}
}

export interface InterpOptions {
  readonly heap: Heap;
  readonly s: ObjSpace;
  readonly root: CodeObject;
  readonly sources: ReadonlyMap<string, string>;
  readonly hooks: ThreadHooks;
  readonly tid: number;
  /** Translate a code object to JavaScript after this many loop iterations and calls
   *  (jit.ts; default JIT_DEFAULT, JIT_OFF never). */
  readonly jit?: number;
}

/** The __slots__ index of `name` (a str) in instances of `type`, or -1. A class with no
 *  slots in its MRO (TYPE.NSLOTS counts the inherited ones) answers at once: every
 *  attribute store on an instance asks, and slotIndex compares the name as a JS string. */
function slotOf(s: ObjSpace, type: number, name: number): number {
  return s.i32[(type >> 2) + TYPE.NSLOTS] === 0 ? -1 : slotIndex(s, type, strToJs(s, name));
}

export class Interp implements VM {
  readonly s: ObjSpace;
  readonly i32: Int32Array;
  readonly None: number;
  readonly True: number;
  readonly False: number;
  readonly codes: LoadedCode[];
  readonly hooks: ThreadHooks;
  readonly tid: number;
  /** Bytecodes executed by this thread. */
  bytecodes = 0;
  /** See InterpOptions.jit. */
  readonly jitThreshold: number;
  /** Loops and loop-free code objects this thread translated (a worker keeps them for
   *  its later threads). */
  translated = 0;
  /** gil: translated code may elide an incref/decref pair on a local's value (jit.ts
   *  JitMode.elide); not nogil, whose refcounts race on purpose. */
  private readonly jitElide: boolean;
  /** The exception currently being handled (sys.exc_info()), owned; 0 if none. */
  excInfo = 0;
  readonly builtins: number;
  private readonly sources: ReadonlyMap<string, string>;
  private readonly dataStack: number; // word index of the data stack's first word
  private readonly dataStackEnd: number;
  /** Word index where the next frame goes. */
  private stackTop: number;
  /** The current frame's word index (0 when no Python code runs). */
  fp = 0;
  private depth = 0;
  /** Frames on this thread's stack (translated code calls a Python function through a
   *  nested run only while this is small: see jit.ts JIT_CALL_DEPTH). */
  get frameDepth(): number {
    return this.depth;
  }
  /** tracemalloc is tracing in this thread: the eval loop saves the instruction pointer
   *  into the frame at every dispatch, so an allocation knows its line
   *  (modules/tracemalloc-alloc.ts). Read into a local at eval entry, after calls and at
   *  eval-breaker points. */
  traceLines = false;
  /** KW_NAMES' tuple for the next CALL. */
  kwnames = 0;
  /** True when the ObjSpace's refcount policy is the plain read-modify-write of CPython
   *  with a GIL (gil and nogil modes): the eval loop then does the common incref/decref
   *  inline instead of calling the policy. Any other policy is always called. */
  readonly plainRefcounts: boolean;
  /** Beside plainRefcounts (free-threaded): an object with `ob_tid & localOwnerMask ===
   *  localOwner` is this thread's, and its ob_ref_local is updated inline too. */
  readonly localOwner: number;
  readonly localOwnerMask: number;
  /** True when the ObjSpace's containers need no lock (gil and nogil): the eval loop may
   *  then read list items inline. */
  readonly plainContainers: boolean;
  /** Interned names used by the interpreter itself. */
  readonly n: Record<string, number>;

  constructor(o: InterpOptions) {
    this.s = o.s;
    this.i32 = o.heap.i32;
    this.None = o.s.None;
    this.True = o.s.True;
    this.False = o.s.False;
    this.hooks = o.hooks;
    this.tid = o.tid;
    this.jitThreshold = o.jit ?? JIT_DEFAULT;
    this.plainRefcounts = o.s.plainRefcounts;
    this.localOwner = o.s.localOwner;
    this.localOwnerMask = o.s.localOwnerMask;
    this.plainContainers = o.s.plainContainers;
    this.sources = o.sources;
    freezeNatives();
    // A worker runs many threads of one program: what attaching costs (the code table,
    // the interned names) is done once per worker and heap, so a thread starts fast.
    // (A worker's copy of a run's code is a new object each run, and the code table's
    // address pins the heap: each SharedArrayBuffer message makes a new JS wrapper.)
    const table = this.i32[VMG.CODE_TABLE]!;
    // Translated code (jit.ts) is made for the mode's refcount and container policy.
    this.jitElide = this.plainRefcounts && this.i32[HDR.MODE] === MODE_ID.gil;
    const jitMode = (this.plainRefcounts ? 1 : 0) | (this.plainContainers ? 2 : 0) | (this.jitElide ? 4 : 0);
    let attached = ATTACHED.get(o.root);
    if (attached === undefined || attached.table !== table || attached.jitMode !== jitMode) {
      const n: Record<string, number> = {};
      for (const name of INTERP_NAMES) n[name] = strIntern(o.s, name);
      attached = { table, jitMode, codes: attachCode(o.s, o.root, table), n };
      ATTACHED.set(o.root, attached);
    }
    this.codes = attached.codes;
    this.n = attached.n;
    this.builtins = this.i32[VMG.BUILTINS]!;
    const block = o.s.malloc(DATA_STACK_WORDS * 4);
    this.dataStack = block >> 2;
    this.dataStackEnd = this.dataStack + DATA_STACK_WORDS;
    this.stackTop = this.dataStack;
    syncTracing(this); // a thread started while tracemalloc traces
    // Dict and set keys of the program's classes hash and compare by their __hash__ and
    // __eq__ (hash.ts KeyHooks).
    o.s.keyHooks = {
      hash: (p) => this.keyHash(p),
      needsEq: (key) => this.keyNeedsEq(key),
      equal: (stored, key) => stored === key || this.compare(stored, key, CMP.EQ),
    };
    // V8 treats a field never written after its object was made as a constant, and throws
    // away optimized code that relied on that when the field is first written. eval reads
    // these, and coldOp writes them on its first jump or throw, which comes after eval is
    // optimized: a recompile of eval (100-200 ms of a core) in every worker. Written here,
    // they are variables from the start.
    this.coldJump = 0;
    this.coldJump = -1;
    this.coldSp = -1;
    this.coldSp = 0;
    this.jitPc = -1;
    this.jitPc = 0;
    this.jitSp = -1;
    this.jitSp = 0;
  }

  /** _Py_HandlePending: the thread's hooks (the GIL's drop requests, ...), then follow a
   *  tracemalloc start() or stop() made by any thread. Returns traceLines for the loop. */
  handlePending(): boolean {
    Atomics.and(this.i32, this.hooks.evalBreaker, ~EB.TRACEMALLOC);
    this.hooks.handleEvalBreaker(this);
    syncTracing(this);
    return this.traceLines;
  }

  /** Give the data stack back (thread exit). */
  dispose(): void {
    this.s.free(this.dataStack << 2);
  }

  // ── the VM interface for natives ──────────────────────────────────────────

  error(name: ExcName, message: string): PyRaise {
    const cls = this.builtinType(name);
    const msg = strFromJs(this.s, message);
    const exc = this.newException(cls, [msg]);
    this.s.decref(msg);
    return new PyRaise(exc);
  }

  /** A PyRaise of a new `name` exception with these args (borrowed). */
  raiseNew(name: ExcName, args: number[]): PyRaise {
    return new PyRaise(this.newException(this.builtinType(name), args));
  }

  keyError(key: number): PyRaise {
    return new PyRaise(this.newException(this.builtinType("KeyError"), [key]));
  }

  repr(p: number): string {
    return reprOf(this, p);
  }

  str(p: number): string {
    return strOf(this, p);
  }

  format(p: number, spec: string): string {
    return formatValue(this, p, spec);
  }

  typeName(p: number): string {
    return typeNameOf(this.s, typeOf(this.s, p));
  }

  typeObject(tid: number): number {
    return this.s.typeObject(tid);
  }

  isInstance(p: number, cls: number): boolean {
    return isSubtype(this.s, typeOf(this.s, p), cls);
  }

  write(text: string): void {
    this.hooks.write(text);
  }

  indexValue(p: number, what: string): number {
    const t = this.s.typeId(p);
    if (t === TID.INT || t === TID.BOOL) {
      const v = intAsNumber(this.s, p);
      if (v === v) return v;
      throw this.error("OverflowError", "cannot fit 'int' into an index-sized integer");
    }
    const i = this.userIndex(p);
    if (i !== null) return i;
    throw this.error("TypeError", `'${this.typeName(p)}' object cannot be interpreted as an integer${what ? "" : ""}`);
  }

  /** PyNumber_Index for an instance whose class defines __index__: its int's value; null
   *  for any other object. */
  userIndex(p: number): number | null {
    const s = this.s;
    if (s.kindOf(s.typeId(p)) !== KIND.INSTANCE) return null;
    const m = this.lookupSpecial(p, "__index__");
    if (m === 0) return null;
    const r = this.callMethod(m, p);
    try {
      const rt = s.typeId(r);
      if (rt !== TID.INT && rt !== TID.BOOL) throw this.error("TypeError", `__index__ returned non-int (type ${this.typeName(r)})`);
      return this.indexValue(r, "");
    } finally {
      s.decref(r);
    }
  }

  /** A raised TypeError (PyErr_ExceptionMatches(PyExc_TypeError)): for the callers that
   *  give it a message of their own or swallow it. */
  isTypeError(e: unknown): e is PyRaise {
    return e instanceof PyRaise && this.isInstance(e.exc, this.builtinType("TypeError"));
  }

  /** iter(v), a TypeError from it replaced by one saying `message` (PySequence_Fast's
   *  and _PySequence_IterSearch's). New reference. */
  getIterOr(v: number, message: string): number {
    try {
      return this.getIter(v);
    } catch (e) {
      if (!this.isTypeError(e)) throw e;
      this.s.decref(e.exc);
      throw this.error("TypeError", message);
    }
  }

  builtinType(name: string): number {
    const t = dictGetItemStr(this.s, this.builtins, strIntern(this.s, name));
    if (t === 0) throw new Error(`gilsim: no builtin ${name}`);
    return t;
  }

  /** BaseException (immortal), looked up once: every class call asks whether the class
   *  is an exception's, and builtinType is an intern-cache Map lookup plus a dict's. */
  get baseException(): number {
    if (this.baseExceptionType === 0) this.baseExceptionType = this.builtinType("BaseException");
    return this.baseExceptionType;
  }
  private baseExceptionType = 0;

  /** SystemExit (immortal), looked up once: every new exception asks (setExceptionArgs). */
  private get systemExit(): number {
    if (this.systemExitType === 0) this.systemExitType = this.builtinType("SystemExit");
    return this.systemExitType;
  }
  private systemExitType = 0;

  /** OSError (immortal), looked up once: every exception a class call makes asks whether
   *  it is one (its errno, its subclass). */
  get osError(): number {
    if (this.osErrorType === 0) this.osErrorType = this.builtinType("OSError");
    return this.osErrorType;
  }
  private osErrorType = 0;

  // ── truth, equality, hashing ──────────────────────────────────────────────

  isTrue(p: number): boolean {
    if (p === this.True) return true;
    if (p === this.False || p === this.None) return false;
    const s = this.s;
    const t = s.typeId(p);
    switch (t) {
      case TID.INT: return s.i32[(p >> 2) + 4] !== 0;
      case TID.FLOAT: return floatValue(s, p) !== 0;
      case TID.STR: return strLen(s, p) !== 0;
      case TID.LIST: return listLen(s, p) !== 0;
      case TID.TUPLE: return tupleLen(s, p) !== 0;
      case TID.DICT: return dictLen(s, p) !== 0;
    }
    if (s.kindOf(t) === KIND.INSTANCE) {
      const b = this.lookupSpecial(p, "__bool__");
      if (b !== 0) {
        const r = this.callMethod(b, p);
        if (r !== this.True && r !== this.False) {
          const name = this.typeName(r);
          s.decref(r);
          throw this.error("TypeError", `__bool__ should return bool, returned ${name}`);
        }
        return r === this.True;
      }
      const l = this.lookupSpecial(p, "__len__");
      if (l !== 0) {
        const r = this.callMethod(l, p);
        const v = this.indexValue(r, "");
        s.decref(r);
        return v !== 0;
      }
      return true;
    }
    if (t === TID.SET) return this.lenOf(p) !== 0;
    if (t === TID.RANGE) return this.lenOf(p) !== 0;
    return true;
  }

  eq(a: number, b: number): boolean {
    if (a === b) return true;
    const r = this.richCompare(a, b, CMP.EQ);
    const v = this.isTrue(r);
    this.s.decref(r);
    return v;
  }

  lt(a: number, b: number): boolean {
    return this.compare(a, b, CMP.LT);
  }

  compare(a: number, b: number, op: number): boolean {
    const r = this.richCompare(a, b, op);
    const v = this.isTrue(r);
    this.s.decref(r);
    return v;
  }

  /** Raise TypeError if `p` cannot be a dict key or set member; cheap for the built-in
   *  hashable types (the dict itself hashes with the object layer's hash32). */
  checkHashable(p: number): void {
    const s = this.s;
    const t = s.typeId(p);
    if (t === TID.STR || t === TID.INT || t === TID.TUPLE || t === TID.FLOAT || t === TID.BOOL || t === TID.NONE) return;
    // An instance's __hash__ runs once, when the dict or set hashes it (keyHash).
    if (s.kindOf(t) === KIND.INSTANCE) {
      if (this.lookupSpecial(p, "__hash__") === this.None) throw this.error("TypeError", `unhashable type: '${this.typeName(p)}'`);
      return;
    }
    if (t === TID.LIST || t === TID.DICT || t === TID.SET) this.hash(p);
  }

  /** KeyHooks.hash: the stored hash of an instance, from its class's __hash__ if that is
   *  Python code, else its address's (_Py_HashPointer, as hash32 gives). */
  private keyHash(p: number): number {
    const h = this.lookupSpecial(p, "__hash__");
    if (h === 0 || (h !== this.None && this.s.typeId(h) !== TID.FUNCTION)) return p >>> 4;
    return hashFromPy(this.instanceHash(p, h));
  }

  /** KeyHooks.needsEq: an instance of a class whose __eq__ is Python code, or a tuple
   *  holding one. */
  private keyNeedsEq(key: number): boolean {
    const s = this.s;
    const t = s.typeId(key);
    if (t === TID.TUPLE) {
      for (let i = 0, n = tupleLen(s, key); i < n; i++) if (this.keyNeedsEq(tupleGet(s, key, i))) return true;
      return false;
    }
    if (t < FIRST_USER_TYPE || s.kindOf(t) !== KIND.INSTANCE) return false;
    const eq = this.lookupSpecial(key, "__eq__");
    return eq !== 0 && s.typeId(eq) === TID.FUNCTION;
  }

  hash(p: number): bigint {
    const s = this.s;
    if (s.kindOf(s.typeId(p)) === KIND.INSTANCE) return this.instanceHash(p, this.lookupSpecial(p, "__hash__"));
    const t = s.typeId(p);
    if (t === TID.LIST || t === TID.DICT || t === TID.SET) throw this.error("TypeError", `unhashable type: '${this.typeName(p)}'`);
    try {
      return pyHash(s, p);
    } catch (e) {
      throw this.convert(e);
    }
  }

  /** slot_tp_hash for instance `p` whose class's __hash__ is `h` (0 when none is found:
   *  the address's hash). */
  private instanceHash(p: number, h: number): bigint {
    const s = this.s;
    if (h !== 0 && s.typeId(h) === TID.FUNCTION) {
      const r = this.callMethod(h, p);
      const rt = s.typeId(r);
      if (rt !== TID.INT && rt !== TID.BOOL) {
        s.decref(r);
        throw this.error("TypeError", "__hash__ method should return an integer");
      }
      const v = intToBigInt(s, r);
      s.decref(r);
      return v === -1n ? -2n : v;
    }
    if (h === this.None) throw this.error("TypeError", `unhashable type: '${this.typeName(p)}'`);
    return BigInt(p >> 4);
  }

  // ── attribute access ──────────────────────────────────────────────────────

  /** A dunder looked up on the type (as CPython's special method lookup), borrowed or 0. */
  lookupSpecial(p: number, name: string): number {
    const n = this.n[name] ?? strIntern(this.s, name);
    return typeLookup(this.s, typeOf(this.s, p), n);
  }

  getAttr(p: number, name: string): number {
    const r = this.getAttrStr(p, strIntern(this.s, name), true);
    return r;
  }

  lookupAttr(p: number, name: string): number {
    return this.getAttrStr(p, strIntern(this.s, name), false);
  }

  setAttr(p: number, name: string, value: number): void {
    this.setAttrStr(p, strIntern(this.s, name), value);
  }

  /** PyObject_GetAttr. New reference, or (raise=false) 0 if missing. */
  getAttrStr(p: number, name: number, raise: boolean): number {
    const s = this.s;
    const tid = s.typeId(p);
    const type = s.typeObject(tid);
    const kind = s.kindOf(tid);
    if (kind === KIND.TYPE) return this.typeGetAttr(p, name, raise);
    if (tid === VTID.MODULE) {
      const v = dictGetGlobalRef(s, s.i32[(p >> 2) + MODULE.DICT]!, name);
      if (v !== 0) return v;
      if (name === this.n.__dict__) {
        // module_members' __dict__ (T_OBJECT, READONLY): the module's namespace.
        const d = s.i32[(p >> 2) + MODULE.DICT]!;
        s.incref(d);
        return d;
      }
      if (!raise) return 0;
      throw this.error("AttributeError", `module '${strToJs(s, s.i32[(p >> 2) + MODULE.NAME]!)}' has no attribute '${strToJs(s, name)}'`);
    }
    if (tid === VTID.SUPER) {
      const v = this.superGetAttr(p, name);
      if (v !== 0) return v;
    }
    const attr = typeLookup(s, type, name);
    if (attr !== 0) {
      const at = s.typeId(attr);
      if (at === VTID.PROPERTY) {
        const fget = s.i32[(attr >> 2) + PROPERTY_FIELDS.FGET]!;
        if (fget === 0 || fget === this.None) {
          throw this.error("AttributeError", `property '${strToJs(s, name)}' of '${this.typeName(p)}' object has no getter`);
        }
        return this.call(fget, p);
      }
    }
    if (kind === KIND.INSTANCE) {
      if (name === this.n.__class__) { s.incref(type); return type; }
      const d = instanceDict(s, p);
      if (name === this.n.__dict__ && d !== 0) { s.incref(d); return d; }
      if (d !== 0) {
        const v = dictGetItemStrRef(s, d, name);
        if (v !== 0) return v;
      }
      const si = slotOf(s, type, name);
      if (si >= 0) {
        const v = instanceGetSlot(s, p, si);
        if (v !== 0) { s.incref(v); return v; }
        if (!raise) return 0;
        throw this.error("AttributeError", `'${this.typeName(p)}' object has no attribute '${strToJs(s, name)}'`);
      }
    } else if (name === this.n.__class__) {
      s.incref(type);
      return type;
    } else if (tid === TID.FUNCTION) {
      const special = this.functionAttr(p, name);
      if (special !== 0) return special;
    } else if (tid === TID.METHOD) {
      if (name === this.n.__func__) { const f = methodFunc(s, p); s.incref(f); return f; }
      if (name === this.n.__self__) { const o = methodSelf(s, p); s.incref(o); return o; }
      return this.getAttrStr(methodFunc(s, p), name, raise);
    } else if (tid === VTID.BUILTIN && name === this.n.__name__) {
      const nm = s.i32[(p >> 2) + BUILTIN.NAME]!;
      s.incref(nm);
      return nm;
    }
    if (attr !== 0) return this.bindAttr(attr, p, type);
    if (kind === KIND.INSTANCE) {
      const ga = typeLookup(s, type, this.n.__getattr__!);
      if (ga !== 0) {
        if (!raise) {
          try { return this.callMethod(ga, p, name); } catch (e) {
            if (e instanceof PyRaise && this.isInstance(e.exc, this.builtinType("AttributeError"))) { s.decref(e.exc); return 0; }
            throw e;
          }
        }
        return this.callMethod(ga, p, name);
      }
    }
    if (!raise) return 0;
    throw this.error("AttributeError", `'${this.typeName(p)}' object has no attribute '${strToJs(s, name)}'`);
  }

  private functionAttr(f: number, name: number): number {
    const s = this.s;
    let v = 0;
    if (name === this.n.__name__) v = funcGet(s, f, FUNC.NAME);
    else if (name === this.n.__qualname__) v = funcGet(s, f, FUNC.QUALNAME);
    else if (name === this.n.__module__) v = funcGet(s, f, FUNC.MODULE);
    else if (name === this.n.__defaults__) v = funcGet(s, f, FUNC.DEFAULTS) || this.None;
    else if (name === this.n.__doc__) v = funcGet(s, f, FUNC.DOC) || this.None;
    else if (name === this.n.__code__) v = funcGet(s, f, FUNC.CODE);
    else if (name === this.n.__dict__) {
      let d = funcGet(s, f, FUNC.DICT);
      if (d === 0) { d = dictNew(s); funcSet(s, f, FUNC.DICT, d); s.decref(d); }
      v = d;
    } else {
      const d = funcGet(s, f, FUNC.DICT);
      if (d !== 0) v = dictGetItemStr(s, d, name);
    }
    if (v !== 0) s.incref(v);
    return v;
  }

  /** super_getattro: `name` in the classes after SUPER.TYPE in the MRO of OBJ_TYPE, bound
   *  to OBJ as that class's attribute would be (a new reference); 0 if none has it. */
  private superGetAttr(sup: number, name: number): number {
    const s = this.s;
    const w = sup >> 2;
    const type = s.i32[w + SUPER_FIELDS.TYPE]!, obj = s.i32[w + SUPER_FIELDS.OBJ]!, objType = s.i32[w + SUPER_FIELDS.OBJ_TYPE]!;
    if (name === this.n.__class__) return 0;
    const v = this.lookupAfter(objType, type, name);
    if (v === 0) return 0;
    const vt = s.typeId(v);
    if (vt === VTID.PROPERTY && obj !== objType) {
      const fget = s.i32[(v >> 2) + PROPERTY_FIELDS.FGET]!;
      if (fget === 0 || fget === this.None) throw this.error("AttributeError", `property '${strToJs(s, name)}' of '${this.typeName(obj)}' object has no getter`);
      return this.call(fget, obj);
    }
    if (obj === objType && vt !== VTID.CLASSMETHOD) {
      // super(B, B).f: the class's attribute as the class would give it (a function unbound).
      if (vt === VTID.STATICMETHOD) { const f = s.i32[(v >> 2) + WRAPPER.FUNC]!; s.incref(f); return f; }
      s.incref(v);
      return v;
    }
    return this.bindAttr(v, obj, objType);
  }

  /** What an attribute found on the type becomes when read through an instance. */
  private bindAttr(attr: number, self: number, type: number): number {
    const s = this.s;
    const at = s.typeId(attr);
    if (at === TID.FUNCTION) return methodNew(s, attr, self);
    if (at === VTID.METHOD_DESCR) return this.newBuiltin(s.i32[(attr >> 2) + BUILTIN.INDEX]!, self, s.i32[(attr >> 2) + BUILTIN.NAME]!);
    if (at === VTID.STATICMETHOD) { const f = s.i32[(attr >> 2) + WRAPPER.FUNC]!; s.incref(f); return f; }
    if (at === VTID.CLASSMETHOD) return methodNew(s, s.i32[(attr >> 2) + WRAPPER.FUNC]!, type);
    s.incref(attr);
    return attr;
  }

  private typeGetAttr(t: number, name: number, raise: boolean): number {
    const s = this.s;
    const v = typeLookup(s, t, name);
    if (v !== 0) {
      const vt = s.typeId(v);
      if (vt === VTID.STATICMETHOD) { const f = s.i32[(v >> 2) + WRAPPER.FUNC]!; s.incref(f); return f; }
      if (vt === VTID.CLASSMETHOD) return methodNew(s, s.i32[(v >> 2) + WRAPPER.FUNC]!, t);
      s.incref(v);
      return v;
    }
    let special = 0;
    if (name === this.n.__name__) special = s.i32[(t >> 2) + TYPE.NAME]!;
    else if (name === this.n.__qualname__) special = s.i32[(t >> 2) + TYPE.QUALNAME]!;
    else if (name === this.n.__mro__) special = s.i32[(t >> 2) + TYPE.MRO]!;
    else if (name === this.n.__bases__) {
      // A class with no base listed has (object,) (type_new's tp_bases); object has ().
      const bases = s.i32[(t >> 2) + TYPE.BASES]!;
      const object = s.typeObject(TID.OBJECT);
      if (tupleLen(s, bases) === 0 && t !== object) return tupleFromArray(s, [object]);
      special = bases;
    }
    else if (name === this.n.__dict__) special = typeDict(s, t);
    else if (name === this.n.__doc__) special = this.None;
    else if (name === this.n.__class__) special = s.typeObject(TID.TYPE);
    if (special !== 0) { s.incref(special); return special; }
    if (!raise) return 0;
    throw this.error("AttributeError", `type object '${typeNameOf(s, t)}' has no attribute '${strToJs(s, name)}'`);
  }

  /** PyObject_SetAttr (value != 0) / delattr (value == 0). Does not steal `value`. An
   *  instance whose class defines __setattr__ / __delattr__ goes through it
   *  (slot_tp_setattro); object's is genericSetAttr. */
  setAttrStr(p: number, name: number, value: number): void {
    const s = this.s;
    const tid = s.typeId(p);
    if (s.kindOf(tid) === KIND.INSTANCE) {
      const hook = typeLookup(s, s.typeObject(tid), value !== 0 ? this.n.__setattr__! : this.n.__delattr__!);
      if (hook !== 0 && s.typeId(hook) === TID.FUNCTION) {
        s.decref(value !== 0 ? this.callMethod(hook, p, name, value) : this.callMethod(hook, p, name));
        return;
      }
    }
    this.genericSetAttr(p, name, value);
  }

  /** PyObject_GenericSetAttr (object.__setattr__, object.__delattr__) and the setattr of
   *  the other kinds of object. */
  genericSetAttr(p: number, name: number, value: number): void {
    const s = this.s;
    const tid = s.typeId(p);
    const kind = s.kindOf(tid);
    if (kind === KIND.INSTANCE) {
      const type = s.typeObject(tid);
      const attr = typeLookup(s, type, name);
      if (attr !== 0 && s.typeId(attr) === VTID.PROPERTY) {
        // property.__set__ / __delete__
        const fn = s.i32[(attr >> 2) + (value !== 0 ? PROPERTY_FIELDS.FSET : PROPERTY_FIELDS.FDEL)]!;
        if (fn === 0 || fn === this.None) {
          throw this.error("AttributeError", `property '${strToJs(s, name)}' of '${this.typeName(p)}' object has no ${value !== 0 ? "setter" : "deleter"}`);
        }
        s.decref(value !== 0 ? this.call(fn, p, value) : this.call(fn, p));
        return;
      }
      const si = slotOf(s, type, name);
      if (si >= 0) {
        if (value === 0 && instanceGetSlot(s, p, si) === 0) throw this.error("AttributeError", strToJs(s, name));
        instanceSetSlot(s, p, si, value);
        return;
      }
      const d = instanceDict(s, p);
      if (d !== 0) {
        if (value !== 0) dictSetItem(s, d, name, value);
        else if (!dictDelItem(s, d, name)) throw this.error("AttributeError", `'${this.typeName(p)}' object has no attribute '${strToJs(s, name)}'`);
        return;
      }
      throw this.error("AttributeError", `'${this.typeName(p)}' object has no attribute '${strToJs(s, name)}'`);
    }
    if (kind === KIND.TYPE) {
      if ((s.i32[(p >> 2) + TYPE.FLAGS]! & TPFLAGS.HEAPTYPE) === 0) {
        throw this.error("TypeError", `cannot set '${strToJs(s, name)}' attribute of immutable type '${typeNameOf(s, p)}'`);
      }
      if (!typeSetAttr(s, p, name, value)) throw this.error("AttributeError", `type object '${typeNameOf(s, p)}' has no attribute '${strToJs(s, name)}'`);
      return;
    }
    if (tid === VTID.MODULE) {
      const d = s.i32[(p >> 2) + MODULE.DICT]!;
      if (value !== 0) dictSetItem(s, d, name, value);
      else dictDelItem(s, d, name);
      return;
    }
    if (tid === TID.FUNCTION) {
      if (name === this.n.__name__ || name === this.n.__qualname__) {
        funcSet(s, p, name === this.n.__name__ ? FUNC.NAME : FUNC.QUALNAME, value);
        return;
      }
      let d = funcGet(s, p, FUNC.DICT);
      if (d === 0) { d = dictNew(s); funcSet(s, p, FUNC.DICT, d); s.decref(d); }
      if (value !== 0) dictSetItem(s, d, name, value);
      else dictDelItem(s, d, name);
      return;
    }
    throw this.error("AttributeError", `'${this.typeName(p)}' object has no attribute '${strToJs(s, name)}'`);
  }

  // ── comparisons ───────────────────────────────────────────────────────────

  /** PyObject_RichCompare: new reference. */
  richCompare(a: number, b: number, op: number): number {
    const s = this.s;
    const ka = s.kindOf(s.typeId(a)), kb = s.kindOf(s.typeId(b));
    if (ka === KIND.INSTANCE || kb === KIND.INSTANCE) {
      // Reflected first if b's type is a subclass of a's (do_richcompare).
      const ta = typeOf(s, a), tb = typeOf(s, b);
      const tryOne = (x: number, y: number, o: number): number => {
        if (s.kindOf(s.typeId(x)) !== KIND.INSTANCE) return 0;
        const m = this.lookupSpecial(x, `__${CMP_DUNDER[o]}__`);
        if (m === 0 || s.typeId(m) !== TID.FUNCTION) return 0;
        const r = this.callMethod(m, x, y);
        if (r === this.i32[VMG.NOT_IMPLEMENTED]) { s.decref(r); return 0; }
        return r;
      };
      let r = 0;
      if (ta !== tb && isSubtype(s, tb, ta)) {
        r = tryOne(b, a, CMP_SWAPPED[op]!);
        if (r === 0) r = tryOne(a, b, op);
      } else {
        r = tryOne(a, b, op);
        if (r === 0) r = tryOne(b, a, CMP_SWAPPED[op]!);
      }
      if (r !== 0) return r;
      if (op === CMP.NE) {
        const e = tryOne(a, b, CMP.EQ) || tryOne(b, a, CMP.EQ);
        if (e !== 0) { const v = this.isTrue(e); s.decref(e); return boolFrom(s, !v); }
      }
    }
    const r = richCompareBuiltin(this, a, b, op);
    if (r !== null) return boolFrom(s, r);
    if (op === CMP.EQ) return boolFrom(s, a === b);
    if (op === CMP.NE) return boolFrom(s, a !== b);
    throw this.error("TypeError", `'${CMP_SYMBOL[op]}' not supported between instances of '${this.typeName(a)}' and '${this.typeName(b)}'`);
  }

  /** x in container. */
  contains(container: number, x: number): boolean {
    const s = this.s;
    const t = s.typeId(container);
    switch (t) {
      case TID.DICT: this.checkHashable(x); return dictContains(s, container, x);
      case TID.SET: this.checkHashable(x); return setContains(s, container, x);
      case TID.STR: {
        if (s.typeId(x) !== TID.STR) throw this.error("TypeError", `'in <string>' requires string as left operand, not ${this.typeName(x)}`);
        return strToJs(s, container).includes(strToJs(s, x));
      }
      case TID.LIST: {
        for (let i = 0; i < listLen(s, container); i++) { const v = listGet(s, container, i); if (v === x || this.eq(v, x)) return true; }
        return false;
      }
      case TID.TUPLE: {
        for (let i = 0, n = tupleLen(s, container); i < n; i++) { const v = tupleGet(s, container, i); if (v === x || this.eq(v, x)) return true; }
        return false;
      }
    }
    if (s.kindOf(t) === KIND.INSTANCE) {
      const m = this.lookupSpecial(container, "__contains__");
      if (m !== 0) { const r = this.callMethod(m, container, x); const v = this.isTrue(r); s.decref(r); return v; }
    }
    if (t === TID.DICT_KEYS) { return this.contains(s.i32[(container >> 2) + 4]!, x); }
    const it = this.getIterOr(container, `argument of type '${this.typeName(container)}' is not iterable`);
    try {
      for (let v = this.iterNext(it); v !== 0; v = this.iterNext(it)) {
        const hit = v === x || this.eq(v, x);
        s.decref(v);
        if (hit) return true;
      }
      return false;
    } finally {
      s.decref(it);
    }
  }

  // ── iteration ─────────────────────────────────────────────────────────────

  getIter(p: number): number {
    const s = this.s;
    const t = s.typeId(p);
    if (s.kindOf(t) === KIND.INSTANCE) {
      const m = this.lookupSpecial(p, "__iter__");
      if (m !== 0) return this.callMethod(m, p);
      if (this.lookupSpecial(p, "__getitem__") === 0) throw this.error("TypeError", `'${this.typeName(p)}' object is not iterable`);
      throw this.error("TypeError", "gilsim does not support iteration through __getitem__ yet");
    }
    if ((t >= VTID.ENUMERATE && t <= VTID.REVERSED) || t === VTID.CALLITER) { s.incref(p); return p; }
    try {
      return objGetIter(s, p);
    } catch (e) {
      throw this.convert(e);
    }
  }

  iterNext(it: number): number {
    const s = this.s;
    const t = s.typeId(it);
    if (s.kindOf(t) === KIND.INSTANCE) {
      const m = this.lookupSpecial(it, "__next__");
      if (m === 0) throw this.error("TypeError", `'${this.typeName(it)}' object is not an iterator`);
      try {
        return this.callMethod(m, it);
      } catch (e) {
        if (e instanceof PyRaise && this.isInstance(e.exc, this.builtinType("StopIteration"))) {
          s.decref(e.exc);
          return 0;
        }
        throw e;
      }
    }
    if ((t >= VTID.ENUMERATE && t <= VTID.REVERSED) || t === VTID.CALLITER) return vmIterNext(this, it);
    try {
      return objIterNext(s, it);
    } catch (e) {
      throw this.convert(e);
    }
  }

  lenOf(p: number): number {
    const s = this.s;
    const t = s.typeId(p);
    switch (t) {
      case TID.STR: return strLen(s, p);
      case TID.LIST: return listLen(s, p);
      case TID.TUPLE: return tupleLen(s, p);
      case TID.DICT: return dictLen(s, p);
    }
    if (s.kindOf(t) === KIND.INSTANCE) {
      const m = this.lookupSpecial(p, "__len__");
      if (m !== 0) {
        const r = this.callMethod(m, p);
        const v = this.indexValue(r, "");
        s.decref(r);
        if (v < 0) throw this.error("ValueError", "__len__() should return >= 0");
        return v;
      }
    }
    return lenOf(this, p);
  }

  // ── calls ─────────────────────────────────────────────────────────────────

  /** Call any callable with positional args (borrowed). New reference. */
  call(callable: number, ...args: number[]): number {
    const base = this.pushArgs(args);
    try {
      return this.callObject(callable, base, args.length, 0);
    } finally {
      this.popArgs(base);
    }
  }

  /** Call a function found on a type with `self` first. */
  callMethod(fn: number, self: number, ...args: number[]): number {
    const base = this.pushArgs([self, ...args]);
    try {
      return this.callObject(fn, base, args.length + 1, 0);
    } finally {
      this.popArgs(base);
    }
  }

  /** Borrowed args copied to scratch space above the current frames (increfed, so a
   *  callee that takes ownership of its arguments can). */
  private pushArgs(args: number[]): number {
    const base = this.stackTop;
    if (base + args.length + 16 > this.dataStackEnd) throw this.error("RecursionError", "maximum recursion depth exceeded");
    for (let i = 0; i < args.length; i++) {
      this.i32[base + i] = args[i]!;
    }
    this.stackTop += args.length;
    return base;
  }

  private popArgs(base: number): void {
    this.stackTop = base;
  }

  /**
   * Call `callable` with n arguments at i32[a..a+n) (borrowed; the caller still owns
   * them) and kwnames (0 or a tuple naming the last arguments). New reference.
   */
  callObject(callable: number, a: number, n: number, kw: number): number {
    const s = this.s;
    const tid = s.typeId(callable);
    switch (tid) {
      case TID.FUNCTION: {
        const f = this.pushFrame(callable, a, n, kw, false);
        return this.callFrame(f);
      }
      case VTID.BUILTIN: {
        const self = s.i32[(callable >> 2) + BUILTIN.SELF]!;
        const impl = NATIVES[s.i32[(callable >> 2) + BUILTIN.INDEX]!]!.impl;
        if (self === 0) return impl(this, a, n, kw);
        // A bound builtin method: self goes first.
        const base = this.stackTop;
        this.i32[base] = self;
        copyWords(this.i32, base + 1, a, a + n);
        this.stackTop = base + n + 1;
        try {
          return impl(this, base, n + 1, kw);
        } finally {
          this.stackTop = base;
        }
      }
      case VTID.METHOD_DESCR: {
        if (n === 0) throw this.error("TypeError", `unbound method ${strToJs(s, s.i32[(callable >> 2) + BUILTIN.NAME]!)}() needs an argument`);
        return NATIVES[s.i32[(callable >> 2) + BUILTIN.INDEX]!]!.impl(this, a, n, kw);
      }
      case TID.METHOD:
        return this.callPrepended(methodFunc(s, callable), methodSelf(s, callable), a, n, kw);
    }
    if (s.kindOf(tid) === KIND.TYPE) return this.callType(callable, a, n, kw);
    if (s.kindOf(tid) === KIND.INSTANCE) {
      const m = this.lookupSpecial(callable, "__call__");
      if (m !== 0) return this.callPrepended(m, callable, a, n, kw);
    }
    throw this.error("TypeError", `'${this.typeName(callable)}' object is not callable`);
  }

  /** callable(first, *args): the n arguments at a (kwnames kw) after `first`, copied
   *  above the stack top for the call (a bound method's self, __call__'s instance,
   *  __new__'s class, __init__'s instance). New reference. */
  private callPrepended(callable: number, first: number, a: number, n: number, kw: number): number {
    const base = this.stackTop;
    this.i32[base] = first;
    copyWords(this.i32, base + 1, a, a + n);
    this.stackTop = base + n + 1;
    try {
      return this.callObject(callable, base, n + 1, kw);
    } finally {
      this.stackTop = base;
    }
  }

  /** type.__call__: built-in constructors, exceptions, classes. */
  private callType(t: number, a: number, n: number, kw: number): number {
    const s = this.s;
    const kind = s.i32[(t >> 2) + TYPE.KIND]!;
    if (kind !== KIND.INSTANCE) return construct(this, t, a, n, kw);
    if (isSubtype(s, t, this.baseException)) {
      const args: number[] = [];
      const npos = n - (kw === 0 ? 0 : tupleLen(s, kw));
      for (let i = 0; i < npos; i++) args.push(this.i32[a + i]!);
      const os = isSubtype(s, t, this.osError) ? oserrorArgs(this, t, args) : null;
      if (os !== null) t = os.type;
      const exc = this.newException(t, os === null ? args : os.args);
      if (os !== null) {
        const d = instanceDict(s, exc);
        for (const [name, v] of os.attrs) dictSetItem(s, d, strIntern(s, name), v);
      }
      const init = typeLookup(s, t, this.n.__init__!);
      if (init !== 0 && s.typeId(init) === TID.FUNCTION) this.callInit(init, exc, a, n, kw);
      return exc;
    }
    const nw = typeLookup(s, t, this.n.__new__!);
    // A __new__ of the class's own (object's is a static method around a native).
    const nwFunc = nw !== 0 && s.typeId(nw) === VTID.STATICMETHOD ? s.i32[(nw >> 2) + WRAPPER.FUNC]! : nw;
    if (nwFunc !== 0 && s.typeId(nwFunc) === TID.FUNCTION) return this.callNew(t, nwFunc, a, n, kw);
    const self = instanceNew(s, t);
    try {
      const init = typeLookup(s, t, this.n.__init__!);
      if (init !== 0 && s.typeId(init) !== VTID.METHOD_DESCR) {
        this.callInit(init, self, a, n, kw);
      } else if (n > 0) {
        throw this.error("TypeError", `${typeNameOf(s, t)}() takes no arguments`);
      }
    } catch (e) {
      s.decref(self);
      throw e;
    }
    return self;
  }

  /** type_call for a class with a __new__ of its own (a static method, as type_new makes
   *  it): obj = __new__(cls, *args, **kwargs), then, only if obj is an instance of cls,
   *  __init__(obj, *args, **kwargs) of obj's type. */
  private callNew(t: number, fn: number, a: number, n: number, kw: number): number {
    const s = this.s;
    const obj = this.callPrepended(fn, t, a, n, kw);
    const ot = s.typeObject(s.typeId(obj));
    if (!isSubtype(s, ot, t)) return obj;
    try {
      const init = typeLookup(s, ot, this.n.__init__!);
      if (init !== 0 && s.typeId(init) !== VTID.METHOD_DESCR) this.callInit(init, obj, a, n, kw);
    } catch (e) {
      s.decref(obj);
      throw e;
    }
    return obj;
  }

  private callInit(init: number, self: number, a: number, n: number, kw: number): void {
    const r = this.callPrepended(init, self, a, n, kw);
    if (r !== this.None) {
      const name = this.typeName(r);
      this.s.decref(r);
      throw this.error("TypeError", `__init__() should return None, not '${name}'`);
    }
  }

  /** A new exception instance of class `cls` with args (borrowed). */
  newException(cls: number, args: number[]): number {
    const s = this.s;
    const exc = instanceNew(s, cls);
    const t = tupleFromArray(s, args);
    try {
      this.setExceptionArgs(exc, t);
    } finally {
      s.decref(t);
    }
    return exc;
  }

  /** BaseException_init: exc.args = args (a tuple, borrowed); and SystemExit_init's
   *  exc.code: None for no argument, the one argument, else the args tuple. */
  setExceptionArgs(exc: number, args: number): void {
    const s = this.s;
    const d = instanceDict(s, exc);
    dictSetItem(s, d, this.n.args!, args);
    if (!this.isInstance(exc, this.systemExit)) return;
    const n = tupleLen(s, args);
    dictSetItem(s, d, this.n.code!, n === 0 ? this.None : n === 1 ? tupleGet(s, args, 0) : args);
  }

  /** Build a frame for `func` with n args at a (borrowed; they are increfed into the
   *  frame's locals). `moveArgs`: the caller's stack gives up its references instead. */
  pushFrame(func: number, a: number, n: number, kw: number, moveArgs: boolean): number {
    const s = this.s;
    const i32 = this.i32;
    const codeObj = funcGet(s, func, FUNC.CODE);
    const code = this.codes[codeField(s, codeObj, CODE.INDEX)]!;
    const co = code.co;
    const f = this.stackTop;
    const lp = f + FRAME_HEADER_WORDS;
    const end = lp + code.nlocalsplus + code.stacksize;
    if (end > this.dataStackEnd || this.depth >= (this.i32[OBJ.RECURSION_LIMIT] || RECURSION_LIMIT)) {
      throw this.error("RecursionError", "maximum recursion depth exceeded");
    }
    if (code.nlocalsplus > co.argcount) fillWords(i32, 0, lp + co.argcount, lp + code.nlocalsplus);
    const nkw = kw === 0 ? 0 : tupleLen(s, kw);
    const npos = n - nkw;
    const argcount = co.argcount;
    const hasVarargs = (co.flags & 0x04) !== 0;
    const hasVarkw = (co.flags & 0x08) !== 0;
    const total = argcount + co.kwonlyargcount;
    // Claim the frame first so an error below unwinds it cleanly.
    i32[f + F.CODE] = code.index;
    i32[f + F.FUNC] = func;
    s.incref(func);
    i32[f + F.GLOBALS] = funcGet(s, func, FUNC.GLOBALS);
    i32[f + F.BUILTINS] = this.builtins;
    i32[f + F.LOCALS] = 0;
    i32[f + F.PREV] = this.fp;
    i32[f + F.PC] = 0;
    i32[f + F.SP] = lp + code.nlocalsplus;
    i32[f + F.FLAGS] = 0;
    i32[f + F.RET_SP] = 0;
    this.stackTop = end;
    // Fast path: exactly the positional parameters, nothing else to bind.
    if (nkw === 0 && npos === argcount && co.kwonlyargcount === 0 && !hasVarargs && !hasVarkw) {
      for (let i = 0; i < argcount; i++) {
        const v = i32[a + i]!;
        if (!moveArgs) s.incref(v);
        i32[lp + i] = v;
      }
      this.fp = f;
      this.depth++;
      return f;
    }
    try {
      // Slow path: every placed argument is increfed, so a failure leaves the caller's
      // stack as it was; a successful move then drops the caller's references.
      fillWords(i32, 0, lp, lp + argcount);
      let varkw = 0;
      if (hasVarkw) { varkw = dictNew(s); i32[lp + total + (hasVarargs ? 1 : 0)] = varkw; }
      for (let i = 0; i < npos && i < argcount; i++) { const v = i32[a + i]!; s.incref(v); i32[lp + i] = v; }
      if (hasVarargs) {
        const extra: number[] = [];
        for (let i = argcount; i < npos; i++) extra.push(i32[a + i]!);
        i32[lp + total] = tupleFromArray(s, extra);
      } else if (npos > argcount) {
        // ceval.c too_many_positional: "from min to max" when some have defaults.
        const defs = funcGet(s, func, FUNC.DEFAULTS), ndefs = defs === 0 ? 0 : tupleLen(s, defs);
        const takes = ndefs > 0 ? `from ${argcount - ndefs} to ${argcount} positional arguments` : `${argcount} positional argument${argcount === 1 ? "" : "s"}`;
        throw this.error("TypeError", `${strToJs(s, funcGet(s, func, FUNC.QUALNAME))}() takes ${takes} but ${npos} ${npos === 1 ? "was" : "were"} given`);
      }
      for (let k = 0; k < nkw; k++) {
        const key = tupleGet(s, kw, k);
        const keyJs = strToJs(s, key);
        const v = i32[a + npos + k]!;
        let idx = -1;
        for (let j = co.posonlyargcount; j < total; j++) if (co.varnames[j] === keyJs) { idx = j; break; }
        if (idx < 0) {
          if (varkw === 0) throw this.error("TypeError", `${strToJs(s, funcGet(s, func, FUNC.QUALNAME))}() got an unexpected keyword argument '${keyJs}'`);
          dictSetItem(s, varkw, key, v);
          continue;
        }
        if (i32[lp + idx] !== 0) throw this.error("TypeError", `${strToJs(s, funcGet(s, func, FUNC.QUALNAME))}() got multiple values for argument '${keyJs}'`);
        s.incref(v);
        i32[lp + idx] = v;
      }
      // Defaults for the missing positional parameters.
      const defaults = funcGet(s, func, FUNC.DEFAULTS);
      const ndef = defaults === 0 ? 0 : tupleLen(s, defaults);
      const missing: string[] = [];
      for (let i = 0; i < argcount; i++) {
        if (i32[lp + i] !== 0) continue;
        const di = i - (argcount - ndef);
        if (di >= 0) { const d = tupleGet(s, defaults, di); s.incref(d); i32[lp + i] = d; }
        else missing.push(co.varnames[i]!);
      }
      const kwdefaults = funcGet(s, func, FUNC.KWDEFAULTS);
      const missingKw: string[] = [];
      for (let i = argcount; i < total; i++) {
        if (i32[lp + i] !== 0) continue;
        const d = kwdefaults === 0 ? 0 : dictGetItemStr(s, kwdefaults, strIntern(s, co.varnames[i]!));
        if (d !== 0) { s.incref(d); i32[lp + i] = d; }
        else missingKw.push(co.varnames[i]!);
      }
      // ceval.c missing_arguments: the positional ones first; keyword-only ones only when
      // no positional one is missing.
      const kind = missing.length > 0 ? "positional" : "keyword-only";
      const absent = missing.length > 0 ? missing : missingKw;
      if (absent.length > 0) {
        const q = strToJs(s, funcGet(s, func, FUNC.QUALNAME));
        const names = absent.map((m) => `'${m}'`);
        const list = names.length === 1 ? names[0]! : names.length === 2 ? `${names[0]} and ${names[1]}` : `${names.slice(0, -1).join(", ")}, and ${names[names.length - 1]}`;
        throw this.error("TypeError", `${q}() missing ${absent.length} required ${kind} argument${absent.length === 1 ? "" : "s"}: ${list}`);
      }
      if (moveArgs) for (let i = 0; i < n; i++) s.decref(i32[a + i]!);
    } catch (e) {
      this.popFrame(f);
      throw e;
    }
    this.fp = f;
    this.depth++;
    return f;
  }

  /** Drop a frame's references and its data-stack space. */
  private popFrame(f: number): void {
    const s = this.s;
    const i32 = this.i32;
    const code = this.codes[i32[f + F.CODE]!]!;
    const lp = f + FRAME_HEADER_WORDS;
    const sp = i32[f + F.SP]!;
    for (let p = sp - 1; p >= lp + code.nlocalsplus; p--) s.xdecref(i32[p]!);
    for (let p = lp; p < lp + code.nlocalsplus; p++) s.xdecref(i32[p]!);
    s.xdecref(i32[f + F.FUNC]!);
    if (this.fp === f) {
      this.fp = i32[f + F.PREV]!;
      this.depth--;
    }
    this.stackTop = f;
  }

  /** Run a module or class body: a frame over `locals` (a dict) with no function. */
  runBody(codeIndex: number, globals: number, locals: number, closure: number): number {
    const s = this.s;
    const i32 = this.i32;
    const code = this.codes[codeIndex]!;
    const f = this.stackTop;
    const lp = f + FRAME_HEADER_WORDS;
    const end = lp + code.nlocalsplus + code.stacksize;
    if (end > this.dataStackEnd || this.depth >= (this.i32[OBJ.RECURSION_LIMIT] || RECURSION_LIMIT)) throw this.error("RecursionError", "maximum recursion depth exceeded");
    fillWords(i32, 0, lp, lp + code.nlocalsplus);
    i32[f + F.CODE] = codeIndex;
    i32[f + F.FUNC] = 0;
    i32[f + F.GLOBALS] = globals;
    i32[f + F.BUILTINS] = this.builtins;
    i32[f + F.LOCALS] = locals;
    i32[f + F.PREV] = this.fp;
    i32[f + F.PC] = 0;
    i32[f + F.SP] = lp + code.nlocalsplus;
    i32[f + F.FLAGS] = 0;
    i32[f + F.RET_SP] = 0;
    // A class body with free variables (__class__ users) gets them from `closure`.
    const nfree = code.co.freevars.length;
    for (let i = 0; i < nfree; i++) {
      const c = tupleGet(s, closure, i);
      s.incref(c);
      i32[lp + code.nlocalsplus - nfree + i] = c;
    }
    this.stackTop = end;
    this.fp = f;
    this.depth++;
    return this.run(f);
  }

  /** Run frame `f`, a function's (pushFrame's), to completion, as run does, for a call
   *  from translated code: a function without loops whose code is translated and starts
   *  with RESUME runs its translation from here, and its return (the usual way back, at
   *  RETURN_VALUE or RETURN_CONST) is done here too, without the eval loop (whose entry,
   *  with its locals and dispatch, cost more than a one-line function's body). Anything
   *  else the translation hands back (another instruction, an exception) goes on in the
   *  eval loop, from where it stopped. RESUME's eval-breaker check: with work pending,
   *  the eval loop does it all. */
  callFrame(f: number): number {
    const i32 = this.i32;
    const code = this.codes[i32[f + F.CODE]!]!;
    const fn = code.jit;
    if (fn === null || (code.words[0]! & 0xff) !== 151 /* RESUME */ || this.traceLines || i32[this.hooks.evalBreaker] !== 0) return this.run(f);
    i32[f + F.FLAGS] = i32[f + F.FLAGS]! | FRAME_ENTRY;
    this.bytecodes++; // RESUME
    let pc: number;
    try {
      pc = fn(this, f, 1, i32[f + F.SP]!);
    } catch (e) {
      // The unwinding is the eval loop's (a handler in this frame, the traceback, the pop).
      this.resumeThrow = e;
      return this.eval(f);
    }
    const word = code.words[pc]!, op = word & 0xff;
    if (op === 83 /* RETURN_VALUE */ || op === 121 /* RETURN_CONST */) {
      // The eval loop's RETURN_VALUE / RETURN_CONST for an entry frame.
      const s = this.s;
      let r: number;
      if (op === 121 /* RETURN_CONST */) {
        r = code.consts[word >> 8]!;
        s.incref(r);
      } else {
        const sp = i32[f + F.SP]! - 1;
        r = i32[sp]!;
        i32[f + F.SP] = sp;
      }
      this.bytecodes++;
      this.popFrame(f);
      return r;
    }
    i32[f + F.PC] = pc;
    return this.eval(f);
  }

  /** An exception translated code threw, for the eval loop to unwind as it starts
   *  (callFrame): the translation left its pc and sp in jitPc and jitSp. */
  private resumeThrow: unknown = null;

  /** Run frame `f` (just pushed) to completion: the result, a new reference. */
  run(f: number): number {
    this.i32[f + F.FLAGS] = this.i32[f + F.FLAGS]! | FRAME_ENTRY;
    return this.eval(f);
  }

  // ── errors ────────────────────────────────────────────────────────────────

  /** Turn anything thrown inside the loop into a Python exception (new reference). */
  convert(e: unknown): PyRaise {
    if (e instanceof PyRaise) return e;
    if (e instanceof Reraise) return new PyRaise(e.exc);
    if (e instanceof PyError) return this.error(e.pyType, e.message);
    if (e instanceof FormatError) return this.error(e.pyType, e.message);
    if (e instanceof HeapExhausted) {
      try {
        return new PyRaise(this.newException(this.builtinType("MemoryError"), []));
      } catch (e2) {
        if (!(e2 instanceof HeapExhausted)) throw e2;
        return new PyRaise(this.spareMemoryError());
      }
    }
    if (e instanceof RangeError && /call stack/.test(e.message)) return this.error("RecursionError", "maximum recursion depth exceeded");
    if (e instanceof HeapCorruption) throw e;
    throw e;
  }

  /** A MemoryError made at boot (OBJ.MEMERRORS), for a heap too full to hold a new one
   *  (new reference): CPython's MemoryError_new takes one from memerrors_freelist. The
   *  last is never given away but shared, its traceback and context dropped first (where
   *  CPython, with none left, stops: "Cannot recover from MemoryError"). */
  private spareMemoryError(): number {
    const s = this.s, i32 = this.i32;
    for (let k = 0; k < MEMERRORS_SAVE - 1; k++) {
      const exc = Atomics.exchange(i32, OBJ.MEMERRORS + k, 0);
      if (exc !== 0) return exc;
    }
    const exc = i32[OBJ.MEMERRORS + MEMERRORS_SAVE - 1]!;
    const d = instanceDict(s, exc);
    for (const name of [this.n.__traceback__!, this.n.__context__!, this.n.__cause__!, this.n.__suppress_context__!]) {
      if (dictGetItemStr(s, d, name) !== 0) dictDelItem(s, d, name);
    }
    s.incref(exc);
    return exc;
  }

  /** Append (code, line) to the exception's traceback (PyTraceBack_Here). A heap too
   *  full for the entry leaves it out, as PyTraceBack_Here's failure does. */
  private addTraceback(exc: number, code: LoadedCode, pc: number): void {
    try {
      this.appendTraceback(exc, code, pc);
    } catch (e) {
      if (!(e instanceof HeapExhausted)) throw e;
    }
  }

  /** addTraceback's work: all of it or, when the heap fills on the way (HeapExhausted),
   *  none of it (the traceback keeps its (code, line) pairs whole). */
  private appendTraceback(exc: number, code: LoadedCode, pc: number): void {
    const s = this.s;
    if (s.kindOf(s.typeId(exc)) !== KIND.INSTANCE) return;
    const d = instanceDict(s, exc);
    if (d === 0) return;
    const ci = intFromNumber(s, code.index);
    let li = 0;
    try {
      li = intFromNumber(s, code.lines[pc] ?? code.co.firstlineno);
      let tb = dictGetItemStr(s, d, this.n.__traceback__!);
      if (tb === 0 || s.typeId(tb) !== TID.LIST) {
        tb = listNew(s, 0);
        try {
          dictSetItem(s, d, this.n.__traceback__!, tb);
        } finally {
          s.decref(tb);
        }
      }
      listAppend(s, tb, ci);
      try {
        listAppend(s, tb, li);
      } catch (e) {
        // The code entry goes again (no resize: one that shrank could itself fail).
        const w = tb >> 2, n = this.i32[w + LIST.SIZE]! - 1;
        this.i32[w + LIST.SIZE] = n;
        s.decref(this.i32[(this.i32[w + LIST.ITEMS]! >> 2) + n]!);
        throw e;
      }
    } finally {
      s.decref(ci);
      if (li !== 0) s.decref(li);
    }
  }

  /** Set __context__ of a newly raised exception to the one being handled. */
  private setContext(exc: number): void {
    const s = this.s;
    const handled = this.excInfo;
    if (handled === 0 || handled === exc || handled === this.None) return;
    if (s.kindOf(s.typeId(exc)) !== KIND.INSTANCE) return;
    const d = instanceDict(s, exc);
    if (d !== 0 && dictGetItemStr(s, d, this.n.__context__!) === 0) dictSetItem(s, d, this.n.__context__!, handled);
  }

  private raiseFrom(exc: number, cause: number): number {
    const s = this.s;
    // `raise X` with a class instantiates it.
    let e = exc;
    if (s.kindOf(s.typeId(exc)) === KIND.TYPE) {
      e = this.call(exc);
    } else {
      s.incref(e);
    }
    if (!this.isInstance(e, this.baseException)) {
      s.decref(e);
      throw this.error("TypeError", "exceptions must derive from BaseException");
    }
    if (cause !== 0) {
      let c = cause;
      if (c !== this.None && s.kindOf(s.typeId(c)) === KIND.TYPE) c = this.call(c);
      else s.incref(c);
      const d = instanceDict(s, e);
      dictSetItem(s, d, this.n.__cause__!, c);
      dictSetItem(s, d, this.n.__suppress_context__!, this.True);
      s.decref(c);
    }
    return e;
  }

  // ── the eval loop ─────────────────────────────────────────────────────────

  private eval(entry: number): number {
    const s = this.s;
    const i32 = this.i32;
    const u32 = s.u32;
    const f64 = s.f64;
    const hooks = this.hooks;
    let f = entry;
    let code = this.codes[i32[f + F.CODE]!]!;
    let words = code.words;
    let consts = code.consts;
    let names = code.names;
    let lp = f + FRAME_HEADER_WORDS;
    let pc = i32[f + F.PC]!;
    let sp = i32[f + F.SP]!;
    // Bytecodes run, and refcount operations done inline below: added to the interpreter's
    // and the ObjSpace's counters on the way out (and at COUNTER_FLUSH). They and pc count
    // with `(n + 1) | 0`: an int32 add, where `n++` checks for overflow every time.
    let bytecodes = 0;
    let nIncref = 0;
    let nDecref = 0;
    // Flags as small ints, not booleans read from fields: V8 types a field's value as
    // "any" and tests its truth with the generic ToBoolean (eight instructions and a spill)
    // on every dispatch; `x !== 0` on an int is one compare.
    const plainRc = this.plainRefcounts ? 1 : 0;
    const own = this.localOwner;
    const ownMask = this.localOwnerMask;
    const plainCt = this.plainContainers ? 1 : 0;
    // Loop invariants in locals: a field load per use adds up at 50M bytecodes.
    const evalBreaker = hooks.evalBreaker;
    const True = this.True;
    const False = this.False;
    const smallInt0 = s.smallInts + 5 * SMALL_INT_STRIDE; // the int 0; v is at + v * stride
    const jitAt = this.jitThreshold;
    let inCold = false; // inside coldOp: on a throw, its sp is in this.coldSp
    let inJit = false; // inside translated code: on a throw, its pc and sp are in jitPc, jitSp
    let jitFn: JitFn | null = null; // the translated code `break jit` enters
    let traceLines = this.traceLines ? 1 : 0;

    for (;;) {
      try {
        if (this.resumeThrow !== null) {
          const e = this.resumeThrow;
          this.resumeThrow = null;
          inJit = true;
          throw e;
        }
        for (;;) {
          // One load per dispatch: the op in the low byte, its argument above (code.ts).
          const word = words[pc]!;
          const op = word & 0xff;
          const oparg = word >> 8;
          pc = (pc + 1) | 0;
          bytecodes = (bytecodes + 1) | 0;
          if (traceLines !== 0) i32[f + F.PC] = pc;
          // `break cold` (the default case, and the rare paths of hot instructions) leaves
          // the instruction to coldOp through the one call site below: a path first taken
          // after V8 has optimized this loop would otherwise find no type feedback there
          // and throw the optimized loop away (a recompile of this whole function).
          // `break jit` goes on in the code's translated function (jit.ts) at pc.
          jit: {
          cold: {
          switch (op) {
            case 9 /* NOP */:
            case 0 /* CACHE */:
            case 144 /* EXTENDED_ARG */:
              break;

            case 151 /* RESUME */:
              if (i32[evalBreaker] !== 0) { i32[f + F.PC] = pc; i32[f + F.SP] = sp; traceLines = this.handlePending() ? 1 : 0; }
              // The counters are int32 (`(n + 1) | 0`: no overflow check per bytecode); hand
              // them over long before they could wrap. Every loop and call passes here or
              // at JUMP_BACKWARD.
              if (bytecodes >= COUNTER_FLUSH) { this.bytecodes += bytecodes; s.increfs += nIncref; s.decrefs += nDecref; bytecodes = nIncref = nDecref = 0; }
              // Function entry: a hot function without loops runs translated.
              if (code.loopFree) {
                jitFn = code.jit;
                if (jitFn !== null) { if (traceLines === 0) break jit; }
                else if ((code.hot = (code.hot + 1) | 0) === jitAt) this.tierUp(code, -1);
              }
              break;

            // ── locals and constants ──
            case 124 /* LOAD_FAST */: {
              const v = i32[lp + oparg]!;
              // Py_INCREF, inline (the eval loop is too big for V8 to inline s.incref).
              if (plainRc !== 0) { const rc = i32[v >> 2]!; if (rc < IMMORTAL_MIN) { i32[v >> 2] = rc + 1; nIncref = (nIncref + 1) | 0; } }
else if ((i32[(v >> 2) + OB.TID]! & ownMask) === own) { const rc = i32[v >> 2]!; if (rc < IMMORTAL_MIN) { i32[v >> 2] = rc + 1; nIncref = (nIncref + 1) | 0; } }
else s.incref(v);
              i32[sp++] = v;
              break;
            }
            // ── superinstructions (code.ts quicken): the second half's oparg is in the
            //    next word, which is skipped; each half counts as a bytecode ──
            case 200 /* LOAD_FAST__LOAD_FAST */: {
              let v = i32[lp + oparg]!;
              if (plainRc !== 0) { const rc = i32[v >> 2]!; if (rc < IMMORTAL_MIN) { i32[v >> 2] = rc + 1; nIncref = (nIncref + 1) | 0; } }
else if ((i32[(v >> 2) + OB.TID]! & ownMask) === own) { const rc = i32[v >> 2]!; if (rc < IMMORTAL_MIN) { i32[v >> 2] = rc + 1; nIncref = (nIncref + 1) | 0; } }
else s.incref(v);
              i32[sp++] = v;
              v = i32[lp + (words[pc]! >> 8)]!;
              pc = (pc + 1) | 0;
              bytecodes = (bytecodes + 1) | 0;
              if (plainRc !== 0) { const rc = i32[v >> 2]!; if (rc < IMMORTAL_MIN) { i32[v >> 2] = rc + 1; nIncref = (nIncref + 1) | 0; } }
else if ((i32[(v >> 2) + OB.TID]! & ownMask) === own) { const rc = i32[v >> 2]!; if (rc < IMMORTAL_MIN) { i32[v >> 2] = rc + 1; nIncref = (nIncref + 1) | 0; } }
else s.incref(v);
              i32[sp++] = v;
              break;
            }
            case 201 /* LOAD_FAST__LOAD_CONST */:
            case 202 /* LOAD_CONST__LOAD_FAST */: {
              let v = op === 201 ? i32[lp + oparg]! : consts[oparg]!;
              if (plainRc !== 0) { const rc = i32[v >> 2]!; if (rc < IMMORTAL_MIN) { i32[v >> 2] = rc + 1; nIncref = (nIncref + 1) | 0; } }
else if ((i32[(v >> 2) + OB.TID]! & ownMask) === own) { const rc = i32[v >> 2]!; if (rc < IMMORTAL_MIN) { i32[v >> 2] = rc + 1; nIncref = (nIncref + 1) | 0; } }
else s.incref(v);
              i32[sp++] = v;
              const oparg2 = words[pc]! >> 8;
              v = op === 201 ? consts[oparg2]! : i32[lp + oparg2]!;
              pc = (pc + 1) | 0;
              bytecodes = (bytecodes + 1) | 0;
              if (plainRc !== 0) { const rc = i32[v >> 2]!; if (rc < IMMORTAL_MIN) { i32[v >> 2] = rc + 1; nIncref = (nIncref + 1) | 0; } }
else if ((i32[(v >> 2) + OB.TID]! & ownMask) === own) { const rc = i32[v >> 2]!; if (rc < IMMORTAL_MIN) { i32[v >> 2] = rc + 1; nIncref = (nIncref + 1) | 0; } }
else s.incref(v);
              i32[sp++] = v;
              break;
            }
            case 203 /* STORE_FAST__LOAD_FAST */:
            case 204 /* STORE_FAST__STORE_FAST */: {
              let old = i32[lp + oparg]!;
              i32[lp + oparg] = i32[--sp]!;
              if (old !== 0) {
                if (plainRc !== 0) {
                  const rc = i32[old >> 2]!;
                  if (rc < IMMORTAL_MIN) { if (rc > 1) { i32[old >> 2] = rc - 1; nDecref = (nDecref + 1) | 0; } else s.decref(old); }
                } else if ((i32[(old >> 2) + OB.TID]! & ownMask) === own) {
                  const rc = i32[old >> 2]!;
                  if (rc < IMMORTAL_MIN) { if (rc > 1) { i32[old >> 2] = rc - 1; nDecref = (nDecref + 1) | 0; } else s.decref(old); }
                } else s.decref(old);
              }
              const oparg2 = words[pc]! >> 8;
              pc = (pc + 1) | 0;
              bytecodes = (bytecodes + 1) | 0;
              if (op === 203) {
                const v = i32[lp + oparg2]!;
                if (plainRc !== 0) { const rc = i32[v >> 2]!; if (rc < IMMORTAL_MIN) { i32[v >> 2] = rc + 1; nIncref = (nIncref + 1) | 0; } }
else if ((i32[(v >> 2) + OB.TID]! & ownMask) === own) { const rc = i32[v >> 2]!; if (rc < IMMORTAL_MIN) { i32[v >> 2] = rc + 1; nIncref = (nIncref + 1) | 0; } }
else s.incref(v);
                i32[sp++] = v;
              } else {
                old = i32[lp + oparg2]!;
                i32[lp + oparg2] = i32[--sp]!;
                if (old !== 0) {
                  if (plainRc !== 0) {
                    const rc = i32[old >> 2]!;
                    if (rc < IMMORTAL_MIN) { if (rc > 1) { i32[old >> 2] = rc - 1; nDecref = (nDecref + 1) | 0; } else s.decref(old); }
                  } else if ((i32[(old >> 2) + OB.TID]! & ownMask) === own) {
                    const rc = i32[old >> 2]!;
                    if (rc < IMMORTAL_MIN) { if (rc > 1) { i32[old >> 2] = rc - 1; nDecref = (nDecref + 1) | 0; } else s.decref(old); }
                  } else s.decref(old);
                }
              }
              break;
            }
            case 127 /* LOAD_FAST_CHECK */: {
              const v = i32[lp + oparg]!;
              if (v === 0) throw this.error("UnboundLocalError", `cannot access local variable '${code.localsplusnames[oparg]}' where it is not associated with a value`);
              s.incref(v);
              i32[sp++] = v;
              break;
            }
            case 125 /* STORE_FAST */: {
              const old = i32[lp + oparg]!;
              i32[lp + oparg] = i32[--sp]!;
              if (old !== 0) {
                // Py_DECREF, inline; the last reference goes through s.decref (dealloc).
                if (plainRc !== 0) {
                  const rc = i32[old >> 2]!;
                  if (rc < IMMORTAL_MIN) { if (rc > 1) { i32[old >> 2] = rc - 1; nDecref = (nDecref + 1) | 0; } else s.decref(old); }
                } else if ((i32[(old >> 2) + OB.TID]! & ownMask) === own) {
                  const rc = i32[old >> 2]!;
                  if (rc < IMMORTAL_MIN) { if (rc > 1) { i32[old >> 2] = rc - 1; nDecref = (nDecref + 1) | 0; } else s.decref(old); }
                } else s.decref(old);
              }
              break;
            }
            case 100 /* LOAD_CONST */: {
              const v = consts[oparg]!;
              if (plainRc !== 0) { const rc = i32[v >> 2]!; if (rc < IMMORTAL_MIN) { i32[v >> 2] = rc + 1; nIncref = (nIncref + 1) | 0; } }
else if ((i32[(v >> 2) + OB.TID]! & ownMask) === own) { const rc = i32[v >> 2]!; if (rc < IMMORTAL_MIN) { i32[v >> 2] = rc + 1; nIncref = (nIncref + 1) | 0; } }
else s.incref(v);
              i32[sp++] = v;
              break;
            }
            case 1 /* POP_TOP */: {
              const v = i32[--sp]!;
              if (plainRc !== 0) {
                const rc = i32[v >> 2]!;
                if (rc < IMMORTAL_MIN) { if (rc > 1) { i32[v >> 2] = rc - 1; nDecref = (nDecref + 1) | 0; } else s.decref(v); }
              } else if ((i32[(v >> 2) + OB.TID]! & ownMask) === own) {
                const rc = i32[v >> 2]!;
                if (rc < IMMORTAL_MIN) { if (rc > 1) { i32[v >> 2] = rc - 1; nDecref = (nDecref + 1) | 0; } else s.decref(v); }
              } else s.decref(v);
              break;
            }
            case 2 /* PUSH_NULL */:
              i32[sp++] = 0;
              break;
            case 120 /* COPY */: {
              const v = i32[sp - oparg]!;
              s.incref(v);
              i32[sp++] = v;
              break;
            }
            case 99 /* SWAP */: {
              const t = i32[sp - 1]!;
              i32[sp - 1] = i32[sp - oparg]!;
              i32[sp - oparg] = t;
              break;
            }
            case 4 /* END_FOR */:
              s.decref(i32[--sp]!);
              s.decref(i32[--sp]!);
              break;

            // ── cells ──
            case 136 /* LOAD_CLOSURE */: {
              const c = i32[lp + oparg]!;
              s.incref(c);
              i32[sp++] = c;
              break;
            }
            case 137 /* LOAD_DEREF */: {
              const v = cellGet(s, i32[lp + oparg]!);
              if (v === 0) throw this.unboundDeref(code, oparg);
              s.incref(v);
              i32[sp++] = v;
              break;
            }
            case 138 /* STORE_DEREF */: {
              const v = i32[--sp]!;
              cellSet(s, i32[lp + oparg]!, v);
              s.decref(v);
              break;
            }
            case 116 /* LOAD_GLOBAL */: {
              const name = names[oparg >> 1]!;
              // New references, taken inside the dict's critical section (another thread
              // may be replacing the global and dropping the old value), except what
              // free-threaded reads without it: an immortal value (dict.ts dictGetGlobalRef).
              let v = dictGetGlobalRef(s, i32[f + F.GLOBALS]!, name);
              if (v === 0) {
                v = dictGetGlobalRef(s, i32[f + F.BUILTINS]!, name);
                if (v === 0) throw this.error("NameError", `name '${strToJs(s, name)}' is not defined`);
              }
              if (oparg & 1) i32[sp++] = 0;
              i32[sp++] = v;
              break;
            }
            case 101 /* LOAD_NAME */: {
              const name = names[oparg]!;
              const locals = i32[f + F.LOCALS]!;
              let v = locals !== 0 ? dictGetItemStrRef(s, locals, name) : 0;
              if (v === 0) v = dictGetItemStrRef(s, i32[f + F.GLOBALS]!, name);
              if (v === 0) v = dictGetItemStrRef(s, i32[f + F.BUILTINS]!, name);
              if (v === 0) throw this.error("NameError", `name '${strToJs(s, name)}' is not defined`);
              i32[sp++] = v;
              break;
            }
            case 90 /* STORE_NAME */: {
              const v = i32[sp - 1]!;
              const locals = i32[f + F.LOCALS]!;
              dictSetItem(s, locals !== 0 ? locals : i32[f + F.GLOBALS]!, names[oparg]!, v);
              sp--;
              s.decref(v);
              break;
            }
            case 106 /* LOAD_ATTR */: {
              const owner = i32[sp - 1]!;
              const name = names[oparg >> 1]!;
              if (oparg & 1) {
                // Method load: [meth, self] when the type has a plain function or
                // native method for it, else [NULL, attr]. An inline cache per instruction
                // remembers (type id, method, type version), as 3.12's LOAD_ATTR_METHOD_*
                // specialisations do; any class attribute assignment bumps the version.
                const otid = i32[(owner >> 2) + OB.TYPE]!;
                const ci = (pc - 1) * 3;
                const cache = code.attrCache;
                let m: number;
                if (cache[ci] === otid && cache[ci + 2] === i32[RT.TYPE_VERSION] && (otid < FIRST_USER_TYPE || !this.shadowed(owner, name))) {
                  m = cache[ci + 1]!;
                } else {
                  m = this.methodLookup(owner, name);
                  if (m !== 0) {
                    cache[ci] = otid;
                    cache[ci + 1] = m;
                    cache[ci + 2] = i32[RT.TYPE_VERSION]!;
                  }
                }
                if (m !== 0) {
                  s.incref(m);
                  i32[sp - 1] = m;
                  i32[sp++] = owner;
                } else {
                  const v = this.getAttrStr(owner, name, true);
                  i32[sp - 1] = 0;
                  i32[sp++] = v;
                  s.decref(owner);
                }
              } else {
                const v = this.getAttrStr(owner, name, true);
                i32[sp - 1] = v;
                s.decref(owner);
              }
              break;
            }
            case 95 /* STORE_ATTR */: {
              const owner = i32[sp - 1]!;
              const v = i32[sp - 2]!;
              this.setAttrStr(owner, names[oparg]!, v);
              sp -= 2;
              s.decref(owner);
              s.decref(v);
              break;
            }
            case 122 /* BINARY_OP */:
            case 207 /* BINARY_OP__STORE_FAST */: {
              const b = i32[sp - 1]!;
              const a = i32[sp - 2]!;
              let r = 0;
              // Two ints of at most one 30-bit digit: CPython's BINARY_OP_*_INT specialisations.
              // The result is inline when it is a small int (immortal, no allocation); a
              // safe integer is made by intFromNumber; the rest is coldOp's (binaryOp).
              if (i32[(a >> 2) + OB.TYPE] === TID.INT && i32[(b >> 2) + OB.TYPE] === TID.INT) {
                const na = i32[(a >> 2) + INT.SIZE]!, nb = i32[(b >> 2) + INT.SIZE]!;
                if ((na + 1) >>> 0 <= 2 && (nb + 1) >>> 0 <= 2) {
                  const x = na * u32[(a >> 2) + INT.DIGITS]!, y = nb * u32[(b >> 2) + INT.DIGITS]!;
                  let v: number;
                  switch (oparg) {
                    case 0: case 13: v = x + y; break;
                    case 10: case 23: v = x - y; break;
                    // x + 0.5 - 0.5 is x as a double: V8 then multiplies doubles from the
                    // start, instead of int32s that deopt the loop the first time a product
                    // passes 2**31.
                    case 5: case 18: v = (x + 0.5 - 0.5) * y; break;
                    default: v = smallIntOp(x, y, oparg);
                  }
                  // One call site for every allocated result, one digit or two: a call
                  // first made after V8 has optimized this loop costs a recompile.
                  if (v >= -5 && v <= 256 && (v | 0) === v) r = smallInt0 + v * SMALL_INT_STRIDE;
                  else if (v >= -9007199254740991 && v <= 9007199254740991) r = intFromNumber(s, v);
                } else {
                  r = wideIntOp(s, a, b, oparg);
                }
              }
              if (r === 0) break cold; // not two ints, or no int result: coldOp's binaryOp
              sp -= 2;
              // Py_DECREF of both operands, inline; immortals (small ints) are skipped and
              // a last reference goes through s.decref (dealloc).
              {
                if (plainRc || (i32[(a >> 2) + OB.TID]! & ownMask) === own) { const rc = i32[a >> 2]!; if (rc < IMMORTAL_MIN) { if (rc > 1) { i32[a >> 2] = rc - 1; nDecref = (nDecref + 1) | 0; } else s.decref(a); } } else s.decref(a);
                if (plainRc || (i32[(b >> 2) + OB.TID]! & ownMask) === own) { const rc = i32[b >> 2]!; if (rc < IMMORTAL_MIN) { if (rc > 1) { i32[b >> 2] = rc - 1; nDecref = (nDecref + 1) | 0; } else s.decref(b); } } else s.decref(b);
              }
              if (op === 207) {
                // The STORE_FAST half: the result goes straight into the local.
                const k = words[pc]! >> 8;
                pc = (pc + 1) | 0;
                bytecodes = (bytecodes + 1) | 0;
                const old = i32[lp + k]!;
                i32[lp + k] = r;
                if (old !== 0) {
                  if (plainRc !== 0) {
                    const rc = i32[old >> 2]!;
                    if (rc < IMMORTAL_MIN) { if (rc > 1) { i32[old >> 2] = rc - 1; nDecref = (nDecref + 1) | 0; } else s.decref(old); }
                  } else if ((i32[(old >> 2) + OB.TID]! & ownMask) === own) {
                    const rc = i32[old >> 2]!;
                    if (rc < IMMORTAL_MIN) { if (rc > 1) { i32[old >> 2] = rc - 1; nDecref = (nDecref + 1) | 0; } else s.decref(old); }
                  } else s.decref(old);
                }
              } else {
                i32[sp++] = r;
              }
              break;
            }
            case 107 /* COMPARE_OP */:
            case 205 /* COMPARE_OP__POP_JUMP_IF_FALSE */:
            case 206 /* COMPARE_OP__POP_JUMP_IF_TRUE */: {
              const b = i32[sp - 1]!;
              const a = i32[sp - 2]!;
              let r: number;
              if (i32[(a >> 2) + OB.TYPE] === TID.INT && i32[(b >> 2) + OB.TYPE] === TID.INT &&
                  (i32[(a >> 2) + INT.SIZE]! + 1) >>> 0 <= 2 && (i32[(b >> 2) + INT.SIZE]! + 1) >>> 0 <= 2) {
                // COMPARE_OP_INT: one-digit ints compare as JS numbers.
                const x = i32[(a >> 2) + INT.SIZE]! * u32[(a >> 2) + INT.DIGITS]!;
                const y = i32[(b >> 2) + INT.SIZE]! * u32[(b >> 2) + INT.DIGITS]!;
                let t: boolean;
                switch (oparg >> 4) {
                  case 0: t = x < y; break;
                  case 1: t = x <= y; break;
                  case 2: t = x === y; break;
                  case 3: t = x !== y; break;
                  case 4: t = x > y; break;
                  default: t = x >= y;
                }
                r = t ? True : False;
              } else {
                break cold;
              }
              sp -= 2;
              {
                if (plainRc || (i32[(a >> 2) + OB.TID]! & ownMask) === own) { const rc = i32[a >> 2]!; if (rc < IMMORTAL_MIN) { if (rc > 1) { i32[a >> 2] = rc - 1; nDecref = (nDecref + 1) | 0; } else s.decref(a); } } else s.decref(a);
                if (plainRc || (i32[(b >> 2) + OB.TID]! & ownMask) === own) { const rc = i32[b >> 2]!; if (rc < IMMORTAL_MIN) { if (rc > 1) { i32[b >> 2] = rc - 1; nDecref = (nDecref + 1) | 0; } else s.decref(b); } } else s.decref(b);
              }
              if (op !== 107 && (r === True || r === False)) {
                // The POP_JUMP half, on a bool (immortal: nothing to push or drop).
                const target = words[pc]! >> 8;
                pc = (pc + 1) | 0;
                bytecodes = (bytecodes + 1) | 0;
                if ((r === True) === (op === 206)) pc = target;
              } else {
                i32[sp++] = r;
              }
              break;
            }
            case 117 /* IS_OP */: {
              const b = i32[sp - 1]!;
              const a = i32[sp - 2]!;
              const r = (a === b) !== (oparg === 1);
              sp -= 2;
              s.decref(a);
              s.decref(b);
              i32[sp++] = r ? this.True : this.False;
              break;
            }
            case 118 /* CONTAINS_OP */: {
              const b = i32[sp - 1]!;
              const a = i32[sp - 2]!;
              const r = this.contains(b, a) !== (oparg === 1);
              sp -= 2;
              s.decref(a);
              s.decref(b);
              i32[sp++] = r ? this.True : this.False;
              break;
            }
            case 12 /* UNARY_NOT */: {
              const v = i32[sp - 1]!;
              const r = this.isTrue(v);
              s.decref(v);
              i32[sp - 1] = r ? this.False : this.True;
              break;
            }
            case 25 /* BINARY_SUBSCR */: {
              const key = i32[sp - 1]!;
              const container = i32[sp - 2]!;
              const ct = i32[(container >> 2) + OB.TYPE]!;
              const kt = i32[(key >> 2) + OB.TYPE]!;
              let r = 0;
              if (ct === TID.LIST && kt === TID.INT && plainCt !== 0 && (i32[(key >> 2) + INT.SIZE]! + 1) >>> 0 <= 2) {
                // BINARY_SUBSCR_LIST_INT: an in-range one-digit index (inline only where
                // lists need no lock; getItem takes it).
                let i = i32[(key >> 2) + INT.SIZE]! * u32[(key >> 2) + INT.DIGITS]!;
                const n = i32[(container >> 2) + LIST.SIZE]!;
                if (i < 0) i += n;
                if (i >= 0 && i < n) {
                  r = i32[(i32[(container >> 2) + LIST.ITEMS]! >> 2) + i]!;
                  s.incref(r);
                }
              } else if (ct === TID.TUPLE && kt === TID.INT && (i32[(key >> 2) + INT.SIZE]! + 1) >>> 0 <= 2) {
                // BINARY_SUBSCR_TUPLE_INT: immutable, so no lock in any mode.
                let i = i32[(key >> 2) + INT.SIZE]! * u32[(key >> 2) + INT.DIGITS]!;
                const n = i32[(container >> 2) + TUPLE.SIZE]!;
                if (i < 0) i += n;
                if (i >= 0 && i < n) {
                  r = i32[(container >> 2) + TUPLE.ITEMS + i]!;
                  s.incref(r);
                }
              } else if (ct === TID.DICT && (kt === TID.STR || kt === TID.INT)) {
                // BINARY_SUBSCR_DICT with a key that is surely hashable.
                r = dictGetItemRef(s, container, key);
                if (r === 0) throw this.keyError(key);
              }
              if (r === 0) r = this.getItem(container, key);
              sp -= 2;
              {
                if (plainRc || (i32[(container >> 2) + OB.TID]! & ownMask) === own) { const rc = i32[container >> 2]!; if (rc < IMMORTAL_MIN) { if (rc > 1) { i32[container >> 2] = rc - 1; nDecref = (nDecref + 1) | 0; } else s.decref(container); } } else s.decref(container);
                if (plainRc || (i32[(key >> 2) + OB.TID]! & ownMask) === own) { const rc = i32[key >> 2]!; if (rc < IMMORTAL_MIN) { if (rc > 1) { i32[key >> 2] = rc - 1; nDecref = (nDecref + 1) | 0; } else s.decref(key); } } else s.decref(key);
              }
              i32[sp++] = r;
              break;
            }
            case 60 /* STORE_SUBSCR */: {
              const key = i32[sp - 1]!;
              const container = i32[sp - 2]!;
              const v = i32[sp - 3]!;
              const kt = i32[(key >> 2) + OB.TYPE]!;
              // STORE_SUBSCR_DICT with a key that is surely hashable; the rest is setItem.
              if (i32[(container >> 2) + OB.TYPE] === TID.DICT && (kt === TID.STR || kt === TID.INT)) dictSetItem(s, container, key, v);
              else this.setItem(container, key, v);
              sp -= 3;
              {
                if (plainRc || (i32[(key >> 2) + OB.TID]! & ownMask) === own) { const rc = i32[key >> 2]!; if (rc < IMMORTAL_MIN) { if (rc > 1) { i32[key >> 2] = rc - 1; nDecref = (nDecref + 1) | 0; } else s.decref(key); } } else s.decref(key);
                if (plainRc || (i32[(container >> 2) + OB.TID]! & ownMask) === own) { const rc = i32[container >> 2]!; if (rc < IMMORTAL_MIN) { if (rc > 1) { i32[container >> 2] = rc - 1; nDecref = (nDecref + 1) | 0; } else s.decref(container); } } else s.decref(container);
                if (plainRc || (i32[(v >> 2) + OB.TID]! & ownMask) === own) { const rc = i32[v >> 2]!; if (rc < IMMORTAL_MIN) { if (rc > 1) { i32[v >> 2] = rc - 1; nDecref = (nDecref + 1) | 0; } else s.decref(v); } } else s.decref(v);
              }
              break;
            }
            case 102 /* BUILD_TUPLE */: {
              let t: number;
              if (oparg === 0) { t = s.emptyTuple; s.incref(t); }
              else {
                t = tupleNew(s, oparg);
                for (let k = 0; k < oparg; k++) tupleInit(s, t, k, i32[sp - oparg + k]!);
              }
              sp -= oparg;
              i32[sp++] = t;
              break;
            }
            case 103 /* BUILD_LIST */: {
              const l = listNew(s, oparg);
              // listSetItem steals: the stack's references move into the list.
              for (let k = 0; k < oparg; k++) listSetItem(s, l, k, i32[sp - oparg + k]!);
              sp -= oparg;
              i32[sp++] = l;
              break;
            }
            case 145 /* LIST_APPEND */: {
              const v = i32[sp - 1]!;
              listAppend(s, i32[sp - 1 - oparg]!, v);
              s.decref(v);
              sp--;
              break;
            }
            case 92 /* UNPACK_SEQUENCE */: {
              const seq = i32[sp - 1]!;
              const items = this.unpack(seq, oparg);
              sp--;
              for (let k = oparg - 1; k >= 0; k--) i32[sp++] = items[k]!;
              s.decref(seq);
              break;
            }
            case 110 /* JUMP_FORWARD */:
              pc = oparg;
              break;
            case 140 /* JUMP_BACKWARD */:
              pc = oparg;
              if (i32[evalBreaker] !== 0) { i32[f + F.PC] = pc; i32[f + F.SP] = sp; traceLines = this.handlePending() ? 1 : 0; }
              if (bytecodes >= COUNTER_FLUSH) { this.bytecodes += bytecodes; s.increfs += nIncref; s.decrefs += nDecref; bytecodes = nIncref = nDecref = 0; }
              // A loop head: a hot loop runs translated.
              jitFn = code.loopJit[pc]!;
              if (jitFn !== null) { if (traceLines === 0) break jit; }
              else if ((code.loopHot[pc] = (code.loopHot[pc]! + 1) | 0) === jitAt) this.tierUp(code, pc);
              break;
            case 134 /* JUMP_BACKWARD_NO_INTERRUPT */:
              pc = oparg;
              break;
            case 114 /* POP_JUMP_IF_FALSE */: {
              const v = i32[--sp]!;
              if (v === False) pc = oparg;
              else if (v !== True) { if (!this.isTrue(v)) pc = oparg; s.decref(v); }
              break;
            }
            case 115 /* POP_JUMP_IF_TRUE */: {
              const v = i32[--sp]!;
              if (v === True) pc = oparg;
              else if (v !== False) { if (this.isTrue(v)) pc = oparg; s.decref(v); }
              break;
            }
            case 129 /* POP_JUMP_IF_NONE */: {
              const v = i32[--sp]!;
              if (v === this.None) pc = oparg;
              else s.decref(v);
              break;
            }
            case 128 /* POP_JUMP_IF_NOT_NONE */: {
              const v = i32[--sp]!;
              if (v !== this.None) { pc = oparg; s.decref(v); }
              break;
            }

            // ── iteration ──
            case 68 /* GET_ITER */: {
              const v = i32[sp - 1]!;
              const it = this.getIter(v);
              s.decref(v);
              i32[sp - 1] = it;
              break;
            }
            case 93 /* FOR_ITER */: {
              const it = i32[sp - 1]!;
              const itType = i32[(it >> 2) + OB.TYPE]!;
              let v: number;
              if (itType === TID.RANGE_ITER) {
                // rangeiter_next, inline (range.ts rangeIterNext): index, len, start and
                // step are doubles in the iterator.
                const ix = (it + RANGE_ITER_BYTE.INDEX) >> 3;
                const index = f64[ix]!;
                if (index < f64[(it + RANGE_ITER_BYTE.LEN) >> 3]!) {
                  f64[ix] = index + 1;
                  const x = f64[(it + RANGE_ITER_BYTE.START) >> 3]! + index * f64[(it + RANGE_ITER_BYTE.STEP) >> 3]!;
                  v = x >= -5 && x <= 256 ? smallInt0 + x * SMALL_INT_STRIDE : intFromNumber(s, x);
                } else {
                  v = 0;
                }
              } else if (itType === TID.LIST_ITER && plainCt !== 0) {
                // listiter_next, inline: the list is it_seq, the position it_index.
                const seq = i32[(it >> 2) + SEQ_ITER.SEQ]!;
                const ix = i32[(it >> 2) + SEQ_ITER.INDEX]!;
                if (seq !== 0 && ix < i32[(seq >> 2) + LIST.SIZE]!) {
                  v = i32[(i32[(seq >> 2) + LIST.ITEMS]! >> 2) + ix]!;
                  i32[(it >> 2) + SEQ_ITER.INDEX] = ix + 1;
                  s.incref(v);
                } else {
                  v = 0;
                }
              } else {
                v = 0;
              }
              // Another iterator, or the end: coldOp (iterNext again gives 0 at the end).
              if (v === 0) break cold;
              i32[sp++] = v;
              break;
            }
            case 172 /* KW_NAMES */:
              this.kwnames = consts[oparg]!;
              break;
            case 171 /* CALL */: {
              // Stack: [method | NULL, self | callable, args...] (3.12).
              const kw = this.kwnames;
              this.kwnames = 0;
              let n = oparg;
              let callable = i32[sp - n - 2]!;
              let a = sp - n;
              if (callable !== 0) {
                // A method: `self` (in the callable slot) becomes argument 0.
                a--;
                n++;
              } else {
                callable = i32[sp - n - 1]!;
              }
              if (s.typeId(callable) === TID.METHOD && i32[sp - oparg - 2] === 0) {
                // A bound method object: unpack it into func + self in place (as 3.12 does).
                const self = methodSelf(s, callable);
                const fn = methodFunc(s, callable);
                s.incref(self);
                s.incref(fn);
                i32[sp - oparg - 2] = fn;
                i32[sp - oparg - 1] = self;
                s.decref(callable);
                callable = fn;
                a = sp - oparg - 1;
                n = oparg + 1;
              }
              if (s.typeId(callable) === TID.FUNCTION) {
                // Python to Python: push a frame, move the arguments in, keep looping.
                i32[f + F.PC] = pc;
                i32[f + F.SP] = sp;
                const nf = this.pushFrame(callable, a, n, kw, true);
                // The arguments now belong to the callee; the callable slot(s) below them
                // stay on our stack until the call returns to sp - oparg - 2.
                i32[f + F.SP] = a;
                i32[nf + F.RET_SP] = sp - oparg - 2;
                f = nf;
                code = this.codes[i32[f + F.CODE]!]!;
                words = code.words; consts = code.consts; names = code.names;
                lp = f + FRAME_HEADER_WORDS;
                pc = 0;
                sp = i32[f + F.SP]!;
                break;
              }
              i32[f + F.PC] = pc;
              i32[f + F.SP] = sp;
              const ctid = i32[(callable >> 2) + OB.TYPE]!;
              let r: number;
              if (ctid === VTID.METHOD_DESCR && n > 0) {
                // A native method called as obj.meth(...) (CALL_NO_KW_METHOD_DESCRIPTOR_*):
                // self is argument 0 already; straight to the native, skipping callObject.
                r = NATIVES[i32[(callable >> 2) + BUILTIN.INDEX]!]!.impl(this, a, n, kw);
              } else if (ctid === VTID.BUILTIN && i32[(callable >> 2) + BUILTIN.SELF] === 0) {
                // A built-in function (CALL_BUILTIN_*).
                r = NATIVES[i32[(callable >> 2) + BUILTIN.INDEX]!]!.impl(this, a, n, kw);
              } else {
                r = this.callObject(callable, a, n, kw);
              }
              traceLines = this.traceLines ? 1 : 0; // the call may have started tracemalloc
              // Drop the arguments and the callable slots (Py_XDECREF, inline).
              for (let p = sp - 1; p >= sp - oparg - 2; p--) {
                const v = i32[p]!;
                if (v === 0) continue;
                if (plainRc !== 0) {
                  const rc = i32[v >> 2]!;
                  if (rc < IMMORTAL_MIN) { if (rc > 1) { i32[v >> 2] = rc - 1; nDecref = (nDecref + 1) | 0; } else s.decref(v); }
                } else if ((i32[(v >> 2) + OB.TID]! & ownMask) === own) {
                  const rc = i32[v >> 2]!;
                  if (rc < IMMORTAL_MIN) { if (rc > 1) { i32[v >> 2] = rc - 1; nDecref = (nDecref + 1) | 0; } else s.decref(v); }
                } else s.decref(v);
              }
              sp -= oparg + 2;
              i32[sp++] = r;
              if (i32[evalBreaker] !== 0) { i32[f + F.PC] = pc; i32[f + F.SP] = sp; traceLines = this.handlePending() ? 1 : 0; }
              break;
            }
            case 83 /* RETURN_VALUE */:
            case 121 /* RETURN_CONST */: {
              let r: number;
              if (op === 121 /* RETURN_CONST */) { r = consts[oparg]!; s.incref(r); }
              else r = i32[--sp]!;
              i32[f + F.SP] = sp;
              const flags = i32[f + F.FLAGS]!;
              const prev = i32[f + F.PREV]!;
              const retSp = i32[f + F.RET_SP]!;
              this.popFrame(f);
              if (flags & FRAME_ENTRY) {
                this.bytecodes += bytecodes;
                s.increfs += nIncref;
                s.decrefs += nDecref;
                return r;
              }
              // Back in the caller, right after its CALL: drop what is left of the call
              // (the callable and NULL slots), push the result.
              f = prev;
              code = this.codes[i32[f + F.CODE]!]!;
              words = code.words; consts = code.consts; names = code.names;
              lp = f + FRAME_HEADER_WORDS;
              pc = i32[f + F.PC]!;
              sp = i32[f + F.SP]!;
              while (sp > retSp) s.xdecref(i32[--sp]!);
              i32[sp++] = r;
              if (i32[evalBreaker] !== 0) { i32[f + F.PC] = pc; i32[f + F.SP] = sp; traceLines = this.handlePending() ? 1 : 0; }
              // Back into translated code after its call, for code without loops (code
              // with loops goes on here to its next loop head).
              jitFn = code.jit;
              if (jitFn !== null && traceLines === 0) break jit;
              break;
            }
            default:
              // Everything rarer lives in coldOp, so this function stays small enough for
              // V8 to compile quickly and to inline the helpers of the hot cases above.
              break cold;
          }
          continue;
          }
          // coldOp reports the stack pointer it reached in coldSp even when it throws, so
          // the unwinder below never pops a value twice; a jump it makes is in coldJump.
          inCold = true;
          sp = this.coldOp(op, oparg, f, code, pc, sp);
          inCold = false;
          traceLines = this.traceLines ? 1 : 0;
          if (this.coldJump >= 0) {
            pc = this.coldJump;
            this.coldJump = -1;
          }
          continue;
          }
          // Translated code runs from pc until it hands the frame back (a loop's exit, a
          // return, an instruction it does not translate, work for the eval breaker): where
          // to go on, and the stack pointer in the frame.
          inJit = true;
          pc = jitFn!(this, f, pc, sp);
          inJit = false;
          sp = i32[f + F.SP]!;
          traceLines = this.traceLines ? 1 : 0;
        }
      } catch (e) {
        // ── exception_unwind ──
        i32[f + F.PC] = pc; // the frame's instruction, for whoever reads it (a fault's report)
        if (inCold) {
          sp = this.coldSp;
          inCold = false;
        }
        if (inJit) {
          pc = this.jitPc;
          sp = this.jitSp;
          i32[f + F.PC] = pc;
          inJit = false;
        }
        let reraise = e instanceof Reraise;
        const exc = this.convert(e).exc;
        if (!reraise) this.setContext(exc);
        for (;;) {
          const where = pc - 1;
          if (!reraise) this.addTraceback(exc, code, where);
          reraise = false;
          const h = findHandler(code.excTable, where);
          if (h >= 0) {
            const depth = code.excTable[h + 3]!;
            const base = lp + code.nlocalsplus;
            while (sp > base + depth) s.xdecref(i32[--sp]!);
            if (code.excTable[h + 4]) i32[sp++] = intFromNumber(s, where);
            i32[sp++] = exc;
            pc = code.excTable[h + 2]!;
            break;
          }
          // No handler here: pop the frame and continue in the caller.
          i32[f + F.SP] = sp;
          const flags = i32[f + F.FLAGS]!;
          const prev = i32[f + F.PREV]!;
          this.popFrame(f);
          if (flags & FRAME_ENTRY) {
            this.bytecodes += bytecodes;
            s.increfs += nIncref;
            s.decrefs += nDecref;
            throw new PyRaise(exc);
          }
          f = prev;
          code = this.codes[i32[f + F.CODE]!]!;
          words = code.words; consts = code.consts; names = code.names;
          lp = f + FRAME_HEADER_WORDS;
          pc = i32[f + F.PC]!;
          sp = i32[f + F.SP]!;
          this.stackTop = lp + code.nlocalsplus + code.stacksize;
        }
      }
    }
  }

  /** Translate what became hot (jit.ts): the loop whose head is at `head`, or (-1) a
   *  code object without loops. */
  private tierUp(code: LoadedCode, head: number): void {
    const fn = translate(code, { plainRc: this.plainRefcounts, plainCt: this.plainContainers, elide: this.jitElide, ints: this.s.quickPaths }, head, this.i32);
    if (head < 0) code.jit = fn;
    else code.loopJit[head] = fn;
    this.translated++;
  }

  /** The stack pointer coldOp had reached when it returned or threw. */
  private coldSp = 0;
  /** Where translated code (jit.ts) was when it threw: the instruction's pc (past it, as
   *  the loop's) and the stack pointer. */
  jitPc = 0;
  jitSp = 0;
  /** Where coldOp's instruction jumps to, or -1. */
  private coldJump = -1;

  /** The opcodes the eval loop does not keep in its own switch (closures, slices, sets,
   *  imports, exceptions, with, f-strings, ...), same code as if inline, and the general
   *  case of hot ones (BINARY_OP, COMPARE_OP, FOR_ITER) whose fast paths are there. Takes
   *  and returns the stack pointer; a jump goes in coldJump (`pc` is only stored). */
  private coldOp(op: number, oparg: number, f: number, code: LoadedCode, pc: number, sp: number): number {
    const s = this.s;
    const i32 = this.i32;
    const hooks = this.hooks;
    const evalBreaker = hooks.evalBreaker;
    const lp = f + FRAME_HEADER_WORDS;
    const names = code.names;
    try {
      switch (op) {
              // ── the general case of hot instructions (eval has their fast paths) ──
              case 122 /* BINARY_OP */:
              case 207 /* BINARY_OP__STORE_FAST */:
              case 107 /* COMPARE_OP */:
              case 205 /* COMPARE_OP__POP_JUMP_IF_FALSE */:
              case 206 /* COMPARE_OP__POP_JUMP_IF_TRUE */: {
                // The second half of a superinstruction (207's STORE_FAST, 205's and 206's
                // POP_JUMP) then runs alone, as the next word.
                const b = i32[sp - 1]!;
                const a = i32[sp - 2]!;
                const r = op === 122 || op === 207 ? this.binaryOp(a, b, oparg) : this.richCompare(a, b, oparg >> 4);
                sp -= 2;
                s.decref(a);
                s.decref(b);
                i32[sp++] = r;
                break;
              }
              case 93 /* FOR_ITER */: {
                const it = i32[sp - 1]!;
                const v = this.iterNext(it);
                if (v === 0) {
                  // Exhausted: pop the iterator and skip the END_FOR (3.12 JUMPBY(oparg + 1)).
                  s.decref(it);
                  sp--;
                  this.coldJump = oparg + 1;
                } else {
                  i32[sp++] = v;
                }
                break;
              }
              case 143 /* LOAD_FAST_AND_CLEAR */: {
                i32[sp++] = i32[lp + oparg]!;
                i32[lp + oparg] = 0;
                break;
              }
              case 126 /* DELETE_FAST */: {
                const old = i32[lp + oparg]!;
                if (old === 0) throw this.error("UnboundLocalError", `cannot access local variable '${code.localsplusnames[oparg]}' where it is not associated with a value`);
                i32[lp + oparg] = 0;
                s.decref(old);
                break;
              }
              case 135 /* MAKE_CELL */: {
                const c = cellNew(s, i32[lp + oparg]!);
                s.xdecref(i32[lp + oparg]!);
                i32[lp + oparg] = c;
                break;
              }
              case 149 /* COPY_FREE_VARS */: {
                // A class body (runBody: no function in the frame) has them from __build_class__.
                if (i32[f + F.FUNC] === 0) break;
                const closure = funcGet(s, i32[f + F.FUNC]!, FUNC.CLOSURE);
                const first = code.nlocalsplus - oparg;
                for (let i = 0; i < oparg; i++) {
                  const c = tupleGet(s, closure, i);
                  s.incref(c);
                  i32[lp + first + i] = c;
                }
                break;
              }
              case 176 /* LOAD_FROM_DICT_OR_DEREF */: {
                const d = i32[sp - 1]!;
                const name = strIntern(s, code.localsplusnames[oparg]!);
                let v = dictGetItemStr(s, d, name);
                if (v === 0) {
                  v = cellGet(s, i32[lp + oparg]!);
                  if (v === 0) throw this.unboundDeref(code, oparg);
                }
                s.incref(v);
                s.decref(d);
                i32[sp - 1] = v;
                break;
              }
              case 139 /* DELETE_DEREF */: {
                const c = i32[lp + oparg]!;
                if (cellGet(s, c) === 0) throw this.unboundDeref(code, oparg);
                cellSet(s, c, 0);
                break;
              }

              // ── names ──
              case 97 /* STORE_GLOBAL */: {
                const v = i32[sp - 1]!;
                dictSetItem(s, i32[f + F.GLOBALS]!, names[oparg]!, v);
                sp--;
                s.decref(v);
                break;
              }
              case 98 /* DELETE_GLOBAL */: {
                if (!dictDelItem(s, i32[f + F.GLOBALS]!, names[oparg]!)) throw this.error("NameError", `name '${strToJs(s, names[oparg]!)}' is not defined`);
                break;
              }
              case 91 /* DELETE_NAME */: {
                const locals = i32[f + F.LOCALS]!;
                if (!dictDelItem(s, locals !== 0 ? locals : i32[f + F.GLOBALS]!, names[oparg]!)) {
                  throw this.error("NameError", `name '${strToJs(s, names[oparg]!)}' is not defined`);
                }
                break;
              }
              case 87 /* LOAD_LOCALS */: {
                const locals = i32[f + F.LOCALS]!;
                s.incref(locals);
                i32[sp++] = locals;
                break;
              }
              case 175 /* LOAD_FROM_DICT_OR_GLOBALS */: {
                const d = i32[sp - 1]!;
                const name = names[oparg]!;
                let v = dictGetItemStr(s, d, name);
                if (v === 0) v = dictGetItemStr(s, i32[f + F.GLOBALS]!, name);
                if (v === 0) v = dictGetItemStr(s, i32[f + F.BUILTINS]!, name);
                if (v === 0) throw this.error("NameError", `name '${strToJs(s, name)}' is not defined`);
                s.incref(v);
                s.decref(d);
                i32[sp - 1] = v;
                break;
              }

              // ── attributes ──
              case 96 /* DELETE_ATTR */: {
                const owner = i32[sp - 1]!;
                this.setAttrStr(owner, names[oparg]!, 0);
                sp--;
                s.decref(owner);
                break;
              }
              case 141 /* LOAD_SUPER_ATTR */: {
                // [global super, class, self] -> attr, or (method) [meth, self] / [NULL, attr]
                const self = i32[sp - 1]!;
                const cls = i32[sp - 2]!;
                const name = names[oparg >> 2]!;
                const v = this.superLookup(cls, self, name);
                const isMethod = (oparg & 1) !== 0 && (s.typeId(v) === TID.FUNCTION || s.typeId(v) === VTID.METHOD_DESCR);
                s.decref(i32[sp - 3]!);
                s.decref(cls);
                if (isMethod) {
                  i32[sp - 3] = v;
                  i32[sp - 2] = self;
                  sp--;
                } else {
                  const bound = this.bindAttr(v, self, typeOf(s, self));
                  s.decref(v);
                  s.decref(self);
                  if (oparg & 1) {
                    i32[sp - 3] = 0;
                    i32[sp - 2] = bound;
                    sp--;
                  } else {
                    i32[sp - 3] = bound;
                    sp -= 2;
                  }
                }
                break;
              }

              // ── operators ──
              case 11 /* UNARY_NEGATIVE */:
              case 15 /* UNARY_INVERT */: {
                const v = i32[sp - 1]!;
                const r = this.unary(v, op === 11 /* UNARY_NEGATIVE */ ? "neg" : "invert");
                s.decref(v);
                i32[sp - 1] = r;
                break;
              }
              case 173 /* CALL_INTRINSIC_1 */: {
                const v = i32[sp - 1]!;
                const r = this.intrinsic1(oparg, v);
                s.decref(v);
                i32[sp - 1] = r;
                break;
              }

              // ── subscripts ──
              case 61 /* DELETE_SUBSCR */: {
                const key = i32[sp - 1]!;
                const container = i32[sp - 2]!;
                this.delItem(container, key);
                sp -= 2;
                s.decref(key);
                s.decref(container);
                break;
              }
              case 133 /* BUILD_SLICE */: {
                const n = oparg;
                const step = n === 3 ? i32[sp - 1]! : this.None;
                const stop = i32[sp - (n === 3 ? 2 : 1)]!;
                const start = i32[sp - n]!;
                const sl = this.newSlice(start, stop, step);
                for (let k = 0; k < n; k++) s.decref(i32[--sp]!);
                i32[sp++] = sl;
                break;
              }
              case 26 /* BINARY_SLICE */: {
                const stop = i32[sp - 1]!;
                const start = i32[sp - 2]!;
                const container = i32[sp - 3]!;
                const sl = this.newSlice(start, stop, this.None);
                let r: number;
                try { r = this.getItem(container, sl); } finally { s.decref(sl); }
                sp -= 3;
                s.decref(stop);
                s.decref(start);
                s.decref(container);
                i32[sp++] = r;
                break;
              }
              case 27 /* STORE_SLICE */: {
                const stop = i32[sp - 1]!;
                const start = i32[sp - 2]!;
                const container = i32[sp - 3]!;
                const v = i32[sp - 4]!;
                const sl = this.newSlice(start, stop, this.None);
                try { this.setItem(container, sl, v); } finally { s.decref(sl); }
                sp -= 4;
                s.decref(stop);
                s.decref(start);
                s.decref(container);
                s.decref(v);
                break;
              }

              // ── building ──
              case 104 /* BUILD_SET */: {
                const st = setNew(s);
                try {
                  for (let k = 0; k < oparg; k++) { const v = i32[sp - oparg + k]!; this.checkHashable(v); setAdd(s, st, v); }
                } catch (e) {
                  s.decref(st); // the items stay on the stack for the unwinding
                  throw e;
                }
                for (let k = 0; k < oparg; k++) s.decref(i32[sp - oparg + k]!);
                sp -= oparg;
                i32[sp++] = st;
                break;
              }
              case 105 /* BUILD_MAP */: {
                const d = dictNew(s);
                try {
                  for (let k = 0; k < oparg; k++) { const key = i32[sp - 2 * oparg + 2 * k]!; this.checkHashable(key); dictSetItem(s, d, key, i32[sp - 2 * oparg + 2 * k + 1]!); }
                } catch (e) {
                  s.decref(d); // the items stay on the stack for the unwinding
                  throw e;
                }
                for (let k = 0; k < 2 * oparg; k++) s.decref(i32[sp - 2 * oparg + k]!);
                sp -= 2 * oparg;
                i32[sp++] = d;
                break;
              }
              case 156 /* BUILD_CONST_KEY_MAP */: {
                const keys = i32[sp - 1]!;
                const d = dictNew(s);
                for (let k = 0; k < oparg; k++) dictSetItem(s, d, tupleGet(s, keys, k), i32[sp - 1 - oparg + k]!);
                s.decref(keys);
                for (let k = 0; k < oparg; k++) s.decref(i32[sp - 1 - oparg + k]!);
                sp -= oparg + 1;
                i32[sp++] = d;
                break;
              }
              case 157 /* BUILD_STRING */: {
                let out = "";
                for (let k = 0; k < oparg; k++) out += strToJs(s, i32[sp - oparg + k]!);
                for (let k = 0; k < oparg; k++) s.decref(i32[sp - oparg + k]!);
                sp -= oparg;
                i32[sp++] = strFromJs(s, out);
                break;
              }
              case 146 /* SET_ADD */: {
                const v = i32[sp - 1]!;
                this.checkHashable(v);
                setAdd(s, i32[sp - 1 - oparg]!, v);
                s.decref(v);
                sp--;
                break;
              }
              case 147 /* MAP_ADD */: {
                const v = i32[sp - 1]!;
                const key = i32[sp - 2]!;
                this.checkHashable(key);
                dictSetItem(s, i32[sp - 2 - oparg]!, key, v);
                s.decref(key);
                s.decref(v);
                sp -= 2;
                break;
              }
              case 162 /* LIST_EXTEND */: {
                const it = i32[sp - 1]!;
                this.listExtendAny(i32[sp - 1 - oparg]!, it);
                s.decref(it);
                sp--;
                break;
              }
              case 163 /* SET_UPDATE */: {
                const it = i32[sp - 1]!;
                const st = i32[sp - 1 - oparg]!;
                if (s.typeId(it) === TID.SET) setMerge(s, st, it); // a constant {…} literal's items
                else {
                  const iter = this.getIter(it);
                  try {
                    for (let v = this.iterNext(iter); v !== 0; v = this.iterNext(iter)) { this.checkHashable(v); setAdd(s, st, v); s.decref(v); }
                  } finally { s.decref(iter); }
                }
                s.decref(it);
                sp--;
                break;
              }
              case 165 /* DICT_UPDATE */:
              case 164 /* DICT_MERGE */: {
                const other = i32[sp - 1]!;
                if (s.typeId(other) !== TID.DICT) throw this.error("TypeError", `'${this.typeName(other)}' object is not a mapping`);
                dictMerge(s, i32[sp - 1 - oparg]!, other);
                s.decref(other);
                sp--;
                break;
              }
              case 94 /* UNPACK_EX */: {
                // ceval.c: unpack_iterable: `before` items from the iterator, then the rest
                // as a list (PySequence_List: list_extend, sized by the iterator's length
                // hint), whose last `after` items move to the stack by Py_SET_SIZE (the
                // list keeps its allocation).
                const seq = i32[sp - 1]!;
                const before = oparg & 0xff, after = oparg >> 8;
                const it = this.unpackIter(seq);
                const firsts: number[] = [];
                let mid = 0;
                try {
                  while (firsts.length < before) {
                    const v = this.iterNext(it);
                    if (v === 0) throw this.error("ValueError", `not enough values to unpack (expected at least ${before + after}, got ${firsts.length})`);
                    firsts.push(v);
                  }
                  mid = listNew(s, 0);
                  this.listExtendAny(mid, it);
                  const ll = listLen(s, mid);
                  if (ll < after) throw this.error("ValueError", `not enough values to unpack (expected at least ${before + after}, got ${before + ll})`);
                } catch (e) {
                  for (const v of firsts) s.decref(v);
                  if (mid !== 0) s.decref(mid);
                  throw e;
                } finally {
                  s.decref(it);
                }
                sp--;
                s.decref(seq);
                const ll = listLen(s, mid);
                for (let k = ll - 1; k >= ll - after; k--) i32[sp++] = listGet(s, mid, k);
                listFixSize(s, mid, ll - after);
                i32[sp++] = mid;
                for (let k = before - 1; k >= 0; k--) i32[sp++] = firsts[k]!;
                break;
              }

              // ── jumps ──
              case 30 /* GET_LEN */: {
                const n = this.lenOf(i32[sp - 1]!);
                i32[sp++] = intFromNumber(s, n);
                break;
              }

              // ── functions and calls ──
              case 132 /* MAKE_FUNCTION */: {
                const codeObj = i32[sp - 1]!;
                const fn = funcNew(s, codeObj, i32[f + F.GLOBALS]!);
                // PyFunction_New's __doc__: co_consts[0] if it is a str (the compiler puts the
                // docstring there, or None).
                const consts = i32[(codeObj >> 2) + CODE_CONSTS]!;
                if (consts !== 0 && tupleLen(s, consts) > 0 && s.typeId(tupleGet(s, consts, 0)) === TID.STR) funcSet(s, fn, FUNC.DOC, tupleGet(s, consts, 0));
                s.decref(codeObj);
                sp--;
                if (oparg & 0x08) { funcSet(s, fn, FUNC.CLOSURE, i32[sp - 1]!); s.decref(i32[--sp]!); }
                if (oparg & 0x04) { s.decref(i32[--sp]!); } // annotations: not kept
                if (oparg & 0x02) { funcSet(s, fn, FUNC.KWDEFAULTS, i32[sp - 1]!); s.decref(i32[--sp]!); }
                if (oparg & 0x01) { funcSet(s, fn, FUNC.DEFAULTS, i32[sp - 1]!); s.decref(i32[--sp]!); }
                i32[sp++] = fn;
                break;
              }
              case 142 /* CALL_FUNCTION_EX */: {
                const hasKw = (oparg & 1) !== 0;
                const kwargs = hasKw ? i32[sp - 1]! : 0;
                const posargs = i32[sp - (hasKw ? 2 : 1)]!;
                const callable = i32[sp - (hasKw ? 3 : 2)]!;
                const nullSlot = sp - (hasKw ? 4 : 3);
                const items = this.unpack(posargs, -1);
                const kwItems: number[] = [];
                const kwNames: number[] = [];
                if (kwargs !== 0) {
                  for (let ix = dictNextIndex(s, kwargs, 0); ix >= 0; ix = dictNextIndex(s, kwargs, ix + 1)) {
                    kwNames.push(dictKeyAt(s, kwargs, ix));
                    kwItems.push(dictValueAt(s, kwargs, ix));
                  }
                }
                const all = [...items, ...kwItems];
                const kwt = kwNames.length > 0 ? tupleFromArray(s, kwNames) : 0;
                i32[f + F.PC] = pc;
                i32[f + F.SP] = sp;
                this.stackTop = Math.max(this.stackTop, sp);
                let r: number;
                try {
                  const base = this.pushArgs(all);
                  try { r = this.callObject(callable, base, all.length, kwt); } finally { this.popArgs(base); }
                } finally {
                  for (const v of items) s.decref(v);
                  if (kwt !== 0) s.decref(kwt);
                }
                for (let p = sp - 1; p >= nullSlot; p--) s.xdecref(i32[p]!);
                sp = nullSlot;
                i32[sp++] = r;
                if (i32[evalBreaker] !== 0) { i32[f + F.PC] = pc; i32[f + F.SP] = sp; this.handlePending(); }
                break;
              }
              case 71 /* LOAD_BUILD_CLASS */: {
                const v = dictGetItemStr(s, i32[f + F.BUILTINS]!, this.n.__build_class__!);
                s.incref(v);
                i32[sp++] = v;
                break;
              }

              // ── exceptions ──
              case 130 /* RAISE_VARARGS */: {
                if (oparg === 0) {
                  const cur = this.excInfo;
                  if (cur === 0 || cur === this.None) throw this.error("RuntimeError", "No active exception to reraise");
                  s.incref(cur);
                  throw new Reraise(cur);
                }
                const cause = oparg === 2 ? i32[sp - 1]! : 0;
                const exc = i32[sp - oparg]!;
                const e = this.raiseFrom(exc, cause);
                for (let k = 0; k < oparg; k++) s.decref(i32[--sp]!);
                throw new PyRaise(e);
              }
              case 119 /* RERAISE */: {
                // The handler lookup uses where we are, not the saved lasti (ceval.c:
                // "We can't use frame->f_lasti here, as RERAISE may have set it").
                throw new Reraise(i32[--sp]!);
              }
              case 35 /* PUSH_EXC_INFO */: {
                const exc = i32[sp - 1]!;
                const prev = this.excInfo === 0 ? this.None : this.excInfo;
                i32[sp - 1] = prev;
                s.incref(exc);
                this.excInfo = exc;
                i32[sp++] = exc;
                break;
              }
              case 89 /* POP_EXCEPT */: {
                const prev = i32[--sp]!;
                const cur = this.excInfo;
                this.excInfo = prev === this.None ? 0 : prev;
                if (prev === this.None) s.decref(prev);
                s.xdecref(cur);
                break;
              }
              case 36 /* CHECK_EXC_MATCH */: {
                const match = i32[sp - 1]!;
                const exc = i32[sp - 2]!;
                const r = this.excMatches(exc, match);
                s.decref(match);
                i32[sp - 1] = r ? this.True : this.False;
                break;
              }
              case 74 /* LOAD_ASSERTION_ERROR */: {
                const v = this.builtinType("AssertionError");
                s.incref(v);
                i32[sp++] = v;
                break;
              }
              case 53 /* BEFORE_WITH */: {
                const mgr = i32[sp - 1]!;
                const enter = this.lookupSpecial(mgr, "__enter__");
                const exit = this.lookupSpecial(mgr, "__exit__");
                if (enter === 0 || exit === 0) {
                  throw this.error("TypeError", `'${this.typeName(mgr)}' object does not support the context manager protocol`);
                }
                const boundExit = this.bindAttr(exit, mgr, typeOf(s, mgr));
                i32[f + F.PC] = pc; i32[f + F.SP] = sp; this.stackTop = Math.max(this.stackTop, sp);
                let r: number;
                try { r = this.callMethod(enter, mgr); } catch (e) { s.decref(boundExit); throw e; }
                i32[sp - 1] = boundExit;
                s.decref(mgr);
                i32[sp++] = r;
                break;
              }
              case 49 /* WITH_EXCEPT_START */: {
                // Stack: [exit, lasti, prev_exc, exc]: call exit(type, value, tb).
                const exc = i32[sp - 1]!;
                const exit = i32[sp - 4]!;
                i32[f + F.PC] = pc; i32[f + F.SP] = sp; this.stackTop = Math.max(this.stackTop, sp);
                const r = this.call(exit, typeOf(s, exc), exc, this.None);
                i32[sp++] = r;
                break;
              }

              // ── imports ──
              case 108 /* IMPORT_NAME */: {
                const fromlist = i32[sp - 1]!;
                const level = i32[sp - 2]!;
                const m = importModule(this, names[oparg]!);
                s.decref(fromlist);
                s.decref(level);
                sp -= 2;
                i32[sp++] = m;
                break;
              }
              case 109 /* IMPORT_FROM */: {
                const m = i32[sp - 1]!;
                const v = this.getAttrStr(m, names[oparg]!, false);
                if (v === 0) {
                  throw this.error("ImportError", `cannot import name '${strToJs(s, names[oparg]!)}' from '${strToJs(s, s.i32[(m >> 2) + MODULE.NAME]!)}' (unknown location)`);
                }
                i32[sp++] = v;
                break;
              }

              // ── f-strings ──
              case 155 /* FORMAT_VALUE */: {
                const hasSpec = (oparg & 0x04) !== 0;
                const spec = hasSpec ? i32[sp - 1]! : 0;
                const v = i32[sp - (hasSpec ? 2 : 1)]!;
                const conv = oparg & 0x03;
                let text: string;
                if (conv === 1) text = strOf(this, v);
                else if (conv === 2) text = reprOf(this, v);
                else if (conv === 3) text = reprOf(this, v).replace(/[^\x00-\x7f]/gu, (c) => { const cp = c.codePointAt(0)!; return cp < 0x100 ? `\\x${cp.toString(16).padStart(2, "0")}` : cp < 0x10000 ? `\\u${cp.toString(16).padStart(4, "0")}` : `\\U${cp.toString(16).padStart(8, "0")}`; });
                else text = "";
                let r: number;
                if (conv !== 0) {
                  const specJs = spec === 0 ? "" : strToJs(s, spec);
                  if (specJs === "") r = strFromJs(s, text);
                  else { const tmp = strFromJs(s, text); try { r = strFromJs(s, formatValue(this, tmp, specJs)); } finally { s.decref(tmp); } }
                } else {
                  const specJs = spec === 0 ? "" : strToJs(s, spec);
                  if (specJs === "" && s.typeId(v) === TID.STR) { s.incref(v); r = v; }
                  else r = strFromJs(s, formatValue(this, v, specJs));
                }
                if (hasSpec) s.decref(i32[--sp]!);
                s.decref(i32[sp - 1]!);
                i32[sp - 1] = r;
                break;
              }

        case 85 /* SETUP_ANNOTATIONS */: {
          // A module's or class body's annotated names go in its __annotations__ dict.
          const locals = i32[f + F.LOCALS]!;
          if (locals === 0) throw this.error("SystemError" as ExcName, "no locals found when setting up annotations");
          const key = strIntern(s, "__annotations__");
          if (!dictContains(s, locals, key)) {
            const d = dictNew(s);
            dictSetItem(s, locals, key, d);
            s.decref(d);
          }
          break;
        }

        default:
          throw this.error("SystemError" as ExcName, `gilsim: opcode ${op} is not implemented`);
      }
    } finally {
      this.coldSp = sp;
    }
    return sp;
  }

  // ── helpers the loop calls ────────────────────────────────────────────────

  private unboundDeref(code: LoadedCode, i: number): PyRaise {
    const name = code.localsplusnames[i]!;
    if (code.co.freevars.includes(name)) {
      return this.error("NameError", `cannot access free variable '${name}' where it is not associated with a value in enclosing scope`);
    }
    return this.error("UnboundLocalError", `cannot access local variable '${name}' where it is not associated with a value`);
  }

  /** True if the instance's own __dict__ has `name` (it shadows the class's method). */
  shadowed(owner: number, name: number): boolean {
    const s = this.s;
    if (s.kindOf(s.typeId(owner)) !== KIND.INSTANCE) return false;
    const d = instanceDict(s, owner);
    return d !== 0 && dictGetItemStr(s, d, name) !== 0;
  }

  /** A function or native method defined on the type that a method call can use unbound
   *  (borrowed), or 0: then LOAD_ATTR falls back to getattr. */
  methodLookup(owner: number, name: number): number {
    const s = this.s;
    const tid = s.typeId(owner);
    const kind = s.kindOf(tid);
    if (kind === KIND.TYPE || tid === VTID.MODULE) return 0;
    const type = s.typeObject(tid);
    const m = typeLookup(s, type, name);
    if (m === 0) return 0;
    const mt = s.typeId(m);
    if (mt !== TID.FUNCTION && mt !== VTID.METHOD_DESCR) return 0;
    if (kind === KIND.INSTANCE) {
      // An instance attribute of the same name shadows a method.
      const d = instanceDict(s, owner);
      if (d !== 0 && dictGetItemStr(s, d, name) !== 0) return 0;
    }
    return m;
  }

  /** super().name: look `name` up along type(self).__mro__ after `cls`. New reference. */
  private superLookup(cls: number, self: number, name: number): number {
    const s = this.s;
    const v = this.lookupAfter(s.kindOf(s.typeId(self)) === KIND.TYPE ? self : typeOf(s, self), cls, name);
    if (v === 0) throw this.error("AttributeError", `'super' object has no attribute '${strToJs(s, name)}'`);
    s.incref(v);
    return v;
  }

  /** super_lookup: `name` in the dict of the first class after `cls` in `type`'s MRO that
   *  has it (borrowed), or 0. */
  private lookupAfter(type: number, cls: number, name: number): number {
    const s = this.s;
    const mro = s.i32[(type >> 2) + TYPE.MRO]!;
    const n = tupleLen(s, mro);
    let i = 0;
    while (i < n && tupleGet(s, mro, i) !== cls) i++;
    for (i++; i < n; i++) {
      const v = dictGetItemStr(s, typeDict(s, tupleGet(s, mro, i)), name);
      if (v !== 0) return v;
    }
    return 0;
  }

  private excMatches(exc: number, match: number): boolean {
    const s = this.s;
    if (s.typeId(match) === TID.TUPLE) {
      for (let i = 0, n = tupleLen(s, match); i < n; i++) if (this.excMatches(exc, tupleGet(s, match, i))) return true;
      return false;
    }
    if (s.kindOf(s.typeId(match)) !== KIND.TYPE || !isSubtype(s, match, this.baseException)) {
      throw this.error("TypeError", "catching classes that do not inherit from BaseException is not allowed");
    }
    return this.isInstance(exc, match);
  }

  /** set &= | -= ^= another set, in place (op: NB's and, or, subtract, xor). */
  private setInplace(so: number, other: number, op: number): void {
    const s = this.s;
    if (op === 7) { setMerge(s, so, other); return; }
    if (so === other) {
      if (op !== 1) setClear(s, so); // s -= s and s ^= s empty it; s &= s leaves it
      return;
    }
    if (op === 1) {
      // set_intersection_update: the intersection's table becomes the set's.
      const r = setIntersection(s, so, other);
      try {
        setSwapBodies(s, so, r);
      } finally {
        s.decref(r);
      }
    } else if (op === 10) {
      for (let i = setNextIndex(s, other, 0); i >= 0; i = setNextIndex(s, other, i + 1)) setDiscard(s, so, setKeyAt(s, other, i));
    } else {
      setSymmetricUpdate(s, so, other);
    }
  }

  binaryOp(a: number, b: number, oparg: number): number {
    const s = this.s;
    const op = oparg >= 13 ? oparg - 13 : oparg;
    if (oparg === 13 && s.typeId(a) === TID.LIST) {
      // list += iterable extends in place (list_inplace_concat).
      this.listExtendAny(a, b);
      s.incref(a);
      return a;
    }
    if (oparg === 18 && s.typeId(a) === TID.LIST && (s.typeId(b) === TID.INT || s.typeId(b) === TID.BOOL)) {
      // list *= n repeats in place (PyNumber_InPlaceMultiply: sq_inplace_repeat,
      // list_inplace_repeat).
      listInplaceRepeat(s, a, listRepeatCount(this, b));
      s.incref(a);
      return a;
    }
    const ta = s.typeId(a), tb = s.typeId(b);
    if (ta === TID.SET && tb === TID.SET && oparg >= 13 && (op === 1 || op === 7 || op === 10 || op === 12)) {
      // set_iand / set_ior / set_isub / set_ixor: the set itself, updated.
      this.setInplace(a, b, op);
      s.incref(a);
      return a;
    }
    if (ta === TID.DICT && tb === TID.DICT && op === 7) {
      // dict_ior (3.9: the dict updated), dict_or (a copy, updated).
      const r = oparg >= 13 ? a : dictCopy(s, a);
      if (r === a) s.incref(a);
      try {
        dictMerge(s, r, b);
      } catch (e) {
        s.decref(r);
        throw e;
      }
      return r;
    }
    const r = binaryOp(this, a, b, op);
    if (r !== 0) return r;
    // User dunders: a.__op__(b), then b.__rop__(a).
    const name = NB_DUNDER[op]!;
    const inplace = oparg >= 13;
    const tryCall = (x: number, y: number, dunder: string): number => {
      if (s.kindOf(s.typeId(x)) !== KIND.INSTANCE) return 0;
      const m = this.lookupSpecial(x, dunder);
      if (m === 0) return 0;
      const v = this.callMethod(m, x, y);
      if (v === this.i32[VMG.NOT_IMPLEMENTED]) { s.decref(v); return 0; }
      return v;
    };
    let v = inplace ? tryCall(a, b, `__i${name}__`) : 0;
    if (v === 0) v = tryCall(a, b, `__${name}__`);
    if (v === 0) v = tryCall(b, a, `__r${name}__`);
    if (v !== 0) return v;
    if (op === 6 && s.typeId(a) === TID.STR) return percentFormat(this, a, b);
    const sym = NB_SYMBOL[op]! + (inplace ? "=" : "");
    if (op === 8 && !inplace) {
      throw this.error("TypeError", `unsupported operand type(s) for ** or pow(): '${this.typeName(a)}' and '${this.typeName(b)}'`);
    }
    if (op === 0 && s.typeId(a) === TID.STR) throw this.error("TypeError", `can only concatenate str (not "${this.typeName(b)}") to str`);
    if (op === 0 && s.typeId(a) === TID.LIST) throw this.error("TypeError", `can only concatenate list (not "${this.typeName(b)}") to list`);
    if (op === 0 && s.typeId(a) === TID.TUPLE) throw this.error("TypeError", `can only concatenate tuple (not "${this.typeName(b)}") to tuple`);
    if (op === 5) {
      // sequence_repeat: a count from the other operand's __index__.
      const isSeq = (p: number): boolean => { const t = s.typeId(p); return t === TID.STR || t === TID.LIST || t === TID.TUPLE; };
      const count = isSeq(a) ? this.userIndex(b) : isSeq(b) ? this.userIndex(a) : null;
      if (count !== null) {
        const c = intFromNumber(s, count);
        try {
          return isSeq(a) ? this.binaryOp(a, c, oparg) : this.binaryOp(c, b, oparg);
        } finally {
          s.decref(c);
        }
      }
    }
    if (op === 5 && (s.typeId(a) === TID.STR || s.typeId(b) === TID.STR || s.typeId(a) === TID.LIST || s.typeId(a) === TID.TUPLE)) {
      throw this.error("TypeError", `can't multiply sequence by non-int of type '${this.typeName(s.typeId(a) === TID.STR || s.typeId(a) === TID.LIST || s.typeId(a) === TID.TUPLE ? b : a)}'`);
    }
    throw this.error("TypeError", `unsupported operand type(s) for ${sym}: '${this.typeName(a)}' and '${this.typeName(b)}'`);
  }

  unary(v: number, op: "neg" | "pos" | "invert"): number {
    const r = unaryOp(this, v, op);
    if (r !== 0) return r;
    const dunder = op === "neg" ? "__neg__" : op === "pos" ? "__pos__" : "__invert__";
    if (this.s.kindOf(this.s.typeId(v)) === KIND.INSTANCE) {
      const m = this.lookupSpecial(v, dunder);
      if (m !== 0) return this.callMethod(m, v);
    }
    const sym = op === "neg" ? "-" : op === "pos" ? "+" : "~";
    throw this.error("TypeError", `bad operand type for unary ${sym}: '${this.typeName(v)}'`);
  }

  private intrinsic1(which: number, v: number): number {
    const s = this.s;
    switch (which) {
      case 1: // INTRINSIC_PRINT (interactive mode only)
        this.write(reprOf(this, v) + "\n");
        s.incref(this.None);
        return this.None;
      case 5: // INTRINSIC_UNARY_POSITIVE
        return this.unary(v, "pos");
      case 6: { // INTRINSIC_LIST_TO_TUPLE
        const n = listLen(s, v);
        const items: number[] = [];
        for (let i = 0; i < n; i++) items.push(listGet(s, v, i));
        return tupleFromArray(s, items);
      }
      default:
        throw this.error("SystemError" as ExcName, `gilsim: intrinsic ${which} is not supported`);
    }
  }

  /** iter(seq) for unpacking (ceval.c: unpack_iterable): an object that is not iterable
   *  at all (no __iter__, no __getitem__) gets its own message. New reference. */
  private unpackIter(seq: number): number {
    const s = this.s;
    const t = s.typeId(seq);
    try {
      return this.getIter(seq);
    } catch (e) {
      if (this.isTypeError(e) &&
        (s.kindOf(t) !== KIND.INSTANCE || (this.lookupSpecial(seq, "__iter__") === 0 && this.lookupSpecial(seq, "__getitem__") === 0))) {
        s.decref(e.exc);
        throw this.error("TypeError", `cannot unpack non-iterable ${this.typeName(seq)} object`);
      }
      throw e;
    }
  }

  /** Items of an iterable (new references). expected >= 0 checks the count as
   *  UNPACK_SEQUENCE does. */
  unpack(seq: number, expected: number): number[] {
    const s = this.s;
    const t = s.typeId(seq);
    const out: number[] = [];
    if (t === TID.TUPLE || t === TID.LIST) {
      const n = t === TID.TUPLE ? tupleLen(s, seq) : listLen(s, seq);
      if (expected >= 0 && n !== expected) {
        if (n > expected) throw this.error("ValueError", `too many values to unpack (expected ${expected})`);
        throw this.error("ValueError", `not enough values to unpack (expected ${expected}, got ${n})`);
      }
      for (let i = 0; i < n; i++) { const v = t === TID.TUPLE ? tupleGet(s, seq, i) : listGet(s, seq, i); s.incref(v); out.push(v); }
      return out;
    }
    const it = this.unpackIter(seq);
    try {
      for (let v = this.iterNext(it); v !== 0; v = this.iterNext(it)) {
        out.push(v);
        if (expected >= 0 && out.length > expected) {
          for (const x of out) s.decref(x);
          throw this.error("ValueError", `too many values to unpack (expected ${expected})`);
        }
      }
    } finally {
      s.decref(it);
    }
    if (expected >= 0 && out.length !== expected) {
      const n = out.length;
      for (const x of out) s.decref(x);
      throw this.error("ValueError", `not enough values to unpack (expected ${expected}, got ${n})`);
    }
    return out;
  }

  /** listobject.c: list_extend. A list or tuple is copied in one step (listExtend). Any
   *  other iterable is iterated after making room for PyObject_LengthHint(iterable, 8)
   *  items: list_preallocate_exact when ob_item is NULL, else list_resize (ob_size put
   *  back); an item past the room is appended (list_resize's growth), and room left over
   *  at the end is given back with list_resize. So list(range(5)) has 6 slots,
   *  list(zip(a)) of one item 4, [0].extend(range(5)) 8. */
  listExtendAny(list: number, iterable: number): void {
    const s = this.s;
    const i32 = s.i32;
    const w = list >> 2;
    const t = s.typeId(iterable);
    if (t === TID.LIST || t === TID.TUPLE) {
      listExtend(s, list, iterable);
      return;
    }
    const it = this.getIter(iterable);
    try {
      const n = this.lengthHint(iterable, 8);
      s.lockObject(list);
      try {
        const m = i32[w + LIST.SIZE]!;
        if (i32[w + LIST.ITEMS] === 0) {
          if (n > 0) listPreallocateExact(s, list, n);
        } else {
          listResize(s, list, m + n);
          i32[w + LIST.SIZE] = m;
        }
      } finally {
        s.unlockObject(list);
      }
      for (let v = this.iterNext(it); v !== 0; v = this.iterNext(it)) { listAppend(s, list, v); s.decref(v); }
      // Cut back the room the guess left over.
      s.lockObject(list);
      try {
        const size = i32[w + LIST.SIZE]!;
        if (size < i32[w + LIST.ALLOCATED]!) listResize(s, list, size);
      } finally {
        s.unlockObject(list);
      }
    } finally {
      s.decref(it);
    }
  }

  /** _PyObject_HasLen: a type with sq_length or mp_length (a class: __len__). */
  hasLen(p: number): boolean {
    const s = this.s;
    const t = s.typeId(p);
    switch (t) {
      case TID.STR: case TID.LIST: case TID.TUPLE: case TID.DICT: case TID.SET: case TID.RANGE:
      case TID.DICT_KEYS: case TID.DICT_VALUES: case TID.DICT_ITEMS:
        return true;
    }
    return s.kindOf(t) === KIND.INSTANCE && this.lookupSpecial(p, "__len__") !== 0;
  }

  /** PyObject_Size of an object that hasLen, or -1 when it raises TypeError (a __len__
   *  returning a non-int), which list___init___impl and PyObject_LengthHint swallow;
   *  any other error propagates. */
  sizeOrMinus1(p: number): number {
    try {
      return this.lenOf(p);
    } catch (e) {
      if (this.isTypeError(e)) {
        this.s.decref(e.exc);
        return -1;
      }
      throw e;
    }
  }

  /** abstract.c: PyObject_LengthHint: len() if the object has one (a TypeError from it
   *  ignored), else its __length_hint__ (the built-in iterators' as CPython 3.11 computes
   *  them), else `dflt` (zip, map, enumerate, filter have none). */
  lengthHint(p: number, dflt: number): number {
    const s = this.s;
    const i32 = s.i32;
    const t = s.typeId(p);
    if (this.hasLen(p)) {
      const n = this.sizeOrMinus1(p);
      if (n >= 0) return n;
    }
    const w = p >> 2;
    switch (t) {
      case TID.RANGE_ITER:
        return rangeIterRemaining(s, p);
      case TID.LIST_ITER: case TID.TUPLE_ITER: case TID.STR_ASCII_ITER: case TID.STR_ITER: {
        // listiter_len / tupleiter_len / unicodeiter_len
        const seq = i32[w + SEQ_ITER.SEQ]!;
        if (seq === 0) return 0;
        const n = this.lenOf(seq) - i32[w + SEQ_ITER.INDEX]!;
        return n >= 0 ? n : 0;
      }
      case TID.DICT_KEYITER: case TID.DICT_VALUEITER: case TID.DICT_ITEMITER: {
        // dictiter_len: the count left, unless the dict changed size
        const d = i32[w + DICT_ITER.DICT]!;
        return d !== 0 && i32[w + DICT_ITER.USED] === dictLen(s, d) ? i32[w + DICT_ITER.LEN]! : 0;
      }
      case TID.SET_ITER: {
        // setiter_len
        const so = i32[w + SET_ITER.SET]!;
        return so !== 0 && i32[w + SET_ITER.USED] === setLen(s, so) ? i32[w + SET_ITER.LEN]! : 0;
      }
      case VTID.REVERSED: {
        // reversed_len (and listreviter_len): index + 1, or 0 past the sequence's end
        const seq = i32[w + VITER.ITER]!;
        if (seq === 0) return 0;
        const position = intAsNumber(s, i32[w + VITER.COUNT]!) + 1;
        return this.lenOf(seq) < position ? 0 : position;
      }
    }
    if (s.kindOf(t) !== KIND.INSTANCE) return dflt;
    const m = this.lookupSpecial(p, "__length_hint__");
    if (m === 0) return dflt;
    let r: number;
    try {
      r = this.callMethod(m, p);
    } catch (e) {
      if (this.isTypeError(e)) {
        s.decref(e.exc);
        return dflt;
      }
      throw e;
    }
    try {
      const rt = s.typeId(r);
      if (rt === VTID.NOTIMPLEMENTED) return dflt;
      if (rt !== TID.INT && rt !== TID.BOOL) throw this.error("TypeError", `__length_hint__ must be an integer, not ${this.typeName(r)}`);
      const n = this.indexValue(r, "");
      if (n < 0) throw this.error("ValueError", "__length_hint__() should return >= 0");
      return n;
    } finally {
      s.decref(r);
    }
  }

  newSlice(start: number, stop: number, step: number): number {
    const s = this.s;
    const p = s.newObject(VTID.SLICE, SLICE_BYTES);
    const w = p >> 2;
    s.i32.fill(0, w + 4, w + (SLICE_BYTES >> 2));
    s.incref(start); s.incref(stop); s.incref(step);
    s.i32[w + SLICE.START] = start;
    s.i32[w + SLICE.STOP] = stop;
    s.i32[w + SLICE.STEP] = step;
    return p;
  }

  /** PySlice_GetIndicesEx: (start, stop, step, length) for a sequence of `len` items. */
  sliceIndices(sl: number, len: number): [number, number, number, number] {
    const [start, stop, step] = this.sliceUnpack(sl);
    return sliceAdjust(start, stop, step, len);
  }

  /** PySlice_Unpack: a slice's start, stop (null for None) and step, as ints (their
   *  __index__, which may run Python code). */
  sliceUnpack(sl: number): [number | null, number | null, number] {
    const s = this.s;
    const w = sl >> 2;
    const get = (p: number): number | null => (p === this.None ? null : this.indexValue(p, ""));
    const step = get(s.i32[w + SLICE.STEP]!) ?? 1;
    if (step === 0) throw this.error("ValueError", "slice step cannot be zero");
    return [get(s.i32[w + SLICE.START]!), get(s.i32[w + SLICE.STOP]!), step];
  }


  getItem(container: number, key: number): number {
    const s = this.s;
    const t = s.typeId(container);
    const kt = s.typeId(key);
    if (t === TID.LIST || t === TID.TUPLE || t === TID.STR) {
      const len = t === TID.LIST ? listLen(s, container) : t === TID.TUPLE ? tupleLen(s, container) : strLen(s, container);
      if (kt === VTID.SLICE && t === TID.LIST) {
        // list_subscript: the slice unpacked (its __index__ may run code), then adjusted to
        // the length in the list's critical section.
        const [start, stop, step] = this.sliceUnpack(key);
        return listGetSlice(s, container, (n) => {
          const [from, , by, count] = sliceAdjust(start, stop, step, n);
          return [from, by, count];
        });
      }
      if (kt === VTID.SLICE) {
        const [start, , step, n] = this.sliceIndices(key, len);
        if (t === TID.STR) {
          let out = "";
          for (let k = 0, i = start; k < n; k++, i += step) out += String.fromCodePoint(strCodePointAt(s, container, i));
          return strFromJs(s, out);
        }
        const items: number[] = [];
        for (let k = 0, i = start; k < n; k++, i += step) items.push(tupleGet(s, container, i));
        return tupleFromArray(s, items);
      }
      let i: number;
      if (kt === TID.INT || kt === TID.BOOL) i = intAsNumber(s, key);
      else {
        const ui = this.userIndex(key);
        if (ui === null) {
          throw this.error("TypeError", t === TID.STR ? `string indices must be integers, not '${this.typeName(key)}'`
            : `${t === TID.LIST ? "list" : "tuple"} indices must be integers or slices, not ${this.typeName(key)}`);
        }
        i = ui;
      }
      if (i < 0) i += len;
      if (!(i >= 0 && i < len)) {
        const what = t === TID.LIST ? "list" : t === TID.TUPLE ? "tuple" : "string";
        throw this.error("IndexError", `${what} index out of range`);
      }
      if (t === TID.STR) return strFromCodePoint(s, strCodePointAt(s, container, i));
      if (t === TID.LIST) {
        // Bounds-checked again in the list's critical section: it may have shrunk.
        const v = listGetRef(s, container, i);
        if (v === 0) throw this.error("IndexError", "list index out of range");
        return v;
      }
      const v = tupleGet(s, container, i);
      s.incref(v);
      return v;
    }
    if (t === TID.DICT) {
      this.checkHashable(key);
      const v = dictGetItemRef(s, container, key);
      if (v === 0) throw this.keyError(key);
      return v;
    }
    if (s.kindOf(t) === KIND.INSTANCE) {
      const m = this.lookupSpecial(container, "__getitem__");
      if (m !== 0) return this.callMethod(m, container, key);
    }
    if (t === TID.RANGE) return rangeItem(this, container, key);
    if (s.kindOf(t) === KIND.TYPE) throw this.error("TypeError", `type '${typeNameOf(s, container)}' is not subscriptable`);
    throw this.error("TypeError", `'${this.typeName(container)}' object is not subscriptable`);
  }

  setItem(container: number, key: number, v: number): void {
    const s = this.s;
    const t = s.typeId(container);
    if (t === TID.LIST) {
      const kt = s.typeId(key);
      if (kt === VTID.SLICE) return listSetSlice(this, container, key, v);
      let i = kt === TID.INT || kt === TID.BOOL ? intAsNumber(s, key) : this.userIndex(key);
      if (i === null) throw this.error("TypeError", `list indices must be integers or slices, not ${this.typeName(key)}`);
      const len = listLen(s, container);
      if (i < 0) i += len;
      if (!(i >= 0 && i < len)) throw this.error("IndexError", "list assignment index out of range");
      s.incref(v); // listSetItem steals
      listSetItem(s, container, i, v);
      return;
    }
    if (t === TID.DICT) {
      this.checkHashable(key);
      dictSetItem(s, container, key, v);
      return;
    }
    if (s.kindOf(t) === KIND.INSTANCE) {
      const m = this.lookupSpecial(container, "__setitem__");
      if (m !== 0) { s.decref(this.callMethod(m, container, key, v)); return; }
    }
    throw this.error("TypeError", `'${this.typeName(container)}' object does not support item assignment`);
  }

  delItem(container: number, key: number): void {
    const s = this.s;
    const t = s.typeId(container);
    if (t === TID.DICT) {
      this.checkHashable(key);
      if (!dictDelItem(s, container, key)) throw this.keyError(key);
      return;
    }
    if (t === TID.LIST) return listDelItem(this, container, key);
    if (s.kindOf(t) === KIND.INSTANCE) {
      const m = this.lookupSpecial(container, "__delitem__");
      if (m !== 0) { s.decref(this.callMethod(m, container, key)); return; }
    }
    throw this.error("TypeError", `'${this.typeName(container)}' object doesn't support item deletion`);
  }

  newBuiltin(index: number, self: number, name: number): number {
    const s = this.s;
    const p = s.newObject(VTID.BUILTIN, BUILTIN_BYTES);
    const w = p >> 2;
    s.i32.fill(0, w + 4, w + (BUILTIN_BYTES >> 2));
    s.i32[w + BUILTIN.INDEX] = index;
    s.xincref(self);
    s.i32[w + BUILTIN.SELF] = self;
    s.incref(name);
    s.i32[w + BUILTIN.NAME] = name;
    return p;
  }

  /** Source line `line` of `filename`, stripped, or null. */
  sourceLine(filename: string, line: number): string | null {
    const src = this.sources.get(filename);
    if (src === undefined) return null;
    const l = src.split("\n")[line - 1];
    return l === undefined ? null : l.trim();
  }

  /** The code object in table slot i. */
  codeAt(i: number): LoadedCode {
    return this.codes[i]!;
  }
}

/** BINARY_OP on two small ints (|x|, |y| < 2**30) as a JS number, or NaN when the
 *  result is not an int that fits a safe integer (true division, negative powers, ...). */
/** OSError's errno -> subclass (PEP 3151; errnomap in exceptions.c, Linux's numbers). */
const ERRNO_SUBCLASS = new Map<number, string>([
  [11, "BlockingIOError"], [114, "BlockingIOError"], [115, "BlockingIOError"],
  [10, "ChildProcessError"], [32, "BrokenPipeError"], [108, "BrokenPipeError"],
  [103, "ConnectionAbortedError"], [111, "ConnectionRefusedError"], [104, "ConnectionResetError"],
  [17, "FileExistsError"], [2, "FileNotFoundError"], [21, "IsADirectoryError"], [20, "NotADirectoryError"],
  [4, "InterruptedError"], [13, "PermissionError"], [1, "PermissionError"], [3, "ProcessLookupError"],
  [110, "TimeoutError"],
]);

/** exceptions.c: oserror_parse_args / OSError_new / oserror_init. With 2 to 5 arguments
 *  the first two are errno and strerror, the third the filename, the fifth filename2 (and
 *  args keeps only the first two when there is a filename); OSError itself becomes the
 *  subclass its errno maps to. The attributes are None otherwise. */
function oserrorArgs(vm: Interp, t: number, args: number[]): { type: number; args: number[]; attrs: [string, number][] } {
  const s = vm.s;
  const none = vm.None;
  const attrs: [string, number][] = [["errno", none], ["strerror", none], ["filename", none], ["filename2", none]];
  if (args.length < 2 || args.length > 5) return { type: t, args, attrs };
  attrs[0]![1] = args[0]!;
  attrs[1]![1] = args[1]!;
  if (args.length >= 3) attrs[2]![1] = args[2]!;
  if (args.length === 5) attrs[3]![1] = args[4]!;
  let type = t;
  if (t === vm.osError && s.typeId(args[0]!) === TID.INT) {
    const sub = ERRNO_SUBCLASS.get(intAsNumber(s, args[0]!));
    if (sub !== undefined) type = vm.builtinType(sub);
  }
  return { type, args: args.length >= 3 ? args.slice(0, 2) : args, attrs };
}

function smallIntOp(x: number, y: number, oparg: number): number {
  switch (oparg) {
    case 0: case 13: return x + y; // +
    case 10: case 23: return x - y; // -
    case 5: case 18: return x * y; // * (|x*y| < 2**60 may exceed 2**53: checked below)
    case 2: case 15: // //
      if (y === 0) return NaN;
      return Math.floor(x / y);
    case 6: case 19: { // %
      if (y === 0) return NaN;
      const m = x % y;
      return m !== 0 && (m < 0) !== (y < 0) ? m + y : m === 0 ? 0 : m;
    }
    case 1: case 14: return x & y;
    case 7: case 20: return x | y;
    case 12: case 25: return x ^ y;
    default: return NaN;
  }
}

/** The exception-table row (offset into the flat table) covering instruction i, or -1. */
function findHandler(t: Int32Array, i: number): number {
  for (let k = 0; k < t.length; k += 5) {
    if (i >= t[k]! && i < t[k + 1]!) return k;
  }
  return -1;
}

