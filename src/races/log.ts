/**
 * The findings table and the allocation shadow, as one thread sees them (layout.ts has
 * the block's picture). Every write is an Atomics operation, so the detector itself never
 * races: a finding's slot is claimed with Atomics.add (a full table still counts the
 * finding in counts[kind]), and the bitmaps are updated with Atomics.or / Atomics.and,
 * whose returned old value says whether the bit was already set.
 */
import { HeapCorruption } from "../errors.js";
import type { Heap } from "../heap/heap.js";
import { HDR } from "../heap/layout.js";
import type { RawMalloc } from "../heap/raw.js";
import {
  ENTRY_WORDS, FE, FINDINGS_CAPACITY, GRANULE_SHIFT, RACES_MAGIC, RB, RB_COUNTS, RB_ENTRIES, RB_HEARTBEAT, type RaceKindId,
} from "./layout.js";

/** A corruption the detector has already recorded as a finding: the thread stops (as a
 *  process would on SIGSEGV or abort()) without a second, simulatedSegfault finding. */
export class ReportedCorruption extends HeapCorruption {
  override name = "ReportedCorruption";
}

/** Where the thread is: fills FE.OPCODE, FE.LINE and FE.CODE of entry word `e`. Installed
 *  by the thread runner once its interpreter exists (null before: -1s are written). */
export type Locator = (i32: Int32Array, e: number) => void;

/** Make the detector's block for a new heap (main thread, before the object layer is
 *  formatted, so every object of the run is seen). Returns its byte address. */
export function formatRaces(heap: Heap, raw: RawMalloc): number {
  const base = heap.layout.rawStart;
  const granules = (heap.config.heapBytes - base) >> GRANULE_SHIFT;
  const bitmapBytes = ((granules + 31) >> 5) << 2;
  const headBytes = (RB_ENTRIES + FINDINGS_CAPACITY * ENTRY_WORDS) << 2;
  const bytes = headBytes + 2 * bitmapBytes;
  const block = raw.malloc(bytes);
  heap.u8.fill(0, block, block + bytes);
  const w = block >> 2;
  const i32 = heap.i32;
  i32[w + RB.CAPACITY] = FINDINGS_CAPACITY;
  i32[w + RB.ALLOC_BITS] = block + headBytes;
  i32[w + RB.OBJ_BITS] = block + headBytes + bitmapBytes;
  i32[w + RB.GRANULE_BASE] = base;
  i32[w + RB.GRANULES] = granules;
  Atomics.store(i32, w + RB.MAGIC, RACES_MAGIC);
  Atomics.store(i32, HDR.RACES, block);
  return block;
}

/** Give the block back (after the run's report was read). */
export function freeRaces(heap: Heap, raw: RawMalloc): void {
  const block = heap.i32[HDR.RACES]!;
  if (block === 0) return;
  heap.i32[HDR.RACES] = 0;
  raw.free(block);
}

/** One thread's handle on the findings table and the shadow bitmaps. */
export class RaceLog {
  readonly i32: Int32Array;
  /** Word index of the block. */
  readonly w: number;
  private readonly allocBits: number; // word index
  private readonly objBits: number; // word index
  private readonly gbase: number; // byte address of granule 0
  private readonly granules: number;
  private readonly heartbeat: number; // word index of this thread's heartbeat
  locate: Locator | null = null;

  constructor(readonly heap: Heap, readonly tid: number) {
    const i32 = heap.i32;
    const block = Atomics.load(i32, HDR.RACES);
    if (block === 0 || i32[(block >> 2) + RB.MAGIC] !== RACES_MAGIC) {
      throw new HeapCorruption(HDR.RACES << 2, "this heap has no race detector block (formatRaces)");
    }
    this.i32 = i32;
    this.w = block >> 2;
    this.allocBits = i32[this.w + RB.ALLOC_BITS]! >> 2;
    this.objBits = i32[this.w + RB.OBJ_BITS]! >> 2;
    this.gbase = i32[this.w + RB.GRANULE_BASE]!;
    this.granules = i32[this.w + RB.GRANULES]!;
    this.heartbeat = this.w + RB_HEARTBEAT + Math.max(0, tid);
  }

  /** Record a finding. `a`, `b`: kind-specific details (FE.A, FE.B). */
  record(kind: RaceKindId, addr: number, typeId: number, a = 0, b = 0): void {
    const i32 = this.i32;
    const w = this.w;
    Atomics.add(i32, w + RB_COUNTS + kind, 1);
    const n = Atomics.add(i32, w + RB.CLAIMED, 1);
    if (n >= i32[w + RB.CAPACITY]!) return;
    const e = w + RB_ENTRIES + n * ENTRY_WORDS;
    i32[e + FE.TID] = this.tid;
    i32[e + FE.TYPE] = typeId;
    i32[e + FE.ADDR] = addr;
    i32[e + FE.A] = a;
    i32[e + FE.B] = b;
    i32[e + FE.OPCODE] = -1;
    i32[e + FE.LINE] = -1;
    i32[e + FE.CODE] = -1;
    if (this.locate !== null) {
      try {
        this.locate(i32, e);
      } catch {
        // a frame too corrupt to read: the finding stays without a location
      }
    }
    // Last: a complete entry has kind + 1 here (0 = claimed, not yet written).
    Atomics.store(i32, e + FE.KIND, kind + 1);
  }

  /** This thread stopped on a fault: as SIGSEGV ends a C process, the run ends (the main
   *  thread's watchdog sees the mark and stops the other threads). */
  crashed(): void {
    Atomics.compareExchange(this.i32, this.w + RB.CRASHED, 0, this.tid + 2);
  }

  /** True once a thread has stopped on a fault. */
  hasCrashed(): boolean {
    return Atomics.load(this.i32, this.w + RB.CRASHED) !== 0;
  }

  /** Progress for the watchdog: the number of refcount operations so far (a store, no
   *  read-modify-write: only this thread writes its word). */
  beat(n: number): void {
    Atomics.store(this.i32, this.heartbeat, n);
  }

  // ── the shadow bitmaps ──────────────────────────────────────────────────

  /** Granule number of `addr`, or -1 outside the covered range / misaligned. */
  granule(addr: number): number {
    const g = (addr - this.gbase) >> GRANULE_SHIFT;
    return (addr & 15) === 0 && g >= 0 && g < this.granules ? g : -1;
  }

  /** Set the allocation bit of block `bp`; true iff it was already set (a block handed
   *  out twice). */
  markAllocated(bp: number): boolean {
    const g = this.granule(bp);
    if (g < 0) return false;
    const bit = 1 << (g & 31);
    return (Atomics.or(this.i32, this.allocBits + (g >> 5), bit) & bit) !== 0;
  }

  /** Clear the allocation bit of block `bp`; true iff it was set (false: a double free). */
  markFreed(bp: number): boolean {
    const g = this.granule(bp);
    if (g < 0) return true;
    const bit = 1 << (g & 31);
    return (Atomics.and(this.i32, this.allocBits + (g >> 5), ~bit) & bit) !== 0;
  }

  /** An object header starts at `p` (initHeader). */
  markObject(p: number): void {
    const g = this.granule(p);
    if (g >= 0) Atomics.or(this.i32, this.objBits + (g >> 5), 1 << (g & 31));
  }

  /** No object starts in [bp, bp + nbytes) any more (the block is being freed). */
  clearObjects(bp: number, nbytes: number): void {
    const g0 = this.granule(bp);
    if (g0 < 0) return;
    const g1 = Math.min(this.granules, g0 + (nbytes >> GRANULE_SHIFT));
    for (let g = g0; g < g1; g++) {
      const bit = 1 << (g & 31);
      if ((this.i32[this.objBits + (g >> 5)]! & bit) !== 0) Atomics.and(this.i32, this.objBits + (g >> 5), ~bit);
    }
  }

  /** Calls `f(p)` for every address whose object bit is set (bounded by the map's size). */
  forEachObjectStart(f: (p: number) => void): void {
    const i32 = this.i32;
    const nwords = (this.granules + 31) >> 5;
    for (let k = 0; k < nwords; k++) {
      let bits = Atomics.load(i32, this.objBits + k);
      while (bits !== 0) {
        const low = bits & -bits;
        const b = 31 - Math.clz32(low);
        bits ^= low;
        f(this.gbase + (((k << 5) + b) << GRANULE_SHIFT));
      }
    }
  }
}
