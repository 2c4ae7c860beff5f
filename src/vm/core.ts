/**
 * The built-ins that are part of the interpreter's core rather than library functions:
 * calling the built-in types (int(), str(), list(), range(), type(), ...), the lazy
 * iterators (enumerate, zip, map, filter, reversed), iter/next, attribute builtins,
 * __build_class__, slicing helpers, and import of the simulated modules.
 */
import {
  KIND, TID, TYPE, dictGetItemStr, dictLen, dictNew, dictSetItem, floatNew, floatValue,
  intAsNumber, intFromBigInt, intFromNumber, intToBigInt, listLen, listNew,
  objectNew, rangeField, rangeNew, RANGE, setAdd, setLen, setMerge, setNew, strFromJs, strIntern, strToJs, tupleFromArray, listDelAt, listDelSlice,
  listAssExtSlice, listAssSlice, listGenericNew, listGetSlice, listPreallocateExact,
  tupleGet, tupleLen, typeNew, typeOf, dictViewDict, cellSet, dictDelItem, typeDict, dictNextIndex, dictKeyAt, dictValueAt, isSubtype, cellGet,
} from "../objects/index.js";
import { PyRaise, type NativeImpl, type VM } from "./api.js";
import type { Interp } from "./interp.js";
import { VMG } from "./globals.js";
import { hasSourceModuleCode, SOURCE_MODULES, sourceModuleCode } from "./code.js";
import { makeModule } from "./module.js";
import { F, FRAME_HEADER_WORDS, MODULE, PROPERTY_FIELDS, VITER, VTID, WRAPPER } from "./layout.js";
import { defBuiltin, defExceptionMethod, defMethod } from "./natives.js";
import { percentFormat as percentText, type FormatArg, FormatError, strRepr } from "../util/pyformat.js";
import { excStr, reprOf, strOf } from "./repr.js";
import { updateFrom } from "./methods/dict.js";

// ── helpers for natives ─────────────────────────────────────────────────────

/** Positional argument count (n minus keyword arguments). */
export function positionalCount(vm: Interp, n: number, kw: number): number {
  return kw === 0 ? n : n - tupleLen(vm.s, kw);
}

/** The value of keyword argument `name` (borrowed) or 0. */
export function kwArg(vm: Interp, a: number, n: number, kw: number, name: string): number {
  if (kw === 0) return 0;
  const s = vm.s;
  const nkw = tupleLen(s, kw);
  for (let k = 0; k < nkw; k++) if (strToJs(s, tupleGet(s, kw, k)) === name) return vm.i32[a + n - nkw + k]!;
  return 0;
}

function noKeywords(vm: Interp, kw: number, fname: string): void {
  if (kw !== 0 && tupleLen(vm.s, kw) > 0) throw vm.error("TypeError", `${fname}() takes no keyword arguments`);
}

function newRef(vm: Interp, p: number): number {
  vm.s.incref(p);
  return p;
}

const CALLABLE = new Set<number>([TID.FUNCTION, TID.METHOD, VTID.BUILTIN, VTID.METHOD_DESCR, VTID.STATICMETHOD]);

/** PyCallable_Check (callable(), iter(v, w)). */
export function isCallable(vm: VM, p: number): boolean {
  const s = vm.s;
  const t = s.typeId(p);
  if (CALLABLE.has(t) || s.kindOf(t) === KIND.TYPE) return true;
  if (s.kindOf(t) !== KIND.INSTANCE) return false;
  const m = vm.lookupAttr(p, "__call__");
  if (m !== 0) s.decref(m);
  return m !== 0;
}

/** An object of one of the interpreter's REFS types with the given fields (increfed). */
function newRefsObject(vm: Interp, tid: number, fields: number[]): number {
  const s = vm.s;
  // tp_basicsize of these types is the header plus their fields (boot.ts VM_TYPES).
  const p = s.newGcObject(tid, 16 + 16 + fields.length * 8);
  const w = p >> 2;
  s.i32.fill(0, w + 4, w + 4 + fields.length * 2);
  fields.forEach((v, i) => {
    s.xincref(v);
    s.i32[w + 4 + i * 2] = v;
  });
  s.gcTrack(p);
  return p;
}

// ── constructors: calling a built-in type ───────────────────────────────────

function intFromStr(vm: Interp, text: string, base: number): number {
  const given = base; // the message names the base asked for (0), not the one inferred
  const bad = (): never => {
    throw vm.error("ValueError", `invalid literal for int() with base ${given}: ${strRepr(text)}`);
  };
  if (base !== 0 && (base < 2 || base > 36)) throw vm.error("ValueError", "int() base must be >= 2 and <= 36, or 0");
  let t = text.trim();
  if (/^_|__|_$/.test(t.replace(/^[+-]/, ""))) bad();
  t = t.replace(/_/g, "");
  const neg = t.startsWith("-");
  t = t.replace(/^[+-]/, "");
  const prefix = /^0[xX]/.test(t) ? 16 : /^0[oO]/.test(t) ? 8 : /^0[bB]/.test(t) ? 2 : 0;
  if (prefix !== 0 && (base === 0 || base === prefix)) {
    base = prefix;
    t = t.slice(2);
  } else if (base === 0) {
    base = 10;
    // Base 0 reads a literal as Python source does: no leading zeros in a nonzero decimal.
    if (/^0+[1-9]/.test(t)) bad();
  }
  if (t === "") bad();
  const B = BigInt(base);
  let v = 0n;
  for (const ch of t.toLowerCase()) {
    const d = parseInt(ch, 36);
    if (!(d < base)) bad();
    v = v * B + BigInt(d);
  }
  return intFromBigInt(vm.s, neg ? -v : v);
}

function toInt(vm: Interp, a: number, n: number, kw: number): number {
  const s = vm.s;
  const np = positionalCount(vm, n, kw);
  if (np === 0) return intFromNumber(s, 0);
  const x = vm.i32[a]!;
  const baseArg = np > 1 ? vm.i32[a + 1]! : kwArg(vm, a, n, kw, "base");
  const tid = s.typeId(x);
  if (baseArg !== 0) {
    if (tid !== TID.STR) throw vm.error("TypeError", "int() can't convert non-string with explicit base");
    return intFromStr(vm, strToJs(s, x), vm.indexValue(baseArg, ""));
  }
  switch (tid) {
    case TID.INT: return newRef(vm, x);
    case TID.BOOL: return intFromNumber(s, x === vm.True ? 1 : 0);
    case TID.FLOAT: {
      const f = floatValue(s, x);
      if (Number.isNaN(f)) throw vm.error("ValueError", "cannot convert float NaN to integer");
      if (!Number.isFinite(f)) throw vm.error("OverflowError", "cannot convert float infinity to integer");
      const t = Math.trunc(f);
      return Number.isSafeInteger(t) ? intFromNumber(s, t === 0 ? 0 : t) : intFromBigInt(s, BigInt(t));
    }
    case TID.STR: {
      const text = strToJs(s, x);
      const t = text.trim().replace(/(?<=\d)_(?=\d)/g, "");
      if (!/^[+-]?\d+$/.test(t)) throw vm.error("ValueError", `invalid literal for int() with base 10: ${reprOf(vm, x)}`);
      return intFromBigInt(s, BigInt(t));
    }
  }
  if (s.kindOf(tid) === KIND.INSTANCE) {
    for (const dunder of ["__int__", "__index__"]) {
      const m = vm.lookupSpecial(x, dunder);
      if (m !== 0) return vm.callMethod(m, x);
    }
  }
  throw vm.error("TypeError", `int() argument must be a string, a bytes-like object or a real number, not '${vm.typeName(x)}'`);
}

function toFloat(vm: Interp, a: number, n: number): number {
  const s = vm.s;
  if (n === 0) return floatNew(s, 0);
  const x = vm.i32[a]!;
  const tid = s.typeId(x);
  if (tid === TID.FLOAT) return newRef(vm, x);
  if (tid === TID.INT || tid === TID.BOOL) {
    let v = intAsNumber(s, x);
    if (v !== v) {
      v = Number(intToBigInt(s, x));
      if (!Number.isFinite(v)) throw vm.error("OverflowError", "int too large to convert to float");
    }
    return floatNew(s, v);
  }
  if (tid === TID.STR) {
    const t = strToJs(s, x).trim().toLowerCase().replace(/(?<=\d)_(?=\d)/g, "");
    const special: Record<string, number> = { inf: Infinity, "+inf": Infinity, "-inf": -Infinity, infinity: Infinity, "+infinity": Infinity, "-infinity": -Infinity, nan: NaN, "+nan": NaN, "-nan": NaN };
    if (t in special) return floatNew(s, special[t]!);
    if (!/^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)$/.test(t)) {
      throw vm.error("ValueError", `could not convert string to float: ${reprOf(vm, x)}`);
    }
    return floatNew(s, Number(t));
  }
  if (s.kindOf(tid) === KIND.INSTANCE) {
    const m = vm.lookupSpecial(x, "__float__");
    if (m !== 0) return vm.callMethod(m, x);
  }
  throw vm.error("TypeError", `float() argument must be a string or a real number, not '${vm.typeName(x)}'`);
}

function collect(vm: Interp, iterable: number): number[] {
  return vm.unpack(iterable, -1);
}

function toDict(vm: Interp, a: number, n: number, kw: number): number {
  const s = vm.s;
  const np = positionalCount(vm, n, kw);
  const d = dictNew(s);
  try {
    if (np > 0) updateFrom(vm, d, vm.i32[a]!);
    if (kw !== 0) {
      const nkw = tupleLen(s, kw);
      for (let k = 0; k < nkw; k++) dictSetItem(s, d, tupleGet(s, kw, k), vm.i32[a + np + k]!);
    }
  } catch (e) {
    s.decref(d);
    throw e;
  }
  return d;
}

function toRange(vm: Interp, a: number, n: number, kw: number): number {
  noKeywords(vm, kw, "range");
  if (n < 1 || n > 3) throw vm.error("TypeError", n === 0 ? "range expected at least 1 argument, got 0" : `range expected at most 3 arguments, got ${n}`);
  const v = (i: number): number => vm.indexValue(vm.i32[a + i]!, "");
  try {
    if (n === 1) return rangeNew(vm.s, 0, v(0), 1);
    return rangeNew(vm.s, v(0), v(1), n === 3 ? v(2) : 1);
  } catch (e) {
    throw vm.convert(e);
  }
}

/** type.__call__ of a built-in (non-class) type. */
export function construct(vm: Interp, t: number, a: number, n: number, kw: number): number {
  const s = vm.s;
  const tid = s.i32[(t >> 2) + TYPE.ID]!;
  const np = positionalCount(vm, n, kw);
  const one = (name: string): number => {
    if (np > 1) throw vm.error("TypeError", `${name} expected at most 1 argument, got ${np}`);
    return np === 1 ? vm.i32[a]! : 0;
  };
  switch (tid) {
    case TID.INT: return toInt(vm, a, n, kw);
    case TID.FLOAT: return toFloat(vm, a, np);
    case TID.STR: {
      const x = one("str");
      return x === 0 ? newRef(vm, s.emptyStr) : s.typeId(x) === TID.STR ? newRef(vm, x) : strFromJs(s, strOf(vm, x));
    }
    case TID.BOOL: {
      const x = one("bool");
      return x !== 0 && vm.isTrue(x) ? vm.True : vm.False;
    }
    case TID.LIST: {
      // list_vectorcall: PyType_GenericAlloc (not the free list), then list___init___impl:
      // an iterable with a length gets exactly that many slots (list_preallocate_exact;
      // a TypeError from its __len__ is ignored), then list_extend.
      const x = one("list");
      const l = listGenericNew(s);
      if (x !== 0) {
        try {
          if (vm.hasLen(x)) {
            const n = vm.sizeOrMinus1(x);
            if (n > 0) listPreallocateExact(s, l, n);
          }
          vm.listExtendAny(l, x);
        } catch (e) {
          s.decref(l);
          throw e;
        }
      }
      return l;
    }
    case TID.TUPLE: {
      const x = one("tuple");
      if (x === 0) return newRef(vm, s.emptyTuple);
      if (s.typeId(x) === TID.TUPLE) return newRef(vm, x);
      const items = collect(vm, x);
      const r = tupleFromArray(s, items);
      for (const v of items) s.decref(v);
      return r;
    }
    case TID.DICT: return toDict(vm, a, n, kw);
    case TID.SET: {
      const x = one("set");
      const st = setNew(s);
      if (x !== 0 && s.typeId(x) === TID.SET) setMerge(s, st, x);
      else if (x !== 0) {
        const items = collect(vm, x);
        try { for (const v of items) { vm.hash(v); setAdd(s, st, v); } } finally { for (const v of items) s.decref(v); }
      }
      return st;
    }
    case TID.RANGE: return toRange(vm, a, n, kw);
    case TID.OBJECT:
      if (np > 0) throw vm.error("TypeError", "object() takes no arguments");
      return objectNew(s);
    case TID.TYPE: {
      if (np === 1) return newRef(vm, typeOf(s, vm.i32[a]!));
      if (np === 3) {
        try { return typeNew(s, vm.i32[a]!, vm.i32[a + 1]!, vm.i32[a + 2]!); } catch (e) { throw vm.convert(e); }
      }
      throw vm.error("TypeError", "type() takes 1 or 3 arguments");
    }
    case VTID.ENUMERATE: {
      const x = np > 0 ? vm.i32[a]! : kwArg(vm, a, n, kw, "iterable");
      if (x === 0) throw vm.error("TypeError", "enumerate() missing required argument 'iterable' (pos 1)");
      const start = np > 1 ? vm.i32[a + 1]! : kwArg(vm, a, n, kw, "start");
      const it = vm.getIter(x);
      const count = start !== 0 ? newRef(vm, start) : intFromNumber(s, 0);
      const e = newRefsObject(vm, VTID.ENUMERATE, [it, 0, count]);
      s.decref(it);
      s.decref(count);
      return e;
    }
    case VTID.ZIP:
    case VTID.MAP: {
      const first = tid === VTID.MAP ? 1 : 0;
      if (tid === VTID.MAP && np < 2) throw vm.error("TypeError", "map() must have at least two arguments.");
      const its: number[] = [];
      try {
        for (let i = first; i < np; i++) its.push(vm.getIter(vm.i32[a + i]!));
      } catch (e) {
        for (const it of its) s.decref(it);
        throw e;
      }
      const t2 = tupleFromArray(s, its);
      for (const it of its) s.decref(it);
      const z = newRefsObject(vm, tid, [t2, tid === VTID.MAP ? vm.i32[a]! : 0, 0]);
      s.decref(t2);
      return z;
    }
    case VTID.FILTER: {
      if (np !== 2) throw vm.error("TypeError", `filter expected 2 arguments, got ${np}`);
      const it = vm.getIter(vm.i32[a + 1]!);
      const fobj = newRefsObject(vm, VTID.FILTER, [it, vm.i32[a]!, 0]);
      s.decref(it);
      return fobj;
    }
    case VTID.REVERSED: {
      const x = one("reversed");
      if (x === 0) throw vm.error("TypeError", "reversed expected 1 argument, got 0");
      const xt = s.typeId(x);
      if (xt !== TID.LIST && xt !== TID.TUPLE && xt !== TID.STR && xt !== TID.RANGE) {
        if (s.kindOf(xt) === KIND.INSTANCE) {
          const m = vm.lookupSpecial(x, "__reversed__");
          if (m !== 0) return vm.callMethod(m, x);
        }
        throw vm.error("TypeError", `'${vm.typeName(x)}' object is not reversible`);
      }
      const len = vm.lenOf(x);
      const idx = intFromNumber(s, len - 1);
      const r = newRefsObject(vm, VTID.REVERSED, [x, 0, idx]);
      s.decref(idx);
      return r;
    }
    case VTID.STATICMETHOD:
    case VTID.CLASSMETHOD: {
      const fn = one(tid === VTID.STATICMETHOD ? "staticmethod" : "classmethod");
      return newRefsObject(vm, tid, [fn === 0 ? vm.None : fn]);
    }
    case VTID.PROPERTY: {
      // property(fget=None, fset=None, fdel=None)
      const arg = (i: number, name: string): number => (np > i ? vm.i32[a + i]! : kwArg(vm, a, n, kw, name)) || vm.None;
      return newRefsObject(vm, tid, [arg(0, "fget"), arg(1, "fset"), arg(2, "fdel")]);
    }
    case VTID.SLICE: {
      if (np < 1 || np > 3) throw vm.error("TypeError", `slice expected at least 1 argument, got ${np}`);
      if (np === 1) return vm.newSlice(vm.None, vm.i32[a]!, vm.None);
      return vm.newSlice(vm.i32[a]!, vm.i32[a + 1]!, np === 3 ? vm.i32[a + 2]! : vm.None);
    }
  }
  throw vm.error("TypeError", `cannot create '${strToJs(s, s.i32[(t >> 2) + TYPE.NAME]!)}' instances`);
}

/** tp_iternext of enumerate, zip, map, filter and reversed. */
export function vmIterNext(vm: Interp, it: number): number {
  const s = vm.s;
  const w = it >> 2;
  const tid = s.typeId(it);
  const inner = s.i32[w + VITER.ITER]!;
  switch (tid) {
    case VTID.ENUMERATE: {
      const v = vm.iterNext(inner);
      if (v === 0) return 0;
      const count = s.i32[w + VITER.COUNT]!;
      const next = vm.binaryOp(count, s.smallInt(1), 0);
      s.i32[w + VITER.COUNT] = next;
      const pair = tupleFromArray(s, [count, v]);
      s.decref(count);
      s.decref(v);
      return pair;
    }
    case VTID.ZIP:
    case VTID.MAP: {
      const n = tupleLen(s, inner);
      if (n === 0) return 0;
      const items: number[] = [];
      for (let i = 0; i < n; i++) {
        const v = vm.iterNext(tupleGet(s, inner, i));
        if (v === 0) {
          for (const x of items) s.decref(x);
          return 0;
        }
        items.push(v);
      }
      if (tid === VTID.ZIP) {
        const t = tupleFromArray(s, items);
        for (const x of items) s.decref(x);
        return t;
      }
      try {
        return vm.call(s.i32[w + VITER.FUNC]!, ...items);
      } finally {
        for (const x of items) s.decref(x);
      }
    }
    case VTID.FILTER: {
      const fn = s.i32[w + VITER.FUNC]!;
      for (;;) {
        const v = vm.iterNext(inner);
        if (v === 0) return 0;
        let keep: boolean;
        if (fn === vm.None) keep = vm.isTrue(v);
        else {
          const r = vm.call(fn, v);
          keep = vm.isTrue(r);
          s.decref(r);
        }
        if (keep) return v;
        s.decref(v);
      }
    }
    case VTID.CALLITER: {
      // calliter_iternext: call until the result == the sentinel (or StopIteration), then
      // drop both for good.
      if (inner === 0) return 0;
      let r: number;
      try {
        r = vm.call(inner);
      } catch (e) {
        if (!(e instanceof PyRaise && vm.isInstance(e.exc, vm.builtinType("StopIteration")))) throw e;
        s.decref(e.exc);
        r = 0;
      }
      if (r !== 0) {
        let done: boolean;
        try {
          done = vm.eq(s.i32[w + VITER.FUNC]!, r);
        } catch (e) {
          s.decref(r);
          throw e;
        }
        if (!done) return r;
        s.decref(r);
      }
      const sentinel = s.i32[w + VITER.FUNC]!;
      s.i32[w + VITER.ITER] = 0;
      s.i32[w + VITER.FUNC] = 0;
      s.decref(inner);
      s.decref(sentinel);
      return 0;
    }
    case VTID.REVERSED: {
      const idxObj = s.i32[w + VITER.COUNT]!;
      const i = intAsNumber(s, idxObj);
      if (i < 0 || inner === 0) return 0;
      const next = intFromNumber(s, i - 1);
      s.i32[w + VITER.COUNT] = next;
      s.decref(idxObj);
      const key = intFromNumber(s, i);
      try {
        return vm.getItem(inner, key);
      } finally {
        s.decref(key);
      }
    }
  }
  throw vm.error("TypeError", `'${vm.typeName(it)}' object is not an iterator`);
}

/** len() of the types interp.lenOf does not handle itself. */
export function lenOf(vm: Interp, p: number): number {
  const s = vm.s;
  const t = s.typeId(p);
  if (t === TID.SET) return setLen(s, p);
  if (t === TID.RANGE) return rangeField(s, p, RANGE.LENGTH);
  if (t === TID.DICT_KEYS || t === TID.DICT_VALUES || t === TID.DICT_ITEMS) return dictLen(s, dictViewDict(s, p));
  throw vm.error("TypeError", `object of type '${vm.typeName(p)}' has no len()`);
}

export function rangeItem(vm: Interp, r: number, key: number): number {
  const s = vm.s;
  const start = rangeField(s, r, RANGE.START), step = rangeField(s, r, RANGE.STEP), len = rangeField(s, r, RANGE.LENGTH);
  if (s.typeId(key) === VTID.SLICE) {
    const [st, , sstep, n] = vm.sliceIndices(key, len);
    try {
      return rangeNew(s, start + st * step, start + (st + n * sstep) * step, step * sstep);
    } catch (e) {
      throw vm.convert(e);
    }
  }
  let i = vm.indexValue(key, "");
  if (i < 0) i += len;
  if (i < 0 || i >= len) throw vm.error("IndexError", "range object index out of range");
  return intFromNumber(s, start + i * step);
}

/** PySlice_AdjustIndices: [start, stop, step, count] of an unpacked slice (sliceUnpack)
 *  over a sequence of length `len`. */
export function sliceAdjust(start: number | null, stop: number | null, step: number, len: number): [number, number, number, number] {
  const lower = step < 0 ? -1 : 0;
  const upper = step < 0 ? len - 1 : len;
  if (start === null) start = step < 0 ? upper : lower;
  else { if (start < 0) start += len; start = start < lower ? lower : start > upper ? upper : start; }
  if (stop === null) stop = step < 0 ? lower : upper;
  else { if (stop < 0) stop += len; stop = stop < lower ? lower : stop > upper ? upper : stop; }
  let n = 0;
  if (step > 0 ? start < stop : stop < start) n = Math.floor((stop - start - (step > 0 ? 1 : -1)) / step) + 1;
  return [start, stop, step, n];
}

/** list[start:stop:step] = iterable (listobject.c: list_ass_subscript). The value goes
 *  through PySequence_Fast: a list or tuple as it is, the list itself as a copy
 *  (list_slice), anything else as a new list (PySequence_List of its iterator). A step
 *  of 1 is list_ass_slice; any other replaces the slice's items one for one. */
export function listSetSlice(vm: Interp, list: number, sl: number, v: number): void {
  const s = vm.s;
  const [start, stop, step] = vm.sliceUnpack(sl);
  const [from, to] = sliceAdjust(start, stop, step, listLen(s, list));
  const seq = sequenceFast(vm, list, v, step === 1 ? "can only assign an iterable" : "must assign iterable to extended slice");
  try {
    if (step === 1) listAssSlice(s, list, from, to, seq);
    else {
      listAssExtSlice(s, list, (len) => {
        const [b, , by, count] = sliceAdjust(start, stop, step, len);
        return [b, by, count];
      }, seq);
    }
  } finally {
    s.decref(seq);
  }
}

/** PySequence_Fast(v, message) for assigning to a slice of `list` (new reference): a list
 *  or tuple is itself, `list` itself a copy of it (list_ass_slice's and
 *  list_ass_subscript's a[...] = a), anything else a new list made by list_extend over its
 *  iterator; `message` is the TypeError for what is not iterable. */
function sequenceFast(vm: Interp, list: number, v: number, message: string): number {
  const s = vm.s;
  if (v === list) return listGetSlice(s, list, (len) => [0, 1, len]);
  const t = s.typeId(v);
  if (t === TID.LIST || t === TID.TUPLE) {
    s.incref(v);
    return v;
  }
  const it = vm.getIterOr(v, message);
  try {
    const l = listNew(s, 0);
    try {
      vm.listExtendAny(l, it);
    } catch (e) {
      s.decref(l);
      throw e;
    }
    return l;
  } finally {
    s.decref(it);
  }
}

/** del list[i] and del list[slice]. */
export function listDelItem(vm: Interp, list: number, key: number): void {
  const s = vm.s;
  // The indices are taken against the length in the list's critical section (another
  // thread may append or delete meanwhile); __index__ runs before it.
  if (s.typeId(key) === VTID.SLICE) {
    const [start, stop, step] = vm.sliceUnpack(key);
    listDelSlice(s, list, (len) => {
      const [from, , by, n] = sliceAdjust(start, stop, step, len);
      return [from, by, n];
    });
    return;
  }
  const i = vm.indexValue(key, "");
  listDelAt(s, list, i);
}

function formatArg(vm: Interp, p: number): FormatArg {
  const s = vm.s;
  const t = s.typeId(p);
  if (t === TID.INT) return { kind: "int", v: intToBigInt(s, p) };
  if (t === TID.BOOL) return { kind: "int", v: p === vm.True ? 1n : 0n, name: p === vm.True ? "True" : "False" };
  if (t === TID.FLOAT) return { kind: "float", v: floatValue(s, p) };
  if (t === TID.STR) return { kind: "str", v: strToJs(s, p) };
  return { kind: "other", typeName: vm.typeName(p), str: () => strOf(vm, p), repr: () => reprOf(vm, p) };
}

/** str % args. */
export function percentFormat(vm: Interp, fmt: number, args: number): number {
  const s = vm.s;
  const t = s.typeId(args);
  const list = t === TID.TUPLE ? Array.from({ length: tupleLen(s, args) }, (_, i) => formatArg(vm, tupleGet(s, args, i))) : [formatArg(vm, args)];
  const mapping = t === TID.DICT ? (key: string): FormatArg => {
    const v = dictGetItemStr(s, args, strIntern(s, key));
    if (v === 0) throw vm.keyError(strFromJs(s, key));
    return formatArg(vm, v);
  } : undefined;
  try {
    return strFromJs(s, percentText(strToJs(s, fmt), list, mapping));
  } catch (e) {
    if (e instanceof FormatError) throw vm.error(e.pyType, e.message);
    throw e;
  }
}

/** IMPORT_NAME: sys.modules, else a module written in Python (threading), whose body
 *  runs now, under the GIL, in a module object registered first (as importlib does, so
 *  a circular import sees the partial module). */
export function importModule(vm: Interp, name: number): number {
  const s = vm.s;
  const modules = s.i32[VMG.MODULES]!;
  let m = dictGetItemStr(s, modules, name);
  if (m === 0) {
    const js = strToJs(s, name);
    if (!SOURCE_MODULES.has(js) || !hasSourceModuleCode(js)) throw vm.error("ModuleNotFoundError", `No module named '${js}'`);
    m = makeModule(s, js);
    dictSetItem(s, modules, name, m);
    const dict = s.i32[(m >> 2) + MODULE.DICT]!;
    dictSetItem(s, dict, strIntern(s, "__builtins__"), dictGetItemStr(s, modules, strIntern(s, "builtins")));
    const root = sourceModuleCode(js);
    const index = vm.codes.findIndex((c) => c.co === root);
    try {
      s.decref(vm.runBody(index, dict, dict, 0));
    } catch (e) {
      dictDelItem(s, modules, name);
      throw e;
    }
  }
  s.incref(m);
  return m;
}

// ── builtins owned by the core ──────────────────────────────────────────────

/** iter(object) and iter(callable, sentinel) (builtin_iter): the second a callable_iterator
 *  (PyCallIter_New). */
const iterImpl: NativeImpl = (vm, a, n, kw) => {
  const iv = vm as Interp;
  if (kw !== 0 && tupleLen(vm.s, kw) !== 0) throw vm.error("TypeError", "iter() takes no keyword arguments");
  if (n < 1) throw vm.error("TypeError", `iter expected at least 1 argument, got ${n}`);
  if (n > 2) throw vm.error("TypeError", `iter expected at most 2 arguments, got ${n}`);
  if (n === 1) return vm.getIter(vm.i32[a]!);
  const callable = vm.i32[a]!;
  if (!isCallable(iv, callable)) throw vm.error("TypeError", "iter(v, w): v must be callable");
  return newRefsObject(iv, VTID.CALLITER, [callable, vm.i32[a + 1]!, 0]);
};

const nextImpl: NativeImpl = (vm, a, n) => {
  if (n < 1 || n > 2) throw vm.error("TypeError", `next expected at least 1 argument, got ${n}`);
  const it = vm.i32[a]!;
  const iv = vm as Interp;
  const t = vm.s.typeId(it);
  const isIter = (t >= TID.RANGE_ITER && t <= TID.SET_ITER) || (t >= VTID.ENUMERATE && t <= VTID.REVERSED) || t === VTID.CALLITER || iv.lookupSpecial(it, "__next__") !== 0;
  if (!isIter) throw vm.error("TypeError", `'${vm.typeName(it)}' object is not an iterator`);
  const v = vm.iterNext(it);
  if (v !== 0) return v;
  if (n === 2) return newRef(iv, vm.i32[a + 1]!);
  throw vm.error("StopIteration", "");
};

function attrName(vm: Interp, p: number, fname: string): number {
  if (vm.s.typeId(p) !== TID.STR) throw vm.error("TypeError", `${fname}(): attribute name must be string, not '${vm.typeName(p)}'`);
  return strIntern(vm.s, strToJs(vm.s, p));
}

const getattrImpl: NativeImpl = (vm, a, n) => {
  const iv = vm as Interp;
  if (n < 2 || n > 3) throw vm.error("TypeError", `getattr expected at least 2 arguments, got ${n}`);
  const name = attrName(iv, vm.i32[a + 1]!, "getattr");
  if (n === 2) return iv.getAttrStr(vm.i32[a]!, name, true);
  const v = iv.getAttrStr(vm.i32[a]!, name, false);
  return v !== 0 ? v : newRef(iv, vm.i32[a + 2]!);
};

const setattrImpl: NativeImpl = (vm, a, n) => {
  const iv = vm as Interp;
  if (n !== 3) throw vm.error("TypeError", `setattr expected 3 arguments, got ${n}`);
  iv.setAttrStr(vm.i32[a]!, attrName(iv, vm.i32[a + 1]!, "setattr"), vm.i32[a + 2]!);
  return newRef(iv, vm.None);
};

const delattrImpl: NativeImpl = (vm, a, n) => {
  const iv = vm as Interp;
  if (n !== 2) throw vm.error("TypeError", `delattr expected 2 arguments, got ${n}`);
  iv.setAttrStr(vm.i32[a]!, attrName(iv, vm.i32[a + 1]!, "delattr"), 0);
  return newRef(iv, vm.None);
};

const hasattrImpl: NativeImpl = (vm, a, n) => {
  const iv = vm as Interp;
  if (n !== 2) throw vm.error("TypeError", `hasattr expected 2 arguments, got ${n}`);
  const v = iv.getAttrStr(vm.i32[a]!, attrName(iv, vm.i32[a + 1]!, "hasattr"), false);
  if (v === 0) return vm.False;
  vm.s.decref(v);
  return vm.True;
};

/** type_new's last steps for a class just made: type_new_set_names (each attribute whose
 *  type has __set_name__ is told its owner and name), then type_new_init_subclass (the
 *  first __init_subclass__ along the MRO after the class is called with it; one defined
 *  in a class body is a classmethod implicitly, as type_new makes it). */
function classCreated(vm: Interp, cls: number): void {
  const s = vm.s;
  const d = typeDict(s, cls);
  // (Read first, references taken only for those: most classes have none, and their
  // creation stays as it was.)
  const items: number[] = [];
  for (let ix = dictNextIndex(s, d, 0); ix >= 0; ix = dictNextIndex(s, d, ix + 1)) {
    const value = dictValueAt(s, d, ix);
    if (s.kindOf(s.typeId(value)) === KIND.INSTANCE && vm.lookupSpecial(value, "__set_name__") !== 0) items.push(dictKeyAt(s, d, ix), value);
  }
  for (const p of items) s.incref(p);
  try {
    for (let j = 0; j < items.length; j += 2) {
      const setName = vm.lookupSpecial(items[j + 1]!, "__set_name__");
      if (setName !== 0) s.decref(vm.call(setName, items[j + 1]!, cls, items[j]!));
    }
  } finally {
    for (const p of items) s.decref(p);
  }
  const mro = s.i32[(cls >> 2) + TYPE.MRO]!;
  const hook = vm.n.__init_subclass__!;
  for (let i = 1, n = tupleLen(s, mro); i < n; i++) {
    const f = dictGetItemStr(s, typeDict(s, tupleGet(s, mro, i)), hook);
    if (f === 0) continue;
    const t = s.typeId(f);
    const fn = t === VTID.CLASSMETHOD ? s.i32[(f >> 2) + WRAPPER.FUNC]! : f;
    if (t === TID.FUNCTION || t === VTID.CLASSMETHOD) s.decref(vm.call(fn, cls));
    return;
  }
}

/** builtins.__build_class__(func, name, *bases): run the class body, then type(). */
const buildClassImpl: NativeImpl = (vm, a, n) => {
  const iv = vm as Interp;
  const s = vm.s;
  if (n < 2) throw vm.error("TypeError", "__build_class__: not enough arguments");
  const func = vm.i32[a]!;
  const name = vm.i32[a + 1]!;
  const bases: number[] = [];
  for (let i = 2; i < n; i++) bases.push(vm.i32[a + i]!);
  const ns = dictNew(s);
  try {
    const codeObj = s.i32[(func >> 2) + 12]!; // FUNC.CODE
    const globals = s.i32[(func >> 2) + 4]!; // FUNC.GLOBALS
    const closure = s.i32[(func >> 2) + 18]!; // FUNC.CLOSURE
    const r = iv.runBody(s.i32[(codeObj >> 2) + 4]!, globals, ns, closure);
    const cell = r !== vm.None && s.typeId(r) === TID.CELL ? r : 0;
    // type_new_set_attrs: a __new__ defined as a plain function is a static method.
    const nw = dictGetItemStr(s, ns, iv.n.__new__!);
    if (nw !== 0 && s.typeId(nw) === TID.FUNCTION) {
      const sm = newRefsObject(iv, VTID.STATICMETHOD, [nw]);
      dictSetItem(s, ns, iv.n.__new__!, sm);
      s.decref(sm);
    }
    const basesT = tupleFromArray(s, bases);
    let cls: number;
    try {
      cls = typeNew(s, name, basesT, ns);
    } catch (e) {
      s.decref(basesT);
      s.decref(r);
      throw iv.convert(e);
    }
    s.decref(basesT);
    if (cell !== 0) cellSet(s, cell, cls);
    s.decref(r);
    try {
      classCreated(iv, cls);
    } catch (e) {
      s.decref(cls);
      throw e;
    }
    return cls;
  } finally {
    s.decref(ns);
  }
};

/** super() / super(type, obj) (typeobject.c: super_init): the object the compiler's
 *  LOAD_SUPER_METHOD shortcut does without, for the other uses (a module-level
 *  super(B, obj), `s = super()`, `super().attr`). Without arguments: the calling
 *  frame's first argument and its __class__ cell. */
const superImpl: NativeImpl = (vm, a, n, kw) => {
  const iv = vm as Interp;
  const s = vm.s;
  if (kw !== 0) throw vm.error("TypeError", "super() takes no keyword arguments");
  let type: number, obj: number;
  if (n === 0) {
    const f = iv.fp;
    const code = f === 0 ? null : iv.codeAt(vm.i32[f + F.CODE]!);
    if (code === null || code.co.argcount + code.co.posonlyargcount === 0) throw vm.error("RuntimeError", "super(): no arguments");
    const lp = f + FRAME_HEADER_WORDS;
    obj = vm.i32[lp]!;
    if (obj !== 0 && s.typeId(obj) === TID.CELL) obj = cellGet(s, obj);
    if (obj === 0) throw vm.error("RuntimeError", "super(): arg[0] deleted");
    const k = code.co.localsplusnames.indexOf("__class__");
    const cell = k < 0 ? 0 : vm.i32[lp + k]!;
    type = cell !== 0 && s.typeId(cell) === TID.CELL ? cellGet(s, cell) : 0;
    if (type === 0) throw vm.error("RuntimeError", "super(): __class__ cell not found");
  } else if (n === 2) {
    type = vm.i32[a]!;
    obj = vm.i32[a + 1]!;
    if (s.kindOf(s.typeId(type)) !== KIND.TYPE) throw vm.error("TypeError", `super() argument 1 must be a type, not ${iv.typeName(type)}`);
  } else {
    throw vm.error("TypeError", n === 1 ? "gilsim does not support unbound super objects (super(type)) yet" : `super() takes at most 2 arguments (${n} given)`);
  }
  // supercheck: obj an instance of type, or a subclass of it.
  let objType: number;
  if (s.kindOf(s.typeId(obj)) === KIND.TYPE && isSubtype(s, obj, type)) objType = obj;
  else if (isSubtype(s, typeOf(s, obj), type)) objType = typeOf(s, obj);
  else throw vm.error("TypeError", "super(type, obj): obj must be an instance or subtype of type");
  return newRefsObject(iv, VTID.SUPER, [type, obj, objType]);
};

defBuiltin("iter", iterImpl);
defBuiltin("next", nextImpl);
defBuiltin("getattr", getattrImpl);
defBuiltin("setattr", setattrImpl);
defBuiltin("delattr", delattrImpl);
defBuiltin("hasattr", hasattrImpl);
defBuiltin("__build_class__", buildClassImpl);
defBuiltin("super", superImpl);


// ── BaseException's methods ─────────────────────────────────────────────────

/** BaseException.__init__(self, *args): self.args = args. */
defExceptionMethod("__init__", (vm, a, n, kw) => {
  const iv = vm as Interp;
  const s = vm.s;
  const np = positionalCount(iv, n, kw);
  const args: number[] = [];
  for (let i = 1; i < np; i++) args.push(vm.i32[a + i]!);
  const t = tupleFromArray(s, args);
  try {
    iv.setExceptionArgs(vm.i32[a]!, t);
  } finally {
    s.decref(t);
  }
  return vm.None;
});

defExceptionMethod("__str__", (vm, a) => strFromJs(vm.s, excStr(vm as Interp, vm.i32[a]!)));
defExceptionMethod("__repr__", (vm, a) => strFromJs(vm.s, reprOf(vm as Interp, vm.i32[a]!)));
defExceptionMethod("with_traceback", (vm, a) => newRef(vm as Interp, vm.i32[a]!));

// ── property's decorators: x.setter(f) and friends make a copy with one accessor replaced ──

function propertyWith(vm: Interp, a: number, n: number, field: number): number {
  if (n !== 2) throw vm.error("TypeError", `expected 1 argument, got ${n - 1}`);
  const p = vm.i32[a]! >> 2;
  const fields = [vm.i32[p + PROPERTY_FIELDS.FGET]!, vm.i32[p + PROPERTY_FIELDS.FSET]!, vm.i32[p + PROPERTY_FIELDS.FDEL]!];
  fields[(field - PROPERTY_FIELDS.FGET) / 2] = vm.i32[a + 1]!;
  return newRefsObject(vm, VTID.PROPERTY, fields);
}

defMethod(VTID.PROPERTY, "getter", (vm, a, n) => propertyWith(vm as Interp, a, n, PROPERTY_FIELDS.FGET));
defMethod(VTID.PROPERTY, "setter", (vm, a, n) => propertyWith(vm as Interp, a, n, PROPERTY_FIELDS.FSET));
defMethod(VTID.PROPERTY, "deleter", (vm, a, n) => propertyWith(vm as Interp, a, n, PROPERTY_FIELDS.FDEL));
