/**
 * `--schedule SEED`: deterministic interleavings.
 *
 * Notes about the implementation
 * ------------------------------
 * - Exactly one simulated thread runs at a time: the one whose id is in the BATON word
 *   of the schedule block (GIL.SCHEDULE, laid out in src/heap/layout.ts: SCHED). Every
 *   other thread sleeps on its own TURN word. Handing over is: store BATON, bump the
 *   receiver's TURN, notify it. A waiter reads TURN, then BATON, then sleeps only while
 *   TURN still holds what it read, so a hand-over between its look and its sleep is
 *   never lost (all Atomics operations are sequentially consistent).
 * - Only the baton holder writes the block, and only it decides. The hand-over's
 *   Atomics.store of BATON publishes everything it wrote before, so the receiver sees the
 *   whole state. The decisions depend on nothing but the heap (the PRNG state is a heap
 *   word), never on when an OS thread happens to wake: the same program, mode and seed
 *   give the same interleaving.
 * - Switch points. At each, the holder counts the point and draws from the seeded PRNG
 *   whether to switch (1 in SWITCH_ONE_IN_AT_BYTECODE at the interpreter's eval-breaker
 *   check points: RESUME, JUMP_BACKWARD, after calls; 1 in SWITCH_ONE_IN_AT_MICRO_STEP at a
 *   micro-step: inside a refcount update or an allocator pop/push in `nogil`, before a
 *   lock) and, if so, to which of the other runnable threads (uniformly).
 * - Blocking calls never block the OS thread: `waitUntil` tries; if it would block, the
 *   thread records what it waits for (a heap word and the value that means "still
 *   busy", and a deadline) and hands the baton to a runnable thread the PRNG picks. Each
 *   pick first sweeps the waiters: one whose word no longer reads busy, or whose deadline
 *   has passed, is runnable again (and retries when it gets the baton).
 * - Time is virtual: the clock (VCLOCK_NS) advances VIRTUAL_NS_PER_BYTECODE_POINT at each
 *   bytecode switch point, and jumps to the earliest deadline when no thread is runnable
 *   but some wait with a timeout. So `time.sleep` and timeouts are deterministic too.
 * - A new thread is runnable from the moment its starter (which holds the baton) claims
 *   its slot (RUNNING): if the PRNG picks it before its worker has arrived, the baton
 *   waits for it. A thread that exits marks its slot finished first (its joiners become
 *   runnable) and hands the baton on. When the main thread exits, the run is OVER: any
 *   daemon thread stays parked until the pool is destroyed, as CPython drops them.
 * - When every live thread waits with no timeout, that is a deadlock: the holder marks
 *   the run OVER with DEADLOCK set and wakes everyone; the main thread (necessarily one of
 *   the waiters) throws ScheduleDeadlock, which the runtime reports with EXIT_DEADLOCK.
 * - Micro-steps count only once the thread runs Python code (ARMED at its first bytecode
 *   switch point): the set-up before it (attaching the program's code, which a worker
 *   does once per run) must not draw from the PRNG, since which worker runs a thread is
 *   the OS's choice.
 */
import { GilsimError } from "../errors.js";
import { MAX_THREADS } from "../heap/config.js";
import type { Heap } from "../heap/heap.js";
import {
  GIL, HDR, RT, SCHED, SCHED_ENTRY_BYTES, SCHED_F64, SCHED_HEADER_BYTES, SCHED_T, SCHED_T_F64, START_ENTRY, START_ENTRY_WORDS,
  THREAD_SLOT_BYTES, THREADS_OFF, ThreadSlotState, TS,
} from "../heap/layout.js";
import type { RawMalloc } from "../heap/raw.js";
import { DROP_REASON_CODE, TraceKind } from "../trace/events.js";
import type { TraceRing } from "../trace/ring.js";
import { Prng } from "../util/prng.js";
import { RB } from "../races/layout.js";
import type { Stepper, WaitKind } from "./types.js";

// ── tunables ────────────────────────────────────────────────────────────────

/** A bytecode switch point (the interpreter's eval-breaker check) switches 1 time in this many. */
export const SWITCH_ONE_IN_AT_BYTECODE = 8;
/** A micro-step (inside a refcount update or an allocator pop/push; before a lock) switches 1 time in this many. */
export const SWITCH_ONE_IN_AT_MICRO_STEP = 32;
/** Virtual time a bytecode switch point stands for (CPython runs a few bytecodes per check point). ns. */
export const VIRTUAL_NS_PER_BYTECODE_POINT = 100;
/** Exit status of a run stopped by a deadlock (every live thread waiting, none with a timeout). */
export const EXIT_DEADLOCK = 86;

const WAIT_CODE: Readonly<Record<WaitKind, number>> = { lock: 1, join: 2, sleep: 3 };
const WAIT_WHAT = ["", "waits for a lock", "waits for a thread to finish", "sleeps"] as const;
const SPIN = 4; // WAIT code of blockOn (a spin lock held by another thread)
const NOBODY = -1;

/** The run stopped because every live thread was waiting (thrown in the main thread). */
export class ScheduleDeadlock extends GilsimError {
  override name = "ScheduleDeadlock";
}

/** What a scheduled run reports. */
export interface ScheduleStats {
  seed: number;
  /** Times the baton went to another thread. */
  switches: number;
  /** Switch points visited (each one a draw of whether to switch). */
  points: number;
  deadlock: boolean;
}

/** One thread's handle on the schedule block. Every handle of a thread is equivalent (all
 *  the state is in the heap), so the gate, the object space and the allocator each hold one. */
export class Scheduler implements Stepper {
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private readonly base: number; // word index of the block
  private readonly base64: number; // f64 index of the block
  private readonly me: number; // word index of this thread's entry
  private readonly crashMark: number; // word index of the race detector's CRASHED word (0: no detector)
  private readonly prng = new Prng(0);
  private readonly runnable = new Int32Array(MAX_THREADS);

  /** `trace`: the thread's timeline ring (a switch at a yield shows as a drop and a take);
   *  `countsAsGil`: the mode has a GIL, so a take is counted as a GIL acquisition. */
  constructor(heap: Heap, readonly tid: number, private readonly trace: TraceRing | null, private readonly countsAsGil: boolean) {
    this.i32 = heap.i32;
    this.f64 = heap.f64;
    const block = heap.i32[GIL.SCHEDULE]!;
    if (block === 0) throw new GilsimError("this run is not scheduled (no --schedule block in the heap)");
    this.base = block >> 2;
    this.base64 = block >> 3;
    this.me = this.entry(tid);
    const races = heap.i32[HDR.RACES]!;
    this.crashMark = races === 0 ? 0 : (races >> 2) + RB.CRASHED;
  }

  /** Make the schedule block of a new run (the runtime, before any thread starts):
   *  thread 0 (the main thread) holds the baton. */
  static format(heap: Heap, raw: RawMalloc, seed: number): void {
    const bytes = SCHED_HEADER_BYTES + MAX_THREADS * SCHED_ENTRY_BYTES;
    const block = raw.malloc(bytes);
    heap.u8.fill(0, block, block + bytes);
    const w = block >> 2;
    heap.i32[w + SCHED.BATON] = 0;
    heap.i32[w + SCHED.PRNG] = seed | 0;
    heap.i32[w + SCHED.SEED] = seed | 0;
    for (let t = 0; t < MAX_THREADS; t++) {
      const e = (block + SCHED_HEADER_BYTES + t * SCHED_ENTRY_BYTES) >> 2;
      heap.i32[e + SCHED_T.WORD] = NOBODY;
      heap.f64[(e >> 1) + SCHED_T_F64.DEADLINE_NS] = Infinity;
    }
    Atomics.store(heap.i32, GIL.SCHEDULE, block);
  }

  /** The run's statistics (after the run), or null if it was not scheduled. */
  static stats(heap: Heap): ScheduleStats | null {
    const block = heap.i32[GIL.SCHEDULE]!;
    if (block === 0) return null;
    const w = block >> 2;
    return {
      seed: heap.i32[w + SCHED.SEED]! >>> 0,
      switches: heap.i32[w + SCHED.SWITCHES]!,
      points: heap.f64[(block >> 3) + SCHED_F64.POINTS]!,
      deadlock: heap.i32[w + SCHED.DEADLOCK]! !== 0,
    };
  }

  /** Give the block back (after the run, before the heap check). */
  static release(heap: Heap, raw: RawMalloc): void {
    const block = heap.i32[GIL.SCHEDULE]!;
    if (block === 0) return;
    heap.i32[GIL.SCHEDULE] = 0;
    raw.free(block);
  }

  // ── switch points ─────────────────────────────────────────────────────────

  /** Stepper.step: a micro-step. */
  step(): void {
    if (this.i32[this.me + SCHED_T.ARMED] === 0) return;
    this.point(SWITCH_ONE_IN_AT_MICRO_STEP);
  }

  /** The interpreter's eval-breaker check point: virtual time passes, and maybe a switch. */
  atBytecode(): void {
    this.i32[this.me + SCHED_T.ARMED] = 1;
    this.f64[this.base64 + SCHED_F64.VCLOCK_NS] = this.now() + VIRTUAL_NS_PER_BYTECODE_POINT;
    this.point(SWITCH_ONE_IN_AT_BYTECODE);
  }

  private point(oneIn: number): void {
    if (this.isOver()) return this.whenOver();
    if (this.i32[this.base + SCHED.WORLD_STOPPED] !== 0) return;
    const p = this.base64 + SCHED_F64.POINTS;
    this.f64[p] = this.f64[p]! + 1;
    if (this.draw(oneIn) !== 0) return;
    const n = this.sweep(false);
    if (n === 0) return;
    const next = this.runnable[this.draw(n)]!;
    const trace = this.trace;
    if (trace !== null) {
      const now = performance.now();
      trace.record(TraceKind.DROP, now, DROP_REASON_CODE.request);
      trace.record(TraceKind.WAIT_BEGIN, now);
    }
    this.handTo(next);
    if (this.awaitBaton()) this.recordTake();
  }

  /** Stepper.blockOn: wait, letting the others run, until the spin lock at `word` may be free. */
  blockOn(word: number, busy: number): void {
    this.block(SPIN, word, busy, Infinity);
  }

  // ── blocking calls ────────────────────────────────────────────────────────

  /** A blocking call: `attempt()` until it succeeds (true) or `ms` of virtual time pass
   *  (-1: no timeout; false). While it would block, the thread waits for heap word
   *  `word` to stop reading `busy` and the others run. */
  waitUntil(kind: WaitKind, attempt: () => boolean, word: number, busy: number, ms: number): boolean {
    const deadline = ms < 0 ? Infinity : this.now() + ms * 1e6;
    for (;;) {
      if (attempt()) return true;
      if (this.now() >= deadline) return false;
      if (!this.block(WAIT_CODE[kind], word, busy, deadline)) return false;
    }
  }

  /** time.sleep: the others run for `ms` of virtual time (at least one pick: a yield). */
  sleep(ms: number): void {
    const deadline = this.now() + Math.max(0, ms) * 1e6;
    do {
      if (!this.block(WAIT_CODE.sleep, NOBODY, 0, deadline)) return;
    } while (this.now() < deadline);
  }

  /** Wait for `word` to stop reading `busy` (NOBODY: for nothing but the deadline) or
   *  the deadline: hand the baton to a runnable thread (possibly this one, once ready).
   *  False if the run is over (the main thread unwinding after a deadlock). */
  private block(code: number, word: number, busy: number, deadline: number): boolean {
    if (this.isOver()) {
      this.whenOver();
      return false;
    }
    const e = this.me;
    this.i32[e + SCHED_T.WAIT] = code;
    this.i32[e + SCHED_T.WORD] = word;
    this.i32[e + SCHED_T.BUSY] = busy;
    this.f64[(e >> 1) + SCHED_T_F64.DEADLINE_NS] = deadline;
    const next = this.pick(true);
    if (next === NOBODY) {
      this.declareDeadlock();
      this.whenOver();
      return false;
    }
    if (next === this.tid) return true;
    this.handTo(next);
    return this.awaitBaton();
  }

  // ── stop-the-world ──────────────────────────────────────────────────────

  /** _PyEval_StopTheWorld under the schedule: every other thread already waits for the
   *  baton (parked or blocked), so there is nobody to wait for; until startWorld, switch
   *  points do not hand the baton on (a blocking call still does, as a stopper that
   *  blocks would let the others go in CPython too). */
  stopWorld(): void {
    this.i32[this.base + SCHED.WORLD_STOPPED] = this.i32[this.base + SCHED.WORLD_STOPPED]! + 1;
  }

  /** _PyEval_StartTheWorld. */
  startWorld(): void {
    this.i32[this.base + SCHED.WORLD_STOPPED] = this.i32[this.base + SCHED.WORLD_STOPPED]! - 1;
  }

  // ── the thread's end ──────────────────────────────────────────────────────

  /** The thread is done (its slot is already marked finished): hand the baton on. The
   *  main thread's exit ends the run. */
  exit(): void {
    this.i32[this.me + SCHED_T.WAIT] = 0;
    this.i32[this.me + SCHED_T.ARMED] = 0;
    if (this.isOver()) return;
    if (this.tid === 0) return this.end();
    const next = this.pick(false);
    if (next === NOBODY) this.declareDeadlock();
    else this.handTo(next);
  }

  // ── taking and handing over the baton ─────────────────────────────────────

  /** Wait until this thread holds the baton: true; false if the run is over (only the
   *  main thread returns then: it unwinds; any other thread stays parked). */
  awaitBaton(): boolean {
    const i32 = this.i32;
    const turn = this.me + SCHED_T.TURN;
    for (;;) {
      const t = Atomics.load(i32, turn);
      if (Atomics.load(i32, this.base + SCHED.OVER) !== 0) {
        this.whenOver();
        return false;
      }
      if (Atomics.load(i32, this.base + SCHED.BATON) === this.tid) return true;
      Atomics.wait(i32, turn, t);
    }
  }

  /** The thread holds the baton again: the timeline's TAKE (and a GIL acquisition in gil mode). */
  recordTake(): void {
    this.trace?.recordTake(performance.now());
    if (!this.countsAsGil) return;
    const i32 = this.i32;
    const s = ((THREADS_OFF + this.tid * THREAD_SLOT_BYTES) >> 2) + TS.GIL_ACQUISITIONS;
    i32[s] = i32[s]! + 1;
    if (i32[GIL.LAST_HOLDER] !== this.tid) {
      i32[GIL.LAST_HOLDER] = this.tid;
      i32[GIL.SWITCH_NUMBER] = i32[GIL.SWITCH_NUMBER]! + 1;
    }
  }

  private handTo(next: number): void {
    const i32 = this.i32;
    i32[this.base + SCHED.SWITCHES] = i32[this.base + SCHED.SWITCHES]! + 1;
    Atomics.store(i32, this.base + SCHED.BATON, next);
    const turn = this.entry(next) + SCHED_T.TURN;
    Atomics.add(i32, turn, 1);
    Atomics.notify(i32, turn);
  }

  /** True once the run is over. A thread that stopped on a simulated segmentation fault
   *  (the race detector's crash mark) ends it, as SIGSEGV ends a process: the holder makes
   *  it over at its next switch point, block or exit, so no other thread runs after the
   *  crash, and the runtime's watchdog ends the run (exit 139) with the same findings
   *  every time. */
  private isOver(): boolean {
    if (Atomics.load(this.i32, this.base + SCHED.OVER) !== 0) return true;
    if (this.crashMark === 0 || Atomics.load(this.i32, this.crashMark) === 0) return false;
    this.end();
    return true;
  }

  /** The run is over: nobody gets the baton again; wake every thread so it sees that. */
  private end(): void {
    const i32 = this.i32;
    Atomics.store(i32, this.base + SCHED.BATON, NOBODY);
    Atomics.store(i32, this.base + SCHED.OVER, 1);
    for (let t = 0; t < MAX_THREADS; t++) {
      const turn = this.entry(t) + SCHED_T.TURN;
      Atomics.add(i32, turn, 1);
      Atomics.notify(i32, turn);
    }
  }

  private declareDeadlock(): void {
    this.i32[this.base + SCHED.DEADLOCK] = 1;
    this.end();
  }

  /** The run is over. The main thread: the first time after a deadlock, throw it (it
   *  unwinds to the runtime); after that, run on unscheduled (its clean-up). Any other
   *  thread: park until the pool is destroyed. */
  private whenOver(): void {
    const i32 = this.i32;
    // After a crash the main thread parks too: the watchdog ends the run.
    if (this.tid !== 0 || (this.crashMark !== 0 && Atomics.load(i32, this.crashMark) !== 0)) {
      for (;;) Atomics.wait(i32, this.base + SCHED.OVER, 1);
    }
    if (i32[this.base + SCHED.DEADLOCK] !== 1) return;
    const message = this.describeDeadlock();
    i32[this.base + SCHED.DEADLOCK] = 2;
    throw new ScheduleDeadlock(message);
  }

  // ── choosing ──────────────────────────────────────────────────────────────

  /** The next thread to run after this one blocks or exits: a runnable one drawn by the
   *  PRNG (this one too if `self` and it is ready); if none, the earliest timed waiter
   *  (the virtual clock jumps to its deadline); NOBODY if every thread waits for ever. */
  private pick(self: boolean): number {
    const n = this.sweep(self);
    if (n > 0) return this.runnable[this.draw(n)]!;
    return this.wakeEarliest();
  }

  /** Fill `runnable` with the live threads that can run (other than this one unless
   *  `self`), making runnable each waiter whose word changed or whose deadline passed. */
  private sweep(self: boolean): number {
    const i32 = this.i32;
    const f64 = this.f64;
    const now = this.now();
    const nthreads = Math.min(Atomics.load(i32, RT.NEXT_THREAD_ID), MAX_THREADS);
    let n = 0;
    for (let t = 0; t < nthreads; t++) {
      if (Atomics.load(i32, ((THREADS_OFF + t * THREAD_SLOT_BYTES) >> 2) + TS.STATE) !== ThreadSlotState.RUNNING) continue;
      const e = this.entry(t);
      if (i32[e + SCHED_T.WAIT] !== 0) {
        const word = i32[e + SCHED_T.WORD]!;
        const ready = (word !== NOBODY && Atomics.load(i32, word) !== i32[e + SCHED_T.BUSY]) || f64[(e >> 1) + SCHED_T_F64.DEADLINE_NS]! <= now;
        if (!ready) continue;
        i32[e + SCHED_T.WAIT] = 0;
      }
      if (t !== this.tid || self) this.runnable[n++] = t;
    }
    return n;
  }

  /** No thread can run: advance the virtual clock to the earliest deadline among the
   *  waiters and make that thread runnable (the lowest id on a tie). */
  private wakeEarliest(): number {
    const i32 = this.i32;
    const nthreads = Math.min(Atomics.load(i32, RT.NEXT_THREAD_ID), MAX_THREADS);
    let best = NOBODY;
    let bestDeadline = Infinity;
    for (let t = 0; t < nthreads; t++) {
      if (Atomics.load(i32, ((THREADS_OFF + t * THREAD_SLOT_BYTES) >> 2) + TS.STATE) !== ThreadSlotState.RUNNING) continue;
      const e = this.entry(t);
      const d = this.f64[(e >> 1) + SCHED_T_F64.DEADLINE_NS]!;
      if (i32[e + SCHED_T.WAIT] !== 0 && d < bestDeadline) {
        best = t;
        bestDeadline = d;
      }
    }
    if (best === NOBODY) return NOBODY;
    this.f64[this.base64 + SCHED_F64.VCLOCK_NS] = bestDeadline;
    i32[this.entry(best) + SCHED_T.WAIT] = 0;
    return best;
  }

  /** A uniform draw in [0, n) from the seeded PRNG whose state is in the heap. */
  private draw(n: number): number {
    const w = this.base + SCHED.PRNG;
    this.prng.state = this.i32[w]! >>> 0;
    const r = this.prng.below(n);
    this.i32[w] = this.prng.state | 0;
    return r;
  }

  private now(): number {
    return this.f64[this.base64 + SCHED_F64.VCLOCK_NS]!;
  }

  private entry(tid: number): number {
    return this.base + ((SCHED_HEADER_BYTES + tid * SCHED_ENTRY_BYTES) >> 2);
  }

  private describeDeadlock(): string {
    const i32 = this.i32;
    const nthreads = Math.min(Atomics.load(i32, RT.NEXT_THREAD_ID), MAX_THREADS);
    const table = i32[RT.START_TABLE]!;
    const who: string[] = [];
    for (let t = 0; t < nthreads; t++) {
      if (Atomics.load(i32, ((THREADS_OFF + t * THREAD_SLOT_BYTES) >> 2) + TS.STATE) !== ThreadSlotState.RUNNING) continue;
      const code = i32[this.entry(t) + SCHED_T.WAIT]!;
      const what = code === SPIN ? "waits for a lock held by another thread" : WAIT_WHAT[code] ?? "waits";
      const ident = table === 0 ? t + 1 : i32[(table >> 2) + t * START_ENTRY_WORDS + START_ENTRY.IDENT]!;
      who.push(`${t === 0 ? "the main thread (ident 1)" : `thread ident ${ident}`} ${what}`);
    }
    const seed = i32[this.base + SCHED.SEED]! >>> 0;
    return `deadlock under --schedule ${seed}: every thread is waiting and none has a timeout: ${who.join("; ")}`;
  }
}
