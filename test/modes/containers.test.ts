/**
 * The repaired modes' container locks and refcounts under real worker threads: four
 * threads append to one list, overwrite one dict's values and pop from the list's front,
 * all at once, with no GIL. Invariants only: every append is there, in each thread's
 * order; the heap validates; and once the containers are cleared every int is freed
 * exactly once (the allocator's blocks in use are back where they started).
 */
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { checkHeap, createHeap, ObMalloc } from "../../src/heap/index.js";
import { formatModeState, policyFor } from "../../src/modes/index.js";
import { dictClear, dictLen, dictNew, formatObjects, intAsNumber, listClear, listGet, listLen, listNew } from "../../src/objects/index.js";

const THREADS = 4;
const ROUNDS = 3000;

for (const mode of ["nogil-atomic", "free-threaded"] as const) {
  describe(`containers in ${mode}`, () => {
    it("keep every update from four threads at once and free every object once", async () => {
      const heap = createHeap({ heapBytes: 16 * 1024 * 1024 });
      const ob = new ObMalloc(heap);
      formatObjects(heap, ob);
      formatModeState(heap, ob.raw);
      const policy = policyFor(mode);
      const s = policy.space(heap, policy.allocator(heap, 0), 0);
      const list = listNew(s, 0);
      const dict = dictNew(s);
      const baseline = checkHeap(ob).blocksInUse;
      const results = await Promise.all(Array.from({ length: THREADS }, (_, k) => new Promise<{ popped: number; containerLocks: number }>((resolve, reject) => {
        const w = new Worker(new URL("../support/ts-worker.mjs", import.meta.url), {
          workerData: { entry: new URL("./containers-worker.ts", import.meta.url).href, sab: heap.sab, mode, tid: k + 1, list, dict, rounds: ROUNDS },
        });
        w.once("message", resolve);
        w.once("error", reject);
      })));
      const popped = results.reduce((a, r) => a + r.popped, 0);
      expect(listLen(s, list)).toBe(THREADS * ROUNDS - popped);
      expect(dictLen(s, dict)).toBe(32);
      // Each thread's appends are in its own order.
      const last = new Map<number, number>();
      for (let i = 0; i < listLen(s, list); i++) {
        const v = intAsNumber(s, listGet(s, list, i));
        const t = Math.floor(v / 1_000_000);
        expect(v).toBeGreaterThan(last.get(t) ?? -1);
        last.set(t, v);
        expect(s.refcount(listGet(s, list, i))).toBeGreaterThan(0);
      }
      for (const r of results) expect(r.containerLocks).toBeGreaterThan(ROUNDS);
      listClear(s, list);
      dictClear(s, dict);
      s.handlePending();
      const after = checkHeap(ob);
      expect(after.problems).toEqual([]);
      expect(after.blocksInUse).toEqual(baseline);
    }, 120_000);
  });
}
