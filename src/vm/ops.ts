/**
 * Arithmetic and comparison on built-in types (Objects/longobject.c, floatobject.c,
 * unicodeobject.c, listobject.c, tupleobject.c): what BINARY_OP and COMPARE_OP do when
 * neither operand is an instance of a class with the matching dunder.
 *
 * Ints take a JS-number fast path while both operands and the result are safe integers,
 * and BigInt otherwise; results are exact at any size. Each function returns a new
 * reference, or 0 for NotImplemented (the interpreter then tries the reflected dunder and
 * raises CPython's TypeError).
 */
import { floatNew, floatValue } from "../objects/float.js";
import { intAsNumber, intFromBigInt, intFromNumber, intToBigInt } from "../objects/int.js";
import { TID } from "../objects/layout.js";
import { listConcat, listGet, listLen, listRepeat } from "../objects/list.js";
import type { ObjSpace } from "../objects/space.js";
import { strConcat, strFromJs, strToJs } from "../objects/str.js";
import { tupleGet, tupleLen, tupleNew, tupleInit, tuplePack2 } from "../objects/tuple.js";
import { dictViewDict } from "../objects/iter.js";
import { dictGetItem, dictKeyAt, dictLen, dictNextIndex, dictValueAt } from "../objects/dict.js";
import { setAdd, setContains, setDiscard, setKeyAt, setLen, setMerge, setNew, setNextIndex } from "../objects/set.js";
import type { VM } from "./api.js";
import { bigTrueDivide, powDouble } from "../util/pow.js";

/** BINARY_OP +, -, *, % on two ints that are safe integers but not both one digit
 *  (sums and products past 2**30): a new int, or 0 for the general path (ops.ts).
 *  Exact: +, - and % of safe integers are exact in doubles, and a product that is not
 *  exact is above 2**53, which the range check rejects. */
export function wideIntOp(s: ObjSpace, a: number, b: number, oparg: number): number {
  const x = intAsNumber(s, a);
  const y = intAsNumber(s, b);
  let v: number;
  switch (oparg) {
    case 0: case 13: v = x + y; break;
    case 10: case 23: v = x - y; break;
    case 5: case 18: v = x * y; break;
    case 6: case 19: {
      if (y === 0) return 0;
      const m = x % y;
      v = m !== 0 && (m < 0) !== (y < 0) ? m + y : m === 0 ? 0 : m;
      break;
    }
    default: return 0;
  }
  // NaN (an operand past 2**53) fails both tests.
  if (v >= -9007199254740991 && v <= 9007199254740991) return intFromNumber(s, v === 0 ? 0 : v);
  return 0;
}

/** BINARY_OP opargs (Include/opcode.h NB_*); in-place forms are these + 13. */
export enum NB {
  ADD = 0, AND = 1, FLOOR_DIVIDE = 2, LSHIFT = 3, MATRIX_MULTIPLY = 4, MULTIPLY = 5, REMAINDER = 6, OR = 7,
  POWER = 8, RSHIFT = 9, SUBTRACT = 10, TRUE_DIVIDE = 11, XOR = 12,
}
export const NB_SYMBOL = ["+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^"] as const;
export const NB_DUNDER = ["add", "and", "floordiv", "lshift", "matmul", "mul", "mod", "or", "pow", "rshift", "sub", "truediv", "xor"] as const;

function isIntTid(t: number): boolean {
  return t === TID.INT || t === TID.BOOL;
}

function isSeqTid(t: number): boolean {
  return t === TID.STR || t === TID.LIST || t === TID.TUPLE;
}

function isNumTid(t: number): boolean {
  return t === TID.INT || t === TID.BOOL || t === TID.FLOAT;
}

function bigFloorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

function bigMod(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && (r < 0n) !== (b < 0n) ? r + b : r;
}

/** Python's float %: the result has the sign of the divisor. */
function floatMod(a: number, b: number): number {
  let m = a % b;
  if (m !== 0) {
    if ((b < 0) !== (m < 0)) m += b;
  } else {
    m = b < 0 ? -0 : 0;
  }
  return m;
}

function floatFloorDiv(a: number, b: number): number {
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && (b < 0) !== (mod < 0)) div -= 1;
  if (div === 0) return (a / b < 0 ? -0 : 0);
  const floordiv = Math.floor(div);
  return div - floordiv > 0.5 ? floordiv + 1 : floordiv;
}

function intResult(s: ObjSpace, v: number): number {
  return intFromNumber(s, v);
}

/** int op int. */
function intOp(vm: VM, a: number, b: number, op: number): number {
  const s = vm.s;
  const x = intAsNumber(s, a);
  const y = intAsNumber(s, b);
  if (x === x && y === y) {
    // Both safe integers (intAsNumber gives NaN otherwise).
    let r: number;
    switch (op) {
      case NB.ADD: r = x + y; break;
      case NB.SUBTRACT: r = x - y; break;
      case NB.MULTIPLY: r = x * y; break;
      case NB.FLOOR_DIVIDE:
        if (y === 0) throw vm.error("ZeroDivisionError", "integer division or modulo by zero");
        r = Math.floor(x / y);
        if (!Number.isSafeInteger(r) || Math.abs(x) > 2 ** 52) return bigOp(vm, a, b, op);
        return intResult(s, r);
      case NB.REMAINDER:
        if (y === 0) throw vm.error("ZeroDivisionError", "integer modulo by zero");
        r = x % y;
        if (r !== 0 && (r < 0) !== (y < 0)) r += y;
        return intResult(s, r === 0 ? 0 : r);
      case NB.TRUE_DIVIDE:
        if (y === 0) throw vm.error("ZeroDivisionError", "division by zero");
        return floatNew(s, x / y);
      case NB.POWER:
        if (y < 0) {
          if (x === 0) throw vm.error("ZeroDivisionError", "0.0 cannot be raised to a negative power");
          return floatNew(s, powDouble(x, y));
        }
        r = x ** y;
        if (!Number.isSafeInteger(r)) return bigOp(vm, a, b, op);
        return intResult(s, r);
      case NB.AND: if ((x | 0) === x && (y | 0) === y) return intResult(s, x & y); return bigOp(vm, a, b, op);
      case NB.OR: if ((x | 0) === x && (y | 0) === y) return intResult(s, x | y); return bigOp(vm, a, b, op);
      case NB.XOR: if ((x | 0) === x && (y | 0) === y) return intResult(s, x ^ y); return bigOp(vm, a, b, op);
      case NB.LSHIFT:
      case NB.RSHIFT:
        return bigOp(vm, a, b, op);
      default:
        return 0;
    }
    if (Number.isSafeInteger(r)) return intResult(s, r === 0 ? 0 : r);
  }
  return bigOp(vm, a, b, op);
}

function bigOp(vm: VM, a: number, b: number, op: number): number {
  const s = vm.s;
  const x = intToBigInt(s, a);
  const y = intToBigInt(s, b);
  let r: bigint;
  switch (op) {
    case NB.ADD: r = x + y; break;
    case NB.SUBTRACT: r = x - y; break;
    case NB.MULTIPLY: r = x * y; break;
    case NB.FLOOR_DIVIDE:
      if (y === 0n) throw vm.error("ZeroDivisionError", "integer division or modulo by zero");
      r = bigFloorDiv(x, y); break;
    case NB.REMAINDER:
      if (y === 0n) throw vm.error("ZeroDivisionError", "integer modulo by zero");
      r = bigMod(x, y); break;
    case NB.TRUE_DIVIDE: {
      if (y === 0n) throw vm.error("ZeroDivisionError", "division by zero");
      const q = bigTrueDivide(x, y);
      if (!Number.isFinite(q)) throw vm.error("OverflowError", "integer division result too large for a float");
      return floatNew(s, q);
    }
    case NB.POWER:
      if (y < 0n) return floatNew(s, powDouble(Number(x), Number(y)));
      r = x ** y; break;
    case NB.AND: r = x & y; break;
    case NB.OR: r = x | y; break;
    case NB.XOR: r = x ^ y; break;
    case NB.LSHIFT:
      if (y < 0n) throw vm.error("ValueError", "negative shift count");
      r = x << y; break;
    case NB.RSHIFT:
      if (y < 0n) throw vm.error("ValueError", "negative shift count");
      r = x >> y; break;
    default:
      return 0;
  }
  return intFromBigInt(s, r);
}

function toFloat(vm: VM, p: number, tid: number): number {
  if (tid === TID.FLOAT) return floatValue(vm.s, p);
  const v = intAsNumber(vm.s, p);
  if (v === v) return v;
  const f = Number(intToBigInt(vm.s, p));
  if (!Number.isFinite(f)) throw vm.error("OverflowError", "int too large to convert to float");
  return f;
}

function floatOp(vm: VM, x: number, y: number, op: number): number {
  const s = vm.s;
  switch (op) {
    case NB.ADD: return floatNew(s, x + y);
    case NB.SUBTRACT: return floatNew(s, x - y);
    case NB.MULTIPLY: return floatNew(s, x * y);
    case NB.TRUE_DIVIDE:
      if (y === 0) throw vm.error("ZeroDivisionError", "float division by zero");
      return floatNew(s, x / y);
    case NB.FLOOR_DIVIDE:
      if (y === 0) throw vm.error("ZeroDivisionError", "float floor division by zero");
      return floatNew(s, floatFloorDiv(x, y));
    case NB.REMAINDER:
      if (y === 0) throw vm.error("ZeroDivisionError", "float modulo");
      return floatNew(s, floatMod(x, y));
    case NB.POWER: {
      if (x === 0 && y < 0) throw vm.error("ZeroDivisionError", "0.0 cannot be raised to a negative power");
      if (x < 0 && !Number.isInteger(y)) throw vm.error("ValueError", "gilsim does not support complex numbers yet");
      const r = powDouble(x, y);
      if (!Number.isFinite(r) && Number.isFinite(x) && Number.isFinite(y)) throw vm.error("OverflowError", "(34, 'Numerical result out of range')");
      return floatNew(s, r);
    }
    default:
      return 0;
  }
}

/** sequence_repeat's count for a list: PyNumber_AsSsize_t(n, OverflowError), so any int
 *  that fits a Py_ssize_t, past 2**53 too (inexact then, but such a count can only give
 *  an empty list or MemoryError); a larger one is OverflowError. */
export function listRepeatCount(vm: VM, p: number): number {
  const s = vm.s;
  const t = s.typeId(p);
  if (t === TID.INT) {
    const v = intAsNumber(s, p);
    if (v === v) return v;
    const b = intToBigInt(s, p);
    if (b >= -(2n ** 63n) && b < 2n ** 63n) return Number(b);
  }
  return vm.indexValue(p, "repeat");
}

function repeat(vm: VM, seq: number, tid: number, count: number): number {
  const s = vm.s;
  const n = count < 0 ? 0 : count;
  if (tid === TID.STR) return strFromJs(s, strToJs(s, seq).repeat(n));
  if (tid === TID.LIST) return listRepeat(s, seq, n);
  const len = tupleLen(s, seq);
  if (n === 1 || len === 0) {
    if (len === 0) {
      s.incref(s.emptyTuple);
      return s.emptyTuple;
    }
    s.incref(seq);
    return seq;
  }
  const out = tupleNew(s, len * n);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < len; i++) {
      const v = tupleGet(s, seq, i);
      s.incref(v);
      tupleInit(s, out, k * len + i, v);
    }
  }
  return out;
}

function setItems(s: ObjSpace, so: number): number[] {
  const out: number[] = [];
  for (let i = setNextIndex(s, so, 0); i >= 0; i = setNextIndex(s, so, i + 1)) out.push(setKeyAt(s, so, i));
  return out;
}

/** set_intersection of two sets (new reference): the smaller one's keys (b's if the
 *  sizes are equal) that the other holds, in the smaller one's table order. */
export function setIntersection(s: ObjSpace, a: number, b: number): number {
  const [small, big] = setLen(s, b) > setLen(s, a) ? [a, b] : [b, a];
  return newSetFrom(s, (out) => {
    for (const k of setItems(s, small)) if (setContains(s, big, k)) setAdd(s, out, k);
  });
}

/** A new set that `fill` fills (new reference; dropped if `fill` throws). */
function newSetFrom(s: ObjSpace, fill: (out: number) => void): number {
  const out = setNew(s);
  try {
    fill(out);
  } catch (e) {
    s.decref(out);
    throw e;
  }
  return out;
}

/** set_difference of two sets (new reference): a copy of a with b's keys discarded when a
 *  is more than four times b's size (set_copy_and_difference), else a's keys b lacks. */
export function setDifference(s: ObjSpace, a: number, b: number): number {
  return newSetFrom(s, (out) => {
    if (setLen(s, a) >> 2 > setLen(s, b)) {
      setMerge(s, out, a);
      for (const k of setItems(s, b)) setDiscard(s, out, k);
    } else {
      for (const k of setItems(s, a)) if (!setContains(s, b, k)) setAdd(s, out, k);
    }
  });
}

/** set_symmetric_difference_update with a set: each key of `other`, in its table order,
 *  discarded from `so` if there, else added. */
export function setSymmetricUpdate(s: ObjSpace, so: number, other: number): void {
  for (const k of setItems(s, other)) if (!setDiscard(s, so, k)) setAdd(s, so, k);
}

/** set_symmetric_difference of two sets (new reference): a copy of b, updated with a. */
export function setSymmetricDifference(s: ObjSpace, a: number, b: number): number {
  return newSetFrom(s, (out) => {
    setMerge(s, out, b);
    setSymmetricUpdate(s, out, a);
  });
}

/** A new set of what a keys or items view holds (keys; (key, value) tuples), of a set's
 *  keys, or of a list's or tuple's items; 0 for anything else. */
function asSet(vm: VM, p: number): number {
  const s = vm.s;
  const t = s.typeId(p);
  if (t !== TID.DICT_KEYS && t !== TID.DICT_ITEMS && t !== TID.SET && t !== TID.LIST && t !== TID.TUPLE) return 0;
  return newSetFrom(s, (out) => {
    if (t === TID.SET) setMerge(s, out, p);
    else if (t === TID.LIST || t === TID.TUPLE) {
      const n = t === TID.LIST ? listLen(s, p) : tupleLen(s, p);
      for (let i = 0; i < n; i++) {
        const v = t === TID.LIST ? listGet(s, p, i) : tupleGet(s, p, i);
        vm.checkHashable(v);
        setAdd(s, out, v);
      }
    } else {
      const d = dictViewDict(s, p);
      for (let ix = dictNextIndex(s, d, 0); ix >= 0; ix = dictNextIndex(s, d, ix + 1)) {
        if (t === TID.DICT_KEYS) setAdd(s, out, dictKeyAt(s, d, ix));
        else {
          const pair = tuplePack2(s, dictKeyAt(s, d, ix), dictValueAt(s, d, ix));
          try {
            setAdd(s, out, pair);
          } finally {
            s.decref(pair);
          }
        }
      }
    }
  });
}

const isSetView = (t: number): boolean => t === TID.DICT_KEYS || t === TID.DICT_ITEMS;

/** dictviews_and / _or / _sub / _xor: a keys or items view is a set for & | - ^ (the
 *  result a set), with a set, another view, a list or a tuple. 0: not these. */
function viewSetOp(vm: VM, a: number, b: number, op: number): number {
  const s = vm.s;
  if (op !== NB.AND && op !== NB.OR && op !== NB.SUBTRACT && op !== NB.XOR) return 0;
  if (!isSetView(s.typeId(a)) && !isSetView(s.typeId(b))) return 0;
  const x = asSet(vm, a);
  if (x === 0) return 0;
  const y = asSet(vm, b);
  try {
    return y === 0 ? 0 : setOp(vm, x, y, op);
  } finally {
    s.decref(x);
    if (y !== 0) s.decref(y);
  }
}

/** set | & - ^ (setobject.c: set_or, set_and, set_sub, set_xor). */
function setOp(vm: VM, a: number, b: number, op: number): number {
  const s = vm.s;
  switch (op) {
    case NB.OR: // set_or: a copy of a (set_merge), then b merged in.
      return newSetFrom(s, (out) => {
        setMerge(s, out, a);
        setMerge(s, out, b);
      });
    case NB.AND: return setIntersection(s, a, b);
    case NB.SUBTRACT: return setDifference(s, a, b);
    case NB.XOR: return setSymmetricDifference(s, a, b);
    default: return 0;
  }
}

/** The built-in meaning of `a <op> b`, or 0 (NotImplemented). */
export function binaryOp(vm: VM, a: number, b: number, op: number): number {
  const s = vm.s;
  const ta = s.typeId(a);
  const tb = s.typeId(b);
  if (ta === TID.SET && tb === TID.SET) return setOp(vm, a, b, op);
  if (isSetView(ta) || isSetView(tb)) {
    const r = viewSetOp(vm, a, b, op);
    if (r !== 0) return r;
  }
  if (isIntTid(ta) && isIntTid(tb)) return intOp(vm, a, b, op);
  if ((ta === TID.FLOAT || isIntTid(ta)) && (tb === TID.FLOAT || isIntTid(tb))) {
    return floatOp(vm, toFloat(vm, a, ta), toFloat(vm, b, tb), op);
  }
  if (op === NB.ADD) {
    if (ta === TID.STR && tb === TID.STR) return strConcat(s, a, b);
    if (ta === TID.LIST && tb === TID.LIST) return listConcat(s, a, b);
    if (ta === TID.TUPLE && tb === TID.TUPLE) {
      const na = tupleLen(s, a), nb = tupleLen(s, b);
      if (nb === 0) { s.incref(a); return a; }
      if (na === 0) { s.incref(b); return b; }
      const out = tupleNew(s, na + nb);
      for (let i = 0; i < na; i++) { const v = tupleGet(s, a, i); s.incref(v); tupleInit(s, out, i, v); }
      for (let i = 0; i < nb; i++) { const v = tupleGet(s, b, i); s.incref(v); tupleInit(s, out, na + i, v); }
      return out;
    }
  }
  if (op === NB.MULTIPLY) {
    if (isSeqTid(ta) && isIntTid(tb)) return repeat(vm, a, ta, ta === TID.LIST ? listRepeatCount(vm, b) : vm.indexValue(b, "repeat"));
    if (isIntTid(ta) && isSeqTid(tb)) return repeat(vm, b, tb, tb === TID.LIST ? listRepeatCount(vm, a) : vm.indexValue(a, "repeat"));
  }
  return 0;
}

/** Unary minus, plus and invert on numbers; 0 if not a number. */
export function unaryOp(vm: VM, a: number, op: "neg" | "pos" | "invert"): number {
  const s = vm.s;
  const t = s.typeId(a);
  if (isIntTid(t)) {
    const v = intAsNumber(s, a);
    if (v === v) {
      if (op === "neg") return intFromNumber(s, v === 0 ? 0 : -v);
      if (op === "pos") return intFromNumber(s, v);
      if ((v | 0) === v) return intFromNumber(s, ~v);
    }
    const big = intToBigInt(s, a);
    return intFromBigInt(s, op === "neg" ? -big : op === "pos" ? big : ~big);
  }
  if (t === TID.FLOAT) {
    if (op === "invert") return 0;
    const v = floatValue(s, a);
    return floatNew(s, op === "neg" ? -v : v);
  }
  return 0;
}

/** COMPARE_OP opargs >> 4 (Include/object.h Py_LT ...). */
export enum CMP { LT = 0, LE = 1, EQ = 2, NE = 3, GT = 4, GE = 5 }
export const CMP_SYMBOL = ["<", "<=", "==", "!=", ">", ">="] as const;
export const CMP_DUNDER = ["lt", "le", "eq", "ne", "gt", "ge"] as const;
/** The reflected comparison (a < b is b > a). */
export const CMP_SWAPPED = [CMP.GT, CMP.GE, CMP.EQ, CMP.NE, CMP.LT, CMP.LE] as const;

function cmpResult(c: number, op: number): boolean {
  switch (op) {
    case CMP.LT: return c < 0;
    case CMP.LE: return c <= 0;
    case CMP.EQ: return c === 0;
    case CMP.NE: return c !== 0;
    case CMP.GT: return c > 0;
    default: return c >= 0;
  }
}

/** Three-way compare of two numbers (int/bool/float), NaN-aware: returns NaN if unordered. */
function numCompare(vm: VM, a: number, ta: number, b: number, tb: number): number {
  const s = vm.s;
  if (isIntTid(ta) && isIntTid(tb)) {
    const x = intAsNumber(s, a), y = intAsNumber(s, b);
    if (x === x && y === y) return x < y ? -1 : x > y ? 1 : 0;
    const bx = intToBigInt(s, a), by = intToBigInt(s, b);
    return bx < by ? -1 : bx > by ? 1 : 0;
  }
  if (ta === TID.FLOAT && tb === TID.FLOAT) {
    const x = floatValue(s, a), y = floatValue(s, b);
    if (x !== x || y !== y) return NaN;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  // An int and a float, compared exactly (floatobject.c float_richcompare): converting
  // the int to a float would round one past 2**53.
  return ta === TID.FLOAT ? -intFloatCompare(s, b, floatValue(s, a)) : intFloatCompare(s, a, floatValue(s, b));
}

/** Three-way compare of int `i` with the float f: NaN if f is. */
function intFloatCompare(s: ObjSpace, i: number, f: number): number {
  if (f !== f) return NaN;
  if (f === Infinity) return -1;
  if (f === -Infinity) return 1;
  const n = intAsNumber(s, i);
  if (n === n && Number.isSafeInteger(n)) return n < f ? -1 : n > f ? 1 : 0;
  const bi = intToBigInt(s, i), fl = BigInt(Math.floor(f));
  if (bi !== fl) return bi < fl ? -1 : 1;
  return Number.isInteger(f) ? 0 : -1; // bi == floor(f) < f
}

/**
 * The built-in rich comparison of a and b, as a JS boolean, or null for NotImplemented.
 * Sequences compare item by item through `vm.eq`/`vm.lt`, so instances inside lists
 * use their dunders.
 */
export function richCompareBuiltin(vm: VM, a: number, b: number, op: number): boolean | null {
  const s = vm.s;
  const ta = s.typeId(a), tb = s.typeId(b);
  if (isNumTid(ta) && isNumTid(tb)) {
    const c = numCompare(vm, a, ta, b, tb);
    if (c !== c) return op === CMP.NE;
    return cmpResult(c, op);
  }
  if (ta === TID.STR && tb === TID.STR) {
    if (a === b) return cmpResult(0, op);
    const x = strToJs(s, a), y = strToJs(s, b);
    // Code point order (JS compares UTF-16 units; equal for the BMP, close enough beyond).
    return cmpResult(x < y ? -1 : x > y ? 1 : 0, op);
  }
  if ((ta === TID.LIST && tb === TID.LIST) || (ta === TID.TUPLE && tb === TID.TUPLE)) {
    const isList = ta === TID.LIST;
    const na = isList ? listLen(s, a) : tupleLen(s, a);
    const nb = isList ? listLen(s, b) : tupleLen(s, b);
    const get = isList ? listGet : tupleGet;
    let i = 0;
    for (; i < na && i < nb; i++) {
      const x = get(s, a, i), y = get(s, b, i);
      if (x !== y && !vm.eq(x, y)) break;
    }
    if (i >= na || i >= nb) return cmpResult(na < nb ? -1 : na > nb ? 1 : 0, op);
    if (op === CMP.EQ) return false;
    if (op === CMP.NE) return true;
    // list_richcompare: the first items that differ, compared with the same operator.
    return vm.compare(get(s, a, i), get(s, b, i), op);
  }
  if (ta === TID.DICT && tb === TID.DICT && (op === CMP.EQ || op === CMP.NE)) {
    // dict_equal: same size, and every key maps to an equal value in the other.
    let same = dictLen(s, a) === dictLen(s, b);
    for (let ix = dictNextIndex(s, a, 0); same && ix >= 0; ix = dictNextIndex(s, a, ix + 1)) {
      const other = dictGetItem(s, b, dictKeyAt(s, a, ix));
      const mine = dictValueAt(s, a, ix);
      same = other !== 0 && (other === mine || vm.eq(mine, other));
    }
    return op === CMP.EQ ? same : !same;
  }
  if ((isSetView(ta) && (tb === TID.SET || isSetView(tb))) || (ta === TID.SET && isSetView(tb))) {
    // dictview_richcompare: a keys or items view compares as the set of what it holds.
    const x = asSet(vm, a), y = asSet(vm, b);
    try {
      return richCompareBuiltin(vm, x, y, op);
    } finally {
      s.decref(x);
      s.decref(y);
    }
  }
  if (ta === TID.SET && tb === TID.SET) {
    // set_richcompare: subset tests by size and membership.
    const na = setLen(s, a), nb = setLen(s, b);
    const subset = (x: number, y: number): boolean => setItems(s, x).every((k) => setContains(s, y, k));
    switch (op) {
      case CMP.EQ: return na === nb && subset(a, b);
      case CMP.NE: return !(na === nb && subset(a, b));
      case CMP.LE: return na <= nb && subset(a, b);
      case CMP.LT: return na < nb && subset(a, b);
      case CMP.GE: return na >= nb && subset(b, a);
      default: return na > nb && subset(b, a);
    }
  }
  if (op === CMP.EQ || op === CMP.NE) {
    if (a === b) return op === CMP.EQ;
    if (ta === TID.NONE || tb === TID.NONE) return op === CMP.NE;
    return null;
  }
  return null;
}
