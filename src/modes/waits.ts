/**
 * Blocking calls in real time, for the gates of unscheduled runs (the GIL, and the modes
 * without one): the gate is already dropped, so the OS thread may sleep.
 */
import type { DropReason } from "../gil/gil.js";
import type { WaitKind } from "../sched/types.js";
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** `attempt()` until it succeeds (true) or `ms` pass (-1: for ever; false), sleeping on
 *  heap word `word` (Atomics.wait) while it reads `busy`. */
export function waitInRealTime(i32: Int32Array, attempt: () => boolean, word: number, busy: number, ms: number): boolean {
  const deadline = ms < 0 ? Infinity : performance.now() + ms;
  for (;;) {
    if (attempt()) return true;
    const left = deadline - performance.now();
    if (left <= 0) return false;
    Atomics.wait(i32, word, busy, left === Infinity ? undefined : left);
  }
}

/** time.sleep. */
export function sleepInRealTime(ms: number): void {
  if (ms > 0) Atomics.wait(sleeper, 0, 0, ms);
}

/** The part of a RunGate that is the same for every gate of an unscheduled run. */
export abstract class RealTimeGate {
  abstract readonly i32: Int32Array;
  abstract drop(reason: DropReason): void;

  waitUntil(_kind: WaitKind, attempt: () => boolean, word: number, busy: number, ms: number): boolean {
    return waitInRealTime(this.i32, attempt, word, busy, ms);
  }

  sleep(ms: number): void {
    sleepInRealTime(ms);
  }

  exit(finish: () => void): void {
    this.drop("exit");
    finish();
  }
}
