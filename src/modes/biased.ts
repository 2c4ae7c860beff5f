/**
 * free-threaded's object space: biased reference counting as CPython 3.13t does it
 * (PEP 703; Include/object.h, Include/refcount.h, Objects/object.c, Python/brc.c).
 *
 * Header words (src/heap/layout.ts OB):
 *   OB.REFCNT      ob_ref_local: written by the owner only, plain loads and stores
 *   OB.TID         ob_tid in the low 16 bits: the owner's thread slot + 1, 0 = no owner
 *                  (bits 16..23 ob_gc_bits, 24..31 ob_mutex: see locking.ts)
 *   OB.REF_SHARED  ob_ref_shared: every other thread's count, atomic, shifted left by 2;
 *                  the low 2 bits are the merge state
 *
 *   state   0 INIT     shared count only (the owner holds the rest locally)
 *           1 MAYBE_WEAKREF (unused: gilsim has no weakrefs yet)
 *           2 QUEUED   a non-owner's decrement would have gone below zero: the object is
 *                      on its owner's merge queue, which holds that reference
 *           3 MERGED   the owner gave up ownership (ob_tid 0, ob_ref_local 0): the whole
 *                      count is ob_ref_shared
 *
 *   incref   immortal → nothing; owner → local + 1; else atomic shared + 4
 *   decref   immortal → nothing; owner → local - 1, and at 0 _Py_MergeZeroLocalRefcount;
 *            else _Py_DecRefShared (below)
 *
 * Thread ids: a thread's ob_tid is its slot + 1. Slots are reused, so (as CPython's ob_tid,
 * a thread-state address the allocator reuses) a new thread in a slot owns what the
 * slot's previous thread owned; that is safe because only the owner writes ob_ref_local,
 * and a non-owner merges an abandoned object only while the slot has no registered
 * thread, under the slot's bucket lock, which a new thread takes to register (brc.c).
 *
 * Immortalization (3.13t): code objects and modules are immortal in gilsim in every mode,
 * as are the singletons and interned strings; here code constants are too, and every
 * string constant is interned (immortalConstants, codeobject.c's intern_constants).
 * 3.13t also immortalizes the
 * objects that use deferred reference counting (functions and classes) once the program
 * starts its first thread: gc_free_threading.c, _PyGC_ImmortalizeDeferredObjects (called
 * by _threadmodule.c's do_start_new_thread), and from then on _PyObject_SetDeferredRefcount
 * makes new ones immortal at creation. gilsim marks such objects DEFERRED (an ob_gc_bits
 * bit) at creation and immortalizes a marked object the first time a thread touches it
 * after the flag is set: the flag is set by the main thread while it is the only thread,
 * so no thread can tell this from CPython's stop-the-world heap walk. The +1 that 3.13t's
 * deferred refcounting adds to these objects' ob_ref_local before that is not modelled:
 * sys.getrefcount gives CPython 3.12's numbers until the first thread starts.
 */
import { HeapCorruption } from "../errors.js";
import type { Allocator } from "../heap/allocator.js";
import type { Heap } from "../heap/heap.js";
import { MAX_THREADS } from "../heap/config.js";
import { EB, GCH, OB } from "../heap/layout.js";
import type { HeapLock } from "../heap/locked.js";
import { GC_HEAD_ADDR, GCS } from "../gc/layout.js";
import { listAppend, listMerge, listRemove } from "../gc/lists.js";
import { FREE_LISTS_FIRST, FREE_LISTS_WORDS, IMMORTAL_MIN, IMMORTAL_REFCNT, TID } from "../objects/layout.js";
import { brcQueueObject, brcMergeQueued, brcRegister, brcRemoveThread } from "./brc.js";
import { LockingObjSpace } from "./locking.js";
import { globalLine, MS, MST, threadLine } from "./state.js";
import { clearFreeLists } from "../objects/dealloc.js";
import { LOCAL_ALLOC_COUNT_THRESHOLD, YOUNG_MASK, YOUNG_SHIFT, youngHead, youngLock } from "./young.js";

const GEN0 = GC_HEAD_ADDR.GEN0;


export const REF_SHARED_SHIFT = 2;
export const REF_SHARED_FLAG_MASK = 3;
export enum REF { INIT = 0, MAYBE_WEAKREF = 1, QUEUED = 2, MERGED = 3 }
const ONE_SHARED = 1 << REF_SHARED_SHIFT;
/** ob_gc_bits (bits 16..23 of OB.TID): _PyGC_BITS_DEFERRED. */
export const GC_BITS_DEFERRED = 1 << (16 + 6);
/** The owner test compares these bits: a DEFERRED object always takes the slow path,
 *  where it is immortalized once the flag is set. */
const OWNER_MASK = 0xffff | GC_BITS_DEFERRED;
const OB_TID_OWNER = 0xffff;

/** The ob_tid of thread slot `tid`. */
export const obTid = (tid: number): number => tid + 1;

export class BiasedObjSpace extends LockingObjSpace {
  /** This thread's ob_tid. */
  readonly otid: number;
  private readonly immortalizeWord: number;
  // Counters for the run summary.
  sharedOps = 0; // atomic updates of ob_ref_shared (this thread was not the owner)
  brcQueued = 0; // objects this thread queued for their owner
  brcMerged = 0; // objects this thread merged from its own queue
  explicitMerges = 0; // merges of objects whose owner had exited

  // This thread's young list (young.ts).
  private readonly youngHead: number;
  private readonly youngTag: number;
  private readonly youngLock: HeapLock;
  private readonly slotLocks: HeapLock[] = [];
  private gcLocalCount = 0;
  /** Bound on a young-list walk: more entries than the heap has 16-byte blocks is a cycle. */
  private readonly gcWalkLimit: number;

  constructor(heap: Heap, alloc: Allocator, tid: number) {
    super(heap, alloc, tid);
    this.youngHead = youngHead(heap.i32, tid);
    this.youngTag = (tid + 1) << YOUNG_SHIFT;
    this.youngLock = this.slotLock(tid);
    this.fl = this.threadFreeLists(tid);
    this.gcWalkLimit = heap.i32.length >> 2;
    this.otid = obTid(tid);
    this.immortalizeWord = globalLine(heap.i32) + MS.IMMORTALIZE;
    brcRegister(heap.i32, tid);
  }

  // ── Py_INCREF / Py_DECREF (small, so V8 inlines the owner's path) ──────

  /** The interpreter updates ob_ref_local of this thread's objects inline, as incref and
   *  decref below do (not in a subclass, which may add to them: e.g. a scheduled run's). */
  override get localOwner(): number {
    return Object.getPrototypeOf(this) === BiasedObjSpace.prototype ? this.otid : -1;
  }

  /** A DEFERRED object never matches: it takes incref's slow path (immortalization). */
  override get localOwnerMask(): number {
    return OWNER_MASK;
  }

  override incref(p: number): void {
    const w = p >> 2;
    const local = this.i32[w]!;
    if (local >= IMMORTAL_MIN) {
      this.immortalSkips++;
      return;
    }
    if ((this.i32[w + OB.TID]! & OWNER_MASK) === this.otid) {
      this.i32[w] = local + 1;
      this.increfs++;
      return;
    }
    this.increfSlow(p);
  }

  override decref(p: number): void {
    const w = p >> 2;
    const local = this.i32[w]!;
    if (local >= IMMORTAL_MIN) {
      this.immortalSkips++;
      return;
    }
    if ((this.i32[w + OB.TID]! & OWNER_MASK) === this.otid) {
      if (local < 1) throw new HeapCorruption(p, `decref of an object whose local refcount is ${local}`);
      this.decrefs++;
      this.i32[w] = local - 1;
      if (local > 1) return;
      // The last local reference: _Py_MergeZeroLocalRefcount, whose common case (no
      // other thread ever took a reference) deallocates at once.
      // A relaxed load, as object.c's (a plain read: V8 calls a builtin for Atomics.load).
      if (this.i32[w + OB.REF_SHARED] === 0) this.dealloc(p);
      else this.mergeZeroLocalRefcount(p);
      return;
    }
    this.decrefSlow(p);
  }

  /** A deferred object after the flag (immortalize it), or _Py_IncRefShared. */
  private increfSlow(p: number): void {
    const w = p >> 2;
    if (this.immortalized(w)) return;
    this.increfs++;
    if ((this.i32[w + OB.TID]! & OB_TID_OWNER) === this.otid) {
      this.i32[w] = this.i32[w]! + 1;
      return;
    }
    Atomics.add(this.i32, w + OB.REF_SHARED, ONE_SHARED);
    this.sharedOps++;
  }

  private decrefSlow(p: number): void {
    const w = p >> 2;
    if (this.immortalized(w)) return;
    this.decrefs++;
    if ((this.i32[w + OB.TID]! & OB_TID_OWNER) === this.otid) {
      const local = this.i32[w]! - 1;
      if (local < 0) throw new HeapCorruption(p, `decref of an object whose local refcount is ${local + 1}`);
      this.i32[w] = local;
      if (local === 0) this.mergeZeroLocalRefcount(p);
      return;
    }
    this.decrefShared(p);
  }

  /** True iff `w`'s object is (now) immortal: a DEFERRED object once the flag is set. */
  private immortalized(w: number): boolean {
    const bits = this.i32[w + OB.TID]!;
    if ((bits & GC_BITS_DEFERRED) === 0 || Atomics.load(this.i32, this.immortalizeWord) === 0) return false;
    this.i32[w] = IMMORTAL_REFCNT;
    Atomics.and(this.i32, w + OB.TID, ~GC_BITS_DEFERRED);
    this.immortalSkips++;
    return true;
  }

  /** object.c: _Py_MergeZeroLocalRefcount. The owner's count reached 0. */
  private mergeZeroLocalRefcount(p: number): void {
    const ws = (p >> 2) + OB.REF_SHARED;
    let shared = Atomics.load(this.i32, ws);
    if (shared === 0) {
      this.dealloc(p);
      return;
    }
    // Give up ownership first (gh-121794), keeping the gc bits and mutex byte.
    Atomics.and(this.i32, (p >> 2) + OB.TID, ~OB_TID_OWNER);
    for (;;) {
      const merged = (shared & ~REF_SHARED_FLAG_MASK) | REF.MERGED;
      const seen = Atomics.compareExchange(this.i32, ws, shared, merged);
      if (seen === shared) {
        if (merged === REF.MERGED) this.dealloc(p);
        return;
      }
      shared = seen;
    }
  }

  /** object.c: _Py_DecRefShared. */
  private decrefShared(p: number): void {
    const ws = (p >> 2) + OB.REF_SHARED;
    this.sharedOps++;
    let shared = Atomics.load(this.i32, ws);
    for (;;) {
      // Count zero, not queued, not merged: queue it for the owner instead of going
      // negative (the queue holds the reference this decrement gives up).
      const queue = shared === REF.INIT || shared === REF.MAYBE_WEAKREF;
      const next = queue ? REF.QUEUED : shared - ONE_SHARED;
      if (next < 0 && (next & REF_SHARED_FLAG_MASK) === REF.MERGED) {
        throw new HeapCorruption(p, `decref of an object whose shared refcount is ${shared >> REF_SHARED_SHIFT} (merged)`);
      }
      const seen = Atomics.compareExchange(this.i32, ws, shared, next);
      if (seen !== shared) {
        shared = seen;
        continue;
      }
      if (queue) {
        this.brcQueued++;
        if (brcQueueObject(this, p)) {
          this.explicitMerges++;
          this.dealloc(p);
        }
      } else if (next === REF.MERGED) {
        this.dealloc(p);
      }
      return;
    }
  }

  /** Py_REFCNT: local + shared (3.13t's _Py_REFCNT). */
  override refcount(p: number): number {
    const w = p >> 2;
    if (this.immortalized(w)) return IMMORTAL_REFCNT;
    const local = this.i32[w]!;
    if (local >= IMMORTAL_MIN) return local;
    return local + (Atomics.load(this.i32, w + OB.REF_SHARED) >> REF_SHARED_SHIFT);
  }

  /** _PyObject_Init: this thread owns the new object. Functions and classes use deferred
   *  refcounting (_PyObject_SetDeferredRefcount): immortal at once after the flag. */
  override initHeader(p: number, tid: number): void {
    super.initHeader(p, tid);
    const w = p >> 2;
    if (tid === TID.FUNCTION || tid === TID.TYPE) {
      if (Atomics.load(this.i32, this.immortalizeWord) !== 0) this.i32[w] = IMMORTAL_REFCNT;
      else this.i32[w + OB.TID] = this.otid | GC_BITS_DEFERRED;
      return;
    }
    this.i32[w + OB.TID] = this.otid;
  }

  /** The eval breaker's EXPLICIT_MERGE bit: brc.c, _Py_brc_merge_refcounts. */
  override handlePending(): void {
    this.brcMerged += brcMergeQueued(this);
  }

  /** The first thread start: _PyGC_ImmortalizeDeferredObjects. */
  override beforeThreadStart(): void {
    Atomics.store(this.i32, this.immortalizeWord, 1);
  }

  /** brc.c: _Py_brc_remove_thread; and the thread's free lists are emptied, as
   *  tstate_delete_common's _PyObject_ClearFreeLists does (the block stays for the slot's
   *  next thread). */
  override threadExit(): void {
    this.brcMerged += brcRemoveThread(this);
    clearFreeLists(this);
    super.threadExit();
  }

  /** Code constants are immortal (3.13t's intern_constants). */
  override readonly immortalConstants: boolean = true;
  override readonly lockFreeDictReads: boolean = true;

  /** Per-thread free lists (3.13t): dealloc keeps objects on this thread's lists, which
   *  no other thread touches. */
  override readonly freeLists: boolean = true;

  /** ObjSpace.fl for slot `tid`: its free-list block, made zeroed the first time. */
  private threadFreeLists(tid: number): number {
    const i32 = this.i32;
    const w = threadLine(i32, tid) + MST.FREE_LISTS;
    let p = i32[w]!;
    if (p === 0) {
      p = this.alloc.malloc(FREE_LISTS_WORDS * 4);
      i32.fill(0, p >> 2, (p >> 2) + FREE_LISTS_WORDS);
      i32[w] = p;
    }
    return (p >> 2) - FREE_LISTS_FIRST;
  }

  /** Bit to set in an owner's eval breaker. */
  static readonly EXPLICIT_MERGE = EB.EXPLICIT_MERGE;

  // ── the collector's lists: one young list per thread (young.ts) ──────────

  /** _PyObject_GC_TRACK: onto this thread's young list, under its own lock. */
  override gcTrack(p: number): void {
    const i32 = this.i32;
    const w = p >> 2;
    if (i32[w + GCH.NEXT] !== 0) throw new HeapCorruption(p, "gcTrack of an object already tracked");
    const h = this.youngHead;
    this.youngLock.acquire();
    listAppend(i32, p, h);
    i32[w + GCH.FLAGS] = (i32[w + GCH.FLAGS]! & ~YOUNG_MASK) | this.youngTag;
    this.youngLock.release();
    this.recordAllocation();
  }

  /** PyObject_GC_UnTrack: off the young list it is on (that slot's lock), or off the
   *  shared generation lists (the shared lock) once the collector has gathered it. */
  override gcUntrack(p: number): void {
    const i32 = this.i32;
    const w = p >> 2;
    if (i32[w + GCH.NEXT] === 0) return;
    const tag = i32[w + GCH.FLAGS]! & YOUNG_MASK;
    if (tag === 0) return super.gcUntrack(p);
    const lock = tag === this.youngTag ? this.youngLock : this.slotLock((tag >> YOUNG_SHIFT) - 1);
    lock.acquire();
    if ((i32[w + GCH.FLAGS]! & YOUNG_MASK) !== tag) {
      // Gathered onto gen 0 while we waited for the lock.
      lock.release();
      return super.gcUntrack(p);
    }
    listRemove(i32, p);
    i32[w + GCH.FLAGS] = i32[w + GCH.FLAGS]! & ~YOUNG_MASK;
    lock.release();
    this.recordDeallocation();
  }

  /** Every slot's young list onto gen 0, in slot order (under the shared lock, then each
   *  slot's: the lock order of young.ts). */
  override gcGatherYoung(): void {
    const i32 = this.i32;
    this.gcFlushCount();
    this.gcLock.acquire();
    try {
      for (let tid = 0; tid < MAX_THREADS; tid++) {
        const h = youngHead(i32, tid);
        if (i32[(h >> 2) + GCH.NEXT] === h) continue;
        const lock = this.slotLock(tid);
        lock.acquire();
        let n = 0;
        for (let q = i32[(h >> 2) + GCH.NEXT]!; q !== h; q = i32[(q >> 2) + GCH.NEXT]!) {
          if (++n > this.gcWalkLimit) throw new HeapCorruption(q, `young list of thread ${tid} does not end`);
          i32[(q >> 2) + GCH.FLAGS] = i32[(q >> 2) + GCH.FLAGS]! & ~YOUNG_MASK;
        }
        listMerge(i32, h, GEN0);
        lock.release();
      }
    } finally {
      this.gcLock.release();
    }
  }

  /** record_allocation: count locally; add to the shared count every 512, or at once when
   *  the total would cross the threshold (so a single thread collects exactly when
   *  CPython's shared count would). */
  private recordAllocation(): void {
    const local = ++this.gcLocalCount;
    // Relaxed reads of the shared count, as gc_free_threading.c's (plain reads here).
    if (local >= LOCAL_ALLOC_COUNT_THRESHOLD || this.i32[GCS.COUNT]! + local > this.i32[GCS.THRESHOLD]!) this.gcFlushCount();
  }

  /** record_deallocation: gen 0's count never goes below 0. */
  private recordDeallocation(): void {
    if (this.i32[GCS.COUNT]! + this.gcLocalCount <= 0) return;
    if (--this.gcLocalCount <= -LOCAL_ALLOC_COUNT_THRESHOLD) this.gcFlushCount();
  }

  override gcFlushCount(): void {
    const local = this.gcLocalCount;
    if (local === 0) return;
    this.gcLocalCount = 0;
    const count = Atomics.add(this.i32, GCS.COUNT, local) + local;
    if (local > 0 && count > this.i32[GCS.THRESHOLD]! && this.gcEvalBreaker !== 0) this.scheduleGc();
  }

  private slotLock(tid: number): HeapLock {
    return (this.slotLocks[tid] ??= youngLock(this.i32, tid));
  }

  override modeCounters(): Record<string, number> {
    return {
      sharedRefcountOps: this.sharedOps, brcQueued: this.brcQueued, brcMerged: this.brcMerged,
      explicitMerges: this.explicitMerges, ...super.modeCounters(),
    };
  }
}
