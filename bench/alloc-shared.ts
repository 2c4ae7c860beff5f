// Shared by bench/alloc.ts and its worker: the allocators compared and the timed loop.
import { FtHeap } from "../src/heap/ftheap.js";
import type { Heap } from "../src/heap/heap.js";
import { OBM } from "../src/heap/layout.js";
import { HeapLock, LockedAllocator } from "../src/heap/locked.js";
import { ObMalloc } from "../src/heap/obmalloc.js";
import type { Allocator } from "../src/heap/allocator.js";

export type AllocKind = "pymalloc" | "locked pymalloc" | "ftheap";

/** The allocator a thread in `slot` uses: ftheap per slot; pymalloc under OBM.LOCK
 *  (nogil-atomic's one lock); plain pymalloc only ever on one thread. */
export function makeAllocator(heap: Heap, kind: AllocKind, slot: number): Allocator {
  if (kind === "ftheap") return new FtHeap(heap, slot);
  const ob = new ObMalloc(heap);
  return kind === "pymalloc" ? ob : new LockedAllocator(ob, new HeapLock(heap.i32, OBM.LOCK));
}

/** Control words of the threaded run. */
export const CTL = { READY: 0, GO: 1 } as const;

export const BATCH_SIZES = [16, 64, 256, 512];

/** Time `pairs` malloc+free pairs: batches of 64 mallocs then 64 frees, the size cycling
 *  through BATCH_SIZES per batch. Milliseconds. */
export function timePairs(alloc: Allocator, pairs: number): number {
  const held = new Int32Array(64);
  const t0 = performance.now();
  for (let j = 0; j < pairs; j += 64) {
    const n = BATCH_SIZES[(j >> 6) & 3]!;
    for (let i = 0; i < 64; i++) held[i] = alloc.malloc(n);
    for (let i = 0; i < 64; i++) alloc.free(held[i]!);
  }
  return performance.now() - t0;
}
