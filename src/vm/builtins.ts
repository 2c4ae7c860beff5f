/**
 * Functions of the builtins module (Python/bltinmodule.c, CPython 3.11): print, len, repr,
 * ascii, abs, min, max, sum, sorted, any, all, chr, ord, bin, oct, hex, divmod, pow, round,
 * isinstance, issubclass, hash, id, callable, format.
 *
 * The constructors (int, str, list, …), iteration (iter, next, enumerate, zip, range) and
 * attribute access (getattr, setattr, hasattr, type, object, super) live in the
 * interpreter. Importing this module also registers the methods of the built-in types
 * (./methods/), so one import installs every native this file family defines.
 */
import { floatNew, floatValue } from "../objects/float.js";
import { intAsNumber, intFromBigInt, intFromNumber, intToBigInt } from "../objects/int.js";
import { KIND, TID } from "../objects/layout.js";
import { listLen, listNew } from "../objects/list.js";
import { strFromCodePoint, strFromJs, strLen, strToJs } from "../objects/str.js";
import { tupleGet, tupleLen, tuplePack2 } from "../objects/tuple.js";
import { dictLen } from "../objects/dict.js";
import { setLen } from "../objects/set.js";
import { isSubtype } from "../objects/type.js";
import type { NativeImpl, VM } from "./api.js";
import { formatStr, roundFloat } from "../util/pyformat.js";
import { F } from "./layout.js";
import { VMG } from "./globals.js";
import type { Interp } from "./interp.js";
import { defBuiltin } from "./natives.js";
import { binaryOp as builtinBinaryOp, NB } from "./ops.js";
import {
  bool, extras, formatting, isInt, isStr, keywords, kwCount, none, oneArg, positional,
} from "./methods/args.js";
import { sortList } from "./methods/list.js";
import { isCallable } from "./core.js";
import "./methods/index.js";

// ── helpers ─────────────────────────────────────────────────────────────────

/** A dunder of an instance's class, called with `self` and args; 0 when not defined. */
function callDunder(vm: VM, p: number, name: string, ...args: number[]): number {
  const s = vm.s;
  if (s.kindOf(s.typeId(p)) !== KIND.INSTANCE) return 0;
  const m = vm.lookupAttr(p, name);
  if (m === 0) return 0;
  try {
    return vm.call(m, ...args);
  } finally {
    s.decref(m);
  }
}

/** a <op> b with the interpreter's full semantics (user dunders, CPython's TypeErrors). */
function binary(vm: VM, a: number, b: number, op: number): number {
  const full = extras(vm).binaryOp;
  if (full !== undefined) return full.call(vm, a, b, op);
  const r = builtinBinaryOp(vm, a, b, op);
  if (r !== 0) return r;
  throw vm.error("TypeError", `unsupported operand type(s): '${vm.typeName(a)}' and '${vm.typeName(b)}'`);
}

/** PyObject_RichCompareBool(a, b, Py_GT). */
function greater(vm: VM, a: number, b: number): boolean {
  const richCompare = extras(vm).richCompare;
  if (richCompare !== undefined) {
    const r = richCompare.call(vm, a, b, 4 /* Py_GT */);
    try {
      return vm.isTrue(r);
    } finally {
      vm.s.decref(r);
    }
  }
  return vm.lt(b, a);
}

const isFloat = (vm: VM, p: number): boolean => vm.s.typeId(p) === TID.FLOAT;

// ── print, repr, len ────────────────────────────────────────────────────────

defBuiltin("print", (vm, a, n, kw) => {
  const s = vm.s;
  const nkw = kwCount(vm, kw);
  const [sepP, endP, fileP] = keywords(vm, "print", a + n - nkw, nkw, kw, 0, ["sep", "end", "file", "flush"], 0, 0, 0);
  const textArg = (p: number | undefined, what: string, dflt: string): string => {
    if (p === undefined || p === 0 || p === vm.None) return dflt;
    if (!isStr(vm, p)) throw vm.error("TypeError", `${what} must be None or a string, not ${vm.typeName(p)}`);
    return strToJs(s, p);
  };
  const sep = textArg(sepP, "sep", " ");
  const end = textArg(endP, "end", "\n");
  const parts: string[] = [];
  for (let i = 0; i < n - nkw; i++) parts.push(vm.str(vm.i32[a + i]!));
  const text = parts.join(sep) + end;
  if (fileP === undefined || fileP === 0 || fileP === vm.None) {
    vm.write(text);
  } else {
    // print(..., file=f) calls f.write(text)
    const w = vm.getAttr(fileP, "write");
    const t = strFromJs(s, text);
    try {
      s.decref(vm.call(w, t));
    } finally {
      s.decref(t);
      s.decref(w);
    }
  }
  return none(vm);
});

defBuiltin("repr", (vm, a, n, kw) => {
  oneArg(vm, "repr", n, kw, 0);
  return strFromJs(vm.s, vm.repr(vm.i32[a]!));
});

defBuiltin("ascii", (vm, a, n, kw) => {
  oneArg(vm, "ascii", n, kw, 0);
  let r = "";
  for (const ch of vm.repr(vm.i32[a]!)) {
    const cp = ch.codePointAt(0)!;
    r += cp < 0x80 ? ch : cp <= 0xff ? "\\x" + cp.toString(16).padStart(2, "0")
      : cp <= 0xffff ? "\\u" + cp.toString(16).padStart(4, "0") : "\\U" + cp.toString(16).padStart(8, "0");
  }
  return strFromJs(vm.s, r);
});

/** len(p) (PyObject_Size). */
export function lengthOf(vm: VM, p: number): number {
  const lenOf = extras(vm).lenOf;
  if (lenOf !== undefined) return lenOf.call(vm, p);
  const s = vm.s;
  switch (s.typeId(p)) {
    case TID.STR: return strLen(s, p);
    case TID.LIST: return listLen(s, p);
    case TID.TUPLE: return tupleLen(s, p);
    case TID.DICT: return dictLen(s, p);
    case TID.SET: return setLen(s, p);
  }
  const r = callDunder(vm, p, "__len__");
  if (r === 0) throw vm.error("TypeError", `object of type '${vm.typeName(p)}' has no len()`);
  try {
    return vm.indexValue(r, "");
  } finally {
    s.decref(r);
  }
}

defBuiltin("len", (vm, a, n, kw) => {
  oneArg(vm, "len", n, kw, 0);
  return intFromNumber(vm.s, lengthOf(vm, vm.i32[a]!));
});

// ── numbers ─────────────────────────────────────────────────────────────────

defBuiltin("abs", (vm, a, n, kw) => {
  oneArg(vm, "abs", n, kw, 0);
  const s = vm.s;
  const p = vm.i32[a]!;
  if (isInt(vm, p)) {
    const v = intAsNumber(s, p);
    if (v === v) return intFromNumber(s, Math.abs(v));
    const b = intToBigInt(s, p);
    return intFromBigInt(s, b < 0n ? -b : b);
  }
  if (isFloat(vm, p)) return floatNew(s, Math.abs(floatValue(s, p)));
  const r = callDunder(vm, p, "__abs__");
  if (r !== 0) return r;
  throw vm.error("TypeError", `bad operand type for abs(): '${vm.typeName(p)}'`);
});

/** floatobject.c: float_divmod. */
function floatDivmod(vx: number, wx: number): [number, number] {
  let mod = vx % wx;
  let div = (vx - mod) / wx;
  if (mod) {
    if (wx < 0 !== mod < 0) {
      mod += wx;
      div -= 1.0;
    }
  } else {
    mod = wx < 0 ? -0.0 : 0.0;
  }
  let floordiv: number;
  if (div) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    floordiv = vx / wx < 0 || Object.is(vx / wx, -0) ? -0.0 : 0.0;
  }
  return [floordiv, mod];
}

defBuiltin("divmod", (vm, a, n, kw) => {
  positional(vm, "divmod", n, kw, 2, 2);
  const s = vm.s;
  const x = vm.i32[a]!, y = vm.i32[a + 1]!;
  if (isInt(vm, x) && isInt(vm, y)) {
    const bx = intToBigInt(s, x), by = intToBigInt(s, y);
    if (by === 0n) throw vm.error("ZeroDivisionError", "integer division or modulo by zero");
    let q = bx / by;
    let r = bx % by;
    if (r !== 0n && r < 0n !== by < 0n) {
      q -= 1n;
      r += by;
    }
    return pair(vm, intFromBigInt(s, q), intFromBigInt(s, r));
  }
  if ((isInt(vm, x) || isFloat(vm, x)) && (isInt(vm, y) || isFloat(vm, y))) {
    const fx = isFloat(vm, x) ? floatValue(s, x) : Number(intToBigInt(s, x));
    const fy = isFloat(vm, y) ? floatValue(s, y) : Number(intToBigInt(s, y));
    if (fy === 0) throw vm.error("ZeroDivisionError", "float divmod()");
    const [q, r] = floatDivmod(fx, fy);
    return pair(vm, floatNew(s, q), floatNew(s, r));
  }
  let r = callDunder(vm, x, "__divmod__", y);
  if (r === 0) r = callDunder(vm, y, "__rdivmod__", x);
  if (r !== 0) return r;
  throw vm.error("TypeError", `unsupported operand type(s) for divmod(): '${vm.typeName(x)}' and '${vm.typeName(y)}'`);
});

/** A 2-tuple that takes over the two new references. */
function pair(vm: VM, x: number, y: number): number {
  const t = tuplePack2(vm.s, x, y);
  vm.s.decref(x);
  vm.s.decref(y);
  return t;
}

/** pow(base, exp, mod) for ints (long_pow with a modulus, 3.8+ modular inverse). */
function powMod(vm: VM, base: bigint, exp: bigint, mod: bigint): bigint {
  if (mod === 0n) throw vm.error("ValueError", "pow() 3rd argument cannot be 0");
  const negMod = mod < 0n;
  const m = negMod ? -mod : mod;
  if (m === 1n) return 0n;
  let b = ((base % m) + m) % m;
  if (exp < 0n) {
    b = modInverse(vm, b, m);
    exp = -exp;
  }
  let r = 1n;
  for (; exp > 0n; exp >>= 1n) {
    if (exp & 1n) r = (r * b) % m;
    b = (b * b) % m;
  }
  if (negMod && r !== 0n) r -= m;
  return r;
}

function modInverse(vm: VM, a: bigint, m: bigint): bigint {
  let [oldR, r] = [a, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw vm.error("ValueError", "base is not invertible for the given modulus");
  return ((oldS % m) + m) % m;
}

defBuiltin("pow", (vm, a, n, kw) => {
  const [base, exp, mod] = keywords(vm, "pow", a, n, kw, 0, ["base", "exp", "mod"], 0, 2);
  if (mod === 0 || mod === vm.None) return binary(vm, base!, exp!, NB.POWER);
  if (!isInt(vm, base!) || !isInt(vm, exp!) || !isInt(vm, mod!)) {
    // ternary_op: the base's __pow__(exp, mod) (a three-argument pow has no reflection).
    const r = callDunder(vm, base!, "__pow__", exp!, mod!);
    if (r !== 0 && r !== vm.i32[VMG.NOT_IMPLEMENTED]) return r;
    if (r !== 0) vm.s.decref(r);
    if ([base!, exp!, mod!].every((p) => isInt(vm, p) || isFloat(vm, p))) {
      throw vm.error("TypeError", "pow() 3rd argument not allowed unless all arguments are integers");
    }
    throw vm.error("TypeError",
      `unsupported operand type(s) for ** or pow(): '${vm.typeName(base!)}', '${vm.typeName(exp!)}', '${vm.typeName(mod!)}'`);
  }
  const s = vm.s;
  return intFromBigInt(s, powMod(vm, intToBigInt(s, base!), intToBigInt(s, exp!), intToBigInt(s, mod!)));
});

/** Round half to even of a JS number to an integer. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : r;
}

defBuiltin("round", (vm, a, n, kw) => {
  const [num, nd] = keywords(vm, "round", a, n, kw, 0, ["number", "ndigits"], 0, 1);
  const s = vm.s;
  const p = num!;
  const hasNd = nd !== 0 && nd !== vm.None;
  if (isFloat(vm, p)) {
    const x = floatValue(s, p);
    if (!hasNd) {
      if (x !== x) throw vm.error("ValueError", "cannot convert float NaN to integer");
      if (!Number.isFinite(x)) throw vm.error("OverflowError", "cannot convert float infinity to integer");
      const r = roundHalfEven(x);
      return Number.isSafeInteger(r) ? intFromNumber(s, r === 0 ? 0 : r) : intFromBigInt(s, BigInt(r));
    }
    const digits = vm.indexValue(nd!, "");
    return floatNew(s, formatting(vm, () => roundFloat(x, digits)));
  }
  if (isInt(vm, p)) {
    const v = intToBigInt(s, p);
    if (!hasNd) return intFromBigInt(s, v);
    const digits = vm.indexValue(nd!, "");
    if (digits >= 0) return intFromBigInt(s, v);
    // long_round: round half to even at 10**-digits
    const pow10 = 10n ** BigInt(-digits);
    let q = v / pow10;
    let r = v % pow10;
    if (r < 0n) {
      q -= 1n;
      r += pow10;
    }
    if (2n * r > pow10 || (2n * r === pow10 && (q & 1n) === 1n)) q += 1n;
    return intFromBigInt(s, q * pow10);
  }
  const r = hasNd ? callDunder(vm, p, "__round__", nd!) : callDunder(vm, p, "__round__");
  if (r !== 0) return r;
  throw vm.error("TypeError", `type ${vm.typeName(p)} doesn't define __round__ method`);
});

function baseString(name: "bin" | "oct" | "hex", prefix: string, base: number): void {
  defBuiltin(name, (vm, a, n, kw) => {
    oneArg(vm, name, n, kw, 0);
    const p = vm.i32[a]!;
    let v: bigint;
    if (isInt(vm, p)) v = intToBigInt(vm.s, p);
    else {
      const i = (vm as Interp).userIndex(p); // PyNumber_Index: the class's __index__
      if (i === null) throw vm.error("TypeError", `'${vm.typeName(p)}' object cannot be interpreted as an integer`);
      v = BigInt(i);
    }
    return strFromJs(vm.s, (v < 0n ? "-" : "") + prefix + (v < 0n ? -v : v).toString(base));
  });
}
baseString("bin", "0b", 2);
baseString("oct", "0o", 8);
baseString("hex", "0x", 16);

defBuiltin("chr", (vm, a, n, kw) => {
  oneArg(vm, "chr", n, kw, 0);
  const v = vm.indexValue(vm.i32[a]!, "");
  if (v < 0 || v > 0x10ffff) throw vm.error("ValueError", "chr() arg not in range(0x110000)");
  return strFromCodePoint(vm.s, v);
});

defBuiltin("ord", (vm, a, n, kw) => {
  oneArg(vm, "ord", n, kw, 0);
  const p = vm.i32[a]!;
  if (!isStr(vm, p)) throw vm.error("TypeError", `ord() expected string of length 1, but ${vm.typeName(p)} found`);
  const len = strLen(vm.s, p);
  if (len !== 1) throw vm.error("TypeError", `ord() expected a character, but string of length ${len} found`);
  return intFromNumber(vm.s, strToJs(vm.s, p).codePointAt(0)!);
});

// ── iterables ───────────────────────────────────────────────────────────────

/** any()/all(): stop at the first item whose truth is `stopAt`. */
function anyAll(name: "any" | "all", stopAt: boolean): void {
  defBuiltin(name, (vm, a, n, kw) => {
    oneArg(vm, name, n, kw, 0);
    const s = vm.s;
    const it = vm.getIter(vm.i32[a]!);
    try {
      for (let v = vm.iterNext(it); v !== 0; v = vm.iterNext(it)) {
        let t: boolean;
        try {
          t = vm.isTrue(v);
        } finally {
          s.decref(v);
        }
        if (t === stopAt) return bool(vm, stopAt);
      }
    } finally {
      s.decref(it);
    }
    return bool(vm, !stopAt);
  });
}
anyAll("any", true);
anyAll("all", false);

/** bltinmodule.c: min_max. */
function minMax(name: "min" | "max"): NativeImpl {
  return (vm, a, n, kw) => {
    const s = vm.s;
    const nkw = kwCount(vm, kw);
    const npos = n - nkw;
    if (npos === 0) throw vm.error("TypeError", `${name} expected at least 1 argument, got 0`);
    const [keyP, dfltP] = keywords(vm, name, a + npos, nkw, kw, 0, ["key", "default"], 0, 0, 0);
    const key = keyP === 0 || keyP === vm.None ? 0 : keyP!;
    if (npos > 1 && dfltP !== 0) {
      throw vm.error("TypeError", `Cannot specify a default for ${name}() with multiple positional arguments`);
    }
    const it = npos === 1 ? vm.getIter(vm.i32[a]!) : 0;
    let best = 0, bestVal = 0; // owned
    let i = 0;
    const next = (): number => {
      if (it !== 0) return vm.iterNext(it);
      if (i >= npos) return 0;
      const v = vm.i32[a + i++]!;
      s.incref(v);
      return v;
    };
    try {
      for (let item = next(); item !== 0; item = next()) {
        let val = item;
        if (key !== 0) {
          try {
            val = vm.call(key, item);
          } catch (e) {
            s.decref(item);
            throw e;
          }
        } else s.incref(val);
        if (best === 0) {
          best = item;
          bestVal = val;
          continue;
        }
        let better: boolean;
        try {
          better = name === "min" ? vm.lt(val, bestVal) : greater(vm, val, bestVal);
        } catch (e) {
          s.decref(item);
          s.decref(val);
          throw e;
        }
        if (better) {
          s.decref(best);
          s.decref(bestVal);
          best = item;
          bestVal = val;
        } else {
          s.decref(item);
          s.decref(val);
        }
      }
    } catch (e) {
      if (best !== 0) {
        s.decref(best);
        s.decref(bestVal);
      }
      throw e;
    } finally {
      if (it !== 0) s.decref(it);
    }
    if (best === 0) {
      if (dfltP !== 0) {
        s.incref(dfltP!);
        return dfltP!;
      }
      throw vm.error("ValueError", `${name}() arg is an empty sequence`);
    }
    s.decref(bestVal);
    return best;
  };
}
defBuiltin("min", minMax("min"));
defBuiltin("max", minMax("max"));

defBuiltin("sum", (vm, a, n, kw) => {
  const [iterable, startP] = keywords(vm, "sum", a, n, kw, 0, ["iterable", "start"], 1, 1);
  const s = vm.s;
  const start = startP === 0 ? 0 : startP!;
  if (start !== 0 && isStr(vm, start)) throw vm.error("TypeError", "sum() can't sum strings [use ''.join(seq) instead]");
  let acc = start === 0 ? intFromNumber(s, 0) : start;
  if (start !== 0) s.incref(acc);
  const it = vm.getIter(iterable!);
  try {
    for (let v = vm.iterNext(it); v !== 0; v = vm.iterNext(it)) {
      try {
        const next = binary(vm, acc, v, NB.ADD);
        s.decref(acc);
        acc = next;
      } finally {
        s.decref(v);
      }
    }
  } catch (e) {
    s.decref(acc);
    throw e;
  } finally {
    s.decref(it);
  }
  return acc;
});

defBuiltin("sorted", (vm, a, n, kw) => {
  const s = vm.s;
  const nkw = kwCount(vm, kw);
  if (n - nkw !== 1) throw vm.error("TypeError", `sorted expected 1 argument, got ${n - nkw}`);
  const [key, reverseP] = keywords(vm, "sort", a + 1, nkw, kw, 0, ["key", "reverse"], 0, 0, 0);
  // PySequence_List: PyList_New(0), then list_extend.
  const l = listNew(s, 0);
  try {
    vm.listExtendAny(l, vm.i32[a]!);
    const k = key === 0 || key === vm.None ? 0 : key!;
    sortList(vm, l, k, reverseP !== 0 && vm.indexValue(reverseP!, "") !== 0);
  } catch (e) {
    s.decref(l);
    throw e;
  }
  return l;
});

// ── types and identity ──────────────────────────────────────────────────────

const isType = (vm: VM, p: number): boolean => vm.s.kindOf(vm.s.typeId(p)) === KIND.TYPE;

/** object_recursive_isinstance / object_issubclass over a class or nested tuples. */
function classCheck(vm: VM, cls: number, test: (t: number) => boolean, err: () => never): boolean {
  const s = vm.s;
  if (isType(vm, cls)) return test(cls);
  if (s.typeId(cls) === TID.TUPLE) {
    for (let i = 0; i < tupleLen(s, cls); i++) if (classCheck(vm, tupleGet(s, cls, i), test, err)) return true;
    return false;
  }
  return err();
}

defBuiltin("isinstance", (vm, a, n, kw) => {
  positional(vm, "isinstance", n, kw, 2, 2);
  const p = vm.i32[a]!;
  return bool(vm, classCheck(vm, vm.i32[a + 1]!, (t) => vm.isInstance(p, t), () => {
    throw vm.error("TypeError", "isinstance() arg 2 must be a type, a tuple of types, or a union");
  }));
});

defBuiltin("issubclass", (vm, a, n, kw) => {
  positional(vm, "issubclass", n, kw, 2, 2);
  const c = vm.i32[a]!;
  if (!isType(vm, c)) throw vm.error("TypeError", "issubclass() arg 1 must be a class");
  return bool(vm, classCheck(vm, vm.i32[a + 1]!, (t) => isSubtype(vm.s, c, t), () => {
    throw vm.error("TypeError", "issubclass() arg 2 must be a class, a tuple of classes, or a union");
  }));
});

defBuiltin("hash", (vm, a, n, kw) => {
  oneArg(vm, "hash", n, kw, 0);
  return intFromBigInt(vm.s, vm.hash(vm.i32[a]!));
});

/** id(p): the heap address is the object's identity. */
/** globals(): the calling frame's globals dict (a new reference). */
defBuiltin("globals", (vm, _a, n, kw) => {
  const iv = vm as Interp;
  if (n !== 0 || kw !== 0) throw vm.error("TypeError", `globals() takes no arguments (${n} given)`);
  const g = vm.i32[iv.fp + F.GLOBALS]!;
  vm.s.incref(g);
  return g;
});

/** vars([object]) (builtin_vars): object.__dict__, TypeError if it has none; without an
 *  argument, locals(), which gilsim models only where it is a dict (a module or class
 *  body's namespace, as PyEval_GetLocals gives there). */
defBuiltin("vars", (vm, a, n, kw) => {
  const iv = vm as Interp;
  if (kw !== 0 && tupleLen(vm.s, kw) !== 0) throw vm.error("TypeError", "vars() takes no keyword arguments");
  if (n > 1) throw vm.error("TypeError", `vars expected at most 1 argument, got ${n}`);
  if (n === 0) {
    const locals = vm.i32[iv.fp + F.LOCALS]!;
    if (locals === 0) throw vm.error("TypeError", "gilsim does not support vars() without an argument in a function (locals() is not modelled)");
    vm.s.incref(locals);
    return locals;
  }
  const d = iv.lookupAttr(vm.i32[a]!, "__dict__");
  if (d === 0) throw vm.error("TypeError", "vars() argument must have __dict__ attribute");
  return d;
});

defBuiltin("id", (vm, a, n, kw) => {
  oneArg(vm, "id", n, kw, 0);
  return intFromNumber(vm.s, vm.i32[a]! >>> 0);
});

defBuiltin("callable", (vm, a, n, kw) => {
  oneArg(vm, "callable", n, kw, 0);
  return bool(vm, isCallable(vm, vm.i32[a]!));
});

defBuiltin("format", (vm, a, n, kw) => {
  positional(vm, "format", n, kw, 1, 2);
  let spec = "";
  if (n > 1) {
    const sp = vm.i32[a + 1]!;
    if (!isStr(vm, sp)) throw vm.error("TypeError", `format() argument 2 must be str, not ${vm.typeName(sp)}`);
    spec = strToJs(vm.s, sp);
  }
  const p = vm.i32[a]!;
  if (isStr(vm, p)) return strFromJs(vm.s, formatting(vm, () => formatStr(strToJs(vm.s, p), spec)));
  return strFromJs(vm.s, vm.format(p, spec));
});
