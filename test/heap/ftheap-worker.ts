// A worker for the multi-threaded allocator tests: one simulated thread with its own
// FtHeap slot (or pymalloc behind the one heap lock), allocating, freeing its own blocks and blocks other workers deposited in the
// shared mailbox. Every block is registered in a shadow map (one word per 16 bytes of
// heap) with Atomics: an allocation of a block already registered is a block handed out
// twice; a free checks the block still holds its stamp.
import { parentPort, workerData } from "node:worker_threads";
import { FtHeap } from "../../src/heap/ftheap.js";
import { Heap } from "../../src/heap/heap.js";
import { OBM } from "../../src/heap/layout.js";
import { HeapLock, LockedAllocator } from "../../src/heap/locked.js";
import { ObMalloc } from "../../src/heap/obmalloc.js";
import { Prng } from "../../src/util/prng.js";
import { MAILBOX, type WorkerData, type WorkerResult } from "./ftheap-shared.js";

const { kind, sab, shared, slot, workers, ops, seed } = workerData as WorkerData;
const heap = Heap.attach(sab);
const ft = kind === "ftheap" ? new FtHeap(heap, slot) : new LockedAllocator(new ObMalloc(heap), new HeapLock(heap.i32, OBM.LOCK));
const u32 = heap.u32;
const box = new Int32Array(shared);
const shadow = new Int32Array(shared, MAILBOX.SHADOW_OFF);
const rng = new Prng(seed);
const held: number[] = [];
const result: WorkerResult = { allocs: 0, frees: 0, taken: 0, errors: [] };
let serial = 0;

function alloc(): number {
  const size = rng.next() < 0.05 ? 513 + rng.below(1500) : 1 + rng.below(512);
  const p = ft.malloc(size);
  const stamp = ((slot + 1) << 24) | (++serial & 0xffffff);
  if (Atomics.compareExchange(shadow, p >> 4, 0, stamp) !== 0) result.errors.push(`block 0x${p.toString(16)} handed out twice`);
  u32[(p >> 2) + 1] = stamp; // word 0 becomes a free-list link when freed; stamp word 1
  result.allocs++;
  return p;
}

function release(p: number): void {
  const stamp = u32[(p >> 2) + 1]!;
  if (Atomics.compareExchange(shadow, p >> 4, stamp, 0) !== stamp) result.errors.push(`block 0x${p.toString(16)} lost its stamp`);
  ft.free(p);
  result.frees++;
}

/** Deposit in my region of the mailbox (a free entry), or keep it. */
function deposit(p: number, region: number): boolean {
  const base = MAILBOX.BOXES_OFF / 4 + region * MAILBOX.ENTRIES;
  const k = base + rng.below(MAILBOX.ENTRIES);
  return Atomics.compareExchange(box, k, 0, p) === 0;
}

/** Take a block from another worker's region (so every take is a cross-thread free). */
function take(region: number): number {
  const base = MAILBOX.BOXES_OFF / 4 + region * MAILBOX.ENTRIES;
  return Atomics.exchange(box, base + rng.below(MAILBOX.ENTRIES), 0);
}

function barrier(word: number): void {
  const arrived = Atomics.add(box, word, 1) + 1;
  if (arrived === workers) Atomics.notify(box, word);
  for (let n = arrived; n < workers; n = Atomics.load(box, word)) Atomics.wait(box, word, n);
}

try {
  const next = (slot + 1) % workers;
  barrier(MAILBOX.START);
  for (let op = 0; op < ops; op++) {
    const r = rng.next();
    if (held.length === 0 || (r < 0.5 && held.length < 200)) {
      const p = alloc();
      if (rng.next() >= 0.3 || !deposit(p, slot)) held.push(p);
    } else if (r < 0.8) {
      const i = rng.below(held.length);
      release(held[i]!);
      held[i] = held[held.length - 1]!;
      held.pop();
    } else {
      const p = take((slot + 1 + rng.below(workers - 1)) % workers);
      if (p !== 0) { release(p); result.taken++; }
    }
  }
  // A final hand-over that happens whatever the timing: fill my final region, wait for
  // everyone, free the next worker's final region.
  const finalRegion = workers + slot;
  const fbase = MAILBOX.BOXES_OFF / 4 + finalRegion * MAILBOX.ENTRIES;
  for (let k = 0; k < MAILBOX.ENTRIES; k++) Atomics.store(box, fbase + k, alloc());
  barrier(MAILBOX.BARRIER);
  const nbase = MAILBOX.BOXES_OFF / 4 + (workers + next) * MAILBOX.ENTRIES;
  for (let k = 0; k < MAILBOX.ENTRIES; k++) {
    release(Atomics.exchange(box, nbase + k, 0));
    result.taken++;
  }
  for (const p of held) release(p);
  if (ft instanceof FtHeap) ft.abandon();
} catch (e) {
  result.errors.push(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
}
parentPort!.postMessage(result);
