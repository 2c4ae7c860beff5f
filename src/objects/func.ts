/**
 * Functions, code objects, cells and bound methods (Objects/funcobject.c, codeobject.c,
 * cellobject.c, classobject.c).
 *
 *   function (PyFunctionObject, 16 GC + 136 B): our pointers at CPython's offsets —
 *     globals 16, builtins 24, name 32, qualname 40, code 48, defaults 56, kwdefaults 64,
 *     closure 72, doc 80, dict 88, (weakreflist 96), module 104, annotations 112
 *   code (not GC, code.__basicsize__ 184 + 2 B per code unit, rounded to 8): the bytecode
 *     itself lives in the interpreter's JS-side code table; the heap object holds its index,
 *     co_name, co_qualname, co_filename, co_firstlineno and the code-unit count
 *   cell (16 GC + 24 B): ob_ref at 16
 *   method (16 GC + 48 B): im_func at 16, im_self at 24
 */
import { CELL, CODE, FUNC, GC_HEAD, METHOD, SIZE, TID, zeroWords } from "./layout.js";
import { dictGetItemStr } from "./dict.js";
import type { ObjSpace } from "./space.js";
import { strIntern } from "./str.js";
import { clearWeakrefs } from "./weakref.js";

// Layout offsets as module-level constants: an imported `as const` object costs a
// property load per use in hot code, a constant binding does not.
const CELL_REF = CELL.REF;
const CODE_FILENAME = CODE.FILENAME;
const CODE_FIRSTLINENO = CODE.FIRSTLINENO;
const CODE_INDEX = CODE.INDEX;
const CODE_NAME = CODE.NAME;
const CODE_NCODEUNITS = CODE.NCODEUNITS;
const CODE_QUALNAME = CODE.QUALNAME;
const FUNC_ANNOTATIONS = FUNC.ANNOTATIONS;
const FUNC_BUILTINS = FUNC.BUILTINS;
const FUNC_CLOSURE = FUNC.CLOSURE;
const FUNC_CODE = FUNC.CODE;
const FUNC_DEFAULTS = FUNC.DEFAULTS;
const FUNC_DICT = FUNC.DICT;
const FUNC_DOC = FUNC.DOC;
const FUNC_GLOBALS = FUNC.GLOBALS;
const FUNC_KWDEFAULTS = FUNC.KWDEFAULTS;
const FUNC_MODULE = FUNC.MODULE;
const FUNC_NAME = FUNC.NAME;
const FUNC_QUALNAME = FUNC.QUALNAME;
const METHOD_FUNC = METHOD.FUNC;
const METHOD_SELF = METHOD.SELF;
const SIZE_CELL = SIZE.CELL;
const SIZE_CODE_BASE = SIZE.CODE_BASE;
const SIZE_FUNCTION = SIZE.FUNCTION;
const SIZE_METHOD = SIZE.METHOD;
const TID_CELL = TID.CELL;
const TID_CODE = TID.CODE;
const TID_FUNCTION = TID.FUNCTION;
const TID_METHOD = TID.METHOD;

// ── code ─────────────────────────────────────────────────────────────────────

/** Bytes a 3.11 code object with `ncodeunits` 16-bit code units asks for
 *  (_PyObject_VAR_SIZE: basicsize + 2·n, rounded up to 8). */
export function codeBytes(ncodeunits: number): number {
  return (SIZE_CODE_BASE + 2 * ncodeunits + 7) & ~7;
}

/** A code object for entry `index` of the interpreter's code table. Increfs the strs.
 *  New reference. */
export function codeNew(
  s: ObjSpace, index: number, name: number, qualname: number, filename: number, firstlineno: number, ncodeunits: number,
): number {
  const p = s.newObject(TID_CODE, codeBytes(ncodeunits));
  const w = p >> 2;
  s.incref(name);
  s.incref(qualname);
  s.incref(filename);
  s.i32[w + CODE_INDEX] = index;
  s.i32[w + CODE_NAME] = name;
  s.i32[w + CODE_QUALNAME] = qualname;
  s.i32[w + CODE_FILENAME] = filename;
  s.i32[w + CODE_FIRSTLINENO] = firstlineno;
  s.i32[w + CODE_NCODEUNITS] = ncodeunits;
  return p;
}

/** A field of a code object (CODE.*): the table index, a str (borrowed), or a number. */
export function codeField(s: ObjSpace, c: number, f: number): number {
  return s.i32[(c >> 2) + f]!;
}

/** code_dealloc, phase 1. */
export function codeClear(s: ObjSpace, c: number): void {
  s.pushRelease(c);
  const w = c >> 2;
  s.decref(s.i32[w + CODE_FILENAME]!);
  s.decref(s.i32[w + CODE_QUALNAME]!);
  s.decref(s.i32[w + CODE_NAME]!);
}

export function codeRelease(s: ObjSpace, c: number): void {
  s.retire(c);
  s.free(c);
}

// ── function ─────────────────────────────────────────────────────────────────

/** PyFunction_NewWithQualName: name from the code, qualname from the argument (or the
 *  code), __module__ from globals['__name__']. Defaults, closure etc. start NULL: set them
 *  with funcSet. New reference. */
export function funcNew(s: ObjSpace, code: number, globals: number, qualname: number = 0): number {
  const p = s.newGcObject(TID_FUNCTION, GC_HEAD + SIZE_FUNCTION);
  const w = p >> 2;
  zeroWords(s.i32, w + 4, w + (SIZE_FUNCTION >> 2));
  const name = codeField(s, code, CODE_NAME);
  if (qualname === 0) qualname = codeField(s, code, CODE_QUALNAME);
  const module = dictGetItemStr(s, globals, strIntern(s, "__name__"));
  s.incref(code);
  s.incref(globals);
  s.incref(name);
  s.incref(qualname);
  s.xincref(module);
  s.i32[w + FUNC_CODE] = code;
  s.i32[w + FUNC_GLOBALS] = globals;
  s.i32[w + FUNC_NAME] = name;
  s.i32[w + FUNC_QUALNAME] = qualname;
  s.i32[w + FUNC_MODULE] = module;
  s.gcTrack(p);
  return p;
}

/** A function field (FUNC.*), borrowed; 0 if NULL. */
export function funcGet(s: ObjSpace, f: number, field: number): number {
  return s.i32[(f >> 2) + field]!;
}

/** Set a function field (FUNC.*): increfs `v` (0 = NULL), drops the old value
 *  (PyFunction_SetDefaults, PyFunction_SetClosure, func_set_name, ...). */
export function funcSet(s: ObjSpace, f: number, field: number, v: number): void {
  const w = (f >> 2) + field;
  const old = s.i32[w]!;
  s.xincref(v);
  s.i32[w] = v;
  s.xdecref(old);
}

/** The order func_dealloc drops fields in (func_clear, then code, name, qualname). */
export const FUNC_DEALLOC_ORDER: readonly number[] = [
  FUNC_GLOBALS, FUNC_BUILTINS, FUNC_MODULE, FUNC_DEFAULTS, FUNC_KWDEFAULTS, FUNC_DOC, FUNC_DICT, FUNC_CLOSURE,
  FUNC_ANNOTATIONS, FUNC_CODE, FUNC_NAME, FUNC_QUALNAME,
];

/** func_dealloc, phase 1 (fields decrefed last-first so the stack frees them in order). */
export function funcClear(s: ObjSpace, f: number): void {
  clearWeakrefs(s, f);
  s.gcUntrack(f);
  s.pushRelease(f);
  const w = f >> 2;
  for (let i = FUNC_DEALLOC_ORDER.length - 1; i >= 0; i--) s.xdecref(s.i32[w + FUNC_DEALLOC_ORDER[i]!]!);
}

// ── cell ─────────────────────────────────────────────────────────────────────

/** PyCell_New: increfs `v` (0 = empty cell). New reference. */
export function cellNew(s: ObjSpace, v: number): number {
  const p = s.newGcObject(TID_CELL, GC_HEAD + SIZE_CELL);
  s.i32[(p >> 2) + CELL_REF + 1] = 0;
  s.xincref(v);
  s.i32[(p >> 2) + CELL_REF] = v;
  s.gcTrack(p);
  return p;
}

/** PyCell_GET: borrowed; 0 if empty. */
export function cellGet(s: ObjSpace, c: number): number {
  return s.i32[(c >> 2) + CELL_REF]!;
}

/** PyCell_Set: increfs `v`, drops the old value. */
export function cellSet(s: ObjSpace, c: number, v: number): void {
  const w = (c >> 2) + CELL_REF;
  const old = s.i32[w]!;
  s.xincref(v);
  s.i32[w] = v;
  s.xdecref(old);
}

export function cellClear(s: ObjSpace, c: number): void {
  s.gcUntrack(c);
  s.pushRelease(c);
  s.xdecref(s.i32[(c >> 2) + CELL_REF]!);
}

// ── bound method ─────────────────────────────────────────────────────────────

/** PyMethod_New: increfs both. New reference. */
export function methodNew(s: ObjSpace, func: number, self: number): number {
  const p = s.newGcObject(TID_METHOD, GC_HEAD + SIZE_METHOD);
  const w = p >> 2;
  zeroWords(s.i32, w + 4, w + (SIZE_METHOD >> 2));
  s.incref(func);
  s.incref(self);
  s.i32[w + METHOD_FUNC] = func;
  s.i32[w + METHOD_SELF] = self;
  s.gcTrack(p);
  return p;
}

/** PyMethod_GET_FUNCTION (borrowed). */
export function methodFunc(s: ObjSpace, m: number): number {
  return s.i32[(m >> 2) + METHOD_FUNC]!;
}

/** PyMethod_GET_SELF (borrowed). */
export function methodSelf(s: ObjSpace, m: number): number {
  return s.i32[(m >> 2) + METHOD_SELF]!;
}

/** method_dealloc, phase 1: im_func, then im_self. */
export function methodClear(s: ObjSpace, m: number): void {
  clearWeakrefs(s, m);
  s.gcUntrack(m);
  s.pushRelease(m);
  s.xdecref(s.i32[(m >> 2) + METHOD_SELF]!);
  s.xdecref(s.i32[(m >> 2) + METHOD_FUNC]!);
}

/** Phase 2 for every GC object with no blocks of its own and no free list. */
export function gcObjectRelease(s: ObjSpace, p: number): void {
  s.retire(p);
  s.free(p - GC_HEAD);
}
