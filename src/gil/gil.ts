/**
 * The GIL, modelled on CPython 3.12's `Python/ceval_gil.c`.
 *
 * Notes about the implementation
 * ------------------------------
 * - The GIL is a word, `locked`, in the shared heap (GIL.LOCKED), not a mutex: taking
 *   it is `Atomics.compareExchange(locked, 0, 1)`. CPython guards `locked` with
 *   `gil->mutex` and waits on `gil->cond`; here the compare-exchange is the mutex and
 *   `Atomics.wait(locked, 1, timeout)` is the timed condition wait — it sleeps only while
 *   the word still reads 1, so a release between our check and our sleep is never lost.
 *   All Atomics operations are sequentially consistent, which is stronger than the
 *   relaxed loads ceval_gil.c uses; nothing below relies on anything weaker.
 *
 * - A thread that wants the GIL waits at most `interval` (µs, GIL.INTERVAL_US, default
 *   5000, set by sys.setswitchinterval). If it timed out and `switch_number` did not move
 *   in the meantime (no other thread got the GIL), it sets the drop request: the global
 *   GIL.DROP_REQUEST word (3.12's `gil_drop_request`) and the EB.GIL_DROP_REQUEST bit in
 *   the holder's eval breaker (per thread, as 3.13 has it). The holder polls its eval
 *   breaker only at RESUME, JUMP_BACKWARD and after calls, so it gives the GIL up there.
 *
 * - Waiting is a bounded spin (SPIN_ITERATIONS loads, a few µs) and then Atomics.wait.
 *   A thread that has just requested a drop polls for up to SPIN_AFTER_REQUEST_MS before
 *   sleeping again: the hand-over it asked for is due within microseconds, and a futex
 *   wake-up would cost more than the whole hand-over.
 *   Releasing notifies only when GIL.WAITERS says someone sleeps: a wait/notify pair
 *   costs tens of µs, a spin that finds the word free costs nothing, and an unbounded
 *   spin is a disaster when threads outnumber cores. A waiter increments WAITERS before
 *   its last look at `locked`, and the releaser clears `locked` before it reads WAITERS,
 *   so (both being seq-cst) either the releaser sees the waiter or the waiter sees 0.
 *
 * - FORCE_SWITCHING: a thread that drops the GIL because of a drop request waits until
 *   another thread has taken it (`last_holder` changed), so it cannot grab it straight
 *   back. CPython waits on `switch_cond`; we wait on the LAST_HOLDER word itself, which
 *   every taker that changes it notifies. The wait is bounded (FORCED_SWITCH_TIMEOUT_MS)
 *   so a thread never sleeps forever on a requester that went away.
 *
 * - `switch_number` counts changes of holder; `last_holder` is the thread id of the
 *   current holder while locked and of the last one after.
 *
 * - The timeline (src/trace/): each thread records into its own ring, with no lock, the
 *   performance.now() readings the statistics take anyway. A DROP is recorded before
 *   `locked` is cleared and a TAKE after the compare-exchange won, so in the timeline
 *   one holder's "running" slice always ends before the next one's begins.
 */
import { EB, GIL, THREAD_SLOT_BYTES, THREADS_OFF, TS, TS_F64 } from "../heap/layout.js";
import type { Heap } from "../heap/heap.js";
import { DROP_REASON_CODE, TraceKind } from "../trace/events.js";
import { TraceRing } from "../trace/ring.js";
import { RealTimeGate } from "../modes/waits.js";

/** Spin iterations before sleeping: a few microseconds of Atomics.load. */
const SPIN_ITERATIONS = 2000;
/** After asking the holder to drop the GIL, how long the asker polls for it before
 *  sleeping again (bounded, so threads outnumbering cores do not burn the machine). ms. */
const SPIN_AFTER_REQUEST_MS = 0.3;
/** Upper bound on the forced-switch wait, so a lost requester cannot hang a thread. ms. */
const FORCED_SWITCH_TIMEOUT_MS = 50;
/** CPython's default switch interval. µs. */
export const DEFAULT_SWITCH_INTERVAL_US = 5000;

/** Why a thread let go of the GIL (for statistics and the timeline). */
export type DropReason = "request" | "blocking" | "exit";

/** The GIL is a RunGate (src/modes/policy.ts); its blocking calls are made with it released. */
export class Gil extends RealTimeGate {
  readonly i32: Int32Array;
  readonly f64: Float64Array;
  /** Word index of this thread's eval breaker: the interpreter polls `i32[evalBreaker]`. */
  readonly evalBreaker: number;
  private readonly slot: number; // word index of this thread's slot
  private readonly slotF64: number; // Float64 index of this thread's slot
  private heldSince = 0;
  /** This thread's timeline ring (thread.ts records its blocking calls there too). */
  readonly trace: TraceRing;

  constructor(heap: Heap, readonly tid: number) {
    super();
    this.trace = new TraceRing(heap, tid);
    this.i32 = heap.i32;
    this.f64 = heap.f64;
    this.slot = (THREADS_OFF + tid * THREAD_SLOT_BYTES) >> 2;
    this.slotF64 = (THREADS_OFF + tid * THREAD_SLOT_BYTES) >> 3;
    this.evalBreaker = this.slot + TS.EVAL_BREAKER;
  }

  /** Set the GIL words of a new heap (the main thread, once). */
  static format(heap: Heap, intervalUs = DEFAULT_SWITCH_INTERVAL_US): void {
    const i32 = heap.i32;
    i32[GIL.LOCKED] = 0;
    i32[GIL.LAST_HOLDER] = -1;
    i32[GIL.SWITCH_NUMBER] = 0;
    i32[GIL.INTERVAL_US] = intervalUs;
    i32[GIL.DROP_REQUEST] = 0;
    i32[GIL.WAITERS] = 0;
  }

  /** sys.setswitchinterval, in µs (CPython clamps to at least 1). */
  setInterval(us: number): void {
    Atomics.store(this.i32, GIL.INTERVAL_US, Math.max(1, Math.round(us)));
  }

  intervalUs(): number {
    return Atomics.load(this.i32, GIL.INTERVAL_US);
  }

  /** ceval_gil.c: take_gil. Returns when this thread holds the GIL. */
  take(): void {
    const i32 = this.i32;
    const t0 = performance.now();
    if (Atomics.compareExchange(i32, GIL.LOCKED, 0, 1) !== 0) {
      this.trace.record(TraceKind.WAIT_BEGIN, t0);
      this.waitForGil();
    }
    const t1 = performance.now();
    this.trace.recordTake(t1);

    // We hold the GIL. A new holder bumps switch_number and wakes a thread waiting
    // for its forced switch (FORCE_SWITCHING's switch_cond).
    if (Atomics.load(i32, GIL.LAST_HOLDER) !== this.tid) {
      Atomics.store(i32, GIL.LAST_HOLDER, this.tid);
      Atomics.add(i32, GIL.SWITCH_NUMBER, 1);
      Atomics.notify(i32, GIL.LAST_HOLDER);
    }
    // A drop request made of the previous holder is void now (RESET_GIL_DROP_REQUEST).
    if (Atomics.load(i32, GIL.DROP_REQUEST) !== 0) Atomics.store(i32, GIL.DROP_REQUEST, 0);
    Atomics.and(i32, this.evalBreaker, ~EB.GIL_DROP_REQUEST);

    const s = this.slot;
    i32[s + TS.GIL_ACQUISITIONS] = i32[s + TS.GIL_ACQUISITIONS]! + 1;
    this.f64[this.slotF64 + TS_F64.WAIT_US] = this.f64[this.slotF64 + TS_F64.WAIT_US]! + (t1 - t0) * 1000;
    this.heldSince = t1;
  }

  /** The slow part of take_gil: spin, then sleep in interval-long waits, asking the holder
   *  to drop the GIL when a whole interval passes with no switch. */
  private waitForGil(): void {
    const i32 = this.i32;
    for (let n = 0; n < SPIN_ITERATIONS; n++) {
      if (Atomics.load(i32, GIL.LOCKED) === 0 && Atomics.compareExchange(i32, GIL.LOCKED, 0, 1) === 0) return;
    }
    Atomics.add(i32, GIL.WAITERS, 1);
    for (;;) {
      const savedSwitchNumber = Atomics.load(i32, GIL.SWITCH_NUMBER);
      const intervalMs = Math.max(1, Atomics.load(i32, GIL.INTERVAL_US)) / 1000;
      const deadline = performance.now() + intervalMs;
      let timedOut = false;
      for (;;) {
        if (Atomics.compareExchange(i32, GIL.LOCKED, 0, 1) === 0) {
          Atomics.sub(i32, GIL.WAITERS, 1);
          return;
        }
        const left = deadline - performance.now();
        if (left <= 0) { timedOut = true; break; }
        Atomics.wait(i32, GIL.LOCKED, 1, left);
      }
      // Timed out, still locked, and nobody switched in the meantime: ask the holder
      // to drop it (SET_GIL_DROP_REQUEST).
      if (timedOut && Atomics.load(i32, GIL.LOCKED) === 1 && Atomics.load(i32, GIL.SWITCH_NUMBER) === savedSwitchNumber) {
        this.requestDrop();
        // The holder will drop at its next eval-breaker check, typically within
        // microseconds: watch the word for a bounded while instead of paying a futex
        // wake-up (tens of µs) for the hand-over.
        if (this.spinFor(SPIN_AFTER_REQUEST_MS)) {
          Atomics.sub(i32, GIL.WAITERS, 1);
          return;
        }
      }
    }
  }

  /** Poll for a free GIL (and take it) for at most `ms`; true if taken. */
  private spinFor(ms: number): boolean {
    const i32 = this.i32;
    const until = performance.now() + ms;
    for (let n = 1; ; n++) {
      if (Atomics.load(i32, GIL.LOCKED) === 0 && Atomics.compareExchange(i32, GIL.LOCKED, 0, 1) === 0) return true;
      if ((n & 63) === 0 && performance.now() >= until) return false;
    }
  }

  private requestDrop(): void {
    const i32 = this.i32;
    const holder = Atomics.load(i32, GIL.LAST_HOLDER);
    Atomics.store(i32, GIL.DROP_REQUEST, 1);
    this.trace.record(TraceKind.DROP_REQUEST, performance.now(), holder);
    if (holder >= 0) Atomics.or(i32, ((THREADS_OFF + holder * THREAD_SLOT_BYTES) >> 2) + TS.EVAL_BREAKER, EB.GIL_DROP_REQUEST);
    i32[this.slot + TS.DROP_REQUESTS_MADE] = i32[this.slot + TS.DROP_REQUESTS_MADE]! + 1;
  }

  /** ceval_gil.c: drop_gil. With a drop request pending, wait (bounded) until another
   *  thread has taken the GIL: FORCE_SWITCHING. */
  drop(reason: DropReason): void {
    const i32 = this.i32;
    const now = performance.now();
    this.f64[this.slotF64 + TS_F64.HOLD_US] = this.f64[this.slotF64 + TS_F64.HOLD_US]! + (now - this.heldSince) * 1000;
    this.trace.record(TraceKind.DROP, now, DROP_REASON_CODE[reason]); // before the release: see the notes
    Atomics.store(i32, GIL.LAST_HOLDER, this.tid);
    Atomics.store(i32, GIL.LOCKED, 0);
    if (Atomics.load(i32, GIL.WAITERS) > 0) Atomics.notify(i32, GIL.LOCKED, 1);

    if (reason !== "exit" && Atomics.load(i32, GIL.DROP_REQUEST) !== 0) {
      // Not switched yet => wait for a new holder.
      if (Atomics.load(i32, GIL.LAST_HOLDER) === this.tid) {
        Atomics.store(i32, GIL.DROP_REQUEST, 0);
        Atomics.and(i32, this.evalBreaker, ~EB.GIL_DROP_REQUEST);
        this.trace.record(TraceKind.FORCED_WAIT_BEGIN, performance.now());
        Atomics.wait(i32, GIL.LAST_HOLDER, this.tid, FORCED_SWITCH_TIMEOUT_MS);
        this.trace.record(TraceKind.FORCED_WAIT_END, performance.now());
        i32[this.slot + TS.FORCED_SWITCHES] = i32[this.slot + TS.FORCED_SWITCHES]! + 1;
      }
    }
  }

  /** The GIL part of _Py_HandlePending: called by the interpreter when its eval breaker
   *  has the drop-request bit. Gives another thread its turn, then takes the GIL back. */
  yieldOnRequest(): void {
    Atomics.and(this.i32, this.evalBreaker, ~EB.GIL_DROP_REQUEST);
    if (Atomics.load(this.i32, GIL.DROP_REQUEST) === 0) return;
    this.i32[this.slot + TS.DROP_REQUESTS_RECEIVED] = this.i32[this.slot + TS.DROP_REQUESTS_RECEIVED]! + 1;
    this.drop("request");
    this.take();
  }

  /** _PyEval_StopTheWorld with the GIL: the caller holds it, so no other thread runs
   *  bytecode until it lets go. Nothing to do. */
  stopTheWorld(): void {}

  /** _PyEval_StartTheWorld: nothing to undo. */
  startTheWorld(): void {}
}

/** GIL statistics of one thread, read from its slot. */
export interface GilThreadStats {
  acquisitions: number;
  waitUs: number;
  holdUs: number;
  dropRequestsMade: number;
  dropRequestsReceived: number;
  forcedSwitches: number;
}

export function gilThreadStats(heap: Heap, tid: number): GilThreadStats {
  const s = (THREADS_OFF + tid * THREAD_SLOT_BYTES) >> 2;
  const f = (THREADS_OFF + tid * THREAD_SLOT_BYTES) >> 3;
  return {
    acquisitions: heap.i32[s + TS.GIL_ACQUISITIONS]!,
    waitUs: heap.f64[f + TS_F64.WAIT_US]!,
    holdUs: heap.f64[f + TS_F64.HOLD_US]!,
    dropRequestsMade: heap.i32[s + TS.DROP_REQUESTS_MADE]!,
    dropRequestsReceived: heap.i32[s + TS.DROP_REQUESTS_RECEIVED]!,
    forcedSwitches: heap.i32[s + TS.FORCED_SWITCHES]!,
  };
}
