/**
 * What native code (builtins, methods of built-in types, simulated modules) may use of
 * the interpreter. The interpreter (interp.ts) implements `VM`; natives see only this,
 * so they stay small functions over the object layer (clox's native functions, CPython's
 * vectorcall builtins).
 *
 * Calling convention (CPython's vectorcall):
 *   impl(vm, a, n, kw) — the n positional-or-keyword argument values are
 *   `vm.i32[a]`, `vm.i32[a + 1]`, …, `vm.i32[a + n - 1]` (borrowed references, still
 *   owned by the caller's value stack); for a method, arg 0 is `self`. `kw` is 0 or a
 *   tuple of str: the names of the LAST `tupleLen(kw)` of those n values (they are
 *   keyword arguments). The return value is a NEW reference (never 0).
 *   To raise a Python exception: `throw vm.error("TypeError", "message")`.
 */
import type { ObjSpace } from "../objects/space.js";

/** A thrown Python exception: `exc` is the exception instance (a new reference the
 *  thrower gives up to whoever catches it). Not an Error: no JS stack is captured. */
export class PyRaise {
  constructor(readonly exc: number) {}
}

export type NativeImpl = (vm: VM, a: number, n: number, kw: number) => number;

export type ExcName =
  | "BaseException" | "Exception" | "TypeError" | "ValueError" | "KeyError" | "IndexError"
  | "LookupError" | "ArithmeticError" | "NameError" | "UnboundLocalError" | "AttributeError"
  | "ZeroDivisionError" | "OverflowError" | "AssertionError" | "RuntimeError"
  | "NotImplementedError" | "RecursionError" | "MemoryError" | "StopIteration"
  | "ImportError" | "ModuleNotFoundError" | "SystemExit" | "KeyboardInterrupt"
  | "UnicodeError" | "OSError" | "TimeoutError";

export interface VM {
  readonly s: ObjSpace;
  readonly i32: Int32Array;
  /** Immortal singletons. */
  readonly None: number;
  readonly True: number;
  readonly False: number;

  /** A PyRaise carrying a new `name` exception with `message` (str(exc) == message). */
  error(name: ExcName, message: string): PyRaise;
  /** A PyRaise of KeyError(key) (its str is repr(key), as CPython's). */
  keyError(key: number): PyRaise;

  /** repr(p) / str(p) as JS strings (call user __repr__/__str__ when defined). */
  repr(p: number): string;
  str(p: number): string;
  /** format(p, spec) as a JS string (user __format__ not supported: str(p) for instances with spec ""). */
  format(p: number, spec: string): string;
  /** bool(p). */
  isTrue(p: number): boolean;
  /** a == b, a < b (with user __eq__/__lt__), as JS booleans. */
  eq(a: number, b: number): boolean;
  lt(a: number, b: number): boolean;
  /** a <op> b (CMP.*) with the dunders, as a JS boolean (PyObject_RichCompareBool's value). */
  compare(a: number, b: number, op: number): boolean;
  /** TypeError "unhashable type" unless p can be a dict key (cheap for built-in types). */
  checkHashable(p: number): void;
  /** hash(p) as CPython 3.11's hash() for int/float/str/tuple/None/bool; id-based for others. */
  hash(p: number): bigint;
  /** iter(p): a new reference to an iterator; TypeError if not iterable. */
  getIter(p: number): number;
  /** next(it): a new reference, or 0 when the iterator is exhausted (no StopIteration thrown). */
  iterNext(it: number): number;
  /** listobject.c: list_extend(list, iterable), allocating as CPython does (a length hint,
   *  then a final shrink). */
  listExtendAny(list: number, iterable: number): void;
  /** Call any callable with positional arguments (new reference result). */
  call(callable: number, ...args: number[]): number;
  /** getattr(p, name): new reference; AttributeError if missing. */
  getAttr(p: number, name: string): number;
  /** getattr(p, name) or 0 if missing (no exception). */
  lookupAttr(p: number, name: string): number;
  setAttr(p: number, name: string, value: number): void;
  /** object.__setattr__ (value != 0) / object.__delattr__ (value == 0): the attribute set
   *  or deleted without the class's own __setattr__ / __delattr__. Does not steal `value`. */
  genericSetAttr(p: number, name: number, value: number): void;
  /** The type name CPython prints in messages: type(p).__name__. */
  typeName(p: number): string;
  /** isinstance(p, cls) for a type object cls. */
  isInstance(p: number, cls: number): boolean;
  /** The built-in type object of a type id (TID.*), e.g. for isinstance(x, int). */
  typeObject(tid: number): number;
  /** Write to the program's stdout. */
  write(text: string): void;
  /** Python-level index normalisation: an int object to a JS number (TypeError for non-ints). */
  indexValue(p: number, what: string): number;
  /** a <op> b for a BINARY_OP oparg (NB_*), with user dunders. New reference. */
  binaryOp(a: number, b: number, oparg: number): number;
  /** PyObject_RichCompare (op: Py_LT .. Py_GE). New reference. */
  richCompare(a: number, b: number, op: number): number;
  /** container[key]. New reference. */
  getItem(container: number, key: number): number;
  /** len(p). */
  lenOf(p: number): number;
  /** x in container. */
  contains(container: number, x: number): boolean;
}
