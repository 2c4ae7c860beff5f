/**
 * The free-threaded mode's per-thread young lists (src/modes/young.ts), in one JS thread:
 * two object spaces of different thread ids over one heap. What each thread tracks goes on
 * its own list; another thread can untrack it; the collector's gather brings every young
 * list onto gen 0; the per-thread counts add up to CPython's gen 0 count.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { GC_HEAD_ADDR, GCS } from "../../src/gc/layout.js";
import { listSize } from "../../src/gc/lists.js";
import { GCH } from "../../src/heap/layout.js";
import type { BiasedObjSpace } from "../../src/modes/biased.js";
import { LOCAL_ALLOC_COUNT_THRESHOLD, YOUNG_MASK, YOUNG_SHIFT, youngHead } from "../../src/modes/young.js";
import { listNew } from "../../src/objects/index.js";
import { twoThreads } from "./spaces.js";

let A: BiasedObjSpace; // thread 0
let B: BiasedObjSpace; // thread 1
let i32: Int32Array;

beforeEach(() => {
  [A, B] = twoThreads();
  i32 = A.i32;
  i32[GCS.COUNT] = 0;
  i32[GCS.THRESHOLD] = 1_000_000; // no collection is scheduled here
});

const size = (head: number): number => listSize(i32, head, 1 << 20);
const tagOf = (p: number): number => (i32[(p >> 2) + GCH.FLAGS]! & YOUNG_MASK) >> YOUNG_SHIFT;

describe("free-threaded young lists", () => {
  it("tracks a thread's new containers on its own list, tagged with its slot", () => {
    const gen0 = size(GC_HEAD_ADDR.GEN0);
    const a = listNew(A, 0);
    const b = listNew(B, 0);
    expect([tagOf(a), tagOf(b)]).toEqual([1, 2]);
    expect(size(youngHead(i32, 0))).toBe(1);
    expect(size(youngHead(i32, 1))).toBe(1);
    expect(size(GC_HEAD_ADDR.GEN0)).toBe(gen0);
  });

  it("lets another thread untrack an object on a young list", () => {
    const a = listNew(A, 0);
    B.gcUntrack(a);
    expect(i32[(a >> 2) + GCH.NEXT]).toBe(0);
    expect(tagOf(a)).toBe(0);
    expect(size(youngHead(i32, 0))).toBe(0);
    A.gcTrack(a);
    expect(size(youngHead(i32, 0))).toBe(1);
  });

  it("gathers every young list onto gen 0, clearing the tags; untracking then uses gen 0", () => {
    const gen0 = size(GC_HEAD_ADDR.GEN0);
    const xs = [listNew(A, 0), listNew(B, 0), listNew(A, 0)];
    A.gcGatherYoung();
    expect(size(GC_HEAD_ADDR.GEN0)).toBe(gen0 + 3);
    expect(size(youngHead(i32, 0)) + size(youngHead(i32, 1))).toBe(0);
    expect(xs.map(tagOf)).toEqual([0, 0, 0]);
    B.gcUntrack(xs[0]!);
    expect(size(GC_HEAD_ADDR.GEN0)).toBe(gen0 + 2);
  });

  it("counts per thread, adding to gen 0's count in batches, and exactly when asked", () => {
    for (let i = 0; i < 10; i++) listNew(A, 0);
    expect(i32[GCS.COUNT]).toBe(0); // still local
    A.gcFlushCount();
    expect(i32[GCS.COUNT]).toBe(10);
    for (let i = 0; i < LOCAL_ALLOC_COUNT_THRESHOLD; i++) listNew(B, 0);
    expect(i32[GCS.COUNT]).toBe(10 + LOCAL_ALLOC_COUNT_THRESHOLD); // B's batch went in at 512
  });

  it("adds at once when the total would cross the threshold, so one thread collects on time", () => {
    i32[GCS.THRESHOLD] = 700;
    for (let i = 0; i < 701; i++) listNew(A, 0);
    expect(i32[GCS.COUNT]).toBe(701);
  });
});
