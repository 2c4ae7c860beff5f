import { describe, expect, it } from "vitest";
import { HeapCorruption, HeapExhausted, GilsimConfigError } from "../../src/errors.js";
import { checkHeap, createHeap, formatMallocStats, mallocStats, ObMalloc, RADIX_GEOMETRY } from "../../src/heap/index.js";
import { POOL_OVERHEAD } from "../../src/heap/config.js";
import { Prng } from "../../src/util/prng.js";

const MiB = 1024 * 1024;

function fresh(opts = {}): ObMalloc {
  return new ObMalloc(createHeap({ heapBytes: 16 * MiB, ...opts }));
}

function expectHealthy(ob: ObMalloc): void {
  const r = checkHeap(ob);
  expect(r.problems).toEqual([]);
}

describe("pymalloc size classes", () => {
  it("maps every request of 1..512 bytes to its 16-byte class, 16-aligned and distinct", () => {
    const ob = fresh();
    const seen = new Set<number>();
    for (let n = 1; n <= 512; n++) {
      const p = ob.malloc(n);
      expect(p % 16).toBe(0);
      expect(ob.isSmall(p)).toBe(true);
      expect(ob.usableSize(p)).toBe(Math.ceil(n / 16) * 16);
      expect(seen.has(p)).toBe(false);
      seen.add(p);
    }
    expectHealthy(ob);
  });

  it("sends 0 and > 512 bytes to the raw region, counted separately", () => {
    const ob = fresh();
    const a = ob.malloc(0);
    const b = ob.malloc(513);
    expect(ob.isSmall(a)).toBe(false);
    expect(ob.isSmall(b)).toBe(false);
    expect(ob.raw.stats().blocksInUse).toBe(2);
    expect(ob.raw.stats().bytesInUse).toBe(513);
    expect(mallocStats(ob).arenasAllocatedCurrent).toBe(0);
    ob.free(a);
    ob.free(b);
    expect(ob.raw.stats().blocksInUse).toBe(0);
    expectHealthy(ob);
  });

  it("carves a fresh pool as CPython does: first block out, second on the free list, rest virgin", () => {
    const ob = fresh();
    const p1 = ob.malloc(16);
    const pool = p1 & ~(4096 - 1);
    expect(p1).toBe(pool + POOL_OVERHEAD);
    const p2 = ob.malloc(16);
    expect(p2).toBe(p1 + 16);
    ob.free(p1);
    // LIFO: the block just freed is the next handed out.
    expect(ob.malloc(16)).toBe(p1);
    expectHealthy(ob);
  });
});

describe("pool and arena life cycle", () => {
  it("a full pool leaves usedpools and returns to its front when a block is freed", () => {
    const ob = fresh();
    const perPool = Math.floor((4096 - POOL_OVERHEAD) / 512); // 7 blocks of 512
    const first = Array.from({ length: perPool }, () => ob.malloc(512));
    expectHealthy(ob);
    const second = ob.malloc(512); // pool 1 is full: a new pool
    expect(second & ~4095).not.toBe(first[0]! & ~4095);
    ob.free(first[3]!); // pool 1 back to the front of usedpools
    expect(ob.malloc(512)).toBe(first[3]);
    expectHealthy(ob);
  });

  it("releases wholly free arenas except the last one", () => {
    const ob = fresh({ heapBytes: 32 * MiB });
    const ptrs: number[] = [];
    // 3.5 arenas' worth of 256-byte blocks (15 per 4 KiB pool, 64 pools per arena).
    const perArena = 64 * 15;
    for (let i = 0; i < perArena * 3.5; i++) ptrs.push(ob.malloc(256));
    let s = mallocStats(ob);
    expect(s.arenasAllocatedCurrent).toBe(4);
    expectHealthy(ob);
    for (const p of ptrs) ob.free(p);
    expectHealthy(ob);
    s = mallocStats(ob);
    expect(s.arenasAllocatedCurrent).toBe(1);
    expect(s.arenasAllocatedTotal).toBe(4);
    expect(s.arenasReclaimed).toBe(3);
    expect(s.arenasHighwaterMark).toBe(4);
    expect(s.bytesInAllocatedBlocks).toBe(0);
    expect(ob.raw.stats().mmapBytes).toBe(256 * 1024);
  });

  it("keeps usable_arenas sorted so the fullest arena serves first", () => {
    const ob = fresh({ heapBytes: 32 * MiB });
    const prng = new Prng(7);
    const live: number[] = [];
    for (let round = 0; round < 40; round++) {
      for (let i = 0; i < 800; i++) live.push(ob.malloc(1 + prng.below(512)));
      for (let i = 0; i < 700; i++) {
        const k = prng.below(live.length);
        ob.free(live[k]!);
        live[k] = live[live.length - 1]!;
        live.pop();
      }
      expectHealthy(ob);
    }
  });

  it("works with the 64-bit 3.10+ geometry (1 MiB arenas, 16 KiB pools)", () => {
    const ob = fresh({ heapBytes: 64 * MiB, ...RADIX_GEOMETRY });
    const ptrs = Array.from({ length: 20000 }, (_, i) => ob.malloc(1 + (i % 512)));
    expectHealthy(ob);
    const s = mallocStats(ob);
    expect(s.poolSize).toBe(16384);
    expect(s.total).toBe(s.arenasAllocatedCurrent * 1024 * 1024);
    for (const p of ptrs) ob.free(p);
    expectHealthy(ob);
    expect(mallocStats(ob).arenasAllocatedCurrent).toBe(1);
  });
});

describe("seeded stress", () => {
  it("survives 1,000,000 random alloc/free operations with every byte accounted for", () => {
    const ob = fresh({ heapBytes: 64 * MiB });
    const heap = ob.heap;
    const prng = new Prng(20261123);
    const live: number[] = [];
    const sizeOf = new Map<number, number>();
    const tagOf = (p: number, n: number): number => (p ^ Math.imul(n, 0x9e3779b1)) | 0;
    const ops = 1_000_000;
    for (let op = 1; op <= ops; op++) {
      // Bias towards allocation while small, towards frees while large: the live set breathes.
      const wantAlloc = live.length === 0 || prng.below(20000) >= live.length;
      if (wantAlloc) {
        const r = prng.below(100);
        const n = r < 90 ? 1 + prng.below(512) : r < 99 ? 513 + prng.below(4096) : prng.below(2) === 0 ? 0 : 20000 + prng.below(100000);
        const p = ob.malloc(n);
        if (sizeOf.has(p)) throw new Error(`op ${op}: block 0x${p.toString(16)} handed out twice`);
        sizeOf.set(p, n);
        live.push(p);
        // Stamp the first and last word: an overlap with another live block would clobber one.
        if (n >= 4) heap.i32[p >> 2] = tagOf(p, n);
        if (n >= 8) heap.i32[(p + ((n - 4) & ~3)) >> 2] = tagOf(p, n);
      } else {
        const k = prng.below(live.length);
        const p = live[k]!;
        const n = sizeOf.get(p)!;
        const intact = (n < 4 || heap.i32[p >> 2] === tagOf(p, n)) && (n < 8 || heap.i32[(p + ((n - 4) & ~3)) >> 2] === tagOf(p, n));
        if (!intact) throw new Error(`op ${op}: block 0x${p.toString(16)} (${n} bytes) was overwritten: blocks overlap`);
        ob.free(p);
        sizeOf.delete(p);
        live[k] = live[live.length - 1]!;
        live.pop();
      }
      if (op % 1000 === 0 || op === ops) {
        const r = checkHeap(ob);
        if (!r.ok) throw new Error(`op ${op}: ${r.problems.join("; ")}`);
        if (op % 50000 === 0 || op === ops) {
          // Every allocated byte accounted for, by size class and in the raw region.
          const want = new Array<number>(32).fill(0);
          let rawBytes = 0, rawBlocks = 0;
          for (const [p, n] of sizeOf) {
            if (ob.isSmall(p)) want[(n - 1) >> 4]!++;
            else { rawBytes += n; rawBlocks++; }
          }
          expect(r.blocksInUse).toEqual(want);
          expect(ob.raw.stats().bytesInUse).toBe(rawBytes);
          expect(ob.raw.stats().blocksInUse).toBe(rawBlocks);
        }
      }
    }
    for (const p of live) ob.free(p);
    const r = checkHeap(ob);
    expect(r.problems).toEqual([]);
    expect(r.blocksInUse.every((n) => n === 0)).toBe(true);
    expect(ob.raw.stats().blocksInUse).toBe(0);
    expect(mallocStats(ob).arenasAllocatedCurrent).toBeLessThanOrEqual(1);
  }, 60_000);
});

describe("out of memory", () => {
  it("throws HeapExhausted and leaves a consistent heap that still frees and reallocates", () => {
    const ob = fresh({ heapBytes: 2 * MiB });
    const ptrs: number[] = [];
    let err: unknown;
    try {
      for (;;) ptrs.push(ob.malloc(ptrs.length % 3 === 0 ? 2000 : 200));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HeapExhausted);
    expectHealthy(ob);
    for (const p of ptrs) ob.free(p);
    expectHealthy(ob);
    expect(ob.malloc(200)).toBeGreaterThan(0);
  });

  it("refuses a request larger than the raw region (2**34 bytes once wrapped to a 16-byte chunk)", () => {
    const ob = fresh();
    const p = ob.malloc(1000);
    const before = ob.raw.stats();
    for (const n of [2 ** 34, 2 ** 31, 2 ** 32 - 8, 17 * MiB, 2 ** 63, NaN]) {
      expect(() => ob.malloc(n)).toThrow(HeapExhausted);
      expect(() => ob.realloc(p, n)).toThrow(HeapExhausted);
    }
    expect(ob.raw.stats()).toEqual(before);
    expectHealthy(ob);
  });

  it("rejects impossible heap sizes with an error naming the option", () => {
    expect(() => createHeap({ heapBytes: 4096 * MiB })).toThrow(GilsimConfigError);
    expect(() => createHeap({ heapBytes: 4096 * MiB })).toThrow(/--heap-mb/);
    expect(() => createHeap({ poolSize: 3000 })).toThrow(/--pool-kb/);
    expect(() => createHeap({ arenaSize: 8192, poolSize: 4096 })).toThrow(/--arena-kb/);
  });
});

describe("realloc", () => {
  it("keeps contents, stays in place when shrinking a little, moves across the 512-byte line", () => {
    const ob = fresh();
    const p = ob.malloc(100);
    ob.heap.u8.fill(0xab, p, p + 100);
    expect(ob.realloc(p, 90)).toBe(p); // 90 > 3/4 of 112
    const q = ob.realloc(p, 1000);
    expect(ob.isSmall(q)).toBe(false);
    expect(ob.heap.u8.subarray(q, q + 100).every((b) => b === 0xab)).toBe(true);
    const r = ob.realloc(q, 100); // raw stays raw, as CPython's _PyObject_Realloc
    expect(ob.isSmall(r)).toBe(false);
    ob.free(r);
    expectHealthy(ob);
  });
});

describe("raw realloc (the system malloc's)", () => {
  it("grows in place into a free next chunk, as glibc's realloc does, and moves when it is taken", () => {
    const ob = fresh();
    const raw = ob.raw;
    const a = raw.malloc(1000);
    const b = raw.malloc(1000); // right after a
    const c = raw.malloc(1000); // right after b: keeps b's chunk from joining the big free tail
    ob.heap.u8.fill(0xcd, a, a + 1000);
    raw.free(b);
    expect(raw.realloc(a, 1500)).toBe(a); // into half of b's chunk; the rest stays free
    expectHealthy(ob);
    expect(raw.malloc(400)).toBe(a + 1504 + 16); // the rest of b's chunk, first fit
    expect(raw.realloc(a, 3000)).not.toBe(a); // the next chunk is in use: a copy
    expect(raw.stats().bytesInUse).toBe(3000 + 1000 + 400);
    expectHealthy(ob);
    raw.free(c);
    expectHealthy(ob);
  });

  it("keeps the contents and the counts when it grows in place", () => {
    const ob = fresh();
    const raw = ob.raw;
    const a = raw.malloc(600);
    for (let i = 0; i < 600; i++) ob.heap.u8[a + i] = i & 255;
    const before = raw.stats().bytesInUse;
    expect(raw.realloc(a, 5000)).toBe(a); // the free tail of the region follows a
    expect(raw.stats().bytesInUse).toBe(before + 4400);
    for (let i = 0; i < 600; i++) expect(ob.heap.u8[a + i]).toBe(i & 255);
    raw.free(a);
    expectHealthy(ob);
  });
});

describe("corruption is reported, never looped on", () => {
  it("a free list made cyclic", () => {
    const ob = fresh();
    const a = ob.malloc(32);
    const b = ob.malloc(32);
    ob.malloc(32);
    ob.free(a);
    ob.free(b); // free list: b -> a -> (virgin)
    ob.heap.i32[a >> 2] = b; // a -> b: a cycle
    const r = checkHeap(ob);
    expect(r.ok).toBe(false);
    expect(r.problems.join("\n")).toMatch(/free list/);
  });

  it("a free list pointing outside its pool", () => {
    const ob = fresh();
    const a = ob.malloc(64);
    ob.malloc(64);
    ob.free(a);
    ob.heap.i32[a >> 2] = 12345 * 16;
    expect(checkHeap(ob).problems.join("\n")).toMatch(/free list is corrupt/);
  });

  it("a double free of a raw block is a typed error", () => {
    const ob = fresh();
    const p = ob.malloc(10000);
    ob.free(p);
    expect(() => ob.free(p)).toThrow(HeapCorruption);
  });
});

describe("mallocstats", () => {
  it("prints CPython's _debugmallocstats layout with consistent totals", () => {
    const ob = fresh();
    for (let i = 0; i < 10; i++) ob.malloc(16);
    for (let i = 0; i < 3; i++) ob.malloc(500);
    const s = mallocStats(ob);
    expect(s.sizeClasses[0]).toEqual({ index: 0, size: 16, pools: 1, blocksInUse: 10, availBlocks: 253 - 10 });
    expect(s.sizeClasses[31]).toEqual({ index: 31, size: 512, pools: 1, blocksInUse: 3, availBlocks: 7 - 3 });
    expect(s.total).toBe(256 * 1024);
    const text = formatMallocStats(s);
    expect(text).toContain("Small block threshold = 512, in 32 size classes.\n\nclass   size   num pools   blocks in use  avail blocks\n-----   ----   ---------   -------------  ------------\n");
    expect(text).toContain("    0     16           1              10           243\n");
    expect(text).toContain("   31    512           1               3             4\n");
    expect(text).toContain("# arenas allocated total           =                    1\n");
    expect(text).toContain("1 arenas * 262144 bytes/arena      =              262,144\n");
    expect(text).toContain("62 unused pools * 4096 bytes       =              253,952\n");
    expect(text).toContain("Total                              =              262,144\n");
  });
});
