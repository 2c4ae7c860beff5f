/** The object layer on FtHeap: objects built by one thread slot and freed by another. */
import { describe, expect, it } from "vitest";
import { checkFtHeap, createHeap, FtHeap, ftThreadStats, type Heap } from "../../src/heap/index.js";
import * as O from "../../src/objects/index.js";
import { clearFreeLists, formatObjects, ObjSpace } from "../../src/objects/index.js";

function liveBlocks(heap: Heap): number {
  const r = checkFtHeap(heap);
  expect(r.problems).toEqual([]);
  return r.blocksInUse.reduce((a, n) => a + n, 0);
}

describe("objects on per-thread heaps", () => {
  it("a list built in slot 1 and released in slot 0 gives every block back, through xthread_free", () => {
    const heap = createHeap({ heapBytes: 16 * 1024 * 1024 });
    const a = new FtHeap(heap, 0), b = new FtHeap(heap, 1);
    const s0 = formatObjects(heap, a);
    const s1 = ObjSpace.attach(heap, b);
    clearFreeLists(s0);
    const base = liveBlocks(heap);
    const values = Array.from({ length: 3000 }, (_, i) => [i, `s${i}`, i * 0.5, [i, `t${i}`]]);
    const list = O.fromJs(s1, values);
    expect(liveBlocks(heap)).toBeGreaterThan(base + 3000);
    s0.decref(list); // every block of the list is slot 1's: freed by another thread
    expect(ftThreadStats(heap, 0).remoteFrees).toBeGreaterThan(3000);
    clearFreeLists(s0);
    clearFreeLists(s1);
    expect(liveBlocks(heap)).toBe(base);
    b.collect(true); // the owner takes its blocks back and unmaps what is empty
    expect(liveBlocks(heap)).toBe(base);
    expect(ftThreadStats(heap, 1).collected + ftThreadStats(heap, 1).delayedFrees).toBeGreaterThan(3000);
  });
});
