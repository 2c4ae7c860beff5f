/**
 * FtHeap: per-thread allocation heaps, a model of mimalloc as free-threaded CPython 3.13t
 * uses it (Objects/obmalloc.c `_PyObject_MiMalloc` → `mi_heap_malloc` on the thread's
 * object heap; `_PyObject_MiFree` → `mi_free`). Function names below cite mimalloc
 * (src/alloc.c, src/page.c, src/segment.c, CPython's vendored v2.1).
 *
 * Glossary (mimalloc's vocabulary; pymalloc's word in brackets)
 *   segment  an arenaSize window of the heap [arena], mmap'ed from the raw region at an
 *            arenaSize-aligned address and owned by one thread; carved into pages
 *   page     poolSize bytes [pool] holding blocks of one size class; its header (the
 *            first POOL_OVERHEAD bytes, as pymalloc's) carries the three free lists
 *   heap     one per thread slot (mi_heap_t): a queue of pages per size class, the full
 *            queue, the thread_delayed_free list, the list of its segments with free pages
 *   block    what malloc returns: 16 · (szidx + 1) bytes, the same 32 classes as pymalloc,
 *            so sizes, sys.getsizeof and the stats table read the same in every mode
 *
 * The three free lists of a page, and who touches them (the point of the design):
 *
 *   free          the owner allocates from it: plain loads and stores, no atomics
 *   local_free    the owner's own frees go here: plain stores, no atomics
 *   xthread_free  frees by any other thread: an atomic CAS push; the owner takes the
 *                 whole list with one atomic swap when `free` runs dry
 *
 *   used + |free| + |local_free| == capacity <= reserved           (mi_page_is_valid_init)
 *   blocks live == used − |xthread_free| − |blocks of the page on thread_delayed_free|
 *
 * so allocation never contends: two threads allocating and freeing their own objects
 * share no word at all; a cross-thread free costs one CAS on the owner's page.
 *
 * O(1) lookup from any address (any thread): segment = ptr & ~(arenaSize−1) and its map
 * entry says whether it is a live segment and who owns it (0: not ours, so a raw block);
 * page = ptr & ~(poolSize−1) and its header has the size class and owner (xheap).
 *
 * Page states and the queue each is on (all queues belong to the owner's heap):
 *   in use, has or may get free blocks  → queue[szidx]       (doubly linked)
 *   in use, found without free blocks   → queue[FULL]        (IN_FULL flag; mi_page_to_full)
 *   free (no blocks in use)             → its segment's free page list, or retired: kept
 *                                         at the head of queue[szidx] for RETIRE_CYCLES
 *                                         generic mallocs when it is the class's only page
 * What moves a page: _mi_malloc_generic finds the queue head dry → collect its lists →
 * extend it → else to FULL and try the next (mi_page_queue_find_free_ex); a local free
 * into a FULL page → back to queue[szidx] (_mi_page_unfull); the last block freed →
 * retire or free the page (_mi_page_retire); a segment whose pages are all free goes back
 * to the raw region, except the heap's last segment with free pages (no thrashing).
 *
 * Delayed free (mi_delayed_t in the low 2 bits of xthread_free): a page in the FULL queue
 * is never looked at by malloc, so the owner must hear of frees into it. A page starts in
 * USE_DELAYED_FREE: the first other-thread free in it goes, instead of onto xthread_free,
 * onto the owner heap's thread_delayed_free list (flag DELAYED_FREEING while it does so,
 * then NO_DELAYED_FREE: later frees use xthread_free). The owner drains that list at each
 * generic malloc (_mi_heap_delayed_free_partial): it re-arms the page (USE_DELAYED_FREE),
 * collects its xthread_free, and frees the block locally, which unfulls the page.
 *
 * Shared state and its lock: segments are mmap'ed from and returned to the raw region,
 * and > 512-byte requests are raw mallocs: both under RAW.LOCK (a HeapLock: CAS, then
 * Atomics.wait). Nothing else is shared.
 *
 * Thread slots (this model's stand-in for mimalloc's abandoned segments): a heap belongs
 * to a thread slot 0..MAX_THREADS−1, and its state stays in the SharedArrayBuffer. When
 * the thread ends, `abandon()` frees what can be freed (mi_heap_collect_ex(MI_ABANDON)):
 * drains thread_delayed_free, collects every page, frees empty pages and segments, and
 * marks the rest NEVER_DELAYED_FREE so late frees by others just go to xthread_free. A
 * later thread given the slot adopts the heap (as mimalloc reclaims abandoned segments,
 * mi_segment_reclaim): it re-arms every page, collects it, frees the empty ones and moves
 * the rest back to their size-class queues. One live FtHeap per slot at a time: the
 * runtime's slot allocation guarantees it.
 *
 * Wiring (the free-threaded mode): every thread that allocates — the main thread too,
 * from its first allocation (formatObjects) on — uses `new FtHeap(heap, itsSlot)`; a
 * block of any heap may be freed through any thread's FtHeap. A thread calls `abandon()`
 * once it will allocate no more. `mallocStatsOf` / `checkHeapOf` (inspect.ts) give the
 * stats and the validator for the whole heap, every slot included.
 *
 * Not modelled: secure/encoded free lists, huge pages (those are raw mallocs here),
 * several heaps per thread (3.13t has object, GC and pre-header heaps), QSBR-delayed page
 * frees (3.13t's lock-free dict reads), and reclaiming a slot's pages from another slot.
 *
 * Every walk is bounded and every pointer read from a list is bounds-checked; a failed
 * check throws HeapCorruption (the no-GIL race finder reports it).
 */
import { GilsimConfigError, HeapCorruption } from "../errors.js";
import type { Allocator } from "./allocator.js";
import { ALIGNMENT_SHIFT, MAX_THREADS, POOL_OVERHEAD, SMALL_REQUEST_THRESHOLD } from "./config.js";
import type { Heap } from "./heap.js";
import {
  FT_BIN_FULL, FT_HDR, FT_HDR_BYTES, FT_HEAP, FT_HEAP_BYTES, FT_PAGE, FT_PAGE_IN_FULL, FT_PAGE_IN_USE,
  FT_QUEUE_WORDS, FT_SEG, FT_SEG_BYTES, FtHeapState, RAW,
} from "./layout.js";
import { HeapLock, LockedAllocator } from "./locked.js";
import { RawMalloc } from "./raw.js";

/** mi_delayed_t: the low two bits of a page's xthread_free word. */
export enum DELAYED { USE = 0, FREEING = 1, NO = 2, NEVER = 3 }
const TF_MASK = 3;

/** page.c: MI_RETIRE_CYCLES — generic mallocs a retired page waits before it is freed. */
export const RETIRE_CYCLES = 16;
/** page.c: MI_MAX_EXTEND_SIZE, MI_MIN_EXTEND — how much of a page one extension carves. */
const MAX_EXTEND_BYTES = 4096;
const MIN_EXTEND = 4;
/** _mi_page_try_use_delayed_free: waits for another thread's DELAYED_FREEING to end. */
const DELAYED_TRIES = 4;
const DELAYED_WAIT_MS = 0.05;
/** _mi_page_use_delayed_free retries `try` this often before declaring the page stuck (a
 *  thread died inside a free): about a second of waiting, never a hang. */
const DELAYED_MAX_ROUNDS = 5000;
/** pymalloc's DUMMY_SIZE_IDX: a free page belongs to no size class. */
const NO_SIZE_CLASS = 0xffff;

const SEG_WORDS = FT_SEG_BYTES >> 2;
const HEAP_WORDS = FT_HEAP_BYTES >> 2;

/** Word index of the free-threaded region's header. */
export function ftRegionBase(heap: Heap): number {
  return heap.layout.ftOff >> 2;
}
/** Word index of thread slot `slot`'s heap. */
export function ftHeapBase(heap: Heap, slot: number): number {
  return ((heap.layout.ftOff + FT_HDR_BYTES) >> 2) + slot * HEAP_WORDS;
}
/** Word index of segment map entry 0. */
export function ftSegBase(heap: Heap): number {
  return ((heap.layout.ftOff + FT_HDR_BYTES) >> 2) + MAX_THREADS * HEAP_WORDS;
}

export class FtHeap implements Allocator {
  readonly raw: RawMalloc;
  /** The raw region behind RAW.LOCK: > 512-byte requests are shared by every thread. */
  private readonly rawLocked: LockedAllocator;
  readonly pageSize: number;
  readonly segSize: number;
  private readonly i32: Int32Array;
  private readonly lock: HeapLock;
  private readonly pageMask: number;
  private readonly segShift: number;
  private readonly nsegs: number;
  private readonly segBase: number;
  private readonly heapBase: number;
  private readonly queueBase: number;
  private readonly areaBytes: number; // bytes of a page after its header
  /** Upper bounds for walks: no list can be longer than this. */
  private readonly maxPages: number;
  private readonly maxBlocks: number;
  /** The length of the list listTail last walked (a field, so the walk allocates nothing). */
  private listLength = 0;

  constructor(
    readonly heap: Heap,
    readonly slot: number,
  ) {
    if (!Number.isInteger(slot) || slot < 0 || slot >= MAX_THREADS) {
      throw new GilsimConfigError("thread slot", `must be an integer in 0..${MAX_THREADS - 1}, got ${slot}`);
    }
    this.raw = new RawMalloc(heap);
    this.i32 = heap.i32;
    this.lock = new HeapLock(heap.i32, RAW.LOCK);
    this.rawLocked = new LockedAllocator(this.raw, this.lock);
    this.pageSize = heap.config.poolSize;
    this.segSize = heap.config.arenaSize;
    this.pageMask = ~(this.pageSize - 1);
    this.segShift = Math.log2(this.segSize);
    this.nsegs = heap.layout.ftSegments;
    this.segBase = ftSegBase(heap);
    this.heapBase = ftHeapBase(heap, slot);
    this.queueBase = this.heapBase + FT_HEAP.QUEUES;
    this.areaBytes = this.pageSize - POOL_OVERHEAD;
    this.maxPages = Math.ceil(heap.config.heapBytes / this.pageSize);
    this.maxBlocks = heap.config.heapBytes >> ALIGNMENT_SHIFT;
    this.attachSlot();
  }

  /** Initialise the region in a new heap: every slot's heap free, no segments. */
  static format(heap: Heap): void {
    const i32 = heap.i32;
    const base = ftRegionBase(heap);
    const end = ftSegBase(heap) + heap.layout.ftSegments * SEG_WORDS;
    i32.fill(0, base, end);
    for (let slot = 0; slot < MAX_THREADS; slot++) {
      const h = ftHeapBase(heap, slot);
      i32[h + FT_HEAP.RETIRED_MIN] = FT_BIN_FULL;
      i32[h + FT_HEAP.RETIRED_MAX] = 0;
    }
  }

  /** Take the slot's heap: fresh if never used, adopted if a finished thread abandoned it. */
  private attachSlot(): void {
    const state = this.heapBase + FT_HEAP.STATE;
    const was = Atomics.compareExchange(this.i32, state, FtHeapState.FREE, FtHeapState.OWNED);
    if (was === FtHeapState.ABANDONED && Atomics.compareExchange(this.i32, state, FtHeapState.ABANDONED, FtHeapState.OWNED) === FtHeapState.ABANDONED) {
      this.i32[this.heapBase + FT_HEAP.ADOPTIONS]!++;
      this.reclaim();
    }
  }

  // ── allocation ──────────────────────────────────────────────────────────

  /** mi_heap_malloc: 1..512 bytes from the thread's pages, others from the raw region. */
  malloc(nbytes: number): number {
    if ((nbytes - 1) >>> 0 < SMALL_REQUEST_THRESHOLD) {
      // alloc.c: _mi_page_malloc on the queue's first page — the fast path, no atomics.
      const bin = (nbytes - 1) >> ALIGNMENT_SHIFT;
      const page = this.i32[this.queueBase + bin * FT_QUEUE_WORDS]!;
      if (page !== 0) {
        const p = page >> 2;
        const block = this.i32[p + FT_PAGE.FREE]!;
        if (block !== 0) return this.popBlock(p, page, block);
      }
      const block = this.mallocGeneric(bin);
      if (block !== 0) return block;
    }
    return this.rawLocked.malloc(nbytes);
  }

  /** Take `block`, the head of page `p`'s free list. */
  private popBlock(p: number, page: number, block: number): number {
    const i32 = this.i32;
    if ((block - page - POOL_OVERHEAD) >>> 0 >= this.areaBytes) throw new HeapCorruption(block, "page free list points outside its page");
    i32[p + FT_PAGE.FREE] = i32[block >> 2]!;
    i32[p + FT_PAGE.USED] = i32[p + FT_PAGE.USED]! + 1;
    return block;
  }

  /** page.c: _mi_malloc_generic — the queue's first page has no free block. 0 if no
   *  segment can be had (the caller falls back to the raw region, as pymalloc does). */
  private mallocGeneric(bin: number): number {
    this.i32[this.heapBase + FT_HEAP.GENERIC]!++;
    this.delayedFreePartial();
    let page = this.findFreePage(bin);
    if (page === 0) {
      this.collect(true);
      page = this.findFreePage(bin);
      if (page === 0) return 0;
    }
    return this.popBlock(page >> 2, page, this.i32[(page >> 2) + FT_PAGE.FREE]!);
  }

  /** page.c: mi_find_free_page. */
  private findFreePage(bin: number): number {
    const i32 = this.i32;
    const page = i32[this.queueBase + bin * FT_QUEUE_WORDS]!;
    if (page !== 0) {
      const p = page >> 2;
      this.pageFreeCollect(p, false);
      if (i32[p + FT_PAGE.FREE] !== 0) {
        i32[p + FT_PAGE.RETIRE_EXPIRE] = 0;
        return page;
      }
    }
    return this.queueFindFree(bin);
  }

  /** page.c: mi_page_queue_find_free_ex — walk the queue: collect, extend, or move to full. */
  private queueFindFree(bin: number): number {
    const i32 = this.i32;
    let page = i32[this.queueBase + bin * FT_QUEUE_WORDS]!;
    for (let steps = 0; page !== 0; steps++) {
      if (steps > this.maxPages) throw new HeapCorruption(page, `page queue ${bin} does not end (a cycle?)`);
      const p = this.ownPage(page);
      const next = i32[p + FT_PAGE.NEXT]!;
      this.pageFreeCollect(p, false);
      if (i32[p + FT_PAGE.FREE] !== 0) break;
      if (i32[p + FT_PAGE.CAPACITY]! < i32[p + FT_PAGE.RESERVED]!) {
        this.pageExtendFree(p);
        break;
      }
      this.pageToFull(p, bin);
      page = next;
    }
    if (page === 0) {
      this.collectRetired(false);
      return this.pageFresh(bin);
    }
    i32[(page >> 2) + FT_PAGE.RETIRE_EXPIRE] = 0;
    return page;
  }

  /** page.c: mi_page_fresh — a page from one of our segments, initialised and queued. */
  private pageFresh(bin: number): number {
    const page = this.segmentPageAlloc();
    if (page === 0) return 0;
    const i32 = this.i32;
    const p = page >> 2;
    i32[this.heapBase + FT_HEAP.PAGES_FRESH]!++;
    // mi_page_init: its lists empty, no block carved yet, delayed free armed.
    i32[p + FT_PAGE.USED] = 0;
    i32[p + FT_PAGE.FREE] = 0;
    i32[p + FT_PAGE.LOCAL_FREE] = 0;
    Atomics.store(i32, p + FT_PAGE.XTHREAD_FREE, DELAYED.USE);
    i32[p + FT_PAGE.SZIDX] = bin;
    i32[p + FT_PAGE.CAPACITY] = 0;
    i32[p + FT_PAGE.RESERVED] = Math.floor(this.areaBytes / ((bin + 1) << ALIGNMENT_SHIFT));
    i32[p + FT_PAGE.FLAGS] = FT_PAGE_IN_USE;
    i32[p + FT_PAGE.RETIRE_EXPIRE] = 0;
    i32[p + FT_PAGE.HEAP] = this.slot;
    this.pageExtendFree(p);
    this.queuePush(bin, p);
    return page;
  }

  /** page.c: mi_page_extend_free — carve up to 4 KiB more of the page into `free`. */
  private pageExtendFree(p: number): void {
    const i32 = this.i32;
    const capacity = i32[p + FT_PAGE.CAPACITY]!;
    const reserved = i32[p + FT_PAGE.RESERVED]!;
    if (capacity >= reserved) return;
    const bsize = (i32[p + FT_PAGE.SZIDX]! + 1) << ALIGNMENT_SHIFT;
    let extend = reserved - capacity;
    const maxExtend = Math.max(MIN_EXTEND, bsize >= MAX_EXTEND_BYTES ? MIN_EXTEND : Math.floor(MAX_EXTEND_BYTES / bsize));
    if (extend > maxExtend) extend = maxExtend;
    // mi_page_free_list_extend: a sequential list, prepended to `free` (empty here).
    const start = (p << 2) + POOL_OVERHEAD + capacity * bsize;
    const last = start + (extend - 1) * bsize;
    for (let b = start; b < last; b += bsize) i32[b >> 2] = b + bsize;
    i32[last >> 2] = i32[p + FT_PAGE.FREE]!;
    i32[p + FT_PAGE.FREE] = start;
    i32[p + FT_PAGE.CAPACITY] = capacity + extend;
  }

  // ── free ────────────────────────────────────────────────────────────────

  /** mi_free: a block of our own page goes to local_free, another thread's block to its
   *  page's xthread_free (or its heap's delayed list), anything else to the raw region. */
  free(ptr: number): void {
    if (ptr === 0) return;
    const s = ptr >>> this.segShift;
    if (s >= this.nsegs || this.i32[this.segBase + s * SEG_WORDS] === 0) {
      this.rawLocked.free(ptr);
      return;
    }
    const page = ptr & this.pageMask;
    const p = page >> 2;
    const flags = this.i32[p + FT_PAGE.FLAGS]!;
    if ((flags & FT_PAGE_IN_USE) === 0 || (ptr - page - POOL_OVERHEAD) >>> 0 >= this.areaBytes) {
      throw new HeapCorruption(ptr, "free of a pointer that is not a block of a page in use");
    }
    if (this.i32[p + FT_PAGE.HEAP] === this.slot) this.freeBlockLocal(p, ptr, flags);
    else this.freeBlockMt(p, ptr);
  }

  /** free.c: mi_free_block_local — owner only, no atomics. */
  private freeBlockLocal(p: number, block: number, flags: number): void {
    const i32 = this.i32;
    const used = i32[p + FT_PAGE.USED]! - 1;
    if (used < 0) throw new HeapCorruption(block, "free of a block in a page with no allocated blocks (double free?)");
    i32[block >> 2] = i32[p + FT_PAGE.LOCAL_FREE]!;
    i32[p + FT_PAGE.LOCAL_FREE] = block;
    i32[p + FT_PAGE.USED] = used;
    if (used === 0) this.pageRetire(p);
    else if ((flags & FT_PAGE_IN_FULL) !== 0) this.pageUnfull(p);
  }

  /** alloc.c: _mi_free_block_mt — a free by a thread that does not own the page. */
  private freeBlockMt(p: number, block: number): void {
    const i32 = this.i32;
    const tfIndex = p + FT_PAGE.XTHREAD_FREE;
    // Push on xthread_free — or, if the page asks for it, claim DELAYED_FREEING so the
    // owner cannot free the page (nor the heap reset) until we are done with its heap.
    let tf = Atomics.load(i32, tfIndex);
    let useDelayed: boolean;
    for (;;) {
      useDelayed = (tf & TF_MASK) === DELAYED.USE;
      let next: number;
      if (useDelayed) {
        next = (tf & ~TF_MASK) | DELAYED.FREEING;
      } else {
        // The link is written before the CAS that publishes the block (CAS is a full fence).
        i32[block >> 2] = tf & ~TF_MASK;
        next = block | (tf & TF_MASK);
      }
      const seen = Atomics.compareExchange(i32, tfIndex, tf, next);
      if (seen === tf) break;
      tf = seen; // another thread pushed first: retry with its head (lock-free, not a wait)
    }
    i32[this.heapBase + FT_HEAP.REMOTE_FREES]!++;
    if (!useDelayed) return;
    // The first free into this page since the owner last looked: tell the owner through its
    // heap's thread_delayed_free, then let later frees use xthread_free (NO_DELAYED_FREE).
    const owner = i32[p + FT_PAGE.HEAP]!;
    if (owner < 0 || owner >= MAX_THREADS) throw new HeapCorruption(p << 2, `page owner ${owner} is not a thread slot`);
    this.atomicPush(ftHeapBase(this.heap, owner) + FT_HEAP.DELAYED_FREE, block);
    tf = Atomics.load(i32, tfIndex);
    for (;;) {
      const seen = Atomics.compareExchange(i32, tfIndex, tf, (tf & ~TF_MASK) | DELAYED.NO);
      if (seen === tf) break;
      tf = seen;
    }
    // No Atomics.notify: an owner that found DELAYED_FREEING sleeps at most DELAYED_WAIT_MS
    // (mimalloc yields), and a notify on every first remote free per page costs more.
  }

  /** page.c: _mi_heap_delayed_free_partial — take the thread_delayed_free list and free
   *  each block locally. True iff every block was freed (none was still DELAYED_FREEING). */
  private delayedFreePartial(): boolean {
    const i32 = this.i32;
    const dIndex = this.heapBase + FT_HEAP.DELAYED_FREE;
    if (Atomics.load(i32, dIndex) === 0) return true; // the usual case: no atomic RMW
    let block = Atomics.exchange(i32, dIndex, 0);
    let allFreed = true;
    for (let steps = 0; block !== 0; steps++) {
      if (steps > this.maxBlocks) throw new HeapCorruption(block, "thread_delayed_free list does not end (a cycle?)");
      const p = this.ownPage(block & this.pageMask);
      this.checkBlock(p, block, i32[p + FT_PAGE.CAPACITY]!);
      const next = i32[block >> 2]!;
      if (this.freeDelayedBlock(p, block)) {
        i32[this.heapBase + FT_HEAP.DELAYED]!++;
      } else {
        // Its freer has not yet left DELAYED_FREEING: put it back for the next round.
        allFreed = false;
        this.atomicPush(dIndex, block);
      }
      block = next;
    }
    return allFreed;
  }

  /** Push `block` on the atomic list whose head is word `head` (a thread_delayed_free):
   *  the link is written before the CAS that publishes the block. */
  private atomicPush(head: number, block: number): void {
    const i32 = this.i32;
    let seen = Atomics.load(i32, head);
    for (;;) {
      i32[block >> 2] = seen;
      const was = Atomics.compareExchange(i32, head, seen, block);
      if (was === seen) return;
      seen = was; // another thread pushed first: retry on its head (lock-free, not a wait)
    }
  }

  /** free.c: _mi_free_delayed_block. */
  private freeDelayedBlock(p: number, block: number): boolean {
    // Re-arm delayed free before collecting, or a block pushed to xthread_free meanwhile
    // could sit in a full page that nobody looks at.
    if (!this.tryUseDelayedFree(p, DELAYED.USE, false)) return false;
    this.pageFreeCollect(p, false);
    this.freeBlockLocal(p, block, this.i32[p + FT_PAGE.FLAGS]!);
    return true;
  }

  /** page.c: _mi_page_try_use_delayed_free. */
  private tryUseDelayedFree(p: number, delay: number, overrideNever: boolean): boolean {
    const i32 = this.i32;
    const tfIndex = p + FT_PAGE.XTHREAD_FREE;
    for (let waits = 0; ;) {
      const tf = Atomics.load(i32, tfIndex);
      const old = tf & TF_MASK;
      if (old === DELAYED.FREEING) {
        // Another thread is between its two CASes (a few instructions): sleep briefly
        // (mi_atomic_yield) — Atomics.wait returns at once if the word already changed.
        if (waits >= DELAYED_TRIES) return false;
        waits++;
        Atomics.wait(i32, tfIndex, tf, DELAYED_WAIT_MS);
        continue;
      }
      if (old === delay || (!overrideNever && old === DELAYED.NEVER)) return true;
      if (Atomics.compareExchange(i32, tfIndex, tf, (tf & ~TF_MASK) | delay) === tf) return true;
    }
  }

  /** page.c: _mi_page_use_delayed_free — bounded: a page stuck in DELAYED_FREEING means
   *  its freer died mid-free, which is reported, not waited on forever. */
  private useDelayedFree(p: number, delay: number, overrideNever: boolean): void {
    for (let round = 0; !this.tryUseDelayedFree(p, delay, overrideNever); round++) {
      if (round > DELAYED_MAX_ROUNDS) throw new HeapCorruption(p << 2, "page stuck in DELAYED_FREEING (a thread stopped inside a free?)");
    }
  }

  // ── collecting the free lists ───────────────────────────────────────────

  /** page.c: _mi_page_free_collect — take xthread_free into local_free, and local_free
   *  into free when free is empty (or always, with `force`). */
  private pageFreeCollect(p: number, force: boolean): void {
    const i32 = this.i32;
    if (force || (Atomics.load(i32, p + FT_PAGE.XTHREAD_FREE) & ~TF_MASK) !== 0) this.threadFreeCollect(p);
    const local = i32[p + FT_PAGE.LOCAL_FREE]!;
    if (local === 0) return;
    if (i32[p + FT_PAGE.FREE] === 0) {
      i32[p + FT_PAGE.FREE] = local;
      i32[p + FT_PAGE.LOCAL_FREE] = 0;
    } else if (force) {
      const tail = this.listTail(p, local, i32[p + FT_PAGE.CAPACITY]!, "local_free");
      i32[tail >> 2] = i32[p + FT_PAGE.FREE]!;
      i32[p + FT_PAGE.FREE] = local;
      i32[p + FT_PAGE.LOCAL_FREE] = 0;
    }
  }

  /** page.c: _mi_page_thread_free_collect — one atomic swap takes the whole list (the
   *  delayed bits stay); a list longer than the page's capacity is corrupt. */
  private threadFreeCollect(p: number): void {
    const i32 = this.i32;
    const tfIndex = p + FT_PAGE.XTHREAD_FREE;
    let tf = Atomics.load(i32, tfIndex);
    for (;;) {
      const seen = Atomics.compareExchange(i32, tfIndex, tf, tf & TF_MASK);
      if (seen === tf) break;
      tf = seen;
    }
    const head = tf & ~TF_MASK;
    if (head === 0) return;
    const tail = this.listTail(p, head, i32[p + FT_PAGE.CAPACITY]!, "xthread_free");
    const count = this.listLength;
    i32[tail >> 2] = i32[p + FT_PAGE.LOCAL_FREE]!;
    i32[p + FT_PAGE.LOCAL_FREE] = head;
    i32[p + FT_PAGE.USED] = i32[p + FT_PAGE.USED]! - count;
    i32[this.heapBase + FT_HEAP.COLLECTED] = i32[this.heapBase + FT_HEAP.COLLECTED]! + count;
  }

  /** The last block of a free list of page `p`, every block bounds-checked, at most
   *  `capacity` of them (more means a cycle or a block freed twice). Sets listLength. */
  private listTail(p: number, head: number, capacity: number, what: string): number {
    const i32 = this.i32;
    let tail = head;
    this.checkBlock(p, head, capacity);
    for (let count = 1; ; count++) {
      const next = i32[tail >> 2]!;
      if (next === 0) {
        this.listLength = count;
        return tail;
      }
      if (count >= capacity) throw new HeapCorruption(head, `${what} list of page 0x${(p << 2).toString(16)} is longer than the page (a cycle, or a block freed twice?)`);
      this.checkBlock(p, next, capacity);
      tail = next;
    }
  }

  /** A block of page `p`: inside its carved part, on a block boundary. */
  private checkBlock(p: number, block: number, capacity: number): void {
    const bsize = (this.i32[p + FT_PAGE.SZIDX]! + 1) << ALIGNMENT_SHIFT;
    const off = block - (p << 2) - POOL_OVERHEAD;
    if (off < 0 || off >= capacity * bsize || off % bsize !== 0) {
      throw new HeapCorruption(block, `not a block of page 0x${(p << 2).toString(16)}`);
    }
  }

  // ── queues, full pages, retirement ──────────────────────────────────────

  /** page-queue.c: mi_page_queue_push (at the front). */
  private queuePush(q: number, p: number): void {
    const i32 = this.i32;
    const qi = this.queueBase + q * FT_QUEUE_WORDS;
    const page = p << 2;
    const first = i32[qi]!;
    i32[p + FT_PAGE.NEXT] = first;
    i32[p + FT_PAGE.PREV] = 0;
    if (first !== 0) i32[(first >> 2) + FT_PAGE.PREV] = page;
    else i32[qi + 1] = page;
    i32[qi] = page;
    this.setInFull(p, q === FT_BIN_FULL);
  }

  /** page-queue.c: mi_page_queue_remove. */
  private queueRemove(q: number, p: number): void {
    const i32 = this.i32;
    const qi = this.queueBase + q * FT_QUEUE_WORDS;
    const next = i32[p + FT_PAGE.NEXT]!;
    const prev = i32[p + FT_PAGE.PREV]!;
    if (prev !== 0) i32[(prev >> 2) + FT_PAGE.NEXT] = next;
    else i32[qi] = next;
    if (next !== 0) i32[(next >> 2) + FT_PAGE.PREV] = prev;
    else i32[qi + 1] = prev;
    i32[p + FT_PAGE.NEXT] = 0;
    i32[p + FT_PAGE.PREV] = 0;
  }

  /** page-queue.c: mi_page_queue_enqueue_from (appends at the end of `to`). */
  private queueMove(to: number, from: number, p: number): void {
    this.queueRemove(from, p);
    const i32 = this.i32;
    const qi = this.queueBase + to * FT_QUEUE_WORDS;
    const page = p << 2;
    const last = i32[qi + 1]!;
    i32[p + FT_PAGE.PREV] = last;
    i32[p + FT_PAGE.NEXT] = 0;
    if (last !== 0) i32[(last >> 2) + FT_PAGE.NEXT] = page;
    else i32[qi] = page;
    i32[qi + 1] = page;
    this.setInFull(p, to === FT_BIN_FULL);
  }

  private setInFull(p: number, inFull: boolean): void {
    const flags = this.i32[p + FT_PAGE.FLAGS]!;
    this.i32[p + FT_PAGE.FLAGS] = inFull ? flags | FT_PAGE_IN_FULL : flags & ~FT_PAGE_IN_FULL;
  }

  /** page.c: mi_page_to_full — then collect once more, for a free that raced the move. */
  private pageToFull(p: number, bin: number): void {
    this.queueMove(FT_BIN_FULL, bin, p);
    this.i32[this.heapBase + FT_HEAP.TO_FULL]!++;
    this.pageFreeCollect(p, false);
  }

  /** page.c: _mi_page_unfull. */
  private pageUnfull(p: number): void {
    this.queueMove(this.i32[p + FT_PAGE.SZIDX]!, FT_BIN_FULL, p);
  }

  /** page.c: _mi_page_retire — the page's last block was freed. Keep it for a while if it
   *  is its class's only page (so malloc/free of one object does not churn pages). */
  private pageRetire(p: number): void {
    const i32 = this.i32;
    const inFull = (i32[p + FT_PAGE.FLAGS]! & FT_PAGE_IN_FULL) !== 0;
    const bin = i32[p + FT_PAGE.SZIDX]!;
    if (!inFull) {
      const qi = this.queueBase + bin * FT_QUEUE_WORDS;
      const page = p << 2;
      if (i32[qi] === page && i32[qi + 1] === page) {
        i32[p + FT_PAGE.RETIRE_EXPIRE] = 1 + RETIRE_CYCLES;
        const h = this.heapBase;
        if (bin < i32[h + FT_HEAP.RETIRED_MIN]!) i32[h + FT_HEAP.RETIRED_MIN] = bin;
        if (bin > i32[h + FT_HEAP.RETIRED_MAX]!) i32[h + FT_HEAP.RETIRED_MAX] = bin;
        return;
      }
    }
    this.pageFree(p, inFull ? FT_BIN_FULL : bin);
  }

  /** page.c: _mi_heap_collect_retired — count retired pages down; free the expired. */
  private collectRetired(force: boolean): void {
    const i32 = this.i32;
    const h = this.heapBase;
    let min = FT_BIN_FULL, max = 0;
    const hi = Math.min(i32[h + FT_HEAP.RETIRED_MAX]!, FT_BIN_FULL - 1);
    for (let bin = Math.max(0, i32[h + FT_HEAP.RETIRED_MIN]!); bin <= hi; bin++) {
      const page = i32[this.queueBase + bin * FT_QUEUE_WORDS]!;
      if (page === 0) continue;
      const p = this.ownPage(page);
      const expire = i32[p + FT_PAGE.RETIRE_EXPIRE]!;
      if (expire === 0) continue;
      if (i32[p + FT_PAGE.USED] !== 0) {
        i32[p + FT_PAGE.RETIRE_EXPIRE] = 0;
        continue;
      }
      i32[p + FT_PAGE.RETIRE_EXPIRE] = expire - 1;
      if (force || expire - 1 === 0) {
        this.pageFree(p, bin);
      } else {
        if (bin < min) min = bin;
        if (bin > max) max = bin;
      }
    }
    i32[h + FT_HEAP.RETIRED_MIN] = min;
    i32[h + FT_HEAP.RETIRED_MAX] = max;
  }

  /** page.c: _mi_page_free — off its queue, back to its segment. */
  private pageFree(p: number, q: number): void {
    this.queueRemove(q, p);
    this.i32[this.heapBase + FT_HEAP.PAGES_FREED]!++;
    this.segmentPageFree(p);
  }

  // ── segments ────────────────────────────────────────────────────────────

  /** Word index of the segment map entry of the segment at byte address `seg`. */
  private segEntry(seg: number): number {
    return this.segBase + (seg >>> this.segShift) * SEG_WORDS;
  }

  /** segment.c: _mi_segment_page_alloc — a free page from the heap's first segment that
   *  has one (a reused page or a never-used one), or from a new segment. 0 if none. */
  private segmentPageAlloc(): number {
    const i32 = this.i32;
    let seg = i32[this.heapBase + FT_HEAP.SEGMENTS]!;
    if (seg === 0) {
      seg = this.segmentAlloc();
      if (seg === 0) return 0;
    }
    const e = this.segEntry(seg);
    let page = i32[e + FT_SEG.FREE_PAGES]!;
    if (page !== 0) {
      if ((page - seg) >>> 0 >= this.segSize || (page & ~this.pageMask) !== 0) throw new HeapCorruption(page, "segment free page list points outside its segment");
      i32[e + FT_SEG.FREE_PAGES] = i32[(page >> 2) + FT_PAGE.NEXT]!;
    } else {
      page = i32[e + FT_SEG.PAGE_ADDRESS]!;
      if ((page - seg) >>> 0 >= this.segSize) throw new HeapCorruption(seg, "segment has no free page but is on the heap's segment list");
      i32[e + FT_SEG.PAGE_ADDRESS] = page + this.pageSize;
    }
    const used = i32[e + FT_SEG.USED]! + 1;
    i32[e + FT_SEG.USED] = used;
    if (used === i32[e + FT_SEG.NTOTAL]) this.segmentUnlink(seg);
    return page;
  }

  /** segment.c: mi_segment_page_clear — the page is free: back on its segment's list. A
   *  wholly free segment goes back to the raw region unless it is the heap's last one
   *  with free pages (collect(true) releases that one too). */
  private segmentPageFree(p: number): void {
    const i32 = this.i32;
    const page = p << 2;
    const seg = page & ~(this.segSize - 1);
    const e = this.segEntry(seg);
    i32[p + FT_PAGE.FLAGS] = 0;
    i32[p + FT_PAGE.SZIDX] = NO_SIZE_CLASS;
    i32[p + FT_PAGE.NEXT] = i32[e + FT_SEG.FREE_PAGES]!;
    i32[e + FT_SEG.FREE_PAGES] = page;
    const used = i32[e + FT_SEG.USED]! - 1;
    i32[e + FT_SEG.USED] = used;
    if (used + 1 === i32[e + FT_SEG.NTOTAL]) this.segmentLink(seg); // it was full: list it again
    if (used === 0 && !this.isOnlySegment(seg)) this.segmentFree(seg);
  }

  private isOnlySegment(seg: number): boolean {
    const e = this.segEntry(seg);
    return this.i32[this.heapBase + FT_HEAP.SEGMENTS] === seg && this.i32[e + FT_SEG.NEXT] === 0;
  }

  /** segment.c: mi_segment_alloc — mmap an aligned segment (under the raw lock). */
  private segmentAlloc(): number {
    const i32 = this.i32;
    const r = ftRegionBase(this.heap);
    let seg: number;
    this.lock.acquire();
    try {
      seg = this.raw.mmap(this.segSize, this.segSize);
      if (seg !== 0) {
        const current = i32[r + FT_HDR.SEGMENTS_CURRENT]! + 1;
        i32[r + FT_HDR.SEGMENTS_CURRENT] = current;
        i32[r + FT_HDR.SEGMENTS_TOTAL]!++;
        if (current > i32[r + FT_HDR.SEGMENTS_HIGHWATER]!) i32[r + FT_HDR.SEGMENTS_HIGHWATER] = current;
      }
    } finally {
      this.lock.release();
    }
    if (seg === 0) return 0;
    const e = this.segEntry(seg);
    i32[e + FT_SEG.USED] = 0;
    i32[e + FT_SEG.FREE_PAGES] = 0;
    i32[e + FT_SEG.PAGE_ADDRESS] = seg;
    i32[e + FT_SEG.NTOTAL] = this.segSize / this.pageSize;
    i32[this.heapBase + FT_HEAP.SEGMENTS_ALLOCATED]!++;
    this.segmentLink(seg);
    // Published last: from here a free of an address in the window means "one of ours".
    Atomics.store(i32, e + FT_SEG.OWNER, this.slot + 1);
    return seg;
  }

  /** segment.c: mi_segment_free — unmap (under the raw lock). */
  private segmentFree(seg: number): void {
    const i32 = this.i32;
    this.segmentUnlink(seg);
    Atomics.store(i32, this.segEntry(seg) + FT_SEG.OWNER, 0);
    const r = ftRegionBase(this.heap);
    this.lock.acquire();
    try {
      this.raw.munmap(seg);
      i32[r + FT_HDR.SEGMENTS_CURRENT]!--;
    } finally {
      this.lock.release();
    }
  }

  /** Front-link a segment on the heap's list of segments with a free page. */
  private segmentLink(seg: number): void {
    const i32 = this.i32;
    const e = this.segEntry(seg);
    const head = i32[this.heapBase + FT_HEAP.SEGMENTS]!;
    i32[e + FT_SEG.NEXT] = head;
    i32[e + FT_SEG.PREV] = 0;
    if (head !== 0) i32[this.segEntry(head) + FT_SEG.PREV] = seg;
    i32[this.heapBase + FT_HEAP.SEGMENTS] = seg;
  }

  private segmentUnlink(seg: number): void {
    const i32 = this.i32;
    const e = this.segEntry(seg);
    const next = i32[e + FT_SEG.NEXT]!;
    const prev = i32[e + FT_SEG.PREV]!;
    if (prev !== 0) i32[this.segEntry(prev) + FT_SEG.NEXT] = next;
    else i32[this.heapBase + FT_HEAP.SEGMENTS] = next;
    if (next !== 0) i32[this.segEntry(next) + FT_SEG.PREV] = prev;
    i32[e + FT_SEG.NEXT] = 0;
    i32[e + FT_SEG.PREV] = 0;
  }

  /** The word index of `page`, after checking it is an in-use page of one of our segments. */
  private ownPage(page: number): number {
    const s = page >>> this.segShift;
    if ((page & ~this.pageMask) !== 0 || s >= this.nsegs || this.i32[this.segBase + s * SEG_WORDS] !== this.slot + 1) {
      throw new HeapCorruption(page, `not a page of thread slot ${this.slot}'s segments`);
    }
    const p = page >> 2;
    if ((this.i32[p + FT_PAGE.FLAGS]! & FT_PAGE_IN_USE) === 0) throw new HeapCorruption(page, "a free page on a page queue");
    return p;
  }

  // ── whole-heap operations ───────────────────────────────────────────────

  /** heap.c: mi_heap_collect_ex — drain delayed frees, collect every page, free the empty
   *  ones, retired or not (force: also append local_free to free, and unmap the heap's
   *  last empty segment). */
  collect(force = false): void {
    this.delayedFreePartial();
    this.forEachPage((p, q) => {
      this.pageFreeCollect(p, force);
      if (this.i32[p + FT_PAGE.USED] === 0) this.pageFree(p, q); // retired pages too, as mimalloc does
    });
    this.collectRetired(force);
    if (force) this.releaseEmptySegments();
  }

  /** The thread is ending (mi_heap_collect_ex(MI_ABANDON)): free what can be freed and
   *  leave the rest for the slot's next thread. Frees by others meanwhile go to
   *  xthread_free (NEVER_DELAYED_FREE: no thread would drain the delayed list). */
  abandon(): void {
    this.forEachPage((p) => this.useDelayedFree(p, DELAYED.NEVER, false));
    for (let round = 0; !this.delayedFreePartial(); round++) {
      if (round > DELAYED_MAX_ROUNDS) throw new HeapCorruption(this.heapBase << 2, "thread_delayed_free never drains");
    }
    this.collect(true);
    Atomics.store(this.i32, this.heapBase + FT_HEAP.STATE, FtHeapState.ABANDONED);
  }

  /** segment.c: mi_segment_reclaim, for this slot's abandoned heap: re-arm, collect, free
   *  the empty pages, and give full pages another look from their size-class queue. */
  private reclaim(): void {
    const i32 = this.i32;
    this.forEachPage((p, q) => {
      this.useDelayedFree(p, DELAYED.USE, true);
      this.pageFreeCollect(p, false);
      if (i32[p + FT_PAGE.USED] === 0) this.pageFree(p, q);
      else if (q === FT_BIN_FULL) this.pageUnfull(p);
    });
  }

  private releaseEmptySegments(): void {
    const i32 = this.i32;
    let seg = i32[this.heapBase + FT_HEAP.SEGMENTS]!;
    for (let steps = 0; seg !== 0; steps++) {
      if (steps > this.nsegs) throw new HeapCorruption(seg, "heap segment list does not end (a cycle?)");
      const next = i32[this.segEntry(seg) + FT_SEG.NEXT]!;
      if (i32[this.segEntry(seg) + FT_SEG.USED] === 0) this.segmentFree(seg);
      seg = next;
    }
  }

  /** Visit every page on the heap's queues (the visitor may move or free the page it is
   *  given). Bounded. Not a hot path: the closure is fine here. */
  private forEachPage(visit: (p: number, q: number) => void): void {
    const i32 = this.i32;
    for (let q = 0; q <= FT_BIN_FULL; q++) {
      let page = i32[this.queueBase + q * FT_QUEUE_WORDS]!;
      for (let steps = 0; page !== 0; steps++) {
        if (steps > this.maxPages) throw new HeapCorruption(page, `page queue ${q} does not end (a cycle?)`);
        const p = this.ownPage(page);
        const next = i32[p + FT_PAGE.NEXT]!;
        visit(p, q);
        page = next;
      }
    }
  }

  // ── realloc and sizes ───────────────────────────────────────────────────

  /** mi_heap_realloc: in place if the new size fits and does not waste over half the block. */
  realloc(ptr: number, nbytes: number): number {
    if (ptr === 0) return this.malloc(nbytes);
    if (!this.isSmall(ptr)) return this.rawLocked.realloc(ptr, nbytes);
    const size = this.usableSize(ptr);
    if (nbytes <= size && nbytes >= size / 2 && nbytes > 0) return ptr;
    const fresh = this.malloc(nbytes);
    this.heap.copyBytes(fresh, ptr, Math.min(size, nbytes));
    this.free(ptr);
    return fresh;
  }

  usableSize(ptr: number): number {
    if (!this.isSmall(ptr)) return this.raw.usableSize(ptr);
    return (this.i32[((ptr & this.pageMask) >> 2) + FT_PAGE.SZIDX]! + 1) << ALIGNMENT_SHIFT;
  }

  /** True iff `ptr` lies in a live segment (a small block, not a raw one). */
  isSmall(ptr: number): boolean {
    const s = ptr >>> this.segShift;
    return s < this.nsegs && this.i32[this.segBase + s * SEG_WORDS] !== 0;
  }

  /** The thread slot owning the page of small block `ptr` (O(1): its page header). */
  ownerOf(ptr: number): number {
    return this.i32[((ptr & this.pageMask) >> 2) + FT_PAGE.HEAP]!;
  }
}

/** Per-slot counters of a heap (owner-written; read them when its thread is quiet). */
export interface FtThreadStats {
  slot: number;
  state: "free" | "owned" | "abandoned";
  adoptions: number;
  genericMallocs: number;
  pagesFresh: number;
  pagesFreed: number;
  pagesToFull: number;
  remoteFrees: number;
  collected: number;
  delayedFrees: number;
  segmentsAllocated: number;
}

export function ftThreadStats(heap: Heap, slot: number): FtThreadStats {
  const i32 = heap.i32;
  const h = ftHeapBase(heap, slot);
  const state = i32[h + FT_HEAP.STATE]!;
  return {
    slot,
    state: state === FtHeapState.OWNED ? "owned" : state === FtHeapState.ABANDONED ? "abandoned" : "free",
    adoptions: i32[h + FT_HEAP.ADOPTIONS]!,
    genericMallocs: i32[h + FT_HEAP.GENERIC]!,
    pagesFresh: i32[h + FT_HEAP.PAGES_FRESH]!,
    pagesFreed: i32[h + FT_HEAP.PAGES_FREED]!,
    pagesToFull: i32[h + FT_HEAP.TO_FULL]!,
    remoteFrees: i32[h + FT_HEAP.REMOTE_FREES]!,
    collected: i32[h + FT_HEAP.COLLECTED]!,
    delayedFrees: i32[h + FT_HEAP.DELAYED]!,
    segmentsAllocated: i32[h + FT_HEAP.SEGMENTS_ALLOCATED]!,
  };
}
