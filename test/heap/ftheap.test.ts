import { describe, expect, it } from "vitest";
import { GilsimConfigError, HeapCorruption, HeapExhausted } from "../../src/errors.js";
import { POOL_OVERHEAD } from "../../src/heap/config.js";
import { ftCensus } from "../../src/heap/ftcheck.js";
import {
  checkFtHeap, checkHeapOf, createHeap, formatMallocStats, ftMallocStats, FtHeap, ftThreadStats, type Heap, HeapLock,
  LockedAllocator, mallocStats, mallocStatsOf, ObMalloc, RADIX_GEOMETRY, RawMalloc,
} from "../../src/heap/index.js";
import { FT_PAGE, OBM, RAW } from "../../src/heap/layout.js";
import { Prng } from "../../src/util/prng.js";

const MiB = 1024 * 1024;
const PAGE = 4096;

function freshHeap(opts = {}): Heap {
  return createHeap({ heapBytes: 16 * MiB, ...opts });
}

function expectHealthy(heap: Heap): number[] {
  const r = checkFtHeap(heap);
  expect(r.problems).toEqual([]);
  return r.blocksInUse;
}

const pageOf = (ptr: number): number => ptr & ~(PAGE - 1);
const pageInfo = (heap: Heap, ptr: number) => ftCensus(heap).pages.get(pageOf(ptr));

describe("FtHeap size classes and pages", () => {
  it("maps 1..512 bytes to pymalloc's 16-byte classes, 0 and > 512 to the raw region", () => {
    const heap = freshHeap();
    const ft = new FtHeap(heap, 0);
    const seen = new Set<number>();
    for (let n = 1; n <= 512; n++) {
      const p = ft.malloc(n);
      expect(p % 16).toBe(0);
      expect(ft.isSmall(p)).toBe(true);
      expect(ft.usableSize(p)).toBe(Math.ceil(n / 16) * 16);
      expect(ft.ownerOf(p)).toBe(0);
      expect(seen.has(p)).toBe(false);
      seen.add(p);
    }
    const a = ft.malloc(0), b = ft.malloc(513);
    expect(ft.isSmall(a) || ft.isSmall(b)).toBe(false);
    expect(ft.raw.stats().bytesInUse).toBe(513);
    const inUse = expectHealthy(heap);
    for (let c = 0; c < 32; c++) expect(inUse[c]).toBe(16);
    ft.free(a);
    ft.free(b);
    expect(ft.raw.stats().blocksInUse).toBe(0);
    expectHealthy(heap);
  });

  it("rejects a slot outside 0..63 with an error naming it", () => {
    const heap = freshHeap();
    expect(() => new FtHeap(heap, 64)).toThrow(GilsimConfigError);
    expect(() => new FtHeap(heap, -1)).toThrow(/thread slot/);
  });

  it("carves a page behind a pool-sized header, and reuses local frees only when free runs dry", () => {
    const heap = freshHeap();
    const ft = new FtHeap(heap, 0);
    const first = ft.malloc(512);
    expect(first).toBe(pageOf(first) + POOL_OVERHEAD);
    expect(pageOf(first) % (256 * 1024)).toBe(0); // the first page of an aligned segment
    const perPage = Math.floor((PAGE - POOL_OVERHEAD) / 512); // 7, as a pymalloc pool
    const blocks = [first];
    for (let i = 1; i < perPage - 1; i++) blocks.push(ft.malloc(512));
    ft.free(blocks[2]!); // to local_free: the owner's free list still has a block
    expect(pageInfo(heap, first)).toMatchObject({ used: perPage - 2, free: 1, localFree: 1 });
    const last = ft.malloc(512);
    expect(last).toBe(first + (perPage - 1) * 512); // the virgin block, not the one just freed
    expect(ft.malloc(512)).toBe(blocks[2]); // free ran dry: local_free collected
    expectHealthy(heap);
  });

  it("realloc keeps contents, stays in place while the block is at most half empty (mi_heap_realloc)", () => {
    const heap = freshHeap();
    const ft = new FtHeap(heap, 0);
    const p = ft.realloc(0, 100);
    expect(ft.usableSize(p)).toBe(112);
    heap.u8.set([1, 2, 3, 4, 5], p);
    expect(ft.realloc(p, 60)).toBe(p); // 60 >= 112 / 2
    const q = ft.realloc(p, 40); // less than half: a 48-byte block
    expect(q).not.toBe(p);
    expect(ft.usableSize(q)).toBe(48);
    const r = ft.realloc(q, 3000); // to the raw region
    expect(ft.isSmall(r)).toBe(false);
    expect([...heap.u8.subarray(r, r + 5)]).toEqual([1, 2, 3, 4, 5]);
    const t = ft.realloc(r, 5000);
    expect([...heap.u8.subarray(t, t + 5)]).toEqual([1, 2, 3, 4, 5]);
    ft.free(t);
    expect(expectHealthy(heap)).toEqual(new Array(32).fill(0));
    expect(ft.raw.stats().blocksInUse).toBe(0);
  });

  it("allocates the same pages per class as pymalloc for the same requests", () => {
    const rng = new Prng(7);
    const sizes = Array.from({ length: 5000 }, () => 1 + rng.below(512));
    const obHeap = freshHeap(), ftHeap = freshHeap();
    const ob = new ObMalloc(obHeap), ft = new FtHeap(ftHeap, 5);
    for (const n of sizes) {
      ob.malloc(n);
      ft.malloc(n);
    }
    const a = mallocStats(ob), b = ftMallocStats(ftHeap);
    expect(b.sizeClasses).toEqual(a.sizeClasses);
    expect(b.bytesInAllocatedBlocks).toBe(a.bytesInAllocatedBlocks);
    expect(formatMallocStats(b)).toContain("# bytes in allocated blocks");
    expect(expectHealthy(ftHeap)).toEqual(b.sizeClasses.map((c) => c.blocksInUse));
    // The mode-blind helpers pick the right strategy, through a lock wrapper too.
    expect(mallocStatsOf(ft)).toEqual(b);
    expect(mallocStatsOf(new LockedAllocator(ob, new HeapLock(obHeap.i32, OBM.LOCK)))).toEqual(a);
    expect(checkHeapOf(ft)!.blocksInUse).toEqual(checkHeapOf(ob)!.blocksInUse);
  });
});

describe("FtHeap seeded stress, one thread", () => {
  it("keeps every invariant and every block's contents through 20000 random operations", () => {
    const heap = freshHeap({ heapBytes: 32 * MiB });
    const ft = new FtHeap(heap, 3);
    const rng = new Prng(1234);
    const live = new Map<number, { size: number; stamp: number }>();
    const perClass = new Array<number>(32).fill(0);
    const u32 = heap.u32;
    for (let op = 1; op <= 20000; op++) {
      if (live.size === 0 || rng.next() < 0.55) {
        const size = rng.next() < 0.05 ? 513 + rng.below(3000) : 1 + rng.below(512);
        const p = ft.malloc(size);
        expect(live.has(p)).toBe(false);
        const stamp = op * 2654435761 >>> 0;
        u32[p >> 2] = stamp;
        if (size > 4) u32[(p + size - 1) >> 2] = ~stamp >>> 0;
        live.set(p, { size, stamp });
        if (size <= 512) perClass[(size - 1) >> 4]!++;
      } else {
        const keys = [...live.keys()];
        const p = keys[rng.below(keys.length)]!;
        const { size, stamp } = live.get(p)!;
        expect(u32[p >> 2]).toBe(stamp);
        if (size > 4) expect(u32[(p + size - 1) >> 2]).toBe(~stamp >>> 0);
        ft.free(p);
        live.delete(p);
        if (size <= 512) perClass[(size - 1) >> 4]!--;
      }
      if (op % 1000 === 0) expect(expectHealthy(heap)).toEqual(perClass);
    }
    for (const p of live.keys()) ft.free(p);
    expect(expectHealthy(heap)).toEqual(new Array(32).fill(0));
    ft.collect(true);
    expectHealthy(heap);
    expect(ftCensus(heap).segments).toEqual([]);
    expect(ft.raw.stats().mmapBytes).toBe(0);
    expect(ftThreadStats(heap, 3).pagesFresh).toBe(ftThreadStats(heap, 3).pagesFreed);
  });
});

describe("frees by another thread (two heaps in one JS thread)", () => {
  it("go to the owner's thread_delayed_free first, then to xthread_free, and come back when the owner collects", () => {
    const heap = freshHeap();
    const a = new FtHeap(heap, 0), b = new FtHeap(heap, 1);
    const blocks = Array.from({ length: 300 }, () => a.malloc(48));
    const pages = new Set(blocks.map(pageOf));
    expect(pages.size).toBe(4); // 84 blocks of 48 per page
    for (const p of blocks) b.free(p);
    // Nothing of it is live; a's lists have not moved (the owner has not looked yet).
    expect(expectHealthy(heap)[2]).toBe(0);
    const census = ftCensus(heap);
    for (const page of pages) {
      const info = census.pages.get(page)!;
      expect(info.owner).toBe(0);
      expect(info.delayed).toBe(1); // the first free per page told the owner
      expect(info.threadFree).toBe(info.used - 1);
    }
    expect(ftThreadStats(heap, 1).remoteFrees).toBe(300);
    // The owner drains both lists at its next slow path, and the blocks are its again.
    a.collect();
    expect(ftThreadStats(heap, 0).delayedFrees).toBe(4);
    expect(ftThreadStats(heap, 0).collected).toBe(296);
    expectHealthy(heap);
    const again = new Set(Array.from({ length: 300 }, () => a.malloc(48)));
    expect(again.size).toBe(300);
    for (const p of again) expect(pages.has(pageOf(p))).toBe(true);
    expectHealthy(heap);
  });

  it("a full page leaves the full queue when another thread frees into it", () => {
    const heap = freshHeap();
    const a = new FtHeap(heap, 0), b = new FtHeap(heap, 1);
    const perPage = Math.floor((PAGE - POOL_OVERHEAD) / 256); // 15
    const first = Array.from({ length: perPage }, () => a.malloc(256));
    const second = a.malloc(256); // first page is dry: moved to FULL, a fresh page queued
    expect(pageOf(second)).not.toBe(pageOf(first[0]!));
    expect(pageInfo(heap, first[0]!)!.inFull).toBe(true);
    b.free(first[5]!);
    expect(pageInfo(heap, first[5]!)).toMatchObject({ inFull: true, delayed: 1 });
    a.collect(); // _mi_heap_delayed_free_partial: re-arm, collect, free locally → unfull
    expect(pageInfo(heap, first[5]!)).toMatchObject({ inFull: false, delayed: 0, used: perPage - 1 });
    expectHealthy(heap);
    // Later frees into the page while armed again take the delayed path once more.
    b.free(first[6]!);
    b.free(first[7]!);
    expect(pageInfo(heap, first[6]!)).toMatchObject({ delayed: 1, threadFree: 1 });
    expectHealthy(heap);
  });

  it("the owner leaves a delayed block for later while its freer is still DELAYED_FREEING", () => {
    const heap = freshHeap();
    const a = new FtHeap(heap, 0), b = new FtHeap(heap, 1);
    const x = a.malloc(96), y = a.malloc(96);
    b.free(x); // on a's thread_delayed_free; the page is NO_DELAYED_FREE now
    const tf = (pageOf(x) >> 2) + FT_PAGE.XTHREAD_FREE;
    // Freeze the page as if another thread were between its two CASes.
    Atomics.store(heap.i32, tf, (Atomics.load(heap.i32, tf) & ~3) | 1);
    a.collect(); // waits a bounded moment, gives up, pushes x back
    expect(pageInfo(heap, x)).toMatchObject({ delayed: 1, used: 2 });
    Atomics.store(heap.i32, tf, (Atomics.load(heap.i32, tf) & ~3) | 2);
    a.collect();
    expect(pageInfo(heap, x)).toMatchObject({ delayed: 0, used: 1 });
    a.free(y);
    expectHealthy(heap);
  });

  it("a page whose blocks were all freed by others is retired, then freed, then its segment unmapped", () => {
    const heap = freshHeap();
    const a = new FtHeap(heap, 0), b = new FtHeap(heap, 1);
    const x = a.malloc(32);
    a.free(x); // the class's only page: retired, not freed
    expect(pageInfo(heap, x)).toMatchObject({ used: 0, retireExpire: 17 });
    const y = a.malloc(32);
    b.free(y);
    a.collect(); // collects the page and frees it (retired pages too, as mi_heap_collect)
    expect(pageInfo(heap, x)).toBeUndefined();
    expect(ftCensus(heap).segments.length).toBe(1); // the heap keeps its last segment
    a.collect(true);
    expect(ftCensus(heap).segments.length).toBe(0);
    expectHealthy(heap);
    expect(RawMallocMmapBytes(heap)).toBe(0);
  });

  it("an abandoned slot's heap is adopted by the slot's next thread with every block accounted for", () => {
    const heap = freshHeap();
    const a = new FtHeap(heap, 2), other = new FtHeap(heap, 7);
    const blocks = Array.from({ length: 500 }, (_, i) => a.malloc(16 + (i % 5) * 100));
    for (let i = 0; i < 500; i += 2) other.free(blocks[i]!);
    a.abandon();
    expect(ftThreadStats(heap, 2).state).toBe("abandoned");
    expect(expectHealthy(heap).reduce((s, n) => s + n, 0)).toBe(250);
    // Frees after the thread ended: straight to xthread_free (NEVER_DELAYED_FREE).
    for (let i = 1; i < 500; i += 4) other.free(blocks[i]!);
    expect(ftCensus(heap).pages.size).toBeGreaterThan(0);
    for (const info of ftCensus(heap).pages.values()) expect(info.delayed).toBe(0);
    expect(expectHealthy(heap).reduce((s, n) => s + n, 0)).toBe(125);
    const next = new FtHeap(heap, 2);
    const s = ftThreadStats(heap, 2);
    expect(s).toMatchObject({ state: "owned", adoptions: 1 });
    expect(expectHealthy(heap).reduce((t, n) => t + n, 0)).toBe(125);
    for (let i = 3; i < 500; i += 4) next.free(blocks[i]!);
    next.abandon();
    other.collect(true);
    expectHealthy(heap);
    expect(ftCensus(heap).segments.length).toBe(0);
  });
});

function RawMallocMmapBytes(heap: Heap): number {
  return new RawMalloc(heap).stats().mmapBytes;
}

describe("FtHeap under corruption: HeapCorruption, never a hang", () => {
  it("a cycle on xthread_free is found when the owner collects", () => {
    const heap = freshHeap();
    const a = new FtHeap(heap, 0), b = new FtHeap(heap, 1);
    const x = a.malloc(64), y = a.malloc(64), z = a.malloc(64);
    b.free(x); // delayed
    b.free(y); // xthread_free: y
    b.free(z); // xthread_free: z → y
    heap.i32[y >> 2] = z; // y → z → y …
    expect(checkFtHeap(heap).problems.join("\n")).toMatch(/two free lists|corrupt/);
    expect(() => a.collect()).toThrow(HeapCorruption);
  });

  it("a free list pointing out of its page, or a free inside a free page, is reported", () => {
    const heap = freshHeap();
    const a = new FtHeap(heap, 0);
    const x = a.malloc(64);
    const page = pageOf(x);
    heap.i32[(page >> 2) + FT_PAGE.FREE] = page + 2 * PAGE;
    expect(checkFtHeap(heap).ok).toBe(false);
    expect(() => a.malloc(64)).toThrow(HeapCorruption);
    expect(() => a.free(page + 8 * PAGE + 64)).toThrow(HeapCorruption); // an unused page of the segment
    expect(() => a.free(heap.config.heapBytes + 4096)).toThrow(HeapCorruption); // not even in the heap
  });
});

describe("geometry, exhaustion and the locked wrapper", () => {
  it("works on the 3.10+ geometry (1 MiB segments, 16 KiB pages, extended 4 KiB at a time)", () => {
    const heap = createHeap({ heapBytes: 16 * MiB, ...RADIX_GEOMETRY });
    const ft = new FtHeap(heap, 0);
    const p = ft.malloc(16);
    const info = ftCensus(heap).pages.get(p & ~(16 * 1024 - 1))!;
    expect(info.reserved).toBe(Math.floor((16 * 1024 - POOL_OVERHEAD) / 16));
    expect(info.capacity).toBe(256); // MI_MAX_EXTEND_SIZE / 16
    for (let i = 0; i < 2000; i++) ft.malloc(16);
    expectHealthy(heap);
  });

  it("falls back to the raw region and then throws HeapExhausted when segments run out", () => {
    const heap = createHeap({ heapBytes: 2 * MiB });
    const ft = new FtHeap(heap, 0);
    expect(() => { for (;;) ft.malloc(512); }).toThrow(HeapExhausted);
    expectHealthy(heap);
    expect(Atomics.load(heap.i32, RAW.LOCK)).toBe(0); // the raw lock was released on the way out
  });

  it("LockedAllocator serves any allocator and releases its lock when the inner one throws", () => {
    const heap = createHeap({ heapBytes: 2 * MiB });
    const lock = new HeapLock(heap.i32, OBM.LOCK);
    const locked = new LockedAllocator(new ObMalloc(heap), lock);
    const p = locked.malloc(100);
    expect(locked.usableSize(p)).toBe(112);
    const q = locked.realloc(p, 200);
    expect(locked.usableSize(q)).toBe(208);
    locked.free(q);
    expect(() => locked.malloc(64 * MiB)).toThrow(HeapExhausted);
    expect(lock.isHeld()).toBe(false);
  });
});
