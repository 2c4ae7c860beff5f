/**
 * Hashing and key equality for dict and set (Python/pyhash.c, Objects/longobject.c:
 * long_hash, Objects/floatobject.c / pyhash.c: _Py_HashDouble, Objects/tupleobject.c:
 * tuplehash).
 *
 * Two hashes:
 *   pyHash(p)  CPython 3.11's 64-bit hash() value as a BigInt: exact for int, bool,
 *              float, None (address-based in 3.11), tuples of those, and identity-hashed
 *              objects (_Py_HashPointer of our address). str has gilsim's own hash
 *              (CPython's is a randomised SipHash, so no program can depend on it).
 *   hash32(p)  what dict and set store and probe with: the low 32 bits of pyHash for
 *              numbers and identity objects (so 1 == 1.0 == True hash alike), the cached
 *              str hash, and for tuples the 32-bit-build variant of tuplehash over the
 *              items' hash32. Never -1 (CPython's "error" value; set uses it for dummies).
 *
 * keyEq is the equality dict and set use: identity; str by content; int, bool and float
 * by numeric value; tuples item by item; everything else by identity (user-defined
 * __eq__/__hash__ are the interpreter's to add).
 */
import { floatValue } from "./float.js";
import { PyError } from "./errors.js";
import { intAsNumber, intEq, intToBigInt } from "./int.js";
import { FIRST_USER_TYPE, INT, TID, TUPLE } from "./layout.js";
import type { ObjSpace } from "./space.js";
import { strEq, strHash } from "./str.js";

/** _PyHASH_MODULUS = 2**61 - 1 (_PyHASH_BITS 61). */
export const HASH_MODULUS = (1n << 61n) - 1n;
const HASH_INF = 314159n;

/** Fold a 64-bit hash to the 32 bits dict and set store. */
function fold(h: bigint): number {
  const lo = Number(BigInt.asIntN(32, h));
  return lo === -1 ? -2 : lo;
}

/** _Py_HashPointer for a 16-byte-aligned address: rotate right by 4, i.e. p >> 4. */
function pointerHash(p: number): number {
  return p >>> 4;
}

function unhashable(tid: number): never {
  const name = tid === TID.LIST ? "list" : tid === TID.DICT ? "dict" : "set";
  throw new PyError("TypeError", `unhashable type: '${name}'`);
}

// ── hash32 ───────────────────────────────────────────────────────────────────

/** long_hash, folded. One- and two-digit ints (|v| < 2**60 < modulus) hash to their value. */
export function intHash32(s: ObjSpace, p: number): number {
  const w = p >> 2;
  const size = s.i32[w + INT.SIZE]!;
  if (size === 1 || size === -1) {
    const h = size < 0 ? -s.u32[w + INT.DIGITS]! : s.u32[w + INT.DIGITS]!;
    return h === -1 ? -2 : h;
  }
  if (size === 0) return 0;
  if (size === 2 || size === -2) {
    const lo = (s.u32[w + INT.DIGITS]! + (s.u32[w + INT.DIGITS + 1]! << 30)) | 0;
    const h = size < 0 ? -lo | 0 : lo;
    return h === -1 ? -2 : h;
  }
  return fold(pyHashInt(s, p));
}

function floatHash32(s: ObjSpace, p: number): number {
  const v = floatValue(s, p);
  if (Number.isSafeInteger(v)) {
    const h = v | 0; // the low 32 bits, as the int's
    return h === -1 ? -2 : h;
  }
  if (v !== v) return pointerHash(p); // NaN: _Py_HashPointer(inst) since 3.10
  return fold(hashDouble(v));
}

/** tuplehash, the SIZEOF_PY_UHASH_T == 4 variant (xxHash32 primes, rotate 13). */
function tupleHash32(s: ObjSpace, p: number): number {
  const w = p >> 2;
  const n = s.i32[w + TUPLE.SIZE]!;
  let acc = 374761393; // _PyHASH_XXPRIME_5
  for (let i = 0; i < n; i++) {
    const lane = hash32(s, s.i32[w + TUPLE.ITEMS + i]!);
    acc = (acc + Math.imul(lane, 2246822519 | 0)) | 0; // _PyHASH_XXPRIME_2
    acc = (acc << 13) | (acc >>> 19);
    acc = Math.imul(acc, 2654435761 | 0); // _PyHASH_XXPRIME_1
  }
  acc = (acc + (n ^ (374761393 ^ 3527539))) | 0;
  return acc === -1 ? 1546275796 : acc;
}

/** What dicts and sets ask the interpreter about keys of user classes (ObjSpace.keyHooks):
 *  their `__hash__` and `__eq__` are Python code, which the object layer cannot run. */
export interface KeyHooks {
  /** The stored hash of an instance: its class's __hash__ (hashFromPy), else its
   *  address's. May run Python code, and throw (TypeError for a class whose __hash__ is
   *  None). */
  hash(p: number): number;
  /** True iff comparing `key` for equality may run a Python __eq__: an instance of a
   *  class that defines one, or a tuple holding such a key. */
  needsEq(key: number): boolean;
  /** PyObject_RichCompareBool(stored, key, Py_EQ) (identity first). May run Python code. */
  equal(stored: number, key: number): boolean;
}

/** Whether `key` may be one KeyHooks.needsEq is true for (a cheap first test: a tuple, or
 *  an instance of a class made by the program or at boot). */
export function maybeUserKey(s: ObjSpace, key: number): boolean {
  const t = s.typeId(key);
  return t === TID.TUPLE || t >= FIRST_USER_TYPE;
}

/** The stored hash for a Python hash value `h` (slot_tp_hash's result: an int that fits a
 *  Py_ssize_t is taken as it is, a bigger one is hashed as an int; -1 is -2). */
export function hashFromPy(h: bigint): number {
  if (h !== BigInt.asIntN(64, h)) {
    const a = (h < 0n ? -h : h) % HASH_MODULUS;
    h = h < 0n ? -a : a;
  }
  return fold(h === -1n ? -2n : h);
}

/** The comparisons lookdict (and set_lookkey) make for a key whose __eq__ is Python code:
 *  each stored key of the same hash (`candidates`, new references, in probe order)
 *  against `key`, made before the dict or set operation and outside its critical section
 *  (an __eq__ may do anything). Returns the first stored key equal to `key` (a new
 *  reference), or `key` itself (increfed) if none is; the operation then finds that key
 *  by identity, so keyEq never runs Python code. Consumes the candidates. */
export function resolveKey(s: ObjSpace, hooks: KeyHooks, key: number, candidates: number[]): number {
  let found = -1; // index into candidates
  try {
    for (let j = 0; j < candidates.length && found < 0; j++) {
      const c = candidates[j]!;
      if (c === key || hooks.equal(c, key)) found = j;
    }
  } finally {
    for (let j = 0; j < candidates.length; j++) if (j !== found) s.decref(candidates[j]!);
  }
  if (found >= 0) return candidates[found]!;
  s.incref(key);
  return key;
}

/** `op(key)`, or for a key whose __eq__ is Python code (KeyHooks.needsEq), `op` of the
 *  stored key equal to it if there is one: resolveKey over `matches()`, the container's
 *  keys of the same hash (lookdict's or set_lookkey's comparisons, made first). The
 *  callers test `s.keyHooks !== null && maybeUserKey(s, key)` first (no closures for the
 *  keys of built-in types). */
export function keyed<T>(s: ObjSpace, key: number, matches: () => number[], op: (key: number) => T): T {
  const hooks = s.keyHooks!;
  if (!hooks.needsEq(key)) return op(key);
  const k = resolveKey(s, hooks, key, matches());
  try {
    return op(k);
  } finally {
    s.decref(k);
  }
}

/** PyObject_Hash as dict and set store it (32 bits, never -1). Throws PyError for
 *  unhashable types. */
export function hash32(s: ObjSpace, p: number): number {
  const tid = s.typeId(p);
  switch (tid) {
    case TID.STR:
      return strHash(s, p);
    case TID.INT:
    case TID.BOOL:
      return intHash32(s, p);
    case TID.FLOAT:
      return floatHash32(s, p);
    case TID.TUPLE:
      return tupleHash32(s, p);
    case TID.LIST:
    case TID.DICT:
    case TID.SET:
      return unhashable(tid);
    default:
      if (tid >= FIRST_USER_TYPE && s.keyHooks !== null) return s.keyHooks.hash(p);
      return pointerHash(p);
  }
}

// ── pyHash: CPython 3.11's hash() ────────────────────────────────────────────

/** long_hash: sign · (|v| mod (2**61 - 1)), with -1 mapped to -2. */
export function pyHashInt(s: ObjSpace, p: number): bigint {
  const v = intToBigInt(s, p);
  const a = (v < 0n ? -v : v) % HASH_MODULUS;
  const h = v < 0n ? -a : a;
  return h === -1n ? -2n : h;
}

const f64buf = new Float64Array(1);
const u32buf = new Uint32Array(f64buf.buffer);

/** _Py_HashDouble for a finite v: the hash of the rational v = m · 2**e, computed as
 *  m · 2**(e mod 61) mod (2**61 - 1) (2**61 ≡ 1), which is what pyhash.c's loop computes. */
function hashDouble(v: number): bigint {
  if (v === Infinity) return HASH_INF;
  if (v === -Infinity) return -HASH_INF;
  f64buf[0] = v;
  const lo = u32buf[0]!, hi = u32buf[1]!;
  const bexp = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (bexp === 0) e = -1074;
  else {
    m |= 1n << 52n;
    e = bexp - 1075;
  }
  const shift = BigInt(((e % 61) + 61) % 61);
  let x = ((m % HASH_MODULUS) << shift) % HASH_MODULUS;
  if (v < 0) x = -x;
  return x === -1n ? -2n : x;
}

const XXPRIME_1 = 11400714785074694791n;
const XXPRIME_2 = 14029467366897019727n;
const XXPRIME_5 = 2870177450012600261n;
const U64 = (1n << 64n) - 1n;

/** tuplehash, 64-bit. */
function pyHashTuple(s: ObjSpace, p: number): bigint {
  const n = s.i32[(p >> 2) + TUPLE.SIZE]!;
  let acc = XXPRIME_5;
  for (let i = 0; i < n; i++) {
    const lane = BigInt.asUintN(64, pyHash(s, s.i32[(p >> 2) + TUPLE.ITEMS + i]!));
    acc = (acc + lane * XXPRIME_2) & U64;
    acc = ((acc << 31n) | (acc >> 33n)) & U64;
    acc = (acc * XXPRIME_1) & U64;
  }
  acc = (acc + (BigInt(n) ^ (XXPRIME_5 ^ 3527539n))) & U64;
  if (acc === U64) return 1546275796n;
  return BigInt.asIntN(64, acc);
}

/** CPython 3.11's hash(p) on 64-bit (see the file head for what is exact). */
export function pyHash(s: ObjSpace, p: number): bigint {
  const tid = s.typeId(p);
  switch (tid) {
    case TID.STR:
      return BigInt(strHash(s, p));
    case TID.INT:
    case TID.BOOL:
      return pyHashInt(s, p);
    case TID.FLOAT: {
      const v = floatValue(s, p);
      if (v !== v) return BigInt(pointerHash(p));
      if (Number.isSafeInteger(v)) return v === -1 ? -2n : BigInt(v);
      return hashDouble(v);
    }
    case TID.TUPLE:
      return pyHashTuple(s, p);
    case TID.LIST:
    case TID.DICT:
    case TID.SET:
      return unhashable(tid);
    default:
      return BigInt(pointerHash(p));
  }
}

// ── key equality ─────────────────────────────────────────────────────────────

function isNumber(tid: number): boolean {
  return tid === TID.INT || tid === TID.BOOL || tid === TID.FLOAT;
}

/** int/bool/float equality by value (float_richcompare's exactness for big ints). */
function numEq(s: ObjSpace, a: number, ta: number, b: number, tb: number): boolean {
  if (ta !== TID.FLOAT && tb !== TID.FLOAT) return intEq(s, a, b);
  if (ta === TID.FLOAT && tb === TID.FLOAT) return floatValue(s, a) === floatValue(s, b);
  const f = ta === TID.FLOAT ? floatValue(s, a) : floatValue(s, b);
  const i = ta === TID.FLOAT ? b : a;
  if (!Number.isInteger(f)) return false;
  const n = intAsNumber(s, i);
  if (n === n) return n === f; // a safe integer
  return !Number.isSafeInteger(f) && BigInt(f) === intToBigInt(s, i);
}

/** The equality dict and set use for keys (see the file head). */
export function keyEq(s: ObjSpace, a: number, b: number): boolean {
  if (a === b) return true;
  const ta = s.typeId(a), tb = s.typeId(b);
  if (ta === TID.STR) return tb === TID.STR && strEq(s, a, b);
  if (isNumber(ta)) return isNumber(tb) && numEq(s, a, ta, b, tb);
  if (ta === TID.TUPLE && tb === TID.TUPLE) {
    const n = s.i32[(a >> 2) + TUPLE.SIZE]!;
    if (n !== s.i32[(b >> 2) + TUPLE.SIZE]) return false;
    for (let i = 0; i < n; i++) {
      if (!keyEq(s, s.i32[(a >> 2) + TUPLE.ITEMS + i]!, s.i32[(b >> 2) + TUPLE.ITEMS + i]!)) return false;
    }
    return true;
  }
  return false;
}
