/**
 * Filling and moving words of the heap. V8's typed-array builtins on shared memory (Node
 * 20, an Int32Array over a SharedArrayBuffer) are calls into its C++ runtime, with a fixed
 * cost a short JS loop beats:
 * - `fill` costs about 35 ns whatever the length, cheaper than a loop from about 32 words;
 * - `copyWithin` (a memmove) about 30-70 ns up to 64 words, then 5x a loop's speed (400 KB:
 *   16 vs 100 us; 4096 words 0.76 vs 4 us; measured together on this machine), so a
 *   loop below 128 words and the builtin above (a list growing to 100,000 items is copied
 *   about 8 times its final size on the way: 9 ms of list_build as a loop).
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
  if (end - src > 128) {
    i32.copyWithin(dst, src, end);
    return;
  }
  if (dst <= src) {
    for (let i = src, d = dst; i < end; i++, d++) i32[d] = i32[i]!;
  } else {
    for (let i = end - 1, d = dst + (end - 1 - src); i >= src; i--, d--) i32[d] = i32[i]!;
  }
}
