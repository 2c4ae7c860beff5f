/**
 * Free-threaded CPython has no shared generation-0 list to append every new container to
 * (Python/gc_free_threading.c: tracking is a bit in ob_gc_bits, and the collector finds
 * objects by walking the mimalloc heaps with the world stopped), and it counts
 * allocations per thread, adding them to the shared count in batches
 * (record_allocation / record_deallocation, LOCAL_ALLOC_COUNT_THRESHOLD = 512).
 *
 * gilsim's collector walks lists, so the free-threaded mode keeps one young list per
 * thread slot instead of one shared gen 0: a thread links its new containers into its own
 * list under its own lock (uncontended, on its own cache line), and the collector first
 * gathers every thread's young list into gen 0 (gcGatherYoung). A tracked object says
 * which young list it is on in bits 8..15 of its PyGC_Head flags (slot + 1; 0 = on the
 * shared generation lists), so another thread that untracks it takes that list's lock.
 *
 * Lock order: the shared GC lock, then a slot's young lock (gather); untrack and track
 * take one of them only.
 */
import { MAX_THREADS } from "../heap/config.js";
import { HeapLock } from "../heap/locked.js";
import { MST, MS_LINE_BYTES, threadLine } from "./state.js";
export { youngHead } from "./state.js";

export const YOUNG_SHIFT = 8;
export const YOUNG_MASK = 0xff << YOUNG_SHIFT;
/** 3.13t's LOCAL_ALLOC_COUNT_THRESHOLD. */
export const LOCAL_ALLOC_COUNT_THRESHOLD = 512;

if (MST.YOUNG_HEAD + 4 >= MS_LINE_BYTES / 4) throw new Error("young.ts: the young list does not fit in a slot line");
if (MAX_THREADS + 1 > 0xff) throw new Error("young.ts: slot tags need more bits");

/** Slot `tid`'s young-list lock. */
export function youngLock(i32: Int32Array, tid: number): HeapLock {
  return new HeapLock(i32, threadLine(i32, tid) + MST.YOUNG_LOCK);
}
