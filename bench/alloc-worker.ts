// One thread of the threaded allocator benchmark (bench/alloc.ts): attach the heap, make
// this thread's allocator, warm up, signal ready, wait for the start word, then time
// `pairs` malloc+free pairs in batches of 64 (64 mallocs, then 64 frees).
import { parentPort, workerData } from "node:worker_threads";
import { makeAllocator, type AllocKind, CTL, timePairs } from "./alloc-shared.js";
import { Heap } from "../src/heap/heap.js";

const { sab, ctl, kind, slot, pairs } = workerData as { sab: SharedArrayBuffer; ctl: SharedArrayBuffer; kind: AllocKind; slot: number; pairs: number };
const alloc = makeAllocator(Heap.attach(sab), kind, slot);
const c = new Int32Array(ctl);
timePairs(alloc, Math.min(pairs, 64 * 1024)); // warm-up: JIT and the heap's pages
Atomics.add(c, CTL.READY, 1);
Atomics.notify(c, CTL.READY);
while (Atomics.load(c, CTL.GO) === 0) Atomics.wait(c, CTL.GO, 0);
parentPort!.postMessage(timePairs(alloc, pairs));
