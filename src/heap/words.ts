/**
 * Filling and moving words of the heap, as loops where V8's typed-array builtins are slow
 * on shared memory (Node 20, measured on an Int32Array over a SharedArrayBuffer):
 * - `copyWithin` copies element by element with relaxed atomic loads and stores, three to
 *   four times slower than a JS loop at every length (8 words 71 vs 18 ns, 1024 words
 *   4.8 vs 1.5 µs): never used;
 * - `fill` is a call into V8's C++ runtime, about 35 ns whatever the length, cheaper than
 *   a loop only from about 32 words on.
 */

/** i32[from..to) = value. */
export function fillWords(i32: Int32Array, value: number, from: number, to: number): void {
  if (to - from > 32) {
    i32.fill(value, from, to);
    return;
  }
  for (let i = from; i < to; i++) i32[i] = value;
}

/** i32.copyWithin(dst, src, end): words [src, end) to dst, the ranges may overlap (memmove). */
export function copyWords(i32: Int32Array, dst: number, src: number, end: number): void {
  if (dst <= src) {
    for (let i = src, d = dst; i < end; i++, d++) i32[d] = i32[i]!;
  } else {
    for (let i = end - 1, d = dst + (end - 1 - src); i >= src; i--, d--) i32[d] = i32[i]!;
  }
}
