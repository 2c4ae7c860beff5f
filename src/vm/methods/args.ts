/**
 * Argument parsing for natives, with CPython 3.11's error messages. CPython has several
 * calling conventions, and each words its errors its own way; the helper names say which
 * one a native models:
 *
 *   noArgs       METH_NOARGS            "str.upper() takes no arguments (1 given)"
 *   oneArg       METH_O                 "list.append() takes exactly one argument (0 given)"
 *   positional   Argument Clinic,       "pop expected at most 1 argument, got 2"
 *                positional-only        (Python/getargs.c: _PyArg_CheckPositional)
 *   tupleArgs    PyArg_ParseTuple       "find() takes at least 1 argument (0 given)"
 *   keywords     Clinic with keywords   "split() takes at most 2 arguments (3 given)",
 *                                       "'x' is an invalid keyword argument for split()"
 *                                       (getargs.c: _PyArg_UnpackKeywords)
 *
 * Calling convention (api.ts): the n argument values are vm.i32[a .. a+n), borrowed; `kw`
 * is 0 or a tuple naming the last tupleLen(kw) of them. For a method, argument 0 is self
 * and the counts in messages leave it out, as CPython's do.
 */
import { FormatError } from "../../util/pyformat.js";
import { floatValue } from "../../objects/float.js";
import { intAsNumber, intToBigInt } from "../../objects/int.js";
import { KIND, TID } from "../../objects/layout.js";
import { strToJs } from "../../objects/str.js";
import { tupleGet, tupleLen } from "../../objects/tuple.js";
import type { VM } from "../api.js";

/** Interpreter operations natives use when the VM offers them (Interp does; api.ts does not
 *  declare them yet). Each has a fallback here for built-in types. */
export interface VMExtras {
  binaryOp?(a: number, b: number, oparg: number): number;
  getItem?(container: number, key: number): number;
  lenOf?(p: number): number;
  contains?(container: number, x: number): boolean;
  callObject?(callable: number, a: number, n: number, kw: number): number;
  /** PyObject_RichCompare(a, b, op) with op a CMP_* (Py_LT = 0 ... Py_GE = 5): new reference. */
  richCompare?(a: number, b: number, op: number): number;
}
export const extras = (vm: VM): VMExtras => vm as VM & VMExtras;

/** Keyword arguments in this call. */
export function kwCount(vm: VM, kw: number): number {
  return kw === 0 ? 0 : tupleLen(vm.s, kw);
}

const plural = (k: number, word: string): string => `${k} ${word}${k === 1 ? "" : "s"}`;

/** "{qual}() takes no keyword arguments" unless kw is empty. */
export function noKeywords(vm: VM, qual: string, kw: number): void {
  if (kwCount(vm, kw) !== 0) throw vm.error("TypeError", `${qual}() takes no keyword arguments`);
}

/** METH_NOARGS method (n counts self). */
export function noArgs(vm: VM, qual: string, n: number, kw: number): void {
  if (kw !== 0) noKeywords(vm, qual, kw);
  if (n !== 1) throw vm.error("TypeError", `${qual}() takes no arguments (${n - 1} given)`);
}

/** METH_O: exactly one argument besides self (`self` is 1 for methods, 0 for builtins). */
export function oneArg(vm: VM, qual: string, n: number, kw: number, self: 0 | 1): void {
  if (kw !== 0) noKeywords(vm, qual, kw);
  if (n - self !== 1) throw vm.error("TypeError", `${qual}() takes exactly one argument (${n - self} given)`);
}

/** Clinic positional-only parameters: `got` positional arguments (self left out). */
export function positional(vm: VM, qual: string, got: number, kw: number, min: number, max: number): void {
  if (kw !== 0) noKeywords(vm, qual, kw);
  if (got >= min && got <= max) return; // the common case allocates nothing
  const name = qual.slice(qual.lastIndexOf(".") + 1);
  if (got < min) {
    throw vm.error("TypeError", `${name} expected ${min === max ? "" : "at least "}${plural(min, "argument")}, got ${got}`);
  }
  if (got > max) {
    throw vm.error("TypeError", `${name} expected ${min === max ? "" : "at most "}${plural(max, "argument")}, got ${got}`);
  }
}

/** PyArg_ParseTuple("O|OO:name"): `got` positional arguments (self left out). */
export function tupleArgs(vm: VM, qual: string, got: number, kw: number, min: number, max: number): void {
  if (kw !== 0) noKeywords(vm, qual, kw);
  if (got >= min && got <= max) return;
  const name = qual.slice(qual.lastIndexOf(".") + 1);
  if (got < min) {
    throw vm.error("TypeError", `${name}() takes ${min === max ? "exactly" : "at least"} ${plural(min, "argument")} (${got} given)`);
  }
  if (got > max) {
    throw vm.error("TypeError", `${name}() takes ${min === max ? "exactly" : "at most"} ${plural(max, "argument")} (${got} given)`);
  }
}

/**
 * _PyArg_UnpackKeywords: parameters `names` (the first `posOnly` positional-only, the
 * first `required` required, at most `maxPos` accepted by position). Arguments start at
 * a + skip (skip = 1 for self). Returns one borrowed value per name, 0 when absent.
 */
export function keywords(
  vm: VM, fname: string, a: number, n: number, kw: number, skip: number,
  names: readonly string[], posOnly: number, required: number, maxPos: number = names.length,
): number[] {
  const s = vm.s;
  const i32 = vm.i32;
  const nkw = kwCount(vm, kw);
  const nargs = n - skip - nkw;
  const max = names.length;
  if (nargs + nkw > max) {
    throw vm.error("TypeError",
      `${fname}() takes at most ${max} ${nargs === 0 ? "keyword " : ""}argument${max === 1 ? "" : "s"} (${nargs + nkw} given)`);
  }
  if (nargs > maxPos) {
    if (maxPos === 0) throw vm.error("TypeError", `${fname}() takes no positional arguments`);
    throw vm.error("TypeError",
      `${fname}() takes ${posOnly < maxPos ? "at most" : "exactly"} ${plural(maxPos, "positional argument")} (${nargs} given)`);
  }
  if (nargs < posOnly && nargs < required) {
    const k = Math.min(posOnly, required);
    throw vm.error("TypeError",
      `${fname}() takes ${k < maxPos ? "at least" : "exactly"} ${plural(k, "positional argument")} (${nargs} given)`);
  }
  const out = new Array<number>(max).fill(0);
  for (let i = 0; i < nargs; i++) out[i] = i32[a + skip + i]!;
  const used = new Array<boolean>(nkw).fill(false);
  for (let j = 0; j < nkw; j++) {
    const key = strToJs(s, tupleGet(s, kw, j));
    const ix = names.indexOf(key);
    if (ix < 0 || ix < posOnly) continue;
    if (ix < nargs) throw vm.error("TypeError", `argument for ${fname}() given by name ('${key}') and position (${ix + 1})`);
    out[ix] = i32[a + skip + nargs + j]!;
    used[j] = true;
  }
  for (let i = 0; i < required; i++) {
    if (out[i] === 0) throw vm.error("TypeError", `${fname}() missing required argument '${names[i]}' (pos ${i + 1})`);
  }
  for (let j = 0; j < nkw; j++) {
    if (!used[j]) {
      throw vm.error("TypeError", `'${strToJs(s, tupleGet(s, kw, j))}' is an invalid keyword argument for ${fname}()`);
    }
  }
  return out;
}

/** False when iter(p) certainly fails with "not iterable" (PySequence_Fast's message
 *  then replaces that TypeError). */
export function maybeIterable(vm: VM, p: number): boolean {
  const s = vm.s;
  const t = s.typeId(p);
  if (NOT_ITERABLE.has(t)) return false;
  if (s.kindOf(t) !== KIND.INSTANCE) return true;
  for (const name of ["__iter__", "__getitem__"]) {
    const m = vm.lookupAttr(p, name);
    if (m !== 0) {
      s.decref(m);
      return true;
    }
  }
  return false;
}
const NOT_ITERABLE = new Set<number>([
  TID.NONE, TID.BOOL, TID.INT, TID.FLOAT, TID.FUNCTION, TID.CODE, TID.CELL, TID.METHOD, TID.OBJECT, TID.TYPE,
]);

// ── conversions ─────────────────────────────────────────────────────────────

export const isInt = (vm: VM, p: number): boolean => {
  const t = vm.s.typeId(p);
  return t === TID.INT || t === TID.BOOL;
};

export function isStr(vm: VM, p: number): boolean {
  return vm.s.typeId(p) === TID.STR;
}

/** An index argument (PyNumber_AsSsize_t): TypeError for non-ints. */
export function indexArg(vm: VM, p: number): number {
  return vm.indexValue(p, "");
}

/** An optional index where None means the default (_PyEval_SliceIndex for find/count/index:
 *  "slice indices must be integers or None or have an __index__ method"). */
export function sliceIndex(vm: VM, p: number, dflt: number): number {
  if (p === 0 || p === vm.None) return dflt;
  if (!isInt(vm, p)) throw vm.error("TypeError", "slice indices must be integers or None or have an __index__ method");
  const v = intAsNumber(vm.s, p);
  if (v === v) return v;
  return intToBigInt(vm.s, p) < 0n ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER; // clamps, as CPython's
}

/** CPython's adjust_indices / PySlice_AdjustIndices for [start:end] over `len`. */
export function adjustIndices(start: number, end: number, len: number): [number, number] {
  if (end > len) end = len;
  else if (end < 0) {
    end += len;
    if (end < 0) end = 0;
  }
  if (start < 0) {
    start += len;
    if (start < 0) start = 0;
  }
  return [start, end];
}

/** A str argument as JS text, or TypeError "must be str, not int". */
export function strArg(vm: VM, p: number, msg?: (typeName: string) => string): string {
  if (!isStr(vm, p)) throw vm.error("TypeError", msg ? msg(vm.typeName(p)) : `must be str, not ${vm.typeName(p)}`);
  return strToJs(vm.s, p);
}

/** A float or int as a JS number (exact for floats). */
export function numberValue(vm: VM, p: number): number {
  return vm.s.typeId(p) === TID.FLOAT ? floatValue(vm.s, p) : Number(intToBigInt(vm.s, p));
}

/** Run a formatter from format.ts, raising its FormatError as the Python exception. */
export function formatting<T>(vm: VM, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof FormatError) throw vm.error(e.pyType, e.message);
    throw e;
  }
}

/** The items of any iterable, each a NEW reference (the caller decrefs them). */
export function collect(vm: VM, iterable: number): number[] {
  const it = vm.getIter(iterable);
  const items: number[] = [];
  try {
    for (let v = vm.iterNext(it); v !== 0; v = vm.iterNext(it)) items.push(v);
  } catch (e) {
    for (const v of items) vm.s.decref(v);
    throw e;
  } finally {
    vm.s.decref(it);
  }
  return items;
}

/** Decref every item of an array of owned references. */
export function decrefAll(vm: VM, items: readonly number[]): void {
  for (const v of items) vm.s.decref(v);
}

/** A new reference to None / a bool. */
export function none(vm: VM): number {
  vm.s.incref(vm.None);
  return vm.None;
}

export function bool(vm: VM, b: boolean): number {
  const p = b ? vm.True : vm.False;
  vm.s.incref(p);
  return p;
}
