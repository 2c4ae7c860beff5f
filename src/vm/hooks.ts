/**
 * What the interpreter needs from the thread it runs on: where stdout goes, where its
 * eval breaker is, and what to do when it is set. The single-threaded runner and the
 * worker-thread runtime each provide one; the modes (gil, nogil, ...) differ here and
 * nowhere in the interpreter.
 */
import type { WaitKind } from "../sched/types.js";
import type { Interp } from "./interp.js";

export interface ThreadHooks {
  /** Word index (in the heap's Int32Array) the interpreter polls at RESUME,
   *  JUMP_BACKWARD and after calls; nonzero means "call handleEvalBreaker". */
  readonly evalBreaker: number;
  /** _Py_HandlePending: drop the GIL on request, run a scheduled GC, stop for the world. */
  handleEvalBreaker(vm: Interp): void;
  /** Stop every other Python thread at a safe point before the cyclic GC collects, and
   *  let them go again after (3.13's stop-the-world). Under the GIL, holding it is
   *  enough: both do nothing. */
  stopTheWorld(): void;
  startTheWorld(): void;
  /** A collection ran (from `startMs` to `endMs`, performance.now()): for the timeline. */
  onGcCollection?(generation: number, collected: number, startMs: number, endMs: number): void;
  /** Append to the program's stdout. */
  write(text: string): void;
  /** Write to stderr (sys._debugmallocstats, warnings). */
  writeErr(text: string): void;
  /** A blocking sleep of `ms` milliseconds (releases the GIL where there is one). */
  sleep(ms: number): void;
  /** A blocking wait with the GIL released (Py_BEGIN_ALLOW_THREADS ... END): `attempt()`
   *  until it succeeds (true) or `ms` pass (-1: for ever; false), waiting while heap word
   *  `word` reads `busy` (the value `attempt` cannot succeed on). `attempt` must not touch
   *  Python objects. Under --schedule the wait lets the scheduler run the others. */
  waitUntil(kind: WaitKind, attempt: () => boolean, word: number, busy: number, ms: number): boolean;
  /** Start a new Python thread that calls `callable(*args)`; the references are given up
   *  to the new thread. Returns its thread id (index of its slot). Throws a GilsimError
   *  when this runner cannot start threads. */
  startThread(callable: number, args: number): number;
}
