/**
 * Biased reference counting's merge queues (Python/brc.c), one per thread slot, in the
 * mode state block (state.ts): a bucket lock, whether the slot's thread is registered,
 * and a growable array of queued objects (allocated from the heap).
 *
 *   non-owner whose decref would take ob_ref_shared below 0   (biased.ts: decrefShared)
 *     └─► brcQueueObject: lock the owner's bucket
 *            owner registered → push, set EB.EXPLICIT_MERGE in its eval breaker
 *            owner gone       → _Py_ExplicitMergeRefcount(ob, -1) now (maybe dealloc)
 *   owner at its eval breaker  (handlePending)
 *     └─► brcMergeQueued: lock, take the whole queue, unlock; then for each object
 *            _Py_ExplicitMergeRefcount(ob, -1), dealloc at 0 (destructors run unlocked)
 *   owner exiting  (threadExit)
 *     └─► brcRemoveThread: merge until the queue is empty under the lock, then
 *            unregister (so later queuers merge at once) and free the array
 *
 * Lock order: a bucket lock, then the allocator's lock (growing the array). Nothing takes
 * them the other way round.
 */
import { HeapCorruption } from "../errors.js";
import { EB, OB, THREAD_SLOT_BYTES, THREADS_OFF, TS } from "../heap/layout.js";
import { HeapLock } from "../heap/locked.js";
import type { ObjSpace } from "../objects/space.js";
import { MST, threadLine } from "./state.js";

const OB_TID_OWNER = 0xffff;
const REF_MERGED = 3;
const SHIFT = 2;
const FIRST_CAPACITY = 64;

const bucketLock = (i32: Int32Array, tid: number): HeapLock => new HeapLock(i32, threadLine(i32, tid) + MST.BRC_LOCK);
const evalBreakerOf = (tid: number): number => ((THREADS_OFF + tid * THREAD_SLOT_BYTES) >> 2) + TS.EVAL_BREAKER;

/** A thread slot's thread registers as an owner (brc.c: _Py_brc_init_thread). */
export function brcRegister(i32: Int32Array, tid: number): void {
  const lock = bucketLock(i32, tid);
  lock.acquire();
  i32[threadLine(i32, tid) + MST.BRC_ALIVE] = 1;
  lock.release();
}

/** object.c: _Py_ExplicitMergeRefcount. Moves ob_ref_local into ob_ref_shared (plus
 *  `extra`), marks it merged and without owner; returns the total refcount. Only the owner,
 *  or anyone while the owner's slot is unregistered (under its bucket lock), may call it. */
export function explicitMergeRefcount(i32: Int32Array, p: number, extra: number): number {
  const w = p >> 2;
  const local = i32[w]!;
  i32[w] = 0;
  Atomics.and(i32, w + OB.TID, ~OB_TID_OWNER);
  let shared = Atomics.load(i32, w + OB.REF_SHARED);
  for (;;) {
    const refcnt = (shared >> SHIFT) + local + extra;
    const seen = Atomics.compareExchange(i32, w + OB.REF_SHARED, shared, (refcnt << SHIFT) | REF_MERGED);
    if (seen === shared) {
      if (refcnt < 0) throw new HeapCorruption(p, `merged refcount ${refcnt}`);
      return refcnt;
    }
    shared = seen;
  }
}

/** brc.c: _Py_brc_queue_object. The caller's decref set ob_ref_shared to QUEUED; the
 *  queue now holds that reference. True iff the caller must deallocate `p` (its owner had
 *  exited and the merged count is 0). */
export function brcQueueObject(s: ObjSpace, p: number): boolean {
  const i32 = s.i32;
  const owner = Atomics.load(i32, (p >> 2) + OB.TID) & OB_TID_OWNER;
  if (owner === 0) {
    // The owner merged the counts concurrently: an ordinary shared decref now.
    s.decref(p);
    return false;
  }
  const tid = owner - 1;
  const line = threadLine(i32, tid);
  const lock = bucketLock(i32, tid);
  lock.acquire();
  try {
    if (i32[line + MST.BRC_ALIVE] === 0) return explicitMergeRefcount(i32, p, -1) === 0;
    let len = i32[line + MST.BRC_LEN]!;
    let cap = i32[line + MST.BRC_CAP]!;
    if (len === cap) {
      cap = cap === 0 ? FIRST_CAPACITY : cap * 2;
      i32[line + MST.BRC_QUEUE] = s.alloc.realloc(i32[line + MST.BRC_QUEUE]!, cap * 4);
      i32[line + MST.BRC_CAP] = cap;
    }
    i32[(i32[line + MST.BRC_QUEUE]! >> 2) + len++] = p;
    i32[line + MST.BRC_LEN] = len;
    Atomics.or(i32, evalBreakerOf(tid), EB.EXPLICIT_MERGE);
    return false;
  } finally {
    lock.release();
  }
}

/** brc.c: _Py_brc_merge_refcounts, for the calling thread `s` (slot `tid`): take the
 *  queue under the lock, merge and deallocate outside it. Returns the objects merged. */
export function brcMergeQueued(s: ObjSpace & { readonly tid: number }): number {
  const i32 = s.i32;
  const line = threadLine(i32, s.tid);
  const lock = bucketLock(i32, s.tid);
  lock.acquire();
  const n = i32[line + MST.BRC_LEN]!;
  const q = i32[line + MST.BRC_QUEUE]! >> 2;
  const taken = n === 0 ? null : i32.slice(q, q + n);
  i32[line + MST.BRC_LEN] = 0;
  Atomics.and(i32, evalBreakerOf(s.tid), ~EB.EXPLICIT_MERGE);
  lock.release();
  if (taken === null) return 0;
  for (let i = 0; i < n; i++) {
    const p = taken[i]!;
    if (explicitMergeRefcount(i32, p, -1) === 0) s.dealloc(p);
  }
  return n;
}

/** brc.c: _Py_brc_remove_thread. Returns the objects merged. */
export function brcRemoveThread(s: ObjSpace & { readonly tid: number }): number {
  const i32 = s.i32;
  const line = threadLine(i32, s.tid);
  const lock = bucketLock(i32, s.tid);
  let merged = 0;
  for (;;) {
    merged += brcMergeQueued(s);
    lock.acquire();
    if (i32[line + MST.BRC_LEN] === 0) {
      i32[line + MST.BRC_ALIVE] = 0;
      const q = i32[line + MST.BRC_QUEUE]!;
      i32[line + MST.BRC_QUEUE] = 0;
      i32[line + MST.BRC_CAP] = 0;
      if (q !== 0) s.alloc.free(q);
      lock.release();
      return merged;
    }
    lock.release();
  }
}
