/**
 * Per-thread timeline rings in the shared heap.
 *
 * Ring k belongs to thread slot k and only thread k writes it, so recording takes no
 * lock and no atomic operation: write the event, then bump WRITTEN. Nobody reads a ring
 * while its thread runs — the runtime decodes them after every worker has finished — so
 * plain stores are enough. When WRITTEN passes the capacity the ring wraps: the oldest
 * events are overwritten and LOST counts them (LOST == max(0, WRITTEN - capacity)).
 *
 *   HDR.TRACE_RINGS ─► ┌ ring 0 header: WRITTEN, LOST (64 B) ┐
 *                      │ event[WRITTEN mod N] …   16 B each   │  ts: Float64 µs
 *                      ├ ring 1 header                        ┤      kind, arg: Int32
 *                      └ …  MAX_THREADS rings                 ┘
 *
 * The block is mmap'ed from the raw region once per run by the main thread after boot
 * (`allocTraceRings`) and unmapped after the run (`freeTraceRings`), so it never shows
 * in the program's heap statistics at exit. Recording happens only at GIL and thread
 * events (at most one per switch interval while threads compete), never per bytecode.
 */
import { MAX_THREADS } from "../heap/config.js";
import type { Heap } from "../heap/heap.js";
import {
  HDR, HDR_F64, OBM, TRACE_EV, TRACE_EVENT_BYTES, TRACE_EVENTS_PER_THREAD, TRACE_HEAP_FRACTION, TRACE_MIN_EVENTS,
  TRACE_RING, TRACE_RING_HEADER_BYTES, THREAD_SLOT_BYTES, THREADS_OFF, TS_F64,
} from "../heap/layout.js";
import type { RawMalloc } from "../heap/raw.js";
import { PERF_TO_SHARED_MS, sharedNowMs } from "./clock.js";
import type { ThreadTimeline, Timeline, TraceEvent, TraceKind } from "./events.js";
import { TraceKind as K } from "./events.js";

const ringBytes = (events: number): number => TRACE_RING_HEADER_BYTES + events * TRACE_EVENT_BYTES;

/** Events per ring for this heap: TRACE_EVENTS_PER_THREAD, halved until the events of all
 *  rings fit in heapBytes / TRACE_HEAP_FRACTION; 0 (no timeline) below TRACE_MIN_EVENTS. */
export function ringCapacity(heapBytes: number): number {
  let n = TRACE_EVENTS_PER_THREAD;
  while (n >= TRACE_MIN_EVENTS && n * TRACE_EVENT_BYTES * MAX_THREADS > heapBytes / TRACE_HEAP_FRACTION) n >>= 1;
  return n >= TRACE_MIN_EVENTS ? n : 0;
}

/** Start the run's clock and map the rings (main thread, after boot, before any thread). */
export function allocTraceRings(heap: Heap, raw: RawMalloc): void {
  heap.f64[HDR_F64.RUN_START_MS] = sharedNowMs();
  const n = ringCapacity(heap.config.heapBytes);
  const rings = n > 0 ? raw.mmap(ringBytes(n) * MAX_THREADS) : 0;
  // Only the headers start at zero: a ring's events are read up to its WRITTEN count, so
  // the event slots (4 MB on the default heap) are left as mapped. Filling them cost the
  // main thread 3-4 ms of page faults before any thread could start.
  for (let tid = 0; rings !== 0 && tid < MAX_THREADS; tid++) {
    const h = (rings + tid * ringBytes(n)) >> 2;
    heap.i32.fill(0, h, h + (TRACE_RING_HEADER_BYTES >> 2));
  }
  heap.i32[HDR.TRACE_RING_EVENTS] = rings !== 0 ? n : 0;
  heap.i32[HDR.TRACE_RINGS] = rings;
}

/** Unmap the rings (main thread, after every worker is done). */
export function freeTraceRings(heap: Heap, raw: RawMalloc): void {
  const rings = heap.i32[HDR.TRACE_RINGS]!;
  if (rings !== 0) raw.munmap(rings);
  heap.i32[HDR.TRACE_RINGS] = 0;
  heap.i32[HDR.TRACE_RING_EVENTS] = 0;
}

/** The writer for one thread's ring. A heap without rings gives a writer that records
 *  nothing but still converts times (the thread-start fields in the slots use it). */
export class TraceRing {
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private readonly header: number; // word index of the ring header
  private readonly first: number; // byte address of event 0
  private readonly capacity: number;
  /** performance.now() of this thread at the run's start: ts µs = (now - this) × 1000. */
  private readonly originPerfMs: number;

  constructor(heap: Heap, readonly tid: number) {
    this.i32 = heap.i32;
    this.f64 = heap.f64;
    const rings = heap.i32[HDR.TRACE_RINGS]!;
    this.capacity = rings !== 0 ? heap.i32[HDR.TRACE_RING_EVENTS]! : 0;
    const base = rings + tid * ringBytes(this.capacity);
    this.header = base >> 2;
    this.first = base + TRACE_RING_HEADER_BYTES;
    this.originPerfMs = heap.f64[HDR_F64.RUN_START_MS]! - PERF_TO_SHARED_MS;
  }

  /** A performance.now() reading of this thread as timeline µs. */
  us(perfMs: number): number {
    return (perfMs - this.originPerfMs) * 1000;
  }

  /** Record `kind` at `perfMs` (a performance.now() reading taken by the caller). */
  record(kind: TraceKind, perfMs: number, arg = 0): void {
    if (this.capacity === 0) return;
    const i32 = this.i32;
    const h = this.header;
    const n = i32[h + TRACE_RING.WRITTEN]!;
    const at = this.first + (n & (this.capacity - 1)) * TRACE_EVENT_BYTES;
    this.f64[at >> 3] = (perfMs - this.originPerfMs) * 1000;
    i32[(at >> 2) + TRACE_EV.KIND] = kind;
    i32[(at >> 2) + TRACE_EV.ARG] = arg;
    if (n >= this.capacity) i32[h + TRACE_RING.LOST] = i32[h + TRACE_RING.LOST]! + 1;
    i32[h + TRACE_RING.WRITTEN] = n + 1;
  }

  /** TAKE, with the heap's arena count for the timeline's heap counter. */
  recordTake(perfMs: number): void {
    this.record(K.TAKE, perfMs, this.i32[OBM.NARENAS_CURRENTLY_ALLOCATED]!);
  }
}

/** Decode the rings of threads 0..nthreads-1 (main thread, after the run). */
export function readTimeline(heap: Heap, nthreads: number, nameOf: (tid: number) => string): Timeline {
  const i32 = heap.i32;
  const rings = i32[HDR.TRACE_RINGS]!;
  const capacity = rings !== 0 ? i32[HDR.TRACE_RING_EVENTS]! : 0;
  const threads: ThreadTimeline[] = [];
  for (let tid = 0; tid < nthreads; tid++) {
    const events: TraceEvent[] = [];
    let lost = 0;
    if (capacity > 0) {
      const base = rings + tid * ringBytes(capacity);
      const written = i32[(base >> 2) + TRACE_RING.WRITTEN]!;
      lost = i32[(base >> 2) + TRACE_RING.LOST]!;
      for (let n = Math.max(0, written - capacity); n < written; n++) {
        const at = base + TRACE_RING_HEADER_BYTES + (n & (capacity - 1)) * TRACE_EVENT_BYTES;
        events.push({ kind: i32[(at >> 2) + TRACE_EV.KIND]! as TraceKind, ts: heap.f64[at >> 3]!, arg: i32[(at >> 2) + TRACE_EV.ARG]! });
      }
    }
    threads.push({ tid, name: nameOf(tid), events, lost });
  }
  return { threads, capacity };
}

/** µs from _thread.start_new_thread to the new thread's first bytecode, per thread
 *  started from Python (the main thread is not; a thread that never ran is left out). */
export function threadStartLatenciesUs(heap: Heap, nthreads: number): number[] {
  const out: number[] = [];
  for (let tid = 1; tid < nthreads; tid++) {
    const f = (THREADS_OFF + tid * THREAD_SLOT_BYTES) >> 3;
    const requested = heap.f64[f + TS_F64.START_REQUESTED_US]!;
    const started = heap.f64[f + TS_F64.FIRST_BYTECODE_US]!;
    if (requested > 0 && started > 0) out.push(started - requested);
  }
  return out;
}
