/**
 * Allocator micro-benchmark: ns per malloc+free pair, single thread.
 *
 *   npm run bench -- alloc
 *
 * Each task does BATCH pairs so tinybench's per-call overhead is amortised; the
 * reported figure is the task's mean time divided by BATCH. Two patterns:
 *   lifo   malloc then free at once (the pool's free list head is reused: the fast path)
 *   batch  64 mallocs then 64 frees (walks the free list and virgin space, crosses pools)
 */
import { Bench } from "tinybench";
import { createHeap, ObMalloc } from "../src/heap/index.js";
import { bootDetecting, DetectingObMalloc } from "../src/races/index.js";

const BATCH = 4096;

export async function runAllocBench(): Promise<void> {
  const ob = new ObMalloc(createHeap({ heapBytes: 64 * 1024 * 1024 }));
  const held = new Int32Array(64);
  const bench = new Bench({ time: 400, warmup: true, warmupTime: 100 });
  const sizes = [16, 64, 256, 512];
  // Keep one block of each class live, so no pool empties (and takes the slow path to its
  // arena) on every free: a pool in a running program rarely goes 1 -> 0 -> 1 in a loop.
  for (const n of sizes) ob.malloc(n);
  for (const n of sizes) {
    bench.add(`lifo  ${String(n).padStart(4)} B`, () => {
      for (let i = 0; i < BATCH; i++) ob.free(ob.malloc(n));
    });
  }
  for (const n of sizes) {
    bench.add(`batch ${String(n).padStart(4)} B`, () => {
      for (let j = 0; j < BATCH; j += 64) {
        for (let i = 0; i < 64; i++) held[i] = ob.malloc(n);
        for (let i = 0; i < 64; i++) ob.free(held[i]!);
      }
    });
  }
  bench.add("lifo  raw 4096 B", () => {
    for (let i = 0; i < BATCH; i++) ob.free(ob.malloc(4096));
  });
  // nogil's allocator: the same pymalloc with the race detector's checks and shadow bits.
  const detHeap = createHeap({ heapBytes: 64 * 1024 * 1024 });
  bootDetecting(detHeap);
  const det = new DetectingObMalloc(detHeap, 0);
  det.malloc(64);
  bench.add("nogil lifo    64 B", () => {
    for (let i = 0; i < BATCH; i++) det.free(det.malloc(64));
  });
  bench.add("nogil batch   64 B", () => {
    for (let j = 0; j < BATCH; j += 64) {
      for (let i = 0; i < 64; i++) held[i] = det.malloc(64);
      for (let i = 0; i < 64; i++) det.free(held[i]!);
    }
  });
  await bench.run();
  console.log("allocator: ns per malloc+free pair (one thread)");
  for (const task of bench.tasks) {
    const r = task.result;
    if (r === undefined || !("latency" in r)) continue;
    const ns = (r.latency.mean * 1e6) / BATCH;
    console.log(`  ${task.name.padEnd(18)} ${ns.toFixed(1).padStart(7)} ns   (±${r.latency.rme.toFixed(1)}%)`);
  }
}
