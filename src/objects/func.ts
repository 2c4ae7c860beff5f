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

// ── code ─────────────────────────────────────────────────────────────────────

/** Bytes a 3.11 code object with `ncodeunits` 16-bit code units asks for
 *  (_PyObject_VAR_SIZE: basicsize + 2·n, rounded up to 8). */
export function codeBytes(ncodeunits: number): number {
  return (SIZE.CODE_BASE + 2 * ncodeunits + 7) & ~7;
}

/** A code object for entry `index` of the interpreter's code table. Increfs the strs.
 *  New reference. */
export function codeNew(
  s: ObjSpace, index: number, name: number, qualname: number, filename: number, firstlineno: number, ncodeunits: number,
): number {
  const p = s.newObject(TID.CODE, codeBytes(ncodeunits));
  const w = p >> 2;
  s.incref(name);
  s.incref(qualname);
  s.incref(filename);
  s.i32[w + CODE.INDEX] = index;
  s.i32[w + CODE.NAME] = name;
  s.i32[w + CODE.QUALNAME] = qualname;
  s.i32[w + CODE.FILENAME] = filename;
  s.i32[w + CODE.FIRSTLINENO] = firstlineno;
  s.i32[w + CODE.NCODEUNITS] = ncodeunits;
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
  s.decref(s.i32[w + CODE.FILENAME]!);
  s.decref(s.i32[w + CODE.QUALNAME]!);
  s.decref(s.i32[w + CODE.NAME]!);
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
  const p = s.newGcObject(TID.FUNCTION, GC_HEAD + SIZE.FUNCTION);
  const w = p >> 2;
  zeroWords(s.i32, w + 4, w + (SIZE.FUNCTION >> 2));
  const name = codeField(s, code, CODE.NAME);
  if (qualname === 0) qualname = codeField(s, code, CODE.QUALNAME);
  const module = dictGetItemStr(s, globals, strIntern(s, "__name__"));
  s.incref(code);
  s.incref(globals);
  s.incref(name);
  s.incref(qualname);
  s.xincref(module);
  s.i32[w + FUNC.CODE] = code;
  s.i32[w + FUNC.GLOBALS] = globals;
  s.i32[w + FUNC.NAME] = name;
  s.i32[w + FUNC.QUALNAME] = qualname;
  s.i32[w + FUNC.MODULE] = module;
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
  FUNC.GLOBALS, FUNC.BUILTINS, FUNC.MODULE, FUNC.DEFAULTS, FUNC.KWDEFAULTS, FUNC.DOC, FUNC.DICT, FUNC.CLOSURE,
  FUNC.ANNOTATIONS, FUNC.CODE, FUNC.NAME, FUNC.QUALNAME,
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
  const p = s.newGcObject(TID.CELL, GC_HEAD + SIZE.CELL);
  s.i32[(p >> 2) + CELL.REF + 1] = 0;
  s.xincref(v);
  s.i32[(p >> 2) + CELL.REF] = v;
  s.gcTrack(p);
  return p;
}

/** PyCell_GET: borrowed; 0 if empty. */
export function cellGet(s: ObjSpace, c: number): number {
  return s.i32[(c >> 2) + CELL.REF]!;
}

/** PyCell_Set: increfs `v`, drops the old value. */
export function cellSet(s: ObjSpace, c: number, v: number): void {
  const w = (c >> 2) + CELL.REF;
  const old = s.i32[w]!;
  s.xincref(v);
  s.i32[w] = v;
  s.xdecref(old);
}

export function cellClear(s: ObjSpace, c: number): void {
  s.gcUntrack(c);
  s.pushRelease(c);
  s.xdecref(s.i32[(c >> 2) + CELL.REF]!);
}

// ── bound method ─────────────────────────────────────────────────────────────

/** PyMethod_New: increfs both. New reference. */
export function methodNew(s: ObjSpace, func: number, self: number): number {
  const p = s.newGcObject(TID.METHOD, GC_HEAD + SIZE.METHOD);
  const w = p >> 2;
  zeroWords(s.i32, w + 4, w + (SIZE.METHOD >> 2));
  s.incref(func);
  s.incref(self);
  s.i32[w + METHOD.FUNC] = func;
  s.i32[w + METHOD.SELF] = self;
  s.gcTrack(p);
  return p;
}

/** PyMethod_GET_FUNCTION (borrowed). */
export function methodFunc(s: ObjSpace, m: number): number {
  return s.i32[(m >> 2) + METHOD.FUNC]!;
}

/** PyMethod_GET_SELF (borrowed). */
export function methodSelf(s: ObjSpace, m: number): number {
  return s.i32[(m >> 2) + METHOD.SELF]!;
}

/** method_dealloc, phase 1: im_func, then im_self. */
export function methodClear(s: ObjSpace, m: number): void {
  clearWeakrefs(s, m);
  s.gcUntrack(m);
  s.pushRelease(m);
  s.xdecref(s.i32[(m >> 2) + METHOD.SELF]!);
  s.xdecref(s.i32[(m >> 2) + METHOD.FUNC]!);
}

/** Phase 2 for every GC object with no blocks of its own and no free list. */
export function gcObjectRelease(s: ObjSpace, p: number): void {
  s.retire(p);
  s.free(p - GC_HEAD);
}
