/**
 * The collector's state in the heap's GC block (src/heap/layout.ts: GC_BASE, 192 bytes),
 * shared by every thread and written only by the thread holding the GIL (gcmodule.c's
 * `struct _gc_runtime_state`).
 *
 *   GC_BASE ┌ gen 0 head ┬ gen 1 head ┬ gen 2 head ┬ permanent ┬ unreachable ┬ scratch ┐ 6 × 16 B
 *           ├ count[3] ┬ threshold[3] ┬ enabled ┬ collecting ┬ long_lived_total ┬ pending ┤
 *           ├ debug ┬ magic ┬ stats[3] × {collections, collected, uncollectable} ┬ garbage ┬ callbacks ┘
 *
 * A list head is a pseudo PyGC_Head: 4 words whose "object" is the address just after
 * them, so list code treats a head like any container (head->_gc_next at GCH.NEXT).
 * An empty list's head points at itself. A tracked container is on exactly one list iff
 * its _gc_next is nonzero.
 */
import { GC_BASE, GC_WORDS } from "../heap/layout.js";

/** Byte address of list head i (the pseudo object). */
const head = (i: number): number => (GC_BASE + 4 * i + 4) * 4;

export const NUM_GENERATIONS = 3;
/** List heads (pseudo object addresses, bytes). */
export const GC_HEAD_ADDR = {
  GEN0: head(0),
  GEN1: head(1),
  GEN2: head(2),
  PERMANENT: head(3), // gc.freeze()
  UNREACHABLE: head(4), // during a collection
  SCRATCH: head(5), // during a collection: finalized / resurrection checks
} as const;
/** The generation heads, by generation number. */
export const GEN_HEADS: readonly number[] = [GC_HEAD_ADDR.GEN0, GC_HEAD_ADDR.GEN1, GC_HEAD_ADDR.GEN2];

/** Scalar words (absolute word indices). */
export enum GCS {
  /** GC_BASE + 24, as a literal: esbuild inlines an enum's members only when it can
   *  compute them, so every member counts from this one (checked below). */
  BASE = 104,
  COUNT = BASE + 0, // [3]: gen 0: allocations - deallocations since its last collection;
  //                gen 1, 2: collections of the next younger generation since their last
  THRESHOLD = BASE + 3, // [3]
  ENABLED = BASE + 6,
  COLLECTING = BASE + 7,
  LONG_LIVED_TOTAL = BASE + 8,
  LONG_LIVED_PENDING = BASE + 9,
  DEBUG = BASE + 10, // gc.set_debug flags
  MAGIC = BASE + 11,
  STATS = BASE + 12, // [3] × 3
  GARBAGE = BASE + 21, // the gc.garbage list (immortal; 0 before the gc module is booted)
  CALLBACKS = BASE + 22, // the gc.callbacks list (immortal; 0 before the gc module is booted)
}
if ((GCS.BASE as number) !== GC_BASE + 24) throw new Error("gc/layout.ts: GCS.BASE must be GC_BASE + 24");
/** Per-generation statistics: word offsets within STATS + 3 * gen. */
export enum GC_STAT { COLLECTIONS = 0, COLLECTED = 1, UNCOLLECTABLE = 2 }
export const GC_MAGIC = 0x67637374; // "gcst"
/** gcmodule.c defaults. */
export const DEFAULT_THRESHOLDS = [700, 10, 10] as const;
/** gc.DEBUG_SAVEALL (the only debug flag that changes what a collection does). */
export const DEBUG_SAVEALL = 1 << 5;

if (GCS.BASE + 23 > GC_BASE + GC_WORDS) throw new Error("gc/layout.ts: collector state overflows the GC block");

/** Format the collector's state of a new heap (formatObjects, once). */
export function formatGc(i32: Int32Array): void {
  i32.fill(0, GC_BASE, GC_BASE + GC_WORDS);
  for (const h of Object.values(GC_HEAD_ADDR)) {
    i32[(h >> 2) - 4] = h; // _gc_next
    i32[(h >> 2) - 3] = h; // _gc_prev
  }
  for (let g = 0; g < NUM_GENERATIONS; g++) i32[GCS.THRESHOLD + g] = DEFAULT_THRESHOLDS[g]!;
  i32[GCS.ENABLED] = 1;
  i32[GCS.MAGIC] = GC_MAGIC;
}
