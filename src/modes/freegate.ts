/**
 * The gate of the modes without a GIL: attaching takes nothing, so threads run bytecode
 * at the same time. It still records the running slices on the timeline, so a trace
 * shows the threads overlapping.
 */
import type { DropReason } from "../gil/gil.js";
import type { Heap } from "../heap/heap.js";
import { EB, THREAD_SLOT_BYTES, THREADS_OFF, TS } from "../heap/layout.js";
import { DROP_REASON_CODE, TraceKind } from "../trace/events.js";
import { TraceRing } from "../trace/ring.js";
import type { RunGate } from "./policy.js";

export class FreeGate implements RunGate {
  readonly evalBreaker: number;
  readonly trace: TraceRing;
  private readonly i32: Int32Array;

  constructor(heap: Heap, readonly tid: number) {
    this.i32 = heap.i32;
    this.trace = new TraceRing(heap, tid);
    this.evalBreaker = ((THREADS_OFF + tid * THREAD_SLOT_BYTES) >> 2) + TS.EVAL_BREAKER;
  }

  take(): void {
    this.trace.recordTake(performance.now());
  }

  drop(reason: DropReason): void {
    this.trace.record(TraceKind.DROP, performance.now(), DROP_REASON_CODE[reason]);
  }

  /** Nobody asks a thread without a GIL to drop it; clear a stray bit. */
  yieldOnRequest(): void {
    Atomics.and(this.i32, this.evalBreaker, ~EB.GIL_DROP_REQUEST);
  }
}
