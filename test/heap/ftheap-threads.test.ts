import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { ftCensus } from "../../src/heap/ftcheck.js";
import {
  checkFtHeap, checkHeap, createHeap, FtHeap, ftThreadStats, type Heap, HeapLock, LockedAllocator, ObMalloc, RawMalloc,
} from "../../src/heap/index.js";
import { OBM } from "../../src/heap/layout.js";
import { MAILBOX, sharedBytes, type WorkerData, type WorkerResult } from "./ftheap-shared.js";

const MiB = 1024 * 1024;

function runWorkers(kind: WorkerData["kind"], heap: Heap, shared: SharedArrayBuffer, workers: number, ops: number): Promise<WorkerResult[]> {
  return Promise.all(Array.from({ length: workers }, (_, slot) =>
    new Promise<WorkerResult>((resolve, reject) => {
      const data: WorkerData = { kind, sab: heap.sab, shared, slot, workers, ops, seed: 1000 + slot };
      const w = new Worker(new URL("../support/ts-worker.mjs", import.meta.url), {
        workerData: { entry: new URL("./ftheap-worker.ts", import.meta.url).href, ...data },
      });
      w.once("message", resolve);
      w.once("error", reject);
    })));
}

/** The blocks still in the random-phase mailbox after the workers joined: exactly the
 *  allocations without a free. */
function leftovers(shared: SharedArrayBuffer, workers: number, results: WorkerResult[]) {
  const box = new Int32Array(shared);
  const shadow = new Int32Array(shared, MAILBOX.SHADOW_OFF);
  const left: number[] = [];
  for (let k = MAILBOX.BOXES_OFF / 4; k < MAILBOX.BOXES_OFF / 4 + workers * MAILBOX.ENTRIES; k++) {
    if (box[k] !== 0) left.push(box[k]!);
  }
  const allocs = results.reduce((s, r) => s + r.allocs, 0);
  const frees = results.reduce((s, r) => s + r.frees, 0);
  expect(allocs - frees).toBe(left.length);
  return { left, shadow };
}

describe("FtHeap with real threads over one SharedArrayBuffer", () => {
  it("3 workers allocate and free, their own blocks and each other's, with no block handed out twice and all accounted for", async () => {
    const heap = createHeap({ heapBytes: 32 * MiB });
    const shared = new SharedArrayBuffer(sharedBytes(heap.config.heapBytes));
    const workers = 3;
    const results = await runWorkers("ftheap", heap, shared, workers, 30000);
    for (const r of results) {
      expect(r.errors).toEqual([]);
      expect(r.taken).toBeGreaterThanOrEqual(MAILBOX.ENTRIES); // at least the final hand-over
    }
    // Every slot's heap was abandoned; blocks still in the random-phase mailbox are live.
    const { left, shadow } = leftovers(shared, workers, results);
    const check = checkFtHeap(heap);
    expect(check.problems).toEqual([]);
    const main = new FtHeap(heap, workers);
    const smallLeft = left.filter((p) => main.isSmall(p)).length;
    expect(check.blocksInUse.reduce((s, n) => s + n, 0)).toBe(smallLeft);
    let remote = 0;
    for (let slot = 0; slot < workers; slot++) {
      const s = ftThreadStats(heap, slot);
      expect(s.state).toBe("abandoned");
      remote += s.remoteFrees;
    }
    expect(remote).toBeGreaterThanOrEqual(workers * MAILBOX.ENTRIES);
    // The main thread frees what is left (cross-thread frees into abandoned heaps), each
    // stamp intact; the slots' next threads adopt the heaps and give everything back.
    for (const p of left) {
      expect(Atomics.exchange(shadow, p >> 4, 0)).toBe(heap.u32[(p >> 2) + 1]);
      main.free(p);
    }
    expect(checkFtHeap(heap).blocksInUse.every((n) => n === 0)).toBe(true);
    for (let slot = 0; slot < workers; slot++) new FtHeap(heap, slot).collect(true);
    main.collect(true);
    expect(checkFtHeap(heap).problems).toEqual([]);
    expect(ftCensus(heap).segments).toEqual([]);
    const raw = new RawMalloc(heap).stats();
    expect(raw).toMatchObject({ mmapBytes: 0, blocksInUse: 0, bytesInUse: 0 });
    expect(shadow.every((w) => w === 0)).toBe(true);
  }, 60_000);
});

describe("LockedAllocator with real threads", () => {
  it("keeps pymalloc consistent under 3 workers allocating and freeing each other's blocks behind one lock", async () => {
    const heap = createHeap({ heapBytes: 32 * MiB });
    const shared = new SharedArrayBuffer(sharedBytes(heap.config.heapBytes));
    const results = await runWorkers("locked pymalloc", heap, shared, 3, 20000);
    for (const r of results) expect(r.errors).toEqual([]);
    const { left, shadow } = leftovers(shared, 3, results);
    const ob = new ObMalloc(heap);
    const locked = new LockedAllocator(ob, new HeapLock(heap.i32, OBM.LOCK));
    const before = checkHeap(ob);
    expect(before.problems).toEqual([]);
    expect(before.blocksInUse.reduce((s, n) => s + n, 0)).toBe(left.filter((p) => ob.isSmall(p)).length);
    for (const p of left) {
      expect(Atomics.exchange(shadow, p >> 4, 0)).toBe(heap.u32[(p >> 2) + 1]);
      locked.free(p);
    }
    const after = checkHeap(ob);
    expect(after.problems).toEqual([]);
    expect(after.blocksInUse.every((n) => n === 0)).toBe(true);
    expect(locked.lock.isHeld()).toBe(false);
  }, 60_000);
});
