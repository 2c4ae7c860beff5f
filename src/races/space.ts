/**
 * The object space of `nogil` with the race detector: refcounts stay plain
 * read-modify-writes (they race, which is the point), but each one first looks at the
 * object's header, which dealloc poisoned (ObjSpace.retire: ob_type = TYPE_FREED):
 *
 *   incref / decref / typeId of a freed object   → useAfterFree (the write is skipped:
 *                                                   word 0 of a freed block is pymalloc's
 *                                                   free-list link)
 *   decref of a live object whose count is <= 0  → useAfterFree (it is being deallocated
 *                                                   by another thread: an increment was lost)
 *   a pointer outside the heap                   → the thread stops (simulatedSegfault)
 *
 * Every object header is marked in the shadow's object bitmap (initHeader), which is how
 * the end-of-run audit finds every live object, leaked ones included (audit.ts).
 * Heartbeats (a store every 1024 refcount operations) let the main thread's watchdog see
 * progress.
 */
import { HeapCorruption } from "../errors.js";
import type { Allocator } from "../heap/allocator.js";
import type { Heap } from "../heap/heap.js";
import { OB } from "../heap/layout.js";
import { TID } from "../objects/layout.js";
import { ObjSpace } from "../objects/space.js";
import { DetectingObMalloc } from "./allocator.js";
import { auditHeap } from "./audit.js";
import { RaceKind } from "./layout.js";
import { type RaceLog, ReportedCorruption } from "./log.js";


export class DetectingObjSpace extends ObjSpace {
  readonly log: RaceLog;
  private ops = 0;
  private readonly lo: number;
  private readonly hi: number;

  constructor(heap: Heap, alloc: Allocator) {
    super(heap, alloc);
    if (!(alloc instanceof DetectingObMalloc)) throw new TypeError("DetectingObjSpace needs a DetectingObMalloc");
    this.log = alloc.log;
    this.lo = heap.layout.rawStart;
    this.hi = heap.config.heapBytes - 16;
  }

  /** The header of `p` is readable, and not poisoned; false (after recording a
   *  useAfterFree) if it was freed. Throws for a wild pointer. */
  private live(p: number): boolean {
    if ((++this.ops & 1023) === 0) this.log.beat(this.ops);
    if (p < this.lo || p > this.hi || (p & 15) !== 0) throw new HeapCorruption(p, "wild object pointer");
    if (this.i32[(p >> 2) + OB.TYPE] !== TID.FREED) return true;
    this.log.record(RaceKind.useAfterFree, p, TID.FREED);
    return false;
  }

  override incref(p: number): void {
    if (this.live(p)) super.incref(p);
  }

  override decref(p: number): void {
    if (!this.live(p)) return;
    const rc = this.i32[p >> 2]!;
    if (rc <= 0) {
      this.log.record(RaceKind.useAfterFree, p, this.i32[(p >> 2) + OB.TYPE]!, rc);
      return;
    }
    super.decref(p);
  }

  override typeId(p: number): number {
    const t = super.typeId(p);
    if (t === TID.FREED) this.log.record(RaceKind.useAfterFree, p, TID.FREED);
    return t;
  }

  override initHeader(p: number, tid: number): void {
    super.initHeader(p, tid);
    this.log.markObject(p);
  }

  /** Every other thread has finished: audit the heap (refcounts and containers), unless
   *  a crash is already ending the run. */
  override atQuiescence(): void {
    if (!this.log.hasCrashed()) auditHeap(this, this.log);
  }

  /** A fault stopped this thread: record a simulatedSegfault (unless the detector already
   *  recorded what it was) and let the thread end; the run then ends (RB.CRASHED). */
  override fault(e: unknown): boolean {
    if (e instanceof ReportedCorruption) {
      this.log.crashed();
      return true;
    }
    // Any JS error out of a thread's code in nogil is the race's doing: a wild pointer
    // (HeapCorruption, RangeError, TypeError) or a sanity check that saw corrupt data.
    // Python exceptions (PyRaise) are not Errors and never get here.
    if (e instanceof Error) {
      this.log.record(RaceKind.simulatedSegfault, e instanceof HeapCorruption ? e.address : 0, 0);
      this.log.crashed();
      return true;
    }
    return false;
  }
}
