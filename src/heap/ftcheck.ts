/**
 * The free-threaded allocator's validator (mimalloc's mi_heap_validate idea, for
 * ftheap.ts): a census of every segment, page and free list, then the invariants
 * written in ftheap.ts's head checked against it. Every pointer followed is
 * bounds-checked and every walk bounded, so a corrupted heap yields a list of problems,
 * never a hang or an exception. Run it when no thread is allocating (after the threads
 * have joined, or stopped for the world): the census reads the owners' plain words.
 */
import { ALIGNMENT_SHIFT, MAX_THREADS, NB_SMALL_SIZE_CLASSES, POOL_OVERHEAD } from "./config.js";
import type { HeapCheck } from "./check.js";
import { ftHeapBase, ftRegionBase, ftSegBase, RETIRE_CYCLES } from "./ftheap.js";
import type { Heap } from "./heap.js";
import {
  CHUNK_HEADER_BYTES, FT_BIN_FULL, FT_HDR, FT_HEAP, FT_PAGE, FT_PAGE_IN_FULL, FT_PAGE_IN_USE, FT_QUEUE_WORDS, FT_SEG,
  FT_SEG_BYTES, FtHeapState,
} from "./layout.js";
import { RawMalloc } from "./raw.js";

export interface FtPageInfo {
  page: number;
  owner: number; // thread slot
  szidx: number;
  used: number;
  capacity: number;
  reserved: number;
  free: number; // blocks on `free`
  localFree: number;
  threadFree: number; // blocks on xthread_free
  delayed: number; // blocks of this page on its owner's thread_delayed_free
  inFull: boolean;
  retireExpire: number;
}

export interface FtSegmentInfo {
  seg: number;
  owner: number;
  used: number;
  ntotal: number;
  freePages: number; // pages on the segment's free page list
  virgin: number; // pages never used
}

export interface FtCensus {
  segments: FtSegmentInfo[];
  pages: Map<number, FtPageInfo>;
  problems: string[];
}

const MAX_PROBLEMS = 50;
const TF_MASK = 3;
const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;

/** Every live segment and in-use page, with the lengths of their lists. */
export function ftCensus(heap: Heap): FtCensus {
  const i32 = heap.i32;
  const { poolSize: pageSize, arenaSize: segSize, heapBytes } = heap.config;
  const { rawStart, ftSegments } = heap.layout;
  const segBase = ftSegBase(heap);
  const ntotal = segSize / pageSize;
  const problems: string[] = [];
  const report = (msg: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(msg);
  };
  const segments: FtSegmentInfo[] = [];
  const pages = new Map<number, FtPageInfo>();
  const listed = new Set<number>(); // every block on some free list: none may be on two

  /** Walk one free list of `page`: blocks of its carved part, on block boundaries, once. */
  const walk = (page: number, head: number, bsize: number, capacity: number, what: string): number => {
    let n = 0;
    for (let b = head; b !== 0; b = i32[b >> 2]!) {
      const off = b - page - POOL_OVERHEAD;
      if (n >= capacity || off < 0 || off >= capacity * bsize || off % bsize !== 0) {
        report(`page ${hex(page)}: ${what} list is corrupt at ${hex(b)}`);
        break;
      }
      if (listed.has(b)) { report(`page ${hex(page)}: block ${hex(b)} is on two free lists (${what})`); break; }
      listed.add(b);
      n++;
    }
    return n;
  };

  for (let s = 0; s < ftSegments; s++) {
    const e = segBase + s * (FT_SEG_BYTES >> 2);
    const ownerWord = i32[e + FT_SEG.OWNER]!;
    if (ownerWord === 0) continue;
    const seg = s * segSize;
    const owner = ownerWord - 1;
    if (owner < 0 || owner >= MAX_THREADS) { report(`segment ${hex(seg)}: owner ${owner} is not a thread slot`); continue; }
    if (seg < rawStart + CHUNK_HEADER_BYTES || seg + segSize > heapBytes) { report(`segment ${hex(seg)} lies outside the raw region`); continue; }
    if (i32[e + FT_SEG.NTOTAL] !== ntotal) report(`segment ${hex(seg)}: ntotal ${i32[e + FT_SEG.NTOTAL]} != ${ntotal}`);
    const pageAddress = i32[e + FT_SEG.PAGE_ADDRESS]!;
    if (pageAddress < seg || pageAddress > seg + segSize || (pageAddress - seg) % pageSize !== 0) {
      report(`segment ${hex(seg)}: page_address ${hex(pageAddress)} outside its pages`);
      continue;
    }
    const freePages = new Set<number>();
    let fp = i32[e + FT_SEG.FREE_PAGES]!;
    for (let steps = 0; fp !== 0; steps++) {
      if (steps >= ntotal || fp < seg || fp >= pageAddress || (fp - seg) % pageSize !== 0 || freePages.has(fp)) {
        report(`segment ${hex(seg)}: free page list is corrupt at ${hex(fp)}`);
        break;
      }
      if (i32[(fp >> 2) + FT_PAGE.FLAGS] !== 0) report(`page ${hex(fp)} is on its segment's free list but in use`);
      freePages.add(fp);
      fp = i32[(fp >> 2) + FT_PAGE.NEXT]!;
    }
    let inUse = 0;
    for (let page = seg; page < pageAddress; page += pageSize) {
      const p = page >> 2;
      const flags = i32[p + FT_PAGE.FLAGS]!;
      if ((flags & FT_PAGE_IN_USE) === 0) {
        if (!freePages.has(page)) report(`free page ${hex(page)} is not on its segment's free list`);
        continue;
      }
      inUse++;
      const szidx = i32[p + FT_PAGE.SZIDX]!;
      if (szidx < 0 || szidx >= NB_SMALL_SIZE_CLASSES) { report(`page ${hex(page)}: bad size class ${szidx}`); continue; }
      const bsize = (szidx + 1) << ALIGNMENT_SHIFT;
      const reserved = Math.floor((pageSize - POOL_OVERHEAD) / bsize);
      const capacity = i32[p + FT_PAGE.CAPACITY]!;
      if (i32[p + FT_PAGE.RESERVED] !== reserved) report(`page ${hex(page)}: reserved ${i32[p + FT_PAGE.RESERVED]} != ${reserved}`);
      if (capacity < 0 || capacity > reserved) { report(`page ${hex(page)}: capacity ${capacity} outside 0..${reserved}`); continue; }
      if (i32[p + FT_PAGE.HEAP] !== owner) report(`page ${hex(page)}: heap ${i32[p + FT_PAGE.HEAP]} != its segment's owner ${owner}`);
      pages.set(page, {
        page, owner, szidx, capacity, reserved,
        used: i32[p + FT_PAGE.USED]!,
        free: walk(page, i32[p + FT_PAGE.FREE]!, bsize, capacity, "free"),
        localFree: walk(page, i32[p + FT_PAGE.LOCAL_FREE]!, bsize, capacity, "local_free"),
        threadFree: walk(page, Atomics.load(i32, p + FT_PAGE.XTHREAD_FREE) & ~TF_MASK, bsize, capacity, "xthread_free"),
        delayed: 0,
        inFull: (flags & FT_PAGE_IN_FULL) !== 0,
        retireExpire: i32[p + FT_PAGE.RETIRE_EXPIRE]!,
      });
    }
    const used = i32[e + FT_SEG.USED]!;
    if (used !== inUse) report(`segment ${hex(seg)}: used ${used} != ${inUse} pages in use`);
    const virgin = (seg + segSize - pageAddress) / pageSize;
    if (inUse + freePages.size + virgin !== ntotal) report(`segment ${hex(seg)}: ${inUse} used + ${freePages.size} free + ${virgin} virgin != ${ntotal}`);
    segments.push({ seg, owner, used, ntotal, freePages: freePages.size, virgin });
  }

  // thread_delayed_free: blocks of the heap's own in-use pages, on no other list.
  const maxBlocks = heapBytes >> ALIGNMENT_SHIFT;
  for (let slot = 0; slot < MAX_THREADS; slot++) {
    let b = Atomics.load(i32, ftHeapBase(heap, slot) + FT_HEAP.DELAYED_FREE);
    for (let steps = 0; b !== 0; steps++) {
      const info = pages.get(b & ~(pageSize - 1));
      if (steps > maxBlocks || info === undefined || info.owner !== slot) { report(`thread_delayed_free of slot ${slot} is corrupt at ${hex(b)}`); break; }
      const off = b - info.page - POOL_OVERHEAD;
      const bsize = (info.szidx + 1) << ALIGNMENT_SHIFT;
      if (off < 0 || off >= info.capacity * bsize || off % bsize !== 0) { report(`thread_delayed_free of slot ${slot}: ${hex(b)} is not a block`); break; }
      if (listed.has(b)) { report(`block ${hex(b)} is on thread_delayed_free and a free list`); break; }
      listed.add(b);
      info.delayed++;
      b = i32[b >> 2]!;
    }
  }
  return { segments, pages, problems };
}

/** Validate a heap run with FtHeap: the census, then every page's counts, every heap's
 *  queues and segment list, the region's counters and the raw region. */
export function checkFtHeap(heap: Heap): HeapCheck {
  const i32 = heap.i32;
  const census = ftCensus(heap);
  const problems = census.problems;
  const report = (msg: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(msg);
  };
  const blocksInUse = new Array<number>(NB_SMALL_SIZE_CLASSES).fill(0);
  for (const info of census.pages.values()) {
    const { page, used, free, localFree, threadFree, delayed, capacity } = info;
    if (used + free + localFree !== capacity) {
      report(`page ${hex(page)} (class ${info.szidx}): used ${used} + ${free} free + ${localFree} local_free != capacity ${capacity}`);
    }
    const live = used - threadFree - delayed;
    if (live < 0) report(`page ${hex(page)}: more blocks freed by other threads (${threadFree + delayed}) than in use (${used})`);
    blocksInUse[info.szidx]! += Math.max(0, live);
    if (info.retireExpire < 0 || info.retireExpire > 1 + RETIRE_CYCLES) report(`page ${hex(page)}: retire_expire ${info.retireExpire} out of range`);
  }

  // Every in-use page is on exactly one queue of its owner: its class's, or FULL iff flagged.
  const maxPages = Math.ceil(heap.config.heapBytes / heap.config.poolSize);
  const segSize = heap.config.arenaSize;
  const onQueue = new Set<number>();
  const segOf = new Map(census.segments.map((s) => [s.seg, s]));
  for (let slot = 0; slot < MAX_THREADS; slot++) {
    const h = ftHeapBase(heap, slot);
    const state = i32[h + FT_HEAP.STATE]!;
    if (state !== FtHeapState.FREE && state !== FtHeapState.OWNED && state !== FtHeapState.ABANDONED) report(`heap ${slot}: bad state ${state}`);
    for (let q = 0; q <= FT_BIN_FULL; q++) {
      const qi = h + FT_HEAP.QUEUES + q * FT_QUEUE_WORDS;
      let prev = 0;
      let page = i32[qi]!;
      for (let steps = 0; page !== 0; steps++) {
        const info = census.pages.get(page);
        if (steps > maxPages || info === undefined) { report(`heap ${slot} queue ${q} is corrupt at ${hex(page)}`); break; }
        if (onQueue.has(page)) { report(`page ${hex(page)} is on two queues`); break; }
        onQueue.add(page);
        if (info.owner !== slot) report(`page ${hex(page)} of slot ${info.owner} is on slot ${slot}'s queue`);
        if (q !== FT_BIN_FULL && info.szidx !== q) report(`page ${hex(page)} of class ${info.szidx} is on queue ${q}`);
        if (info.inFull !== (q === FT_BIN_FULL)) report(`page ${hex(page)}: in-full flag ${info.inFull} on queue ${q}`);
        if (i32[(page >> 2) + FT_PAGE.PREV] !== prev) report(`page ${hex(page)}: prev link broken`);
        prev = page;
        page = i32[(page >> 2) + FT_PAGE.NEXT]!;
      }
      if (i32[qi + 1] !== prev) report(`heap ${slot} queue ${q}: last is ${hex(i32[qi + 1]!)}, the walk ended at ${hex(prev)}`);
    }
    // The heap's segment list: exactly its segments with a free page.
    let prevSeg = 0, listedSegs = 0;
    let seg = i32[h + FT_HEAP.SEGMENTS]!;
    for (let steps = 0; seg !== 0; steps++) {
      const info = segOf.get(seg);
      if (steps > census.segments.length || info === undefined) { report(`heap ${slot} segment list is corrupt at ${hex(seg)}`); break; }
      const e = ftSegBase(heap) + (seg / segSize) * (FT_SEG_BYTES >> 2);
      if (info.owner !== slot) report(`segment ${hex(seg)} of slot ${info.owner} is on slot ${slot}'s list`);
      if (info.used >= info.ntotal) report(`full segment ${hex(seg)} is on slot ${slot}'s list`);
      if (i32[e + FT_SEG.PREV] !== prevSeg) report(`segment ${hex(seg)}: prev link broken`);
      listedSegs++;
      prevSeg = seg;
      seg = i32[e + FT_SEG.NEXT]!;
    }
    const withFree = census.segments.filter((s) => s.owner === slot && s.used < s.ntotal).length;
    if (listedSegs !== withFree) report(`heap ${slot} lists ${listedSegs} segments, ${withFree} of its segments have a free page`);
  }
  for (const page of census.pages.keys()) {
    if (!onQueue.has(page)) report(`in-use page ${hex(page)} is on no queue`);
  }
  const current = i32[ftRegionBase(heap) + FT_HDR.SEGMENTS_CURRENT]!;
  if (current !== census.segments.length) report(`segments current ${current} != ${census.segments.length} in the map`);
  for (const p of new RawMalloc(heap).check()) report(p);
  return { ok: problems.length === 0, problems, blocksInUse, arenas: census.segments.length, pools: census.pages.size };
}
