/**
 * The watchdog (main JS thread, runs with the race detector only). A thread that stopped
 * on a fault (a simulated segmentation fault) ends the run, as SIGSEGV ends a C process:
 * the other threads may be waiting for what it held, or spinning on what it corrupted.
 * A run whose threads
 * make no progress for `idleMs`, or that runs longer than `wallMs`, is ended with a
 * "hang" finding. Progress is anything that moves: the threads' heartbeats (a store every
 * 1024 refcount operations, races/space.ts), thread starts and ends, bytecodes of threads
 * that finished. A thread spinning inside one JS loop over a corrupt structure, or
 * waiting forever for a lock a crashed thread held, moves none of them.
 *
 * It polls (a timer every POLL_MS, unref'ed), so it costs the threads nothing.
 */
import { MAX_THREADS } from "../heap/config.js";
import type { Heap } from "../heap/heap.js";
import { HDR, RT } from "../heap/layout.js";
import { RB, RB_HEARTBEAT } from "./layout.js";

const POLL_MS = 100;

export interface WatchdogLimits {
  /** End the run after this long without progress. ms. */
  readonly idleMs: number;
  /** End the run after this long in all. ms; 0 = no limit. */
  readonly wallMs: number;
}

/** A run with the detector is ended after 10 s without progress or 120 s in all. */
export const DEFAULT_WATCHDOG: WatchdogLimits = { idleMs: 10_000, wallMs: 120_000 };

export type StopReason = "crash" | "no progress" | "time limit";
export type HangReason = Exclude<StopReason, "crash">;

export class Watchdog {
  /** Resolves when the watchdog fires (never, if stopped first). */
  readonly fired: Promise<StopReason>;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(heap: Heap, limits: WatchdogLimits) {
    const t0 = performance.now();
    let last = -1;
    let lastChange = t0;
    this.fired = new Promise((resolve) => {
      this.timer = setInterval(() => {
        const now = performance.now();
        const p = progress(heap);
        if (p !== last) {
          last = p;
          lastChange = now;
        }
        const block = Atomics.load(heap.i32, HDR.RACES);
        const crashed = block !== 0 && Atomics.load(heap.i32, (block >> 2) + RB.CRASHED) !== 0;
        const reason: StopReason | null = crashed ? "crash" :
          limits.wallMs > 0 && now - t0 > limits.wallMs ? "time limit" : now - lastChange > limits.idleMs ? "no progress" : null;
        if (reason !== null) {
          this.stop();
          resolve(reason);
        }
      }, POLL_MS);
      this.timer.unref();
    });
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}

/** A number that changes whenever any thread makes progress. */
function progress(heap: Heap): number {
  const i32 = heap.i32;
  const block = Atomics.load(i32, HDR.RACES);
  let sum = Atomics.load(i32, RT.START_SEQ) * 7 + Atomics.load(i32, RT.LIVE_THREADS) * 13;
  if (block === 0) return sum;
  const hb = (block >> 2) + RB_HEARTBEAT;
  for (let t = 0; t < MAX_THREADS; t++) sum = (sum + Atomics.load(i32, hb + t)) | 0;
  return sum;
}
