/**
 * The run gate of a `--schedule` run: what a thread holds to run bytecode is the
 * scheduler's baton (src/sched/scheduler.ts), and the eval breaker's SCHEDULE bit is
 * always set, so every check point of the interpreter (RESUME, JUMP_BACKWARD, after
 * calls: where a real GIL could be dropped) is a switch point.
 */
import type { DropReason } from "../gil/gil.js";
import type { Heap } from "../heap/heap.js";
import { EB, THREAD_SLOT_BYTES, THREADS_OFF, TS } from "../heap/layout.js";
import type { RunGate } from "../modes/policy.js";
import { DROP_REASON_CODE, TraceKind } from "../trace/events.js";
import { TraceRing } from "../trace/ring.js";
import { Scheduler } from "./scheduler.js";
import type { WaitKind } from "./types.js";

export class SeededGate implements RunGate {
  readonly evalBreaker: number;
  readonly trace: TraceRing;
  private readonly sched: Scheduler;

  /** `countsAsGil`: the mode has a GIL (its statistics count the baton's takes as GIL takes). */
  constructor(heap: Heap, tid: number, private readonly countsAsGil: boolean) {
    this.trace = new TraceRing(heap, tid);
    this.sched = new Scheduler(heap, tid, this.trace, countsAsGil);
    this.evalBreaker = ((THREADS_OFF + tid * THREAD_SLOT_BYTES) >> 2) + TS.EVAL_BREAKER;
    Atomics.or(heap.i32, this.evalBreaker, EB.SCHEDULE);
  }

  /** Attach: wait for the baton (at the thread's start); after a blocking call the
   *  thread already holds it. */
  take(): void {
    if (this.sched.awaitBaton()) this.sched.recordTake();
  }

  /** Before a blocking call the thread keeps the baton: waitUntil and sleep hand it on
   *  only if they would block. */
  drop(reason: DropReason): void {
    this.trace.record(TraceKind.DROP, performance.now(), DROP_REASON_CODE[reason]);
  }

  yieldOnRequest(): void {
    this.sched.atBytecode();
  }

  /** With the GIL, stopping the world is holding it, and the holder may still switch
   *  where the GIL could be dropped (Gil.stopTheWorld is a no-op). Without one, the
   *  stopper holds the baton and the others wait for it already (parked at a switch
   *  point or blocked): nobody to wait for, but no switch point hands the baton on until
   *  the world restarts, as the others stay parked in _PyEval_StopTheWorld. */
  stopTheWorld(): void {
    if (this.countsAsGil) return;
    const now = performance.now();
    this.trace.record(TraceKind.STW_BEGIN, now);
    this.sched.stopWorld();
    this.trace.record(TraceKind.STW_STOPPED, now);
  }

  startTheWorld(): void {
    if (this.countsAsGil) return;
    this.trace.record(TraceKind.STW_END, performance.now());
    this.sched.startWorld();
  }

  waitUntil(kind: WaitKind, attempt: () => boolean, word: number, busy: number, ms: number): boolean {
    return this.sched.waitUntil(kind, attempt, word, busy, ms);
  }

  sleep(ms: number): void {
    this.sched.sleep(ms);
  }

  /** The slot is marked finished before the baton moves on, so the thread's joiners are
   *  runnable when the next thread is picked. */
  exit(finish: () => void): void {
    this.drop("exit");
    finish();
    this.sched.exit();
  }
}
