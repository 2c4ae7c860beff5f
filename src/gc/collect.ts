/**
 * The cyclic garbage collector: Modules/gcmodule.c (3.11/3.12), over the shared heap.
 *
 * Reference counting frees everything but cycles. Every container is on one of three
 * generation lists (gen 0 = new, src/gc/layout.ts); a collection of generation g looks only
 * at generations 0..g and finds the objects whose every reference comes from inside that
 * set: nothing outside can reach them, so they are garbage.
 *
 *   collect(g)
 *     merge gens 0..g-1 into g                    young = gen g, old = gen g+1 (or g)
 *     updateRefs(young)      gc_refs = ob_refcnt, mark COLLECTING
 *     subtractRefs(young)    for each reference young → young: gc_refs--
 *                            now gc_refs > 0 iff referenced from outside young
 *     moveUnreachable        gc_refs > 0 and everything they reach stays (its COLLECTING
 *                            mark cleared); the rest moves to `unreachable`
 *     young → old            survivors age one generation
 *     handleWeakrefs         detach weakrefs to garbage; queue callbacks of live weakrefs
 *     finalizeGarbage        __del__ once per object (PEP 442, GC_FLAG_FINALIZED)
 *     handleResurrected      redo the three steps on `unreachable`: what a finalizer made
 *                            reachable again goes to old, the rest is final garbage
 *     deleteGarbage          tp_clear each (clear.ts) so refcounting frees the cycle
 *
 * Invariants: outside a collection no object has GC_FLAG_COLLECTING; during one, an
 * object has it iff it is in the generation being collected and not yet proven reachable.
 * Python code runs only in handleWeakrefs' callbacks and finalizeGarbage (and in frees
 * during deleteGarbage of objects finalized already), never while gc_refs are in use.
 *
 * Threads: the lists are in the heap; the collector runs on whichever thread holds the
 * GIL (an automatic collection at an eval-breaker point, or gc.collect()), with the world
 * stopped (hooks.stopTheWorld, trivial under the GIL). Frames hold counted references, so
 * no stack is scanned. The refcount read is ObjSpace.refcount: a mode with split
 * refcounts (biased, PEP 703) overrides it there.
 */
import { HeapCorruption } from "../errors.js";
import { GCH } from "../heap/layout.js";
import { clearFreeLists } from "../objects/dealloc.js";
import {
  GC_FLAG_COLLECTING, GC_FLAG_FINALIZED, GC_FLAG_UNREACHABLE, KIND, MAX_TYPES, TPFLAGS, TYPE,
} from "../objects/layout.js";
import { listAppend } from "../objects/list.js";
import type { ObjSpace } from "../objects/space.js";
import { traverse, type Visitor } from "../objects/traverse.js";
import { callWeakrefCallbacks, WR, weaklistWord, weakrefDetach, weakrefTakeCallback } from "../objects/weakref.js";
import { gcClear } from "./clear.js";
import { DEBUG_SAVEALL, GC_HEAD_ADDR, GC_STAT, GCS, GEN_HEADS, NUM_GENERATIONS } from "./layout.js";
import { gcNext, listInit, listIsEmpty, listMerge, listMove, listSize } from "./lists.js";

const UNREACHABLE = GC_HEAD_ADDR.UNREACHABLE;
const SCRATCH = GC_HEAD_ADDR.SCRATCH;

export interface GcResult {
  readonly generation: number;
  readonly collected: number;
  readonly uncollectable: number;
}

export class Collector {
  private readonly i32: Int32Array;
  /** Most nodes a list can hold: every walk is bounded by it. */
  private readonly limit: number;
  /** type id -> 0 not known yet, 1 no PyGC_Head, 2 a container type. */
  private readonly gcKinds = new Uint8Array(MAX_TYPES);
  private readonly decrefVisitor: Visitor;
  private readonly reachableVisitor: Visitor;
  /** The list move_unreachable is filling (visitReachable appends to it). */
  private young = 0;

  constructor(readonly s: ObjSpace) {
    this.i32 = s.i32;
    this.limit = s.heap.u8.length >> 5;
    this.decrefVisitor = { visit: (t) => this.visitDecref(t) };
    this.reachableVisitor = { visit: (t) => this.visitReachable(t) };
  }

  /** _PyObject_IS_GC: `p`'s type has a PyGC_Head (so its GC words may be read). */
  isGc(p: number): boolean {
    const tid = this.s.typeId(p);
    let k = this.gcKinds[tid]!;
    if (k === 0) {
      const t = this.s.typeObject(tid);
      if (t === 0) throw new HeapCorruption(p, `an object of type id ${tid}, which does not exist`);
      k = (this.i32[(t >> 2) + TYPE.FLAGS]! & TPFLAGS.HAVE_GC) !== 0 ? 2 : 1;
      this.gcKinds[tid] = k;
    }
    return k === 2;
  }

  /** gc.is_tracked. */
  isTracked(p: number): boolean {
    return this.isGc(p) && this.i32[(p >> 2) + GCH.NEXT] !== 0;
  }

  // ── the phases ─────────────────────────────────────────────────────────

  /** gc_collect_main: collect generation `generation` (and the younger ones). The caller
   *  sets GCS.COLLECTING and has stopped the world. `orphans`: objects whose references
   *  from outside the heap's objects no longer count (finalization: __main__'s dict once
   *  its module is gone, see lifecycle.ts), so they are garbage unless an object reaches
   *  them. */
  collect(generation: number, orphans: readonly number[] = []): GcResult {
    const i32 = this.i32;
    this.s.gcGatherYoung();
    if (generation + 1 < NUM_GENERATIONS) i32[GCS.COUNT + generation + 1]!++;
    for (let i = 0; i <= generation; i++) i32[GCS.COUNT + i] = 0;
    for (let i = 0; i < generation; i++) listMerge(i32, GEN_HEADS[i]!, GEN_HEADS[generation]!);
    const young = GEN_HEADS[generation]!;
    const old = generation < NUM_GENERATIONS - 1 ? GEN_HEADS[generation + 1]! : young;

    // deduce_unreachable
    listInit(i32, UNREACHABLE);
    this.updateRefs(young);
    this.subtractRefs(young);
    for (const p of orphans) {
      if (this.isGc(p) && (i32[(p >> 2) + GCH.FLAGS]! & GC_FLAG_COLLECTING) !== 0) i32[(p >> 2) + GCH.REFS] = 0;
    }
    this.moveUnreachable(young, UNREACHABLE);

    if (young !== old) {
      if (generation === NUM_GENERATIONS - 2) i32[GCS.LONG_LIVED_PENDING]! += listSize(i32, young, this.limit);
      listMerge(i32, young, old);
    } else {
      i32[GCS.LONG_LIVED_PENDING] = 0;
      i32[GCS.LONG_LIVED_TOTAL] = listSize(i32, young, this.limit);
    }

    this.handleWeakrefs(UNREACHABLE);
    this.finalizeGarbage(UNREACHABLE);
    // handle_resurrected_objects: what is still unreachable goes to SCRATCH.
    listInit(i32, SCRATCH);
    this.updateRefs(UNREACHABLE);
    this.subtractRefs(UNREACHABLE);
    this.moveUnreachable(UNREACHABLE, SCRATCH);
    listMerge(i32, UNREACHABLE, old);

    const collected = listSize(i32, SCRATCH, this.limit);
    this.deleteGarbage(SCRATCH, old);
    if (generation === NUM_GENERATIONS - 1) clearFreeLists(this.s);

    const st = GCS.STATS + 3 * generation;
    i32[st + GC_STAT.COLLECTIONS]!++;
    i32[st + GC_STAT.COLLECTED]! += collected;
    return { generation, collected, uncollectable: 0 };
  }

  /** update_refs: gc_refs = refcount; mark the list COLLECTING. An object whose refcount
   *  is 0 is waiting on the dealloc stack (space.ts: a finalizer's Python code runs while
   *  a drain is pending, and it called gc.collect()): the dealloc owns it, so it counts as
   *  referenced from outside, and so does everything it holds. */
  private updateRefs(head: number): void {
    const i32 = this.i32;
    let n = 0;
    for (let p = gcNext(i32, head); p !== head; p = gcNext(i32, p)) {
      this.step(++n, head, p);
      const w = p >> 2;
      const rc = this.s.refcount(p);
      i32[w + GCH.REFS] = rc === 0 ? 1 : rc;
      i32[w + GCH.FLAGS] = (i32[w + GCH.FLAGS]! | GC_FLAG_COLLECTING) & ~GC_FLAG_UNREACHABLE;
    }
  }

  /** subtract_refs: every reference from one COLLECTING object to another is internal. */
  private subtractRefs(head: number): void {
    const i32 = this.i32;
    let n = 0;
    for (let p = gcNext(i32, head); p !== head; p = gcNext(i32, p)) {
      this.step(++n, head, p);
      traverse(this.s, p, this.decrefVisitor);
    }
  }

  private visitDecref(t: number): void {
    if (!this.isGc(t)) return;
    const w = t >> 2;
    if ((this.i32[w + GCH.FLAGS]! & GC_FLAG_COLLECTING) !== 0) this.i32[w + GCH.REFS]!--;
  }

  /** move_unreachable: walk `young`; an object with gc_refs > 0 is reachable, and so is
   *  everything it refers to (visitReachable gives those gc_refs 1, fetching them back
   *  from `unreachable` if they were moved there already); an object still at 0 when the
   *  walk reaches it moves to `unreachable`, tentatively. */
  private moveUnreachable(young: number, unreachable: number): void {
    const i32 = this.i32;
    this.young = young;
    let n = 0;
    let p = gcNext(i32, young);
    while (p !== young) {
      this.step(++n, young, p);
      const w = p >> 2;
      if (i32[w + GCH.REFS]! > 0) {
        traverse(this.s, p, this.reachableVisitor);
        i32[w + GCH.FLAGS] = i32[w + GCH.FLAGS]! & ~GC_FLAG_COLLECTING;
        p = gcNext(i32, p);
      } else {
        const next = gcNext(i32, p);
        listMove(i32, p, unreachable);
        i32[w + GCH.FLAGS] = i32[w + GCH.FLAGS]! | GC_FLAG_UNREACHABLE;
        p = next;
      }
    }
    for (let q = gcNext(i32, unreachable); q !== unreachable; q = gcNext(i32, q)) {
      i32[(q >> 2) + GCH.FLAGS] = i32[(q >> 2) + GCH.FLAGS]! & ~GC_FLAG_UNREACHABLE;
    }
  }

  private visitReachable(t: number): void {
    if (!this.isGc(t)) return;
    const i32 = this.i32;
    const w = t >> 2;
    const flags = i32[w + GCH.FLAGS]!;
    if ((flags & GC_FLAG_COLLECTING) === 0) return;
    if ((flags & GC_FLAG_UNREACHABLE) !== 0) {
      listMove(i32, t, this.young);
      i32[w + GCH.FLAGS] = flags & ~GC_FLAG_UNREACHABLE;
      i32[w + GCH.REFS] = 1;
    } else if (i32[w + GCH.REFS] === 0) {
      i32[w + GCH.REFS] = 1;
    }
  }

  /** handle_weakrefs: detach every weakref to a garbage object (so no callback or finalizer
   *  can reach garbage through one); call the callbacks of weakrefs that are not garbage
   *  themselves, each once. */
  private handleWeakrefs(unreachable: number): void {
    const i32 = this.i32;
    const calls: number[] = []; // wrapper, callback pairs (owned)
    const cb = [0];
    let n = 0;
    for (let p = gcNext(i32, unreachable); p !== unreachable; p = gcNext(i32, p)) {
      this.step(++n, unreachable, p);
      const lw = weaklistWord(this.s, p);
      if (lw < 0) continue;
      for (let wr = i32[lw]!; wr !== 0; ) {
        const next = i32[(wr >> 2) + WR.NEXT]!;
        weakrefDetach(this.s, wr);
        if ((i32[(wr >> 2) + GCH.FLAGS]! & GC_FLAG_COLLECTING) === 0) {
          const wrapper = weakrefTakeCallback(this.s, wr, cb);
          if (wrapper !== 0) calls.push(wrapper, cb[0]!);
        }
        wr = next;
      }
    }
    callWeakrefCallbacks(this.s, calls);
  }

  /** finalize_garbage: __del__ of each garbage object not finalized before. Each moves to
   *  SCRATCH first, so a finalizer that frees others (they leave whatever list they are on)
   *  cannot break the walk; then they all go back. */
  private finalizeGarbage(unreachable: number): void {
    const i32 = this.i32;
    const s = this.s;
    listInit(i32, SCRATCH);
    let n = 0;
    while (!listIsEmpty(i32, unreachable)) {
      const p = gcNext(i32, unreachable);
      this.step(++n, unreachable, p);
      listMove(i32, p, SCRATCH);
      if ((i32[(p >> 2) + GCH.FLAGS]! & GC_FLAG_FINALIZED) !== 0 || !this.hasFinalizer(p)) continue;
      s.incref(p);
      s.callFinalizerFromGc(p);
      s.decref(p);
    }
    listMerge(i32, SCRATCH, unreachable);
  }

  private hasFinalizer(p: number): boolean {
    const s = this.s;
    const tid = s.typeId(p);
    if (s.kindOf(tid) !== KIND.INSTANCE) return false;
    return (this.i32[(s.typeObject(tid) >> 2) + TYPE.FLAGS]! & TPFLAGS.GILSIM_HAS_DEL) !== 0;
  }

  /** delete_garbage: tp_clear each object (holding a reference so it cannot vanish under
   *  its own clear); refcounting frees the cycle. What survives its clear (a tuple still
   *  referenced by garbage not cleared yet) moves to `old`, to die when that is cleared. */
  private deleteGarbage(collectable: number, old: number): void {
    const i32 = this.i32;
    const s = this.s;
    const saveAll = (i32[GCS.DEBUG]! & DEBUG_SAVEALL) !== 0 && i32[GCS.GARBAGE] !== 0;
    let n = 0;
    while (!listIsEmpty(i32, collectable)) {
      const p = gcNext(i32, collectable);
      this.step(++n, collectable, p);
      if (saveAll) {
        listAppend(s, i32[GCS.GARBAGE]!, p);
      } else {
        s.incref(p);
        gcClear(s, p);
        s.decref(p);
      }
      if (gcNext(i32, collectable) === p) {
        i32[(p >> 2) + GCH.FLAGS] = i32[(p >> 2) + GCH.FLAGS]! & ~GC_FLAG_COLLECTING;
        listMove(i32, p, old);
      }
    }
  }

  /** A bound on every walk: a list longer than the heap can hold is corrupt. */
  private step(n: number, head: number, p: number): void {
    if (n > this.limit || p === 0) throw new HeapCorruption(head, "a GC list is corrupt (cycle or broken link)");
  }

  // ── scheduling (gcmodule.c: gc_collect_generations) ─────────────────────

  /** The oldest generation whose count exceeds its threshold, or -1; generation 2 only
   *  if the long-lived objects pending a full collection are at least 25% of those that
   *  survived the last one. */
  generationDue(): number {
    const i32 = this.i32;
    for (let g = NUM_GENERATIONS - 1; g >= 0; g--) {
      if (i32[GCS.COUNT + g]! > i32[GCS.THRESHOLD + g]!) {
        if (g === NUM_GENERATIONS - 1 && i32[GCS.LONG_LIVED_PENDING]! < i32[GCS.LONG_LIVED_TOTAL]! / 4) continue;
        return g;
      }
    }
    return -1;
  }

  /** Every tracked object of generation g (or all, g < 0), in list order. */
  objects(g: number): number[] {
    const out: number[] = [];
    this.s.gcGatherYoung();
    const heads = g < 0 ? GEN_HEADS : [GEN_HEADS[g]!];
    for (const h of heads) {
      let n = 0;
      for (let p = gcNext(this.i32, h); p !== h; p = gcNext(this.i32, p)) {
        this.step(++n, h, p);
        out.push(p);
      }
    }
    return out;
  }
}
