/**
 * int and bool (Objects/longobject.c, Objects/boolobject.c).
 *
 *   PyLongObject, 24 + 4·max(1, |ob_size|) bytes (what _PyLong_New asks for)
 *   ┌──────────────┬──────────────┬──────────┬──────────┬─────┐
 *   │ header 16 B  │ ob_size (i32)│ digit[0] │ digit[1] │ ... │   digits: u32 holding 30 bits,
 *   └──────────────┴──────────────┴──────────┴──────────┴─────┘   least significant first
 *     0              16             24         28
 *   ob_size: signed digit count (0 for zero; negative for negative values), as CPython.
 *
 * Fast paths use JS numbers only: a safe integer (|v| <= 2**53 - 1) fits in two digits.
 * Anything larger goes through BigInt. Small ints -5..256 are immortal statics (the
 * small_ints cache); True and False are int-layout statics with ob_size 1 and 0.
 */
import { DIGIT_BASE, DIGIT_BITS, DIGIT_MASK, INT, NSMALLNEGINTS, NSMALLPOSINTS, SIZE, TID } from "./layout.js";
import type { ObMalloc } from "../heap/obmalloc.js";
import type { ObjSpace } from "./space.js";

const BIG_DIGIT_BITS = BigInt(DIGIT_BITS);
const BIG_DIGIT_MASK = BigInt(DIGIT_MASK);

/** Bytes _PyLong_New(ndigits) asks for: zero still gets one digit. */
export function intBytes(ndigits: number): number {
  return SIZE.INT_BASE + 4 * (ndigits > 0 ? ndigits : 1);
}

/** 3.11's _PyLong_FromMedium (PyLong_FromLong and the one-digit arithmetic fast paths)
 *  asks for sizeof(PyLongObject): 24 + one digit, padded to 32. Same size class as 28, so
 *  only tracemalloc's sizes see it; sys.getsizeof still says 28 (it reads ob_size). */
const INT1_BYTES = 32;

/** _PyLong_New: an int with room for `ndigits` digits, ob_size set, digits not written. */
function intAlloc(s: ObjSpace, ndigits: number, negative: boolean): number {
  const p = s.newObject(TID.INT, intBytes(ndigits));
  s.i32[(p >> 2) + INT.SIZE] = negative ? -ndigits : ndigits;
  return p;
}

/** PyLong_FromLong / PyLong_FromDouble for an integral JS number. New reference.
 *  Safe integers never touch BigInt. Kept small (the one-digit case is intNew1) so V8
 *  inlines it into the eval loop's arithmetic. */
export function intFromNumber(s: ObjSpace, v: number): number {
  // Every test runs whatever v is, on literals (NSMALLNEGINTS, NSMALLPOSINTS, DIGIT_BASE,
  // MAX_SAFE_INTEGER): a test first run after V8 optimized a caller (the first two-digit
  // int of a loop) is an operation without type feedback, which throws the caller's
  // optimized code away; and module constants are context loads.
  const vi = v | 0;
  const int32 = vi === v;
  const small = (vi + 5) >>> 0 < 262;
  const oneDigit = (vi + 1073741823) >>> 0 < 2147483647;
  const above = v >= -9007199254740991, below = v <= 9007199254740991, integral = Math.floor(v) === v;
  const safe = above && below && integral; // (&& of booleans: branches, no operations)
  if (int32 && small) return s.smallInt(vi);
  if (int32 && oneDigit) return intNew1(s, vi);
  if (safe) return intNew2(s, v);
  return intFromWide(s, v);
}

if (NSMALLNEGINTS !== 5 || NSMALLPOSINTS !== 257 || DIGIT_BASE !== 1073741824) {
  throw new Error("objects/int.ts: intFromNumber's literals do not match layout.ts");
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const INT2_BYTES = SIZE.INT_BASE + 8;

/** _PyLong_New(2) and its digits, for an integer 2**30 <= |v| <= 2**53 - 1 (sums and
 *  products past one digit). Exact: dividing by a power of two and flooring loses nothing
 *  below 2**53, and it avoids `%` on doubles (a call to fmod). */
export function intNew2(s: ObjSpace, v: number): number {
  const p = s.newObject(TID.INT, INT2_BYTES);
  const w = p >> 2;
  const a = v < 0 ? -v : v;
  const d1 = Math.floor(a / DIGIT_BASE);
  s.i32[w + INT.SIZE] = v < 0 ? -2 : 2;
  s.u32[w + INT.DIGITS] = a - d1 * DIGIT_BASE;
  s.u32[w + INT.DIGITS + 1] = d1;
  return p;
}

/** A new int for a safe integer v outside the small ints, one or two digits (both are
 *  32-byte blocks: INT1_BYTES, INT2_BYTES), every step run whatever v is: for a caller
 *  V8 optimized before it saw both kinds. */
export function intNewSafe(s: ObjSpace, v: number): number {
  const p = s.newObject(TID.INT, INT2_BYTES);
  const w = p >> 2;
  const a = v < 0 ? -v : v;
  // Doubles throughout (a / 2**30 is exact, and never an integer here but for a two-digit
  // int with a zero low digit): an int32 product that overflows at the first two-digit
  // int would be a deopt.
  const q = a / DIGIT_BASE;
  const d1 = Math.floor(q);
  const size = d1 === 0 ? 1 : 2;
  s.i32[w + INT.SIZE] = v < 0 ? -size : size;
  s.u32[w + INT.DIGITS] = (q - d1) * DIGIT_BASE;
  // A one-digit int's block has room for the word (CPython asks 28 bytes, gets 32).
  s.u32[w + INT.DIGITS + 1] = d1;
  return p;
}

if (INT1_BYTES !== INT2_BYTES) throw new Error("objects/int.ts: intNewSafe assumes one- and two-digit ints take the same block");

/** _PyLong_FromMedium: a one-digit int, for 0 < |v| < 2**30 outside the small ints:
 *  most of the ints a program makes. */
export function intNew1(s: ObjSpace, v: number): number {
  const p = s.newObject(TID.INT, INT1_BYTES);
  const w = p >> 2;
  if (v < 0) {
    s.i32[w + INT.SIZE] = -1;
    s.u32[w + INT.DIGITS] = -v;
  } else {
    s.i32[w + INT.SIZE] = 1;
    s.u32[w + INT.DIGITS] = v;
  }
  return p;
}

/** intFromNumber for |v| >= 2**30 (or a non-integer, which is a RangeError). */
function intFromWide(s: ObjSpace, v: number): number {
  const neg = v < 0;
  const a = neg ? -v : v;
  if (a < DIGIT_BASE) {
    const p = intAlloc(s, 1, neg);
    s.u32[(p >> 2) + INT.DIGITS] = a;
    return p;
  }
  if (a <= MAX_SAFE && Number.isInteger(a)) return intNew2(s, v);
  if (!Number.isInteger(v)) throw new RangeError(`intFromNumber: ${v} is not an integer`);
  return intFromBigInt(s, BigInt(v));
}

/** _PyLong_FromBigInt (gilsim): any integer. New reference. */
export function intFromBigInt(s: ObjSpace, v: bigint): number {
  if (v >= -9007199254740991n && v <= 9007199254740991n) return intFromNumber(s, Number(v));
  const neg = v < 0n;
  let a = neg ? -v : v;
  let n = 0;
  for (let t = a; t > 0n; t >>= BIG_DIGIT_BITS) n++;
  const p = intAlloc(s, n, neg);
  let w = (p >> 2) + INT.DIGITS;
  for (let i = 0; i < n; i++, w++) {
    s.u32[w] = Number(a & BIG_DIGIT_MASK);
    a >>= BIG_DIGIT_BITS;
  }
  return p;
}

/** PyBool_FromLong. Immortal. */
export function boolFrom(s: ObjSpace, b: boolean): number {
  return b ? s.True : s.False;
}

/** The value of an int (or bool) as a JS number, or NaN if it is not a safe integer.
 *  No allocation. */
export function intAsNumber(s: ObjSpace, p: number): number {
  const w = p >> 2;
  const size = s.i32[w + INT.SIZE]!;
  switch (size) {
    case 0:
      return 0;
    case 1:
      return s.u32[w + INT.DIGITS]!;
    case -1:
      return -s.u32[w + INT.DIGITS]!;
    case 2:
    case -2: {
      const a = s.u32[w + INT.DIGITS]! + s.u32[w + INT.DIGITS + 1]! * DIGIT_BASE;
      if (a > Number.MAX_SAFE_INTEGER) return NaN;
      return size < 0 ? -a : a;
    }
    default:
      return NaN;
  }
}

/** The exact value of an int (or bool). */
export function intToBigInt(s: ObjSpace, p: number): bigint {
  const w = p >> 2;
  const size = s.i32[w + INT.SIZE]!;
  const n = size < 0 ? -size : size;
  let v = 0n;
  for (let i = n - 1; i >= 0; i--) v = (v << BIG_DIGIT_BITS) | BigInt(s.u32[w + INT.DIGITS + i]!);
  return size < 0 ? -v : v;
}

/** ob_size: the signed digit count. */
export function intSize(s: ObjSpace, p: number): number {
  return s.i32[(p >> 2) + INT.SIZE]!;
}

/** digit i (0 = least significant). */
export function intDigit(s: ObjSpace, p: number, i: number): number {
  return s.u32[(p >> 2) + INT.DIGITS + i]!;
}

/** True iff the two ints (or bools) are equal: same sign, same digits. */
export function intEq(s: ObjSpace, a: number, b: number): boolean {
  const wa = a >> 2, wb = b >> 2;
  const size = s.i32[wa + INT.SIZE]!;
  if (size !== s.i32[wb + INT.SIZE]!) return false;
  const n = size < 0 ? -size : size;
  for (let i = 0; i < n; i++) if (s.u32[wa + INT.DIGITS + i] !== s.u32[wb + INT.DIGITS + i]) return false;
  return true;
}

/** long_dealloc → PyObject_Free. */
export function intRelease(s: ObjSpace, p: number): void {
  s.retire(p);
  // ObjSpace.quick: pymalloc's common case in one call (most of what dies is ints).
  if (s.quick && (s.alloc as ObMalloc).freeQuick(p)) s.frees++;
  else s.free(p);
}
