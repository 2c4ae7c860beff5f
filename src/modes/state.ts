/**
 * The repaired modes' shared state in the heap: one block the runtime allocates from the
 * raw region before the boot (HDR.MODE_STATE holds its address) and frees after the run.
 * Every mode has it (it is 4 KiB); only nogil-atomic and free-threaded use it.
 *
 *   HDR.MODE_STATE ─► ┌ global line (MS.*)                    ┐ 64 B
 *                    │  GC_LOCK          gcTrack / gcUntrack  │
 *                    │  IMMORTALIZE      1 once the first thread has started (free-threaded)
 *                    │  STW_LOCK         one stop-the-world at a time (_PyEval_StopTheWorld)
 *                    │  STW_REQUESTER    tid + 1 of the stopping thread, 0 = none
 *                    │  STW_EVENTS       parks and detaches (freegate.ts)
 *                    │  BLOCK            the raw block (the lines start 64-byte aligned in it)
 *                    ├ thread slot 0 (MST.*)                  ┤ 64 B per thread slot, one
 *                    │  BRC_LOCK, BRC_ALIVE, queue: PTR LEN CAP│ cache line each (brc.c's
 *                    │  ATTACHED (running bytecode), PARKED   │ bucket, per owner thread)
 *                    │  YOUNG_LOCK, young list head (young.ts) │
 *                    ├ thread slot 1 …                        ┤
 *                    └────────────────────────────────────────┘
 */
import type { Heap } from "../heap/heap.js";
import { MAX_THREADS } from "../heap/config.js";
import type { RawMalloc } from "../heap/raw.js";
import { GCH, HDR } from "../heap/layout.js";

export const MS_LINE_BYTES = 64;
export const MS_BYTES = MS_LINE_BYTES * (1 + MAX_THREADS);

/** The global line: word offsets from the block's word index. */
export enum MS {
  GC_LOCK = 0,
  IMMORTALIZE = 1,
  STW_LOCK = 2,
  STW_REQUESTER = 3,
  STW_EVENTS = 4, // bumped when a thread parks or detaches (the stopper waits on it)
  BLOCK = 5, // the raw block the lines were cut from (they start at its first 64-byte boundary)
}

/** A thread slot's line: word offsets from the line's word index. */
export enum MST {
  BRC_LOCK = 0, // the bucket mutex (brc.c: _brc_bucket.mutex), guards the four words below
  BRC_ALIVE = 1, // 1 while the slot's thread is registered as an owner (find_thread_state)
  BRC_QUEUE = 2, // byte address of the objects_to_merge array (Int32, 0 = none yet)
  BRC_LEN = 3,
  BRC_CAP = 4,
  ATTACHED = 5, // 1 while the thread may run bytecode (_Py_THREAD_ATTACHED)
  PARKED = 6, // 1 while the thread waits at its eval breaker for a stop-the-world to end
  YOUNG_LOCK = 7, // free-threaded: the slot's young list (young.ts), guarded by this lock
  YOUNG_HEAD = 8, // ... a pseudo PyGC_Head, words 8..11; the list head is word 12's address
  FREE_LISTS = 13, // free-threaded: byte address of the slot's free lists (ObjSpace.fl), 0 = none yet
}

/** Allocate and zero the block (main thread, before the boot). */
export function formatModeState(heap: Heap, raw: RawMalloc): void {
  // Each line a cache line of its own: two threads writing their own lines (young list
  // heads, lock words) must not share one.
  const block = raw.malloc(MS_BYTES + MS_LINE_BYTES);
  const p = Math.ceil(block / MS_LINE_BYTES) * MS_LINE_BYTES;
  heap.u8.fill(0, p, p + MS_BYTES);
  heap.i32[(p >> 2) + MS.BLOCK] = block;
  Atomics.store(heap.i32, HDR.MODE_STATE, p);
  formatYoungLists(heap.i32);
}

/** Give the block back (main thread, after every thread has finished), with the merge
 *  queues that threads killed at exit (daemons) left. */
export function freeModeState(heap: Heap, raw: RawMalloc, free: (p: number) => void): void {
  const p = heap.i32[HDR.MODE_STATE]!;
  if (p === 0) return;
  for (let tid = 0; tid < MAX_THREADS; tid++) {
    const q = threadLine(heap.i32, tid) + MST.BRC_QUEUE;
    if (heap.i32[q] !== 0) free(heap.i32[q]!);
    heap.i32[q] = 0;
    const fl = threadLine(heap.i32, tid) + MST.FREE_LISTS;
    if (heap.i32[fl] !== 0) free(heap.i32[fl]!);
    heap.i32[fl] = 0;
  }
  raw.free(heap.i32[(p >> 2) + MS.BLOCK]!);
  heap.i32[HDR.MODE_STATE] = 0;
}

/** Word index of the global line. */
export function globalLine(i32: Int32Array): number {
  return i32[HDR.MODE_STATE]! >> 2;
}

/** Word index of thread slot `tid`'s line. */
export function threadLine(i32: Int32Array, tid: number): number {
  return (i32[HDR.MODE_STATE]! + MS_LINE_BYTES * (1 + tid)) >> 2;
}

/** Byte address of slot `tid`'s young list head (young.ts): the pseudo PyGC_Head at
 *  MST.YOUNG_HEAD, whose "object" is the word after it. */
export function youngHead(i32: Int32Array, tid: number): number {
  return (threadLine(i32, tid) + MST.YOUNG_HEAD + 4) << 2;
}

/** Every slot's young list empty. */
function formatYoungLists(i32: Int32Array): void {
  for (let tid = 0; tid < MAX_THREADS; tid++) {
    const h = youngHead(i32, tid);
    i32[(h >> 2) + GCH.NEXT] = h;
    i32[(h >> 2) + GCH.PREV] = h;
  }
}
