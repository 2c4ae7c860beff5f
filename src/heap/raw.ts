/**
 * The raw ("system malloc") allocator: CPython's PyMem_RawMalloc layer, and the mmap
 * that obmalloc's new_arena calls. Requests of 0 or more than 512 bytes end up here,
 * counted separately from pymalloc.
 *
 * Glossary
 *   chunk    a header (16 bytes) plus its payload; sizes are multiples of 16
 *   free     a chunk on the free list, INUSE clear
 *   mmap     a page-aligned chunk handed out as an arena (MMAP flag set)
 *
 * Memory: the raw region [rawStart, heapBytes) is tiled by chunks, boundary-tagged
 * (each header holds its own size and its predecessor's), and ends with a zero-size
 * in-use sentinel so coalescing never walks off the end.
 *
 *   ┌ size|flags ┬ prevSize ┬ nextFree/request ┬ prevFree ┐ payload …
 *   └────────────┴──────────┴──────────────────┴──────────┘
 *
 * Invariants (checkRaw verifies them):
 *   - chunks tile the region exactly: c + size(c) is the next chunk, the last is the sentinel
 *   - prevSize(next(c)) == size(c)
 *   - no two free chunks are adjacent (frees coalesce at once)
 *   - a chunk is on the free list iff INUSE is clear
 *   - bytesInUse == Σ request over malloc'ed chunks; blocksInUse == their count
 *
 * Policy: first fit over an address-ordered free list, which keeps fragmentation low
 * (dlmalloc's advice for small heaps); a split leaves the tail free.
 */
import { HeapCorruption, HeapExhausted } from "../errors.js";
import { ALIGNMENT, SYSTEM_PAGE_SIZE } from "./config.js";
import type { Heap } from "./heap.js";
import { CHUNK, CHUNK_FLAGS, CHUNK_HEADER_BYTES, CHUNK_INUSE, CHUNK_MMAP, RAW } from "./layout.js";

/** Smallest chunk that can be split off: a header plus one aligned payload unit. */
const MIN_CHUNK = CHUNK_HEADER_BYTES + ALIGNMENT;

export class RawMalloc {
  private readonly i32: Int32Array;
  private readonly start: number;
  private readonly end: number; // address of the sentinel chunk
  /** Upper bound on any list walk: no more chunks than this can exist. */
  private readonly maxChunks: number;

  constructor(private readonly heap: Heap) {
    this.i32 = heap.i32;
    this.start = heap.layout.rawStart;
    this.end = heap.config.heapBytes - CHUNK_HEADER_BYTES;
    this.maxChunks = Math.ceil((this.end - this.start) / MIN_CHUNK) + 1;
  }

  /** Lay out the region as one free chunk and the sentinel. Called once by createHeap. */
  static format(heap: Heap): void {
    const i32 = heap.i32;
    const start = heap.layout.rawStart;
    const end = heap.config.heapBytes - CHUNK_HEADER_BYTES;
    const c = start >> 2;
    i32[c + CHUNK.SIZE] = end - start;
    i32[c + CHUNK.PREV_SIZE] = 0;
    i32[c + CHUNK.NEXT_FREE] = 0;
    i32[c + CHUNK.PREV_FREE] = 0;
    const s = end >> 2;
    i32[s + CHUNK.SIZE] = 0 | CHUNK_INUSE;
    i32[s + CHUNK.PREV_SIZE] = end - start;
    i32[RAW.FREE_HEAD] = start;
    i32[RAW.BYTES_IN_USE] = 0;
    i32[RAW.BLOCKS_IN_USE] = 0;
    i32[RAW.MMAP_BYTES] = 0;
  }

  /** PyMem_RawMalloc. malloc(0) means malloc(1), as in CPython. */
  malloc(nbytes: number): number {
    if (!(nbytes <= this.end - this.start)) throw new HeapExhausted(nbytes, "raw");
    const need = chunkSizeFor(nbytes);
    const c = this.findFit(need, 0);
    if (c === 0) throw new HeapExhausted(nbytes, "raw");
    this.carve(c, c, need);
    const i32 = this.i32;
    i32[(c >> 2) + CHUNK.SIZE] = i32[(c >> 2) + CHUNK.SIZE]! | CHUNK_INUSE;
    i32[(c >> 2) + CHUNK.REQUEST] = nbytes;
    i32[(c >> 2) + CHUNK.PREV_FREE] = 0;
    i32[RAW.BYTES_IN_USE] = i32[RAW.BYTES_IN_USE]! + nbytes;
    i32[RAW.BLOCKS_IN_USE] = i32[RAW.BLOCKS_IN_USE]! + 1;
    i32[RAW.NMALLOC] = i32[RAW.NMALLOC]! + 1;
    return c + CHUNK_HEADER_BYTES;
  }

  /** _PyObject_Arena.alloc (an anonymous mmap): `nbytes` at a page-aligned address, or 0.
   *  `align` (a power of two >= the page size) asks for a stricter alignment, as mimalloc's
   *  segments need (ftheap.ts). */
  mmap(nbytes: number, align = SYSTEM_PAGE_SIZE): number {
    const need = chunkSizeFor(nbytes);
    const c = this.findFit(need, align);
    if (c === 0) return 0;
    const at = alignedChunk(c, align);
    this.carve(c, at, need);
    const i32 = this.i32;
    i32[(at >> 2) + CHUNK.SIZE] = i32[(at >> 2) + CHUNK.SIZE]! | CHUNK_INUSE | CHUNK_MMAP;
    i32[(at >> 2) + CHUNK.REQUEST] = nbytes;
    i32[(at >> 2) + CHUNK.PREV_FREE] = 0;
    i32[RAW.MMAP_BYTES] = i32[RAW.MMAP_BYTES]! + nbytes;
    return at + CHUNK_HEADER_BYTES;
  }

  /** PyMem_RawFree. */
  free(ptr: number): void {
    if (ptr === 0) return;
    const c = this.checkedChunk(ptr, 0);
    const i32 = this.i32;
    i32[RAW.BYTES_IN_USE] = i32[RAW.BYTES_IN_USE]! - i32[(c >> 2) + CHUNK.REQUEST]!;
    i32[RAW.BLOCKS_IN_USE] = i32[RAW.BLOCKS_IN_USE]! - 1;
    i32[RAW.NFREE] = i32[RAW.NFREE]! + 1;
    this.release(c);
  }

  /** _PyObject_Arena.free (munmap). */
  munmap(ptr: number): void {
    const c = this.checkedChunk(ptr, CHUNK_MMAP);
    this.i32[RAW.MMAP_BYTES] = this.i32[RAW.MMAP_BYTES]! - this.i32[(c >> 2) + CHUNK.REQUEST]!;
    this.release(c);
  }

  /** PyMem_RawRealloc: in place when the chunk is already big enough or the chunk after
   *  it is free and makes it so (glibc's _int_realloc grows into a free next chunk), else
   *  move. */
  realloc(ptr: number, nbytes: number): number {
    if (ptr === 0) return this.malloc(nbytes);
    if (!(nbytes <= this.end - this.start)) throw new HeapExhausted(nbytes, "raw");
    const c = this.checkedChunk(ptr, 0);
    const i32 = this.i32;
    const old = i32[(c >> 2) + CHUNK.REQUEST]!;
    const need = chunkSizeFor(nbytes), word = i32[(c >> 2) + CHUNK.SIZE]!;
    let size = word & ~CHUNK_FLAGS;
    const next = c + size, nextSize = i32[(next >> 2) + CHUNK.SIZE]!;
    if (need > size && (nextSize & CHUNK_INUSE) === 0 && size + nextSize >= need) {
      // Take what is missing from the free next chunk (carve lists what it leaves).
      this.carve(next, next, need - size);
      size += i32[(next >> 2) + CHUNK.SIZE]!;
      i32[(c >> 2) + CHUNK.SIZE] = size | (word & CHUNK_FLAGS);
      i32[((c + size) >> 2) + CHUNK.PREV_SIZE] = size;
    }
    if (need <= size) {
      i32[(c >> 2) + CHUNK.REQUEST] = nbytes;
      i32[RAW.BYTES_IN_USE] = i32[RAW.BYTES_IN_USE]! + nbytes - old;
      return ptr;
    }
    const fresh = this.malloc(nbytes);
    this.heap.copyBytes(fresh, ptr, Math.min(old, nbytes));
    this.free(ptr);
    return fresh;
  }

  /** Payload bytes of the chunk at `ptr` (what malloc_usable_size reports). */
  usableSize(ptr: number): number {
    return (this.i32[((ptr - CHUNK_HEADER_BYTES) >> 2) + CHUNK.SIZE]! & ~CHUNK_FLAGS) - CHUNK_HEADER_BYTES;
  }

  /** The bytes asked for when `ptr` was allocated. */
  requestSize(ptr: number): number {
    return this.i32[((ptr - CHUNK_HEADER_BYTES) >> 2) + CHUNK.REQUEST]!;
  }

  // ── internals ────────────────────────────────────────────────────────────

  /** First free chunk that can hold `need` bytes at a payload aligned to `align` (0 = any). */
  private findFit(need: number, align: number): number {
    const i32 = this.i32;
    let c = i32[RAW.FREE_HEAD]!;
    for (let steps = 0; c !== 0; steps++) {
      if (steps > this.maxChunks) throw new HeapCorruption(c, "raw free list does not end (a cycle?)");
      this.checkBounds(c);
      const size = i32[(c >> 2) + CHUNK.SIZE]!;
      if (size & CHUNK_INUSE) throw new HeapCorruption(c, "in-use chunk on the raw free list");
      const at = align === 0 ? c : alignedChunk(c, align);
      if (at + need <= c + size) return c;
      c = i32[(c >> 2) + CHUNK.NEXT_FREE]!;
    }
    return 0;
  }

  /**
   * Take [at, at+need) out of free chunk `c` (at >= c). The lead [c, at) stays free in
   * c's place on the list; the tail past at+need, if it can hold a chunk, becomes free.
   */
  private carve(c: number, at: number, need: number): void {
    const i32 = this.i32;
    const end = c + i32[(c >> 2) + CHUNK.SIZE]!;
    const taken = end - at - need >= MIN_CHUNK ? need : end - at;
    const tail = at + taken < end ? at + taken : 0;
    i32[(at >> 2) + CHUNK.SIZE] = taken;
    if (at !== c) {
      // The lead stays on the free list where c was; only its size shrinks.
      i32[(c >> 2) + CHUNK.SIZE] = at - c;
      i32[(at >> 2) + CHUNK.PREV_SIZE] = at - c;
    }
    if (tail !== 0) {
      i32[(tail >> 2) + CHUNK.SIZE] = end - tail;
      i32[(tail >> 2) + CHUNK.PREV_SIZE] = taken;
      i32[(end >> 2) + CHUNK.PREV_SIZE] = end - tail;
      // The tail lies between c and c's list successor, so address order holds.
      if (at === c) this.replaceFree(c, tail);
      else this.linkFreeAfter(c, tail);
    } else {
      i32[(end >> 2) + CHUNK.PREV_SIZE] = taken;
      if (at === c) this.unlinkFree(c);
    }
  }

  /** Mark chunk `c` free, coalesce with free neighbours, and list it. */
  private release(c: number): void {
    const i32 = this.i32;
    let size = i32[(c >> 2) + CHUNK.SIZE]! & ~CHUNK_FLAGS;
    let start = c;
    let listed = false;
    const prevSize = i32[(c >> 2) + CHUNK.PREV_SIZE]!;
    if (prevSize !== 0 && (i32[((c - prevSize) >> 2) + CHUNK.SIZE]! & CHUNK_INUSE) === 0) {
      // Grow the previous free chunk over this one; it keeps its place on the list.
      start = c - prevSize;
      size += prevSize;
      listed = true;
    }
    const next = c + (i32[(c >> 2) + CHUNK.SIZE]! & ~CHUNK_FLAGS);
    const nextSize = i32[(next >> 2) + CHUNK.SIZE]!;
    if ((nextSize & CHUNK_INUSE) === 0) {
      if (listed) this.unlinkFree(next);
      else this.replaceFree(next, start); // start < next, and nothing free lies between
      listed = true;
      size += nextSize;
    }
    i32[(start >> 2) + CHUNK.SIZE] = size;
    i32[((start + size) >> 2) + CHUNK.PREV_SIZE] = size;
    if (!listed) this.insertFree(start);
  }

  /** Put `fresh` in `old`'s place on the free list. */
  private replaceFree(old: number, fresh: number): void {
    const i32 = this.i32;
    const next = i32[(old >> 2) + CHUNK.NEXT_FREE]!;
    const prev = i32[(old >> 2) + CHUNK.PREV_FREE]!;
    i32[(fresh >> 2) + CHUNK.NEXT_FREE] = next;
    i32[(fresh >> 2) + CHUNK.PREV_FREE] = prev;
    if (prev !== 0) i32[(prev >> 2) + CHUNK.NEXT_FREE] = fresh;
    else i32[RAW.FREE_HEAD] = fresh;
    if (next !== 0) i32[(next >> 2) + CHUNK.PREV_FREE] = fresh;
  }

  private linkFreeAfter(c: number, fresh: number): void {
    const i32 = this.i32;
    const next = i32[(c >> 2) + CHUNK.NEXT_FREE]!;
    i32[(fresh >> 2) + CHUNK.NEXT_FREE] = next;
    i32[(fresh >> 2) + CHUNK.PREV_FREE] = c;
    i32[(c >> 2) + CHUNK.NEXT_FREE] = fresh;
    if (next !== 0) i32[(next >> 2) + CHUNK.PREV_FREE] = fresh;
  }

  /** Insert in address order (bounded walk). */
  private insertFree(c: number): void {
    const i32 = this.i32;
    let prev = 0;
    let cur = i32[RAW.FREE_HEAD]!;
    for (let steps = 0; cur !== 0 && cur < c; steps++) {
      if (steps > this.maxChunks) throw new HeapCorruption(cur, "raw free list does not end (a cycle?)");
      prev = cur;
      cur = i32[(cur >> 2) + CHUNK.NEXT_FREE]!;
    }
    i32[(c >> 2) + CHUNK.NEXT_FREE] = cur;
    i32[(c >> 2) + CHUNK.PREV_FREE] = prev;
    if (cur !== 0) i32[(cur >> 2) + CHUNK.PREV_FREE] = c;
    if (prev !== 0) i32[(prev >> 2) + CHUNK.NEXT_FREE] = c;
    else i32[RAW.FREE_HEAD] = c;
  }

  private unlinkFree(c: number): void {
    const i32 = this.i32;
    const next = i32[(c >> 2) + CHUNK.NEXT_FREE]!;
    const prev = i32[(c >> 2) + CHUNK.PREV_FREE]!;
    if (prev !== 0) i32[(prev >> 2) + CHUNK.NEXT_FREE] = next;
    else i32[RAW.FREE_HEAD] = next;
    if (next !== 0) i32[(next >> 2) + CHUNK.PREV_FREE] = prev;
  }

  private checkBounds(c: number): void {
    if (c < this.start || c >= this.end || (c & (ALIGNMENT - 1)) !== 0) {
      throw new HeapCorruption(c, "raw chunk pointer out of the raw region");
    }
  }

  /** The chunk of payload `ptr`, after checking it is an in-use chunk of the wanted kind. */
  private checkedChunk(ptr: number, mmapFlag: number): number {
    const c = ptr - CHUNK_HEADER_BYTES;
    this.checkBounds(c);
    const word = this.i32[(c >> 2) + CHUNK.SIZE]!;
    const size = word & ~CHUNK_FLAGS;
    if ((word & CHUNK_INUSE) === 0) throw new HeapCorruption(ptr, "free of a raw block that is not allocated (double free?)");
    if ((word & CHUNK_MMAP) !== mmapFlag) throw new HeapCorruption(ptr, mmapFlag ? "munmap of a malloc'ed block" : "free of an arena");
    if (size < MIN_CHUNK || c + size > this.end) throw new HeapCorruption(ptr, "raw chunk size is corrupt");
    return c;
  }

  // ── validation and statistics ───────────────────────────────────────────

  /** Walk every chunk and the free list; return the problems found (empty = healthy). */
  check(): string[] {
    const problems: string[] = [];
    const i32 = this.i32;
    const freeSet = new Set<number>();
    let c = i32[RAW.FREE_HEAD]!;
    let last = 0;
    for (let steps = 0; c !== 0; steps++) {
      if (steps > this.maxChunks) { problems.push("raw free list does not end"); break; }
      if (c < this.start || c >= this.end || (c & 15) !== 0) { problems.push(`raw free list points out of the region: 0x${c.toString(16)}`); break; }
      if (c <= last) problems.push(`raw free list not address ordered at 0x${c.toString(16)}`);
      if (i32[(c >> 2) + CHUNK.PREV_FREE] !== last) problems.push(`raw free list back link wrong at 0x${c.toString(16)}`);
      freeSet.add(c);
      last = c;
      c = i32[(c >> 2) + CHUNK.NEXT_FREE]!;
    }
    let bytes = 0, blocks = 0, mmapBytes = 0, prevSize = 0, prevFree = false, seenFree = 0;
    c = this.start;
    for (let steps = 0; c !== this.end; steps++) {
      if (steps > this.maxChunks || c > this.end) { problems.push(`raw chunks do not tile the region (at 0x${c.toString(16)})`); return problems; }
      const word = i32[(c >> 2) + CHUNK.SIZE]!;
      const size = word & ~CHUNK_FLAGS;
      if (size < MIN_CHUNK) { problems.push(`raw chunk 0x${c.toString(16)} has bad size ${size}`); return problems; }
      if (i32[(c >> 2) + CHUNK.PREV_SIZE] !== prevSize) problems.push(`raw chunk 0x${c.toString(16)}: prevSize ${i32[(c >> 2) + CHUNK.PREV_SIZE]} != ${prevSize}`);
      const free = (word & CHUNK_INUSE) === 0;
      if (free) {
        seenFree++;
        if (prevFree) problems.push(`adjacent free raw chunks at 0x${c.toString(16)} (missed coalesce)`);
        if (!freeSet.has(c)) problems.push(`free raw chunk 0x${c.toString(16)} is not on the free list`);
      } else if (word & CHUNK_MMAP) {
        mmapBytes += i32[(c >> 2) + CHUNK.REQUEST]!;
      } else {
        bytes += i32[(c >> 2) + CHUNK.REQUEST]!;
        blocks++;
      }
      prevFree = free;
      prevSize = size;
      c += size;
    }
    if (i32[(this.end >> 2) + CHUNK.PREV_SIZE] !== prevSize) problems.push("raw sentinel prevSize wrong");
    if (seenFree !== freeSet.size) problems.push(`raw free list has ${freeSet.size} chunks, the region ${seenFree}`);
    if (bytes !== i32[RAW.BYTES_IN_USE]) problems.push(`raw bytesInUse ${i32[RAW.BYTES_IN_USE]} != ${bytes} counted`);
    if (blocks !== i32[RAW.BLOCKS_IN_USE]) problems.push(`raw blocksInUse ${i32[RAW.BLOCKS_IN_USE]} != ${blocks} counted`);
    if (mmapBytes !== i32[RAW.MMAP_BYTES]) problems.push(`raw mmapBytes ${i32[RAW.MMAP_BYTES]} != ${mmapBytes} counted`);
    return problems;
  }

  stats(): RawStats {
    const i32 = this.i32;
    let freeBytes = 0, largestFree = 0, freeChunks = 0;
    let c = i32[RAW.FREE_HEAD]!;
    for (let steps = 0; c !== 0 && steps <= this.maxChunks; steps++) {
      const size = i32[(c >> 2) + CHUNK.SIZE]! & ~CHUNK_FLAGS;
      freeBytes += size;
      freeChunks++;
      if (size > largestFree) largestFree = size;
      c = i32[(c >> 2) + CHUNK.NEXT_FREE]!;
    }
    return {
      regionBytes: this.end - this.start,
      bytesInUse: i32[RAW.BYTES_IN_USE]!,
      blocksInUse: i32[RAW.BLOCKS_IN_USE]!,
      mmapBytes: i32[RAW.MMAP_BYTES]!,
      freeBytes,
      freeChunks,
      largestFree,
      nmalloc: i32[RAW.NMALLOC]!,
      nfree: i32[RAW.NFREE]!,
    };
  }
}

export interface RawStats {
  regionBytes: number;
  bytesInUse: number;
  blocksInUse: number;
  mmapBytes: number;
  freeBytes: number;
  freeChunks: number;
  largestFree: number;
  nmalloc: number;
  nfree: number;
}

/** The chunk for an `nbytes` request; the callers have refused one larger than the region
 *  (whose rounding would overflow the 32-bit arithmetic, as [0] * 2**31's 2**34 bytes did,
 *  wrapping to a 16-byte chunk). */
function chunkSizeFor(nbytes: number): number {
  const payload = nbytes <= 0 ? ALIGNMENT : (nbytes + ALIGNMENT - 1) & ~(ALIGNMENT - 1);
  return payload + CHUNK_HEADER_BYTES;
}

/** Where a chunk carved from free chunk `c` must start for its payload to be `align`-aligned,
 *  leaving a lead of either 0 or at least MIN_CHUNK bytes. */
function alignedChunk(c: number, align: number): number {
  let payload = Math.ceil((c + CHUNK_HEADER_BYTES) / align) * align;
  let at = payload - CHUNK_HEADER_BYTES;
  if (at !== c && at - c < MIN_CHUNK) {
    payload += align;
    at += align;
  }
  return at;
}
