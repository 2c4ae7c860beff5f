/**
 * The race detector's block in the heap (`nogil` mode only), mmap'ed from the raw region
 * by `formatRaces` before the object layer is formatted, so every allocation of the run
 * is seen. HDR.RACES holds its byte address (0: no detector in this run).
 *
 *   block ─► ┌ header: magic, capacity, claimed, bitmaps, granule base ───── 16 words ┐
 *            ├ counts[kind]         (Atomics.add; count even when the table is full)   ┤ 16 words
 *            ├ heartbeat[tid]       (progress, read by the main thread's watchdog)     ┤ MAX_THREADS words
 *            ├ entry 0 … entry CAPACITY-1   (ENTRY_WORDS each, claimed with Atomics.add)┤
 *            ├ alloc bits: 1 bit per 16-byte granule, set iff a block starts there and  ┤
 *            │   is allocated (set after malloc, cleared before free: Atomics.or / and)  │
 *            └ object bits: 1 bit per granule, set iff an object header starts there    ┘
 *                (initHeader); cleared for a block's whole range when it is freed
 *
 * How the audit tells an object from other blocks (list item arrays, dict keys, frames):
 * an object is a granule whose object bit is set and whose ob_type is not TYPE_FREED. The
 * bit is set by `initHeader` (every object, built-in or class instance, gets one), so no
 * guessing from the bytes is needed; a free-listed object keeps its bit but is TYPE_FREED.
 */
import { MAX_THREADS } from "../heap/config.js";

export const RACES_MAGIC = 0x72616365; // "race"

/** Header words (offsets from the block's word index). */
export enum RB {
  MAGIC = 0,
  CAPACITY = 1, // entries in the table
  CLAIMED = 2, // entries ever claimed (may exceed CAPACITY: those were only counted)
  ALLOC_BITS = 3, // byte address of the allocation bitmap
  OBJ_BITS = 4, // byte address of the object-start bitmap
  GRANULE_BASE = 5, // byte address of granule 0 (the raw region's start)
  GRANULES = 6, // granules covered (bits in each map)
  CRASHED = 7, // 2 + the tid of the first thread that stopped on a fault; 0 = none
}
export const RB_HEADER_WORDS = 16;
export const RB_COUNTS = RB_HEADER_WORDS;
export const RB_MAX_KINDS = 16;
export const RB_HEARTBEAT = RB_COUNTS + RB_MAX_KINDS;
export const RB_ENTRIES = RB_HEARTBEAT + MAX_THREADS;

/** One finding: word offsets from the entry's word index. */
export enum FE {
  KIND = 0,
  TID = 1, // the thread that noticed it (-1: the main thread, after the run)
  OPCODE = 2, // the instruction being executed (-1: not in bytecode)
  LINE = 3, // its source line (-1: unknown)
  TYPE = 4, // the object's type id (1 = already freed, 0 = not an object)
  ADDR = 5, // the object's or block's byte address
  A = 6, // kind-specific: stored refcount (drift), size class, ...
  B = 7, // kind-specific: true refcount (drift), ...
  CODE = 8, // index of the code object in the code table (-1: none)
}
export const ENTRY_WORDS = 12; // a little slack, 48 bytes
export const FINDINGS_CAPACITY = 512;

/** Bytes one granule of the bitmaps stands for: pymalloc's ALIGNMENT. */
export const GRANULE_SHIFT = 4;

/** The kinds of finding. Numbers are stored in the heap; names go into --json. */
export const RaceKind = {
  refcountDrift: 0, // a live object's stored refcount differs from its true number of references
  useAfterFree: 1, // incref / decref / type read of a freed object
  doubleAllocation: 2, // a block handed out while already allocated
  doubleFree: 3, // a block freed while already free (the second free is refused)
  freeListCorruption: 4, // a free-list pointer outside its pool or misaligned
  containerCorruption: 5, // list/dict size vs allocation, or an item that is not a live object
  simulatedSegfault: 6, // a wild pointer stopped the thread
  hang: 7, // the watchdog ended a run whose threads made no progress
} as const;
export type RaceKindName = keyof typeof RaceKind;
export type RaceKindId = (typeof RaceKind)[RaceKindName];
export const RACE_KINDS = Object.keys(RaceKind) as RaceKindName[];
