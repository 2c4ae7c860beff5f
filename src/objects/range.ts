/**
 * range and its iterator (Objects/rangeobject.c, 3.11).
 *
 *   range (48 B, not GC): start, stop, step, length as int objects at 16, 24, 32, 40
 *   range_iterator (48 B, not GC): index, start, step, len as C longs at 16, 24, 32, 40;
 *     ours are f64 holding safe integers
 * CPython switches to longrangeiterobject when a bound does not fit a C long; gilsim
 * does not model that one and requires every value the iterator produces to be a safe
 * integer (|v| < 2**53).
 */
import { PyError } from "./errors.js";
import { intAsNumber, intFromNumber } from "./int.js";
import { RANGE, RANGE_ITER_BYTE, SIZE, TID, zeroWords } from "./layout.js";
import type { ObjSpace } from "./space.js";

/** rangeobject.c: compute_range_length (get_len_of_range). */
export function rangeLength(start: number, stop: number, step: number): number {
  if (step > 0 && start < stop) return Math.floor((stop - 1 - start) / step) + 1;
  if (step < 0 && start > stop) return Math.floor((start - 1 - stop) / -step) + 1;
  return 0;
}

/** range(start, stop, step) for safe integers. New reference. */
export function rangeNew(s: ObjSpace, start: number, stop: number, step: number): number {
  if (step === 0) throw new PyError("ValueError", "range() arg 3 must not be zero");
  for (const v of [start, stop, step]) {
    if (!Number.isSafeInteger(v)) throw new PyError("OverflowError", "gilsim: range bounds must be below 2**53 in magnitude");
  }
  const len = rangeLength(start, stop, step);
  const made: number[] = [];
  try {
    for (const v of [start, stop, step, len]) made.push(intFromNumber(s, v));
    const p = s.newObject(TID.RANGE, SIZE.RANGE);
    const w = p >> 2;
    zeroWords(s.i32, w + 4, w + (SIZE.RANGE >> 2));
    s.i32[w + RANGE.START] = made[0]!;
    s.i32[w + RANGE.STOP] = made[1]!;
    s.i32[w + RANGE.STEP] = made[2]!;
    s.i32[w + RANGE.LENGTH] = made[3]!;
    return p;
  } catch (e) {
    for (const p of made) s.decref(p);
    throw e;
  }
}

/** A field of a range (RANGE.START/STOP/STEP/LENGTH) as a JS number. */
export function rangeField(s: ObjSpace, r: number, f: number): number {
  return intAsNumber(s, s.i32[(r >> 2) + f]!);
}

/** range_dealloc, phase 1. */
export function rangeClear(s: ObjSpace, r: number): void {
  s.pushRelease(r);
  const w = r >> 2;
  s.decref(s.i32[w + RANGE.LENGTH]!);
  s.decref(s.i32[w + RANGE.STEP]!);
  s.decref(s.i32[w + RANGE.STOP]!);
  s.decref(s.i32[w + RANGE.START]!);
}

/** range_iter (fast_range_iter). New reference. */
export function rangeIterNew(s: ObjSpace, r: number): number {
  const p = s.newObject(TID.RANGE_ITER, SIZE.RANGE_ITER);
  const f = s.f64;
  f[(p + RANGE_ITER_BYTE.INDEX) >> 3] = 0;
  f[(p + RANGE_ITER_BYTE.START) >> 3] = rangeField(s, r, RANGE.START);
  f[(p + RANGE_ITER_BYTE.STEP) >> 3] = rangeField(s, r, RANGE.STEP);
  f[(p + RANGE_ITER_BYTE.LEN) >> 3] = rangeField(s, r, RANGE.LENGTH);
  return p;
}

/** rangeiter_next: the next int (new reference), or 0 when exhausted. */
export function rangeIterNext(s: ObjSpace, it: number): number {
  const f = s.f64;
  const ix = (it + RANGE_ITER_BYTE.INDEX) >> 3;
  const index = f[ix]!;
  if (index >= f[(it + RANGE_ITER_BYTE.LEN) >> 3]!) return 0;
  f[ix] = index + 1;
  return intFromNumber(s, f[(it + RANGE_ITER_BYTE.START) >> 3]! + index * f[(it + RANGE_ITER_BYTE.STEP) >> 3]!);
}

/** Items the iterator has left (rangeiter_len). */
export function rangeIterRemaining(s: ObjSpace, it: number): number {
  return s.f64[(it + RANGE_ITER_BYTE.LEN) >> 3]! - s.f64[(it + RANGE_ITER_BYTE.INDEX) >> 3]!;
}
