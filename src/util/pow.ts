/**
 * x ** y for Python floats, as C's pow() gives it (CPython's float_pow calls libm).
 * V8's Math.pow is not correctly rounded: 7 ** -2 is 0.020408163265306124 there and
 * 0.02040816326530612 in CPython, 1.1 ** 4 1.4641000000000006 against 1.4641000000000004.
 * An integer exponent (the common case: x ** 2, 10 ** -3) is computed here in
 * double-double arithmetic (about 106 bits, Dekker's exact products) and rounded once,
 * which gives libm's result but in the rarest ties; other exponents stay Math.pow's.
 */

/** 2**27 + 1: Veltkamp's splitter for doubles. */
const SPLIT = 134217729;

/** Magnitudes past which the exact products could overflow or lose bits to underflow. */
const DD_MAX = 2 ** 900;
const DD_MIN = 2 ** -900;

let errOut = 0;

/** fl(a * b); the exact rounding error a * b - fl(a * b) is left in errOut (Dekker). */
function twoProd(a: number, b: number): number {
  const p = a * b;
  const ca = SPLIT * a, ah = ca - (ca - a), al = a - ah;
  const cb = SPLIT * b, bh = cb - (cb - b), bl = b - bh;
  errOut = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  return p;
}

let loOut = 0;

/** (ah + al) * (bh + bl) as a normalized double-double: the high part, the low in loOut. */
function ddMul(ah: number, al: number, bh: number, bl: number): number {
  const p = twoProd(ah, bh);
  const e = errOut + (ah * bl + al * bh);
  const hi = p + e;
  loOut = e - (hi - p);
  return hi;
}

/** x ** y with libm's rounding where y is an integer (see above). */
export function powDouble(x: number, y: number): number {
  if (!Number.isInteger(y) || !Number.isFinite(x) || x === 0 || Math.abs(y) > 1100) return x ** y;
  const approx = x ** y;
  if (!(Math.abs(approx) < DD_MAX && Math.abs(approx) > DD_MIN)) return approx;
  let rh = 1, rl = 0; // the result so far
  let bh = x, bl = 0; // x ** (2 ** k)
  for (let n = Math.abs(y); n > 0; n = Math.floor(n / 2)) {
    if (n % 2 === 1) {
      rh = ddMul(rh, rl, bh, bl);
      rl = loOut;
    }
    if (n > 1) {
      bh = ddMul(bh, bl, bh, bl);
      bl = loOut;
      if (!(Math.abs(bh) < DD_MAX && Math.abs(bh) > DD_MIN)) return approx;
    }
  }
  if (y > 0) return rh + rl;
  // 1 / (rh + rl): q = 1 / rh, corrected by its exact residual 1 - q * (rh + rl).
  const q = 1 / rh;
  const p = twoProd(q, rh);
  const r = ((1 - p) - errOut) - q * rl;
  return q + q * r;
}

/** a / b for ints, correctly rounded as CPython's long_true_divide: the quotient scaled to
 *  at least 55 bits, a sticky bit for a nonzero remainder, one rounding (BigInt → Number
 *  rounds to nearest, ties to even), then the exact power-of-two scaling back. Infinity
 *  past the double range (the caller raises OverflowError). b != 0. */
export function bigTrueDivide(a: bigint, b: bigint): number {
  const limit = 2n ** 53n;
  if (a > -limit && a < limit && b > -limit && b < limit) return Number(a) / Number(b);
  const negative = (a < 0n) !== (b < 0n);
  let x = a < 0n ? -a : a;
  const y = b < 0n ? -b : b;
  if (x === 0n) return negative ? -0 : 0;
  const shift = y.toString(2).length - x.toString(2).length + 55;
  let q: bigint, r: bigint;
  if (shift >= 0) {
    x <<= BigInt(shift);
    q = x / y;
    r = x % y;
  } else {
    const d = y << BigInt(-shift);
    q = x / d;
    r = x % d;
  }
  if (r !== 0n) q |= 1n;
  let v = Number(q);
  // v * 2**-shift, in steps that stay exact in the double range.
  let e = -shift;
  while (e > 0) { const k = Math.min(e, 1000); v *= 2 ** k; e -= k; if (!Number.isFinite(v)) break; }
  while (e < 0) { const k = Math.max(e, -1000); v *= 2 ** k; e -= k; }
  return negative ? -v : v;
}
