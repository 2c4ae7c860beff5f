/**
 * The timeline's clock, one for every worker thread of the process.
 *
 * `performance.timeOrigin + performance.now()` does not compare across threads:
 * `timeOrigin` is sampled from the wall clock when each thread starts (measured here on
 * Node 20: one worker of four was 4.6 ms off). `process.hrtime` is the process's
 * monotonic clock (uv_hrtime), the same in every thread, and `performance.now()` is that
 * clock minus a per-thread constant (on Node 20 the constant was the same in every thread,
 * to 0.03 µs, but nothing promises it). So each thread measures its constant once, when
 * this module loads (best of CALIBRATION_SAMPLES bracketed readings: within ~0.1 µs), and
 * converts its cheap `performance.now()` readings — which the GIL takes anyway.
 */

/** Readings taken to find this thread's offset; the tightest bracket wins. */
const CALIBRATION_SAMPLES = 20;

function calibrate(): number {
  let best = Infinity;
  let offset = 0;
  for (let i = 0; i < CALIBRATION_SAMPLES; i++) {
    const before = performance.now();
    const shared = Number(process.hrtime.bigint()) / 1e6;
    const after = performance.now();
    if (after - before < best) {
      best = after - before;
      offset = shared - (before + after) / 2;
    }
  }
  return offset;
}

/** Shared clock = performance.now() + this, in this thread. ms. */
export const PERF_TO_SHARED_MS = calibrate();

/** Now on the shared clock. ms. */
export function sharedNowMs(): number {
  return performance.now() + PERF_TO_SHARED_MS;
}
