/**
 * The gate of the modes without a GIL: attaching takes nothing, so threads run bytecode
 * at the same time. It still records the running slices on the timeline, so a trace
 * shows the threads overlapping.
 *
 * Stop-the-world (CPython 3.13's _PyEval_StopTheWorld / _PyEval_StartTheWorld, in
 * Python/pystate.c), for the cyclic GC and anything else that needs every other thread
 * out of bytecode. Words in the modes' state block (state.ts):
 *
 *   MST.ATTACHED   1 while the thread may run bytecode (take .. drop); 0 while it blocks
 *   MST.PARKED     1 while it waits at its eval breaker for the world to restart
 *   MS.STW_REQUESTER   tid + 1 of the stopping thread (0 = the world runs)
 *   MS.STW_LOCK    one stop at a time; a thread waiting for it counts as detached
 *   MS.STW_EVENTS  bumped (and notified) whenever a thread parks or detaches
 *
 *   stopper:  detach; take STW_LOCK; re-attach; STW_REQUESTER = me; set EB.STOP_THE_WORLD
 *             in every other running slot; wait (Atomics.wait on STW_EVENTS, 1 ms at a
 *             time) until each other slot is detached or parked
 *   others:   at the eval breaker (yieldOnRequest): PARKED = 1, wait while STW_REQUESTER
 *             != 0, PARKED = 0. take() after a block: ATTACHED = 1, then if a stop is
 *             requested, ATTACHED = 0 and wait for the restart, and try again.
 *
 * The stopper stores STW_REQUESTER then loads each ATTACHED; an attaching thread stores
 * ATTACHED then loads STW_REQUESTER. All are sequentially consistent Atomics, so at least
 * one of the two sees the other's store: either the stopper waits for that thread, or the
 * thread backs off (Dekker's argument).
 */
import type { DropReason } from "../gil/gil.js";
import type { Heap } from "../heap/heap.js";
import { MAX_THREADS } from "../heap/config.js";
import { EB, THREAD_SLOT_BYTES, THREADS_OFF, TS, ThreadSlotState } from "../heap/layout.js";
import { HeapLock } from "../heap/locked.js";
import { DROP_REASON_CODE, TraceKind } from "../trace/events.js";
import { TraceRing } from "../trace/ring.js";
import type { RunGate } from "./policy.js";
import { globalLine, MS, MST, threadLine } from "./state.js";
import { RealTimeGate } from "./waits.js";

/** How long one wait of the stopper or of a parked thread lasts (ms): a bound, so a
 *  missed notify costs a millisecond, never a hang. */
const WAIT_MS = 1;

const slotWord = (tid: number): number => (THREADS_OFF + tid * THREAD_SLOT_BYTES) >> 2;

export class FreeGate extends RealTimeGate implements RunGate {
  readonly evalBreaker: number;
  readonly trace: TraceRing;
  readonly i32: Int32Array;
  private readonly attached: number;
  private readonly parked: number;
  private readonly requester: number;
  private readonly events: number;
  private readonly stwLock: HeapLock;
  /** Stops this thread made, and times it parked for another's. */
  stops = 0;
  parks = 0;

  constructor(heap: Heap, readonly tid: number) {
    super();
    this.i32 = heap.i32;
    this.trace = new TraceRing(heap, tid);
    this.evalBreaker = slotWord(tid) + TS.EVAL_BREAKER;
    const line = threadLine(heap.i32, tid);
    this.attached = line + MST.ATTACHED;
    this.parked = line + MST.PARKED;
    const g = globalLine(heap.i32);
    this.requester = g + MS.STW_REQUESTER;
    this.events = g + MS.STW_EVENTS;
    this.stwLock = new HeapLock(heap.i32, g + MS.STW_LOCK);
  }

  /** _PyThreadState_Attach: waits while another thread has the world stopped. */
  take(): void {
    const i32 = this.i32;
    for (;;) {
      Atomics.store(i32, this.attached, 1);
      const r = Atomics.load(i32, this.requester);
      if (r === 0 || r === this.tid + 1) break;
      this.detach();
      this.waitForRestart();
    }
    this.trace.recordTake(performance.now());
  }

  /** _PyThreadState_Detach. */
  drop(reason: DropReason): void {
    this.trace.record(TraceKind.DROP, performance.now(), DROP_REASON_CODE[reason]);
    this.detach();
  }

  /** Nobody asks a thread without a GIL to drop it: clear a stray bit. Park if another
   *  thread is stopping the world (_Py_HandlePending's _PY_EVAL_PLEASE_STOP_BIT). */
  yieldOnRequest(): void {
    const i32 = this.i32;
    Atomics.and(i32, this.evalBreaker, ~EB.GIL_DROP_REQUEST);
    if ((Atomics.load(i32, this.evalBreaker) & EB.STOP_THE_WORLD) === 0) return;
    Atomics.and(i32, this.evalBreaker, ~EB.STOP_THE_WORLD);
    const r = Atomics.load(i32, this.requester);
    if (r === 0 || r === this.tid + 1) return;
    this.parks++;
    this.trace.record(TraceKind.PARK_BEGIN, performance.now(), r - 1);
    Atomics.store(i32, this.parked, 1);
    this.signal();
    this.waitForRestart();
    Atomics.store(i32, this.parked, 0);
    this.trace.record(TraceKind.PARK_END, performance.now());
  }

  /** _PyEval_StopTheWorld: returns once every other thread is parked or detached. */
  stopTheWorld(): void {
    const i32 = this.i32;
    // Waiting for another stopper's lock, this thread must not hold that one up.
    this.detach();
    this.stwLock.acquire();
    Atomics.store(i32, this.attached, 1);
    Atomics.store(i32, this.requester, this.tid + 1);
    this.stops++;
    this.trace.record(TraceKind.STW_BEGIN, performance.now());
    for (let t = 0; t < MAX_THREADS; t++) {
      if (t !== this.tid && Atomics.load(i32, slotWord(t) + TS.STATE) === ThreadSlotState.RUNNING) {
        Atomics.or(i32, slotWord(t) + TS.EVAL_BREAKER, EB.STOP_THE_WORLD);
      }
    }
    for (;;) {
      const seen = Atomics.load(i32, this.events);
      if (this.othersStopped()) {
        this.trace.record(TraceKind.STW_STOPPED, performance.now());
        return;
      }
      Atomics.wait(i32, this.events, seen, WAIT_MS);
    }
  }

  /** _PyEval_StartTheWorld. */
  startTheWorld(): void {
    this.trace.record(TraceKind.STW_END, performance.now());
    Atomics.store(this.i32, this.requester, 0);
    Atomics.notify(this.i32, this.requester);
    this.stwLock.release();
  }

  private othersStopped(): boolean {
    const i32 = this.i32;
    for (let t = 0; t < MAX_THREADS; t++) {
      if (t === this.tid) continue;
      const line = threadLine(i32, t);
      if (Atomics.load(i32, line + MST.ATTACHED) === 1 && Atomics.load(i32, line + MST.PARKED) === 0) return false;
    }
    return true;
  }

  private detach(): void {
    Atomics.store(this.i32, this.attached, 0);
    this.signal();
  }

  private signal(): void {
    Atomics.add(this.i32, this.events, 1);
    Atomics.notify(this.i32, this.events);
  }

  private waitForRestart(): void {
    const i32 = this.i32;
    for (let r = Atomics.load(i32, this.requester); r !== 0 && r !== this.tid + 1; r = Atomics.load(i32, this.requester)) {
      Atomics.wait(i32, this.requester, r, WAIT_MS * 10);
    }
  }
}
