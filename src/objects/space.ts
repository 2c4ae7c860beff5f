/**
 * ObjSpace: one simulated Python thread's view of the object layer.
 *
 * Everything an object is lives in the SharedArrayBuffer heap; an ObjSpace holds only
 * what is per thread in CPython or per JS realm in gilsim: the typed views, the allocator
 * it was given, the counters, a few caches, and the pending-dealloc stack.
 *
 * Reference counting (Include/object.h: Py_INCREF / Py_DECREF, 3.12 with PEP 683)
 *   incref   immortal (refcnt >= IMMORTAL_MIN) → nothing; else refcnt + 1
 *   decref   immortal → nothing; refcnt > 1 → refcnt - 1; refcnt == 1 → 0 and dealloc;
 *            refcnt <= 0 → HeapCorruption (a lost update or a use after free)
 * Both are small methods so a mode can override them (atomic, biased) in a subclass chosen
 * once at startup; nothing here tests the mode.
 *
 * Deallocation (CPython's trashcan, Include/cpython/object.h, made total)
 *   `dealloc(p)` pushes p on a JS-side work stack and, unless a drain is already running,
 *   drains it. Each entry is visited twice, which gives CPython's order of frees (children
 *   before parents) without JS recursion, so a 1,000,000-deep list frees in O(1) JS stack:
 *     p    (phase 1, "clear")    untrack; push ~p; decref children — the ones that die are
 *                                pushed above ~p, so they are freed first
 *     ~p   (phase 2, "release")  free the object's own blocks (or put it on a free list)
 *   Containers decref their children in the reverse of CPython's order, so the LIFO stack
 *   pops them in CPython's order. A `__del__` finalizer may run Python code, whose decrefs
 *   drain at once (nested, as CPython's recursion would) rather than after the finalizer.
 *
 * Hot-path rule: incref, decref, and the int/float/list/dict fast paths allocate no JS
 * objects; counters are plain number fields (a later issue flushes them to the heap).
 */
import { HeapCorruption } from "../errors.js";
import type { Allocator } from "../heap/allocator.js";
import type { Heap } from "../heap/heap.js";
import { ObMalloc } from "../heap/obmalloc.js";
import { EB, GCH, OB } from "../heap/layout.js";
import { GC_HEAD_ADDR, GCS } from "../gc/layout.js";
import { listAppend, listRemove } from "../gc/lists.js";
import type { Stepper } from "../sched/types.js";
import { clearObject, releaseObject } from "./dealloc.js";
import { intRelease } from "./int.js";
import { quickPathsFor, type QuickPaths } from "./quick.js";
import type { KeyHooks } from "./hash.js";
import {
  GC_FLAG_FINALIZED, GC_HEAD, IMMORTAL_MIN, MAX_TYPES, OBJ, OBJ_MAGIC, SMALL_INT_STRIDE, NSMALLNEGINTS,
  TID, TYPE, TYPE_CACHE_SIZE, TYPE_TABLE, zeroWords,
} from "./layout.js";

/** Runs a `__del__` method (the interpreter installs one). It must not throw. */
export type Finalizer = (s: ObjSpace, p: number) => void;

// Generation 0's list head, on every GC allocation (not an enum: GC_HEAD_ADDR is computed).
const GEN0 = GC_HEAD_ADDR.GEN0;

export class ObjSpace {
  readonly i32: Int32Array;
  readonly u32: Uint32Array;
  readonly u16: Uint16Array;
  readonly u8: Uint8Array;
  readonly f64: Float64Array;

  // Immortal singletons (their addresses never change once formatted).
  readonly None: number;
  readonly True: number;
  readonly False: number;
  readonly emptyTuple: number;
  readonly emptyStr: number;
  /** Address of the int -5; small int v is at smallInts + (v + 5) * SMALL_INT_STRIDE. */
  readonly smallInts: number;
  /** Byte address of Py_EMPTY_KEYS. */
  readonly emptyKeys: number;

  // Counters, per thread, plain numbers (no shared-memory writes on the hot path).
  increfs = 0; // increments of mortal objects
  decrefs = 0; // decrements of mortal objects
  immortalSkips = 0; // incref/decref calls on immortal objects (no write)
  deallocs = 0; // objects whose life ended (freed or put on a free list)
  mallocs = 0; // blocks this thread took from the allocator
  frees = 0; // blocks this thread gave back
  readonly allocsByType = new Float64Array(MAX_TYPES);
  readonly deallocsByType = new Float64Array(MAX_TYPES);

  // Per-thread caches. Only immortal heap objects are cached: they are never freed,
  // so a cached address can never be reused for another object.
  readonly internCache = new Map<string, number>(); // JS string -> interned str
  /** typeLookup's type attribute cache (objects/type.ts). */
  readonly typeCache = new Int32Array(TYPE_CACHE_SIZE * 4);
  readonly strCache = new Map<number, string>(); // immortal str -> JS string
  private readonly kinds = new Uint8Array(MAX_TYPES); // type id -> KIND (0 = not yet read)

  /** True iff incref/decref are the plain read-modify-write below (not overridden by a
   *  mode's policy): the interpreter may then inline them in its hottest paths. */
  get plainRefcounts(): boolean {
    return Object.getPrototypeOf(this) === ObjSpace.prototype;
  }

  /** Beside plainRefcounts: an object whose `ob_tid & localOwnerMask` is `localOwner` has
   *  a refcount this thread may update inline as a plain load and store (free-threaded:
   *  biased refcounting's ob_ref_local of an object this thread owns). -1 here: none. */
  get localOwner(): number {
    return -1;
  }

  get localOwnerMask(): number {
    return 0;
  }

  /** True iff lockObject/unlockObject are the base class's no-ops (gil, nogil): the
   *  interpreter may then read and write list and dict items inline without them. */
  readonly plainContainers: boolean;

  /** Whether code objects' constants are interned and immortal (free-threaded:
   *  Objects/codeobject.c's intern_constants under Py_GIL_DISABLED), so that threads
   *  reading them never write their counts. */
  readonly immortalConstants: boolean = false;

  /** Whether read-mostly dicts (module globals, builtins) are read without their lock
   *  first (free-threaded: 3.13t's _Py_dict_lookup_threadsafe; dict.ts dictGetGlobalRef). */
  readonly lockFreeDictReads: boolean = false;

  /** Whether dealloc may keep objects on the global free lists (OBJ.*_FREE). They are
   *  shared by all threads, which only the GIL makes safe: the repaired modes say false. */
  readonly freeLists: boolean = true;

  /** Where this thread's free lists are: a word offset added to every free-list word
   *  index (OBJ.FLOAT_FREE .. OBJ.KEYS_FREE + DICT_MAXFREELIST). 0: the global lists in
   *  the object globals, shared as the GIL allows; free-threaded gives each thread its own
   *  (3.13t's per-thread `struct _Py_object_freelists`). */
  fl = 0;

  /** Set by the interpreter: runs __del__ (typeobject.c: slot_tp_finalize). */
  finalizer: Finalizer | null = null;

  /** Set by the interpreter: the hash and equality of keys whose class defines them in
   *  Python (hash.ts KeyHooks). Null: instances hash and compare by identity. */
  keyHooks: KeyHooks | null = null;

  /** The allocator malloc / free / realloc go through: `alloc` itself, or while
   *  tracemalloc traces, a wrapper around it that records each block. */
  get mem(): Allocator {
    return this.memory;
  }
  set mem(a: Allocator) {
    this.memory = a;
    this.quick = a === this.alloc && this.quickable;
  }
  private memory!: Allocator;
  /** True while `mem` is plain pymalloc (no tracemalloc wrapper, no race detector, no
   *  --schedule stepper) under this class itself (no mode's refcounts, headers or locks):
   *  `gil`. Then the quick paths (quick.ts) make and free ints with pymalloc's common
   *  case and this class's header, retire and decref written out inline, an int's dealloc
   *  frees through ObMalloc.freeQuick, and a dict's index entry is written as a whole word
   *  (dict.ts setIndex: no other thread writes meanwhile). */
  quick = false;
  /** `quick` whenever `mem` is `alloc` itself. */
  readonly quickable: boolean;
  /** Ints made and dropped, and containers' items dropped, with the common case written
   *  out (quick.ts): inline while `quick`, the calls otherwise. */
  readonly quickPaths: QuickPaths;

  /** --schedule: this thread's switch points (src/sched/); null when the run is not scheduled. */
  stepper: Stepper | null = null;

  /** A switch point: in a scheduled run another thread may run here (a mode calls it, e.g.
   *  before taking an object's lock); nothing otherwise. */
  step(): void {
    if (this.stepper !== null) this.stepper.step();
  }

  private stack = new Int32Array(1024);
  private sp = 0;
  private draining = false;

  constructor(readonly heap: Heap, readonly alloc: Allocator) {
    const i32 = heap.i32;
    this.i32 = i32;
    this.u32 = heap.u32;
    this.u16 = heap.u16;
    this.u8 = heap.u8;
    this.f64 = heap.f64;
    this.None = i32[OBJ.NONE]!;
    this.True = i32[OBJ.TRUE]!;
    this.False = i32[OBJ.FALSE]!;
    this.emptyTuple = i32[OBJ.EMPTY_TUPLE]!;
    this.emptyStr = i32[OBJ.EMPTY_STR]!;
    this.smallInts = i32[OBJ.SMALL_INTS]!;
    this.emptyKeys = i32[OBJ.EMPTY_KEYS]!;
    this.plainContainers = Object.getPrototypeOf(this).lockObject === ObjSpace.prototype.lockObject;
    this.quickable = Object.getPrototypeOf(this) === ObjSpace.prototype && Object.getPrototypeOf(alloc) === ObMalloc.prototype &&
      (alloc as ObMalloc).stepper === null;
    this.quickPaths = quickPathsFor(this.quickable ? alloc as ObMalloc : null);
    this.mem = alloc;
  }

  /** An ObjSpace (or subclass: a refcount policy) for this thread over a heap whose
   *  object layer `formatObjects` made. */
  static attach<T extends ObjSpace>(this: new (heap: Heap, alloc: Allocator) => T, heap: Heap, alloc: Allocator): T {
    if (Atomics.load(heap.i32, OBJ.MAGIC) !== OBJ_MAGIC) {
      throw new HeapCorruption(OBJ.MAGIC << 2, "the object layer of this heap is not formatted (formatObjects)");
    }
    return new this(heap, alloc);
  }

  /** The interned-strings dict (unicodeobject.c: interned). */
  get interned(): number {
    return this.i32[OBJ.INTERNED]!;
  }

  // ── reference counting ──────────────────────────────────────────────────

  /** Py_INCREF. */
  incref(p: number): void {
    const w = p >> 2;
    const rc = this.i32[w]!;
    if (rc >= IMMORTAL_MIN) {
      this.immortalSkips++;
      return;
    }
    this.i32[w] = rc + 1;
    this.increfs++;
  }

  /** Py_DECREF. */
  decref(p: number): void {
    const w = p >> 2;
    const rc = this.i32[w]!;
    if (rc >= IMMORTAL_MIN) {
      this.immortalSkips++;
      return;
    }
    this.decrefs++;
    if (rc > 1) {
      this.i32[w] = rc - 1;
      return;
    }
    if (rc === 1) {
      this.i32[w] = 0;
      this.dealloc(p);
      return;
    }
    throw new HeapCorruption(p, `decref of an object whose refcount is ${rc} (lost update or use after free)`);
  }

  /** Py_REFCNT: the object's reference count (a mode that splits it, biased or PEP 703,
   *  overrides this to add its parts). The cyclic GC's update_refs reads it. */
  refcount(p: number): number {
    return this.i32[(p >> 2) + OB.REFCNT]!;
  }

  // ── the modes' hooks (no-ops here: gil and nogil have no per-object locks) ──

  /** Py_BEGIN_CRITICAL_SECTION(p): lock container `p` for a mutation or a read that must
   *  not see it torn. Never held while Python code runs (no decref under it). */
  lockObject(_p: number): void {}

  /** Py_END_CRITICAL_SECTION. */
  unlockObject(_p: number): void {}

  /** True iff some thread is inside `p`'s critical section now (an optimistic reader's
   *  check; a sequentially consistent read). */
  objectLocked(_p: number): boolean {
    return false;
  }

  /** _Py_HandlePending's part for the object layer (free-threaded: merge the objects
   *  other threads queued for this one, brc.c). Called at the eval breaker. */
  handlePending(): void {}

  /** Called before this thread starts another Python thread. */
  beforeThreadStart(): void {}

  /** Called once when this Python thread ends, before its slot is given up. */
  threadExit(): void {
    this.settleCounts();
  }

  /** Bring the counters up to date (mallocs, frees, deallocs, decrefs, by type): the quick
   *  paths keep their own counts until asked (objects/quick.ts). Before reading them. */
  settleCounts(): void {
    this.quickPaths.settle(this);
  }

  /** The mode's own counters for the run summary (none here). */
  modeCounters(): Record<string, number> {
    return {};
  }

  /** Py_XINCREF / Py_XDECREF: the same, allowing NULL. */
  xincref(p: number): void {
    if (p !== 0) this.incref(p);
  }

  xdecref(p: number): void {
    if (p !== 0) this.decref(p);
  }

  /** _Py_Dealloc: `p`'s refcount has reached zero. */
  dealloc(p: number): void {
    // Leaves (no references, no finalizer) free at once: ints are most of what dies.
    // Kept this small so V8 inlines it into decref; everything else is drainDealloc.
    if (this.i32[(p >> 2) + OB.TYPE] === TID.INT) {
      intRelease(this, p);
      return;
    }
    this.drainDealloc(p);
  }

  /** The trashcan drain: push `p`, and unless a drain is running, run it. */
  private drainDealloc(p: number): void {
    const base = this.sp;
    this.push(p);
    if (this.draining) return; // the running drain will get to it
    this.draining = true;
    try {
      while (this.sp > base) {
        const e = this.stack[--this.sp]!;
        if (e > 0) clearObject(this, e);
        else releaseObject(this, ~e);
      }
    } finally {
      // On an exception (HeapCorruption) the rest of the pending objects leak: better
      // than freeing into a corrupt heap.
      this.sp = base;
      this.draining = false;
    }
  }

  /** Phase 2 of `p`'s dealloc runs after everything pushed from now on. */
  pushRelease(p: number): void {
    this.push(~p);
  }

  private push(e: number): void {
    if (this.sp === this.stack.length) {
      const bigger = new Int32Array(this.stack.length * 2);
      bigger.set(this.stack);
      this.stack = bigger;
    }
    this.stack[this.sp++] = e;
  }

  /** object.c: PyObject_CallFinalizerFromDealloc. Runs __del__ once (PEP 442) with the
   *  object temporarily resurrected; true iff the finalizer resurrected it for good. */
  callFinalizer(p: number): boolean {
    const w = p >> 2;
    const i32 = this.i32;
    if (this.finalizer === null || (i32[w + GCH.FLAGS]! & GC_FLAG_FINALIZED) !== 0) return false;
    i32[w + GCH.FLAGS] = i32[w + GCH.FLAGS]! | GC_FLAG_FINALIZED;
    i32[w + OB.REFCNT] = 1;
    this.runPython(this.finalizer, p, 0);
    const rc = i32[w + OB.REFCNT]! - 1;
    i32[w + OB.REFCNT] = rc;
    return rc > 0;
  }

  /** object.c: PyObject_CallFinalizer, from the cyclic GC (finalize_garbage): __del__ of a
   *  live object, once (PEP 442). The caller holds a reference to `p`. */
  callFinalizerFromGc(p: number): void {
    const w = p >> 2;
    if (this.finalizer === null || (this.i32[w + GCH.FLAGS]! & GC_FLAG_FINALIZED) !== 0) return;
    this.i32[w + GCH.FLAGS] = this.i32[w + GCH.FLAGS]! | GC_FLAG_FINALIZED;
    this.runPython(this.finalizer, p, 0);
  }

  /** Set by the interpreter: calls a weakref callback `cb(ref)` (weakrefobject.c:
   *  handle_callback); must not throw. */
  weakrefCallback: ((s: ObjSpace, ref: number, cb: number) => void) | null = null;

  /** Call the weakref callback `cb` with the weakref `ref` (both borrowed). */
  callWeakrefCallback(cb: number, ref: number): void {
    if (this.weakrefCallback !== null) this.runPython(this.weakrefCallback, ref, cb);
  }

  /** Run Python code from inside the runtime (a finalizer, a callback): decrefs inside it
   *  free at once, as CPython's would, rather than after a dealloc drain that is running. */
  private runPython(fn: (s: ObjSpace, a: number, b: number) => void, a: number, b: number): void {
    const wasDraining = this.draining;
    this.draining = false;
    try {
      fn(this, a, b);
    } finally {
      this.draining = wasDraining;
    }
  }

  // ── allocation ──────────────────────────────────────────────────────────

  /** A block from the allocator (PyObject_Malloc / PyMem_Malloc). Throws HeapExhausted. */
  malloc(nbytes: number): number {
    const b = this.mem.malloc(nbytes);
    this.mallocs++;
    return b;
  }

  /** PyObject_Free / PyMem_Free. */
  free(block: number): void {
    this.mem.free(block);
    this.frees++;
  }

  /** PyMem_Realloc. `block` stays valid if it throws. */
  realloc(block: number, nbytes: number): number {
    const b = this.mem.realloc(block, nbytes);
    if (block === 0) this.mallocs++;
    return b;
  }

  /** _PyObject_Init: refcount 1, the type, the PEP 703 words zeroed. */
  initHeader(p: number, tid: number): void {
    const w = p >> 2;
    const i32 = this.i32;
    i32[w + OB.REFCNT] = 1;
    i32[w + OB.TYPE] = tid;
    i32[w + OB.TID] = 0;
    i32[w + OB.REF_SHARED] = 0;
    this.allocsByType[tid]!++;
  }

  /** PyObject_Malloc + _PyObject_Init for an object without a GC head. */
  newObject(tid: number, nbytes: number): number {
    const p = this.malloc(nbytes);
    this.initHeader(p, tid);
    return p;
  }

  /** _PyObject_GC_New: `nbytes` includes the 16-byte PyGC_Head in front of the object.
   *  The caller initialises the fields, then calls gcTrack. */
  newGcObject(tid: number, nbytes: number): number {
    const p = this.malloc(nbytes) + GC_HEAD;
    zeroWords(this.i32, (p >> 2) + GCH.NEXT, p >> 2);
    this.initHeader(p, tid);
    return p;
  }

  /** End of an object's life: count it and poison its header (type TYPE_FREED, refcount 0)
   *  so a later use is caught by checkObject. Returns the type id it had. */
  retire(p: number): number {
    const w = p >> 2;
    const tid = this.i32[w + OB.TYPE]!;
    this.deallocsByType[tid]!++;
    this.deallocs++;
    this.i32[w + OB.TYPE] = TID.FREED;
    this.i32[w + OB.REFCNT] = 0;
    return tid;
  }

  /** Revive a free-listed object (_Py_NewReference). GC objects get a clean head. */
  revive(p: number, tid: number, gc: boolean): void {
    if (gc) {
      zeroWords(this.i32, (p >> 2) + GCH.NEXT, p >> 2);
    }
    this.initHeader(p, tid);
  }

  // ── the cyclic GC's hooks ───────────────────────────────────────────────

  /** Word index of this thread's eval breaker, where an automatic collection is
   *  scheduled (EB.GC_SCHEDULED); 0: this space never schedules one (set by the runner). */
  gcEvalBreaker = 0;

  /** _PyObject_GC_TRACK + _PyObject_GC_Link (3.12): link a new container at the tail of
   *  generation 0 and count it; past gen 0's threshold, schedule a collection through the
   *  eval breaker (_Py_ScheduleGC), which runs it at the next safe point, holding the GIL.
   *  The lists live in the heap (src/gc/layout.ts), so every thread's objects are on them. */
  gcTrack(p: number): void {
    const i32 = this.i32;
    const w = p >> 2;
    if (i32[w + GCH.NEXT] !== 0) throw new HeapCorruption(p, "gcTrack of an object already tracked");
    listAppend(i32, p, GEN0);
    const count = i32[GCS.COUNT]! + 1;
    i32[GCS.COUNT] = count;
    if (count > i32[GCS.THRESHOLD]! && this.gcEvalBreaker !== 0) this.scheduleGc();
  }

  /** PyObject_GC_UnTrack (a no-op for an untracked object); the object leaves gen 0's count
   *  as PyObject_GC_Del does. */
  gcUntrack(p: number): void {
    const i32 = this.i32;
    const w = p >> 2;
    if (i32[w + GCH.NEXT] === 0) return;
    listRemove(i32, p);
    const count = i32[GCS.COUNT]!;
    if (count > 0) i32[GCS.COUNT] = count - 1;
  }

  /** Before the collector walks the generation lists: bring every container tracked
   *  elsewhere onto them. Nothing to do when gcTrack links into gen 0 itself; the
   *  free-threaded mode keeps per-thread young lists (src/modes/young.ts). */
  gcGatherYoung(): void {}

  /** Add what this thread has counted on its own to gen 0's count (gc.get_count). Nothing
   *  to do when gcTrack counts in the shared word itself. */
  gcFlushCount(): void {}

  /** _Py_ScheduleGC, under the conditions of 3.12's _PyObject_GC_Link. */
  protected scheduleGc(): void {
    const i32 = this.i32;
    if (i32[GCS.ENABLED] === 0 || i32[GCS.THRESHOLD] === 0 || i32[GCS.COLLECTING] !== 0) return;
    if ((i32[this.gcEvalBreaker]! & EB.GC_SCHEDULED) === 0) Atomics.or(i32, this.gcEvalBreaker, EB.GC_SCHEDULED);
  }

  // ── the race detector's hooks (src/races: DetectingObjSpace) ─────────────

  /** The main thread calls this once every other thread has finished, before __main__
   *  is finalized (the race detector audits the heap here). Nothing to do by default. */
  atQuiescence(): void {}

  /** A fault (HeapCorruption, or a JS error from a wild pointer) escaped this thread's
   *  code: true iff the space recorded it and the thread should end as a simulated
   *  segmentation fault. By default a fault is not handled here. */
  fault(_e: unknown): boolean {
    return false;
  }

  // ── types ───────────────────────────────────────────────────────────────

  /** ob_type of `p`: a type id. */
  typeId(p: number): number {
    return this.i32[(p >> 2) + OB.TYPE]!;
  }

  /** The type object for a type id (0 if none). */
  typeObject(tid: number): number {
    return this.i32[TYPE_TABLE + tid]!;
  }

  /** The layout KIND of type id `tid` (read from its type object once per thread). */
  kindOf(tid: number): number {
    const k = this.kinds[tid];
    if (k !== undefined && k !== 0) return k;
    return this.learnKind(tid);
  }

  private learnKind(tid: number): number {
    const t = tid > TID.FREED && tid < MAX_TYPES ? this.i32[TYPE_TABLE + tid]! : 0;
    if (t === 0) throw new HeapCorruption(TYPE_TABLE * 4 + tid * 4, `no type with id ${tid}`);
    const k = this.i32[(t >> 2) + TYPE.KIND]!;
    this.kinds[tid] = k;
    return k;
  }

  /** The small int v (-5 <= v <= 256), immortal. */
  smallInt(v: number): number {
    return this.smallInts + (v + NSMALLNEGINTS) * SMALL_INT_STRIDE;
  }
}

