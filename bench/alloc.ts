/**
 * Allocator benchmarks.
 *
 *   npm run bench -- alloc
 *
 * 1. ns per malloc+free pair, one thread, for pymalloc (ObMalloc), the free-threaded
 *    per-thread heaps (FtHeap) and pymalloc behind one lock (LockedAllocator, what
 *    nogil-atomic does). Each task does BATCH pairs so tinybench's per-call overhead is
 *    amortised; the figure is the task's mean time divided by BATCH. Two patterns:
 *      lifo   malloc then free at once (the free list head is reused: the fast path)
 *      batch  64 mallocs then 64 frees (walks the free list and virgin space, crosses pages)
 * 2. Throughput of 1 and 2 real threads (worker_threads over one heap) each doing the
 *    batch pattern on its own blocks: FtHeap shares nothing between threads, so 2
 *    threads should do nearly 2× the pairs of one on 2 cores; pymalloc behind one lock
 *    serialises them (and pays the lock's cache-line traffic). RUNS runs (BENCH_RUNS),
 *    median and best shown: on a shared machine the best run is closest to idle cores.
 *    Also the process CPU time per pair, 1 vs 2 threads: it does not depend on how busy
 *    the machine is, and grows only if the threads interfere (a lock, a shared cache line).
 *    BENCH_ALLOC_THREADS_ONLY=1 skips part 1.
 */
import os from "node:os";
import { Worker } from "node:worker_threads";
import { Bench } from "tinybench";
import { createHeap } from "../src/heap/index.js";
import type { Allocator } from "../src/heap/allocator.js";
import { type AllocKind, CTL, makeAllocator } from "./alloc-shared.js";
import { bootDetecting, DetectingObMalloc } from "../src/races/index.js";

const BATCH = 4096;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const THREAD_PAIRS = 2_000_000;

export async function runAllocBench(): Promise<void> {
  await singleThread();
  await threaded();
}

async function singleThread(): Promise<void> {
  if (process.env.BENCH_ALLOC_THREADS_ONLY) return;
  const held = new Int32Array(64);
  const bench = new Bench({ time: 400, warmup: true, warmupTime: 100 });
  const sizes = [16, 64, 256, 512];
  const kinds: AllocKind[] = ["pymalloc", "ftheap", "locked pymalloc"];
  for (const kind of kinds) {
    const a: Allocator = makeAllocator(createHeap({ heapBytes: 64 * 1024 * 1024 }), kind, 0);
    // Keep one block of each class live, so no pool/page empties (and takes the slow path
    // to its arena/segment) on every free: in a running program one rarely goes 1 -> 0 -> 1.
    for (const n of sizes) a.malloc(n);
    for (const n of sizes) {
      bench.add(`${kind.padEnd(15)} lifo  ${String(n).padStart(4)} B`, () => {
        for (let i = 0; i < BATCH; i++) a.free(a.malloc(n));
      });
    }
    for (const n of sizes) {
      bench.add(`${kind.padEnd(15)} batch ${String(n).padStart(4)} B`, () => {
        for (let j = 0; j < BATCH; j += 64) {
          for (let i = 0; i < 64; i++) held[i] = a.malloc(n);
          for (let i = 0; i < 64; i++) a.free(held[i]!);
        }
      });
    }
    bench.add(`${kind.padEnd(15)} lifo  raw 4096 B`, () => {
      for (let i = 0; i < BATCH; i++) a.free(a.malloc(4096));
    });
  }
  // A cross-thread free, without the threads: heap 0 mallocs, heap 1 (another slot) frees,
  // so every free is an atomic push on xthread_free that heap 0 collects later.
  const xheap = createHeap({ heapBytes: 64 * 1024 * 1024 });
  const [owner, other] = [makeAllocator(xheap, "ftheap", 0), makeAllocator(xheap, "ftheap", 1)];
  for (const n of [64, 512]) {
    bench.add(`ftheap, freed by another slot batch ${String(n).padStart(4)} B`, () => {
      for (let j = 0; j < BATCH; j += 64) {
        for (let i = 0; i < 64; i++) held[i] = owner.malloc(n);
        for (let i = 0; i < 64; i++) other.free(held[i]!);
      }
    });
  }
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
    console.log(`  ${task.name.padEnd(42)} ${ns.toFixed(1).padStart(7)} ns   (±${r.latency.rme.toFixed(1)}%)`);
  }
}

interface ThreadedResult {
  mpairs: number; // M pairs/s, wall clock: all pairs over the slowest thread's time
  cpuNs: number; // process CPU ns per pair while the threads ran (load-insensitive)
}

/** Run `threads` workers of `kind` over one fresh heap; the slowest one's time decides. */
async function threadedRun(kind: AllocKind, threads: number): Promise<ThreadedResult> {
  const heap = createHeap({ heapBytes: 64 * 1024 * 1024 });
  const ctl = new SharedArrayBuffer(64);
  const c = new Int32Array(ctl);
  const done = Array.from({ length: threads }, (_, slot) =>
    new Promise<number>((resolve, reject) => {
      // Workers do not inherit tsx's loader: the test suite's shim registers it.
      const w = new Worker(new URL("../test/support/ts-worker.mjs", import.meta.url), {
        workerData: { entry: new URL("./alloc-worker.ts", import.meta.url).href, sab: heap.sab, ctl, kind, slot, pairs: THREAD_PAIRS },
      });
      w.once("message", resolve);
      w.once("error", reject);
    }));
  for (let n = Atomics.load(c, CTL.READY); n < threads; n = Atomics.load(c, CTL.READY)) {
    await new Promise((r) => setTimeout(r, 5));
  }
  const cpu0 = process.cpuUsage();
  Atomics.store(c, CTL.GO, 1);
  Atomics.notify(c, CTL.GO);
  const ms = await Promise.all(done);
  const cpu = process.cpuUsage(cpu0);
  const pairs = threads * THREAD_PAIRS;
  return { mpairs: pairs / Math.max(...ms) / 1e3, cpuNs: ((cpu.user + cpu.system) * 1e3) / pairs };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function threaded(): Promise<void> {
  console.log(`\nallocator: throughput of real threads, each ${THREAD_PAIRS / 1e6} M pairs of its own blocks (batch of 64, 16..512 B), median of ${RUNS}`);
  // Wall-clock scaling needs idle cores: show how busy the machine was.
  console.log(`  (${os.availableParallelism()} cores, load average ${os.loadavg()[0]!.toFixed(1)} at start)`);
  for (const kind of ["ftheap", "locked pymalloc"] as AllocKind[]) {
    const one: ThreadedResult[] = [], two: ThreadedResult[] = [];
    for (let r = 0; r < RUNS; r++) {
      one.push(await threadedRun(kind, 1));
      two.push(await threadedRun(kind, 2));
    }
    const m1 = median(one.map((x) => x.mpairs)), m2 = median(two.map((x) => x.mpairs));
    const b1 = Math.max(...one.map((x) => x.mpairs)), b2 = Math.max(...two.map((x) => x.mpairs));
    const c1 = median(one.map((x) => x.cpuNs)), c2 = median(two.map((x) => x.cpuNs));
    console.log(`  ${kind.padEnd(16)} 1 thread ${m1.toFixed(1).padStart(6)} M pairs/s   2 threads ${m2.toFixed(1).padStart(6)} M pairs/s   ` +
      `speedup ${(m2 / m1).toFixed(2)}×   (best runs: ${b1.toFixed(1)} / ${b2.toFixed(1)}, ${(b2 / b1).toFixed(2)}×)`);
    console.log(`  ${"".padEnd(16)} CPU per pair: 1 thread ${c1.toFixed(0)} ns, 2 threads ${c2.toFixed(0)} ns (${(c2 / c1).toFixed(2)}×: ` +
      `1.00× = the threads do not slow each other down)`);
  }
}
