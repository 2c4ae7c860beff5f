/**
 * Statistics and validation for whichever allocator strategy a run used, so callers
 * (sys._debugmallocstats, the run summary, --json) need not know the mode: pymalloc
 * (ObMalloc), the free-threaded heaps (FtHeap: the whole heap, every slot), and either
 * behind a LockedAllocator.
 */
import type { Allocator } from "./allocator.js";
import { checkHeap, type HeapCheck } from "./check.js";
import { checkFtHeap } from "./ftcheck.js";
import { FtHeap } from "./ftheap.js";
import { LockedAllocator } from "./locked.js";
import { ObMalloc } from "./obmalloc.js";
import { ftMallocStats, mallocStats, type MallocStats } from "./stats.js";

/** The strategy under any LockedAllocator wrappers. */
function strategyOf(alloc: Allocator): Allocator {
  let a = alloc;
  for (let depth = 0; a instanceof LockedAllocator && depth < 8; depth++) a = a.inner;
  return a;
}

/** mallocStats / ftMallocStats for the strategy behind `alloc`; null for an unknown one. */
export function mallocStatsOf(alloc: Allocator): MallocStats | null {
  const a = strategyOf(alloc);
  if (a instanceof FtHeap) return ftMallocStats(a.heap);
  if (a instanceof ObMalloc) return mallocStats(a);
  return null;
}

/** checkHeap / checkFtHeap for the strategy behind `alloc`; null for an unknown one. */
export function checkHeapOf(alloc: Allocator): HeapCheck | null {
  const a = strategyOf(alloc);
  if (a instanceof FtHeap) return checkFtHeap(a.heap);
  if (a instanceof ObMalloc) return checkHeap(a);
  return null;
}
