/**
 * Heap itself: copyBytes is memmove, whether it copies by words or bytes.
 */
import { describe, expect, it } from "vitest";
import { Heap } from "../../src/heap/index.js";

describe("Heap.copyBytes", () => {
  const heap = Heap.create({ heapBytes: 1 << 20 });
  const base = heap.layout.rawStart;

  /** copyBytes(dst, src, n) against a byte-by-byte memmove of the same bytes. */
  function check(dst: number, src: number, n: number): void {
    for (let i = 0; i < 64; i++) heap.u8[base + i] = (i * 37 + 11) & 0xff;
    const before = Array.from(heap.u8.subarray(base, base + 64));
    const expected = before.slice();
    const moved = before.slice(src, src + n);
    for (let i = 0; i < n; i++) expected[dst + i] = moved[i]!;
    heap.copyBytes(base + dst, base + src, n);
    expect(Array.from(heap.u8.subarray(base, base + 64))).toEqual(expected);
  }

  it("copies whole words and a tail of bytes", () => {
    for (const n of [0, 1, 3, 4, 5, 8, 11, 16]) check(32, 0, n);
  });

  it("copies bytes when either end is not word-aligned", () => {
    for (const [dst, src] of [[33, 0], [32, 1], [35, 2]] as const) check(dst, src, 13);
  });

  it("moves overlapping ranges either way, as memmove", () => {
    check(4, 0, 20);
    check(0, 4, 20);
    check(5, 1, 20);
    check(1, 6, 20);
  });
});
