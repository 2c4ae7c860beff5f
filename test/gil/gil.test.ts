import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { createHeap } from "../../src/heap/index.js";
import { Gil, gilThreadStats } from "../../src/gil/gil.js";
import { GIL, RT } from "../../src/heap/layout.js";

function runThreads(n: number, rounds: number, blockEvery: (t: number) => number, intervalUs = 5000) {
  const heap = createHeap({ heapBytes: 8 * 1024 * 1024 });
  Gil.format(heap, intervalUs);
  const workers = Array.from({ length: n }, (_, tid) =>
    new Promise<{ violations: number; maxInside: number }>((resolve, reject) => {
      const w = new Worker(new URL("../support/ts-worker.mjs", import.meta.url), {
        workerData: { entry: new URL("../gil/gil-worker.ts", import.meta.url).href, sab: heap.sab, tid, rounds, blockEvery: blockEvery(tid) },
      });
      w.once("message", resolve);
      w.once("error", reject);
    }));
  return { heap, done: Promise.all(workers) };
}

describe("the GIL", () => {
  it("lets at most one of 8 threads run bytecode at a time, through requests, blocking and forced switches", async () => {
    const { heap, done } = runThreads(8, 20000, (t) => (t % 2 === 0 ? 0 : 500), 200);
    const results = await done;
    for (const r of results) {
      expect(r.violations).toBe(0);
      expect(r.maxInside).toBe(1);
    }
    expect(heap.i32[GIL.LOCKED]).toBe(0);
    expect(heap.i32[RT.IN_BYTECODE]).toBe(0);
    // Every thread got the GIL, and CPU-bound threads were asked to drop it.
    const stats = Array.from({ length: 8 }, (_, t) => gilThreadStats(heap, t));
    for (const s of stats) expect(s.acquisitions).toBeGreaterThan(0);
    expect(stats.reduce((a, s) => a + s.dropRequestsMade, 0)).toBeGreaterThan(0);
    expect(heap.i32[GIL.SWITCH_NUMBER]).toBeGreaterThan(8);
  }, 60_000);
});
