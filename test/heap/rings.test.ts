/**
 * The timeline rings are mapped over whatever the raw region held: allocTraceRings zeroes
 * only the ring headers, and a ring reads back exactly the events its thread wrote.
 */
import { describe, expect, it } from "vitest";
import { MAX_THREADS } from "../../src/heap/config.js";
import { createHeap } from "../../src/heap/index.js";
import { HDR } from "../../src/heap/layout.js";
import { ObMalloc } from "../../src/heap/obmalloc.js";
import { allocTraceRings, freeTraceRings, readTimeline, TraceRing } from "../../src/trace/ring.js";
import { TraceKind } from "../../src/trace/events.js";

describe("trace rings over used memory", () => {
  it("read back only what was written", () => {
    const heap = createHeap();
    const raw = new ObMalloc(heap).raw;
    // Dirty the memory the rings will be mapped over: the first fit takes this chunk again.
    const junk = raw.mmap(8 << 20);
    heap.i32.fill(0x7f7f7f7f, junk >> 2, (junk + (8 << 20)) >> 2);
    raw.munmap(junk);

    allocTraceRings(heap, raw);
    const rings = heap.i32[HDR.TRACE_RINGS]!;
    expect(rings).toBeGreaterThanOrEqual(junk);
    expect(rings).toBeLessThan(junk + (8 << 20));

    const empty = readTimeline(heap, MAX_THREADS, String);
    expect(empty.threads.every((t) => t.events.length === 0 && t.lost === 0)).toBe(true);

    const ring = new TraceRing(heap, 3);
    ring.record(TraceKind.TAKE, 1, 7);
    ring.record(TraceKind.DROP, 2, 8);
    const t = readTimeline(heap, MAX_THREADS, String);
    expect(t.threads[3]!.events.map((e) => [e.kind, e.arg])).toEqual([[TraceKind.TAKE, 7], [TraceKind.DROP, 8]]);
    expect(t.threads.filter((x) => x.events.length > 0).map((x) => x.tid)).toEqual([3]);
    freeTraceRings(heap, raw);
  });
});
