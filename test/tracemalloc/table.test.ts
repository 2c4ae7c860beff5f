/**
 * tracemalloc's tables in the heap (src/vm/modules/tracemalloc-table.ts), against a model:
 * seeded random adds (new and replacing), removes (traced and untraced addresses),
 * tracebacks interned and read back, growth of every table, clear and stop.
 */
import { describe, expect, it } from "vitest";
import { checkHeap, createHeap, ObMalloc, RawMalloc } from "../../src/heap/index.js";
import { TraceTable } from "../../src/vm/modules/tracemalloc-table.js";
import { Prng } from "../../src/util/prng.js";

const MiB = 1024 * 1024;

describe("tracemalloc tables", () => {
  it("agree with a model over 20,000 random operations, through growth", () => {
    const heap = createHeap({ heapBytes: 16 * MiB });
    const raw = new RawMalloc(heap);
    const rawBefore = raw.stats().bytesInUse;
    const table = TraceTable.open(heap);
    table.start(4);
    const rng = new Prng(20251123);
    const model = new Map<number, { size: number; tb: number }>();
    const tbModel = new Map<string, number>();
    const frames = new Int32Array(8);
    let peak = 0;
    const traced = (): number => [...model.values()].reduce((a, t) => a + t.size, 0);
    for (let step = 0; step < 20_000; step++) {
      const ptr = 16 * (1 + rng.below(6000));
      if (rng.below(3) !== 0) {
        const n = 1 + rng.below(4);
        for (let k = 0; k < 2 * n; k++) frames[k] = rng.below(k % 2 === 0 ? 5 : 40);
        const total = n + rng.below(3);
        const key = `${[...frames.subarray(0, 2 * n)]}/${total}`;
        const tb = table.internTraceback(frames, n, total);
        const known = tbModel.get(key);
        if (known === undefined) tbModel.set(key, tb);
        else expect(tb).toBe(known);
        const size = 1 + rng.below(5000);
        table.add(ptr, size, tb);
        model.set(ptr, { size, tb });
        peak = Math.max(peak, traced());
      } else {
        table.remove(ptr);
        model.delete(ptr);
      }
      if (step % 1000 === 0) expect(table.check()).toEqual([]);
    }
    expect(table.check()).toEqual([]);
    expect(table.count).toBe(model.size);
    expect(table.traced).toBe(traced());
    expect(table.peak).toBe(peak);
    for (const [ptr, t] of model) expect(table.tracebackOf(ptr)).toBe(t.tb);
    const copied = table.copyTraces().map((t) => `${t.size}:${t.tb}`).sort();
    expect(copied).toEqual([...model.values()].map((t) => `${t.size}:${t.tb}`).sort());
    for (const [key, tb] of tbModel) {
      const { frames: fs, total } = table.tracebackFrames(tb);
      expect(`${fs.flat()}/${total}`).toBe(key);
    }
    expect(tbModel.size).toBeGreaterThan(100); // the index and the store grew

    table.resetPeak();
    expect(table.peak).toBe(table.traced);
    table.clear();
    expect([table.count, table.traced, table.peak, table.copyTraces().length]).toEqual([0, 0, 0, 0]);
    expect(table.tracebackOf(16)).toBe(-1);
    expect(table.tracing).toBe(true);
    const gen = table.gen;
    table.stop();
    expect(table.tracing).toBe(false);
    expect(table.gen).toBe(gen + 1);
    // Only the state block is left of the tables; the heap is sound.
    expect(raw.stats().bytesInUse - rawBefore).toBe(80);
    expect(checkHeap(new ObMalloc(heap)).problems).toEqual([]);
  });

  it("untraces by backward shift, so a later entry of the same probe run stays found", () => {
    const heap = createHeap({ heapBytes: 4 * MiB });
    const table = TraceTable.open(heap);
    table.start(1);
    const tb = table.internTraceback(new Int32Array([0, 1]), 1, 1);
    // 120 addresses in a 256-slot table: plenty of collisions, every order of removal.
    const ptrs = Array.from({ length: 120 }, (_, i) => 16 * (1 + i * 7));
    for (const p of ptrs) table.add(p, 10, tb);
    for (let i = 0; i < ptrs.length; i += 2) table.remove(ptrs[i]!);
    for (let i = 0; i < ptrs.length; i++) expect(table.tracebackOf(ptrs[i]!)).toBe(i % 2 === 0 ? -1 : tb);
    expect(table.traced).toBe(600);
    expect(table.peak).toBe(1200);
    table.remove(16 * 100_000); // not traced: nothing happens
    expect(table.count).toBe(60);
    expect(table.check()).toEqual([]);
  });

  it("releases its lock however the locked section ends", () => {
    const heap = createHeap({ heapBytes: 4 * MiB });
    const a = TraceTable.open(heap);
    const b = TraceTable.find(heap)!;
    expect(a.locked(() => 42)).toBe(42);
    expect(() => a.locked(() => { throw new Error("inside"); })).toThrow("inside");
    // Free again: another handle takes it without waiting.
    expect(b.locked(() => "taken")).toBe("taken");
  });

  it("is one table per heap, found by every thread's handle", () => {
    const heap = createHeap({ heapBytes: 4 * MiB });
    expect(TraceTable.find(heap)).toBeNull();
    const a = TraceTable.open(heap);
    const b = TraceTable.find(heap)!;
    expect(b.st).toBe(a.st);
    a.start(7);
    expect([b.tracing, b.nframe]).toEqual([true, 7]);
    a.start(3); // already tracing: the limit stays
    expect(b.nframe).toBe(7);
  });
});
