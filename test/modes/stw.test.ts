/**
 * Stop-the-world on the gate of the modes without a GIL (freegate.ts), with real worker
 * threads: while thread 0 has the world stopped, no other thread executes a "bytecode"
 * (their counters do not move, however long the stop lasts), and after the restart they
 * all run again. Threads that block now and then count as stopped while blocked and wait
 * for the restart before they run again.
 */
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { createHeap, ObMalloc } from "../../src/heap/index.js";
import { THREAD_SLOT_BYTES, THREADS_OFF, TS, ThreadSlotState } from "../../src/heap/layout.js";
import { FreeGate } from "../../src/modes/freegate.js";
import { formatModeState } from "../../src/modes/state.js";

const N = 3;

describe("stop-the-world without a GIL", () => {
  it("stops every other thread, at its eval breaker or while it blocks, and restarts them", async () => {
    const heap = createHeap({ heapBytes: 4 * 1024 * 1024 });
    formatModeState(heap, new ObMalloc(heap).raw);
    for (let t = 0; t <= N; t++) heap.i32[((THREADS_OFF + t * THREAD_SLOT_BYTES) >> 2) + TS.STATE] = ThreadSlotState.RUNNING;
    const counters = new SharedArrayBuffer(4 * (N + 1));
    const c = new Int32Array(counters);
    const gate = new FreeGate(heap, 0);
    gate.take();
    const workers = Array.from({ length: N }, (_, k) => new Promise<{ parks: number }>((resolve, reject) => {
      const w = new Worker(new URL("../support/ts-worker.mjs", import.meta.url), {
        workerData: { entry: new URL("./stw-worker.ts", import.meta.url).href, sab: heap.sab, counters, tid: k + 1, blockEvery: k === 0 ? 50 : 0 },
      });
      w.once("message", resolve);
      w.once("error", reject);
    }));
    const pause = new Int32Array(new SharedArrayBuffer(4));
    const waitAllMoved = async (from: number[]): Promise<void> => {
      while (from.some((v, k) => Atomics.load(c, k + 1) <= v)) await new Promise((r) => setTimeout(r, 2));
    };
    const snapshot = (): number[] => Array.from({ length: N }, (_, k) => Atomics.load(c, k + 1));
    await waitAllMoved(new Array(N).fill(0));
    for (let round = 0; round < 5; round++) {
      gate.stopTheWorld();
      const before = snapshot();
      Atomics.wait(pause, 0, 0, 20); // the others would run thousands of "bytecodes" in 20 ms
      expect(snapshot()).toEqual(before);
      gate.startTheWorld();
      await waitAllMoved(before);
    }
    Atomics.store(c, 0, 1);
    gate.drop("exit");
    const results = await Promise.all(workers);
    // The threads that never block were stopped at their eval breaker every round.
    for (const r of results.slice(1)) expect(r.parks).toBeGreaterThanOrEqual(5);
  }, 60_000);
});
