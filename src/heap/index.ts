/**
 * The heap subsystem's public surface. See the file heads for the model:
 *   layout.ts    every slot of the SharedArrayBuffer, by name
 *   config.ts    tunables and their invariants
 *   heap.ts      the buffer and its views
 *   obmalloc.ts  pymalloc (Objects/obmalloc.c)
 *   ftheap.ts    per-thread heaps, mimalloc-style (free-threaded CPython 3.13t)
 *   locked.ts    a heap-word mutex, and any allocator behind one (nogil-atomic)
 *   raw.ts       the raw "system malloc" region (also where arenas are mmap'ed from)
 *   stats.ts     sys._debugmallocstats()
 *   check.ts     the validator (ftcheck.ts: the same for ftheap.ts)
 *   inspect.ts   stats and validation of whichever strategy a run used
 */
import type { HeapConfig } from "./config.js";
import { Heap } from "./heap.js";
import { FtHeap } from "./ftheap.js";
import { ObMalloc } from "./obmalloc.js";
import { RawMalloc } from "./raw.js";

export type { Allocator } from "./allocator.js";
export { CLASSIC_GEOMETRY, RADIX_GEOMETRY, DEFAULT_HEAP_BYTES, type HeapConfig } from "./config.js";
export { Heap } from "./heap.js";
export { ObMalloc } from "./obmalloc.js";
export { FtHeap, ftThreadStats, type FtThreadStats } from "./ftheap.js";
export { HeapLock, LockedAllocator } from "./locked.js";
export { RawMalloc, type RawStats } from "./raw.js";
export { mallocStats, ftMallocStats, formatMallocStats, type MallocStats, type SizeClassStats } from "./stats.js";
export { checkHeap, type HeapCheck } from "./check.js";
export { checkFtHeap } from "./ftcheck.js";
export { checkHeapOf, mallocStatsOf } from "./inspect.js";

/** A new heap with every allocator structure formatted. Throws GilsimConfigError on bad options. */
export function createHeap(options: Partial<HeapConfig> = {}): Heap {
  const heap = Heap.create(options);
  RawMalloc.format(heap);
  ObMalloc.format(heap);
  FtHeap.format(heap);
  return heap;
}
