/**
 * pymalloc with the race detector's checks around it (`nogil` only; the plain ObMalloc of
 * the other modes pays nothing). The allocation itself is ObMalloc's, unsynchronized:
 * nothing here serializes the race, it only notices what the race did.
 *
 *   malloc   before the pop: the size class's first used pool and its free list head and
 *            next link must be blocks of that pool (bounds, alignment, size class), else
 *            freeListCorruption; after: the block must be in bounds, and its allocation
 *            bit was clear, else doubleAllocation (two threads popped the same block)
 *   free     the block's allocation bit was set, else doubleFree (the free is refused:
 *            pushing a free block again would put a cycle in the free list); its object
 *            bits are cleared (no object lives there any more)
 *
 * A freeListCorruption stops the thread (ReportedCorruption): the allocator cannot go on
 * from a wild free-list pointer, as a C process would crash on it.
 */
import { ALIGNMENT_SHIFT, POOL_OVERHEAD, SMALL_REQUEST_THRESHOLD } from "../heap/config.js";
import type { Heap } from "../heap/heap.js";
import { POOL, USEDPOOL_HEAD_BYTES, USEDPOOLS_OFF } from "../heap/layout.js";
import { ObMalloc } from "../heap/obmalloc.js";
import { TID } from "../objects/layout.js";
import { RaceKind } from "./layout.js";
import { RaceLog, ReportedCorruption } from "./log.js";

export class DetectingObMalloc extends ObMalloc {
  readonly log: RaceLog;
  private readonly lo: number; // lowest block address (the raw region's start)
  private readonly hi: number; // heap end

  constructor(heap: Heap, tid: number) {
    super(heap);
    this.log = new RaceLog(heap, tid);
    this.lo = heap.layout.rawStart;
    this.hi = heap.config.heapBytes;
  }

  override malloc(nbytes: number): number {
    const small = (nbytes - 1) >>> 0 < SMALL_REQUEST_THRESHOLD;
    const size = (nbytes - 1) >> ALIGNMENT_SHIFT;
    if (small) this.checkFreeList(size);
    const bp = super.malloc(nbytes);
    if (bp < this.lo || bp + nbytes > this.hi || (bp & 15) !== 0) {
      this.log.record(RaceKind.freeListCorruption, bp, 0, size);
      throw new ReportedCorruption(bp, "pymalloc handed out a block outside the heap");
    }
    if (this.log.markAllocated(bp)) {
      this.log.record(RaceKind.doubleAllocation, bp, this.typeAt(bp), nbytes);
    }
    return bp;
  }

  override free(ptr: number): void {
    if (ptr === 0) return;
    if (ptr < this.lo || ptr >= this.hi || (ptr & 15) !== 0) {
      this.log.record(RaceKind.freeListCorruption, ptr, 0);
      throw new ReportedCorruption(ptr, "free of a pointer that is not a block");
    }
    if (!this.log.markFreed(ptr)) {
      this.log.record(RaceKind.doubleFree, ptr, this.typeAt(ptr));
      return;
    }
    this.log.clearObjects(ptr, this.usableSize(ptr));
    super.free(ptr);
  }

  override realloc(ptr: number, nbytes: number): number {
    // A pymalloc block moves through this.malloc / this.free (checked above); a raw chunk
    // moves inside the raw allocator, so its allocation bit moves here.
    if (ptr === 0 || this.isSmall(ptr)) return super.realloc(ptr, nbytes);
    const bp = super.realloc(ptr, nbytes);
    if (bp !== ptr) {
      this.log.markFreed(ptr);
      if (this.log.markAllocated(bp)) this.log.record(RaceKind.doubleAllocation, bp, 0, nbytes);
    }
    return bp;
  }

  /** The ob_type word of a block that may hold an object (GC objects start 16 bytes in),
   *  for a finding's type: TYPE_FREED if either looks freed. */
  private typeAt(bp: number): number {
    const i32 = this.heap.i32;
    const a = i32[(bp >> 2) + 1]!;
    const b = i32[(bp >> 2) + 5]!;
    return a === TID.FREED || b === TID.FREED ? TID.FREED : 0;
  }

  /** Is `b` a block of the pool at `pool` with blocks of `blockSize` bytes? */
  private isBlockOf(pool: number, b: number, blockSize: number): boolean {
    const off = b - pool - POOL_OVERHEAD;
    return off >= 0 && b + blockSize <= pool + this.poolSize && off % blockSize === 0;
  }

  /** Bounds-check what pymalloc_alloc is about to follow for size class `size`. */
  private checkFreeList(size: number): void {
    const i32 = this.heap.i32;
    const head = USEDPOOLS_OFF + size * USEDPOOL_HEAD_BYTES;
    const pool = i32[(head >> 2) + POOL.NEXTPOOL]!;
    if (pool === head) return; // no used pool: allocate_from_new_pool
    const blockSize = (size + 1) << ALIGNMENT_SHIFT;
    let bad = -1;
    if (pool < this.lo || pool + this.poolSize > this.hi || (pool & (this.poolSize - 1)) !== 0 || i32[(pool >> 2) + POOL.SZIDX] !== size) {
      bad = pool;
    } else {
      const fb = i32[(pool >> 2) + POOL.FREEBLOCK]!;
      if (!this.isBlockOf(pool, fb, blockSize)) bad = fb === 0 ? pool : fb;
      else {
        const next = i32[fb >> 2]!;
        if (next !== 0 && !this.isBlockOf(pool, next, blockSize)) bad = fb;
      }
    }
    if (bad === -1) return;
    this.log.record(RaceKind.freeListCorruption, bad, 0, size);
    throw new ReportedCorruption(bad, `corrupt free list in the pool for size class ${size}`);
  }
}
