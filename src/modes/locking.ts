/**
 * What the two repaired modes share: a lock per object (ob_mutex) for container mutation,
 * a lock around the collector's lists, and no global free lists.
 *
 * ob_mutex (CPython 3.13's PyMutex, one byte of the object header) lives in the top byte
 * of the OB.TID word, next to ob_tid (low 16 bits) and ob_gc_bits (bits 16..23):
 *
 *   OB.TID word   31 ........ 26  25       24       23 ... 16   15 ........ 0
 *                 holder slot    PARKED   LOCKED   ob_gc_bits   ob_tid
 *
 * lock: one CAS setting LOCKED (and our slot number, so a thread that tries to take a lock
 * it already holds is reported instead of hanging); if it is held, a bounded spin, then
 * set PARKED and sleep in Atomics.wait on the word (lock.c: _PyMutex_LockSlow, with
 * Atomics.wait as the parking lot). unlock: clear the byte with one Atomics.and; if PARKED
 * was set, wake the sleepers (they re-set PARKED if they must sleep again). Every change of
 * the word is one atomic read-modify-write, so the other bytes (ob_tid, which free-threaded
 * clears from other threads, and the collector's gc bits) are never lost. All Atomics
 * operations are sequentially consistent: what a holder wrote is visible to the next one.
 *
 * The rule for callers (src/objects/list.ts, dict.ts, set.ts): a lock is held only around
 * reads and writes of the container's own memory, never while Python code can run. So
 * hashes are computed before locking, and references the mutation drops are decref'd after
 * unlocking (a decref may run __del__). CPython's critical sections are released when the
 * thread blocks (Py_BEGIN_ALLOW_THREADS); ours are never held across a block at all.
 */
import { GilsimError } from "../errors.js";
import type { Allocator } from "../heap/allocator.js";
import type { Heap } from "../heap/heap.js";
import { OB } from "../heap/layout.js";
import { HeapLock } from "../heap/locked.js";
import { ObjSpace } from "../objects/space.js";
import { globalLine, MS } from "./state.js";

export const MUTEX_LOCKED = 1 << 24;
export const MUTEX_PARKED = 1 << 25;
export const MUTEX_HOLDER_SHIFT = 26;
const MUTEX_BYTE = 0xff << 24;
/** CAS attempts before parking: a container critical section is short. */
const SPIN_TRIES = 100;
/** Parked threads re-check this often (ms): a robustness bound, not a correctness need. */
const PARK_MS = 50;

export class LockingObjSpace extends ObjSpace {
  /** This thread's LOCKED bit plus its slot number, as the mutex byte holds it. */
  private readonly lockWord: number;
  protected readonly gcLock: HeapLock;
  // The mode's counters (the run summary's `mode` section).
  locks = 0; // container locks taken
  lockContended = 0; // ... of which found the lock held

  constructor(heap: Heap, alloc: Allocator, readonly tid: number) {
    super(heap, alloc);
    this.lockWord = MUTEX_LOCKED | (tid << MUTEX_HOLDER_SHIFT);
    this.gcLock = new HeapLock(heap.i32, globalLine(heap.i32) + MS.GC_LOCK);
  }

  /** The global free lists are the GIL's: these modes go without (3.13t keeps them per thread). */
  override readonly freeLists: boolean = false;

  /** Py_BEGIN_CRITICAL_SECTION(p). */
  override lockObject(p: number): void {
    const w = (p >> 2) + OB.TID;
    const v = this.i32[w]! & ~MUTEX_BYTE;
    this.locks++;
    if (Atomics.compareExchange(this.i32, w, v, v | this.lockWord) === v) return;
    this.lockSlow(w);
  }

  private lockSlow(w: number): void {
    const i32 = this.i32;
    this.lockContended++;
    for (let spins = 0; ; spins++) {
      const v = Atomics.load(i32, w);
      if ((v & MUTEX_LOCKED) === 0) {
        if (Atomics.compareExchange(i32, w, v, (v & ~MUTEX_BYTE) | this.lockWord | (v & MUTEX_PARKED)) === v) return;
        continue;
      }
      if ((v & MUTEX_BYTE & ~MUTEX_PARKED) === this.lockWord) {
        throw new GilsimError(`thread ${this.tid} tried to lock object ${(w - OB.TID) << 2} it already holds (gilsim bug)`);
      }
      if (spins < SPIN_TRIES) continue;
      // Park: announce it, then sleep while the word is unchanged.
      const parked = v | MUTEX_PARKED;
      if (v === parked || Atomics.compareExchange(i32, w, v, parked) === v) Atomics.wait(i32, w, parked, PARK_MS);
    }
  }

  /** Py_END_CRITICAL_SECTION. Keeps PARKED for the others' sake if it wakes them. */
  override objectLocked(p: number): boolean {
    return (Atomics.load(this.i32, (p >> 2) + OB.TID) & MUTEX_LOCKED) !== 0;
  }

  override unlockObject(p: number): void {
    const w = (p >> 2) + OB.TID;
    const old = Atomics.and(this.i32, w, ~MUTEX_BYTE);
    if ((old & MUTEX_PARKED) !== 0) Atomics.notify(this.i32, w);
  }

  override gcTrack(p: number): void {
    this.gcLock.acquire();
    try {
      super.gcTrack(p);
    } finally {
      this.gcLock.release();
    }
  }

  override gcUntrack(p: number): void {
    this.gcLock.acquire();
    try {
      super.gcUntrack(p);
    } finally {
      this.gcLock.release();
    }
  }

  override modeCounters(): Record<string, number> {
    return { containerLocks: this.locks, lockContended: this.lockContended };
  }
}
