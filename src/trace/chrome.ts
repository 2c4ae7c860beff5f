/**
 * A timeline as Chrome Trace Event Format JSON (opens in Perfetto and chrome://tracing):
 *
 *   { "traceEvents": [...], "displayTimeUnit": "ms", "otherData": {...} }
 *
 * One process (pid 1), one track per Python thread (tid = gilsim's thread id), with
 *   - "M" metadata: process_name, and thread_name / thread_sort_index for every track
 *   - "X" complete slices: "running (holds GIL)", "waiting for GIL", "blocked",
 *     "forced switch wait" (FORCE_SWITCHING: dropped on request, waiting for a taker),
 *     "gc collect (generation N)" (a cyclic GC collection, inside the running slice)
 *   - "i" instants (scope "t"): "drop request" (on the requester's track), "start thread"
 *     (_thread.start_new_thread; args.tid), "thread start" (its task began), "thread end"
 *   - "C" counter "heap": arenas allocated, sampled at every GIL take (when it changed)
 * `ts` and `dur` are µs. A slice still open when its ring ends (a daemon thread stopped
 * at exit) is closed at the end of the timeline with `args.unfinished`.
 */
import { BLOCK_WHAT, DROP_REASONS, TraceKind as K, type Timeline } from "./events.js";

export const TRACE_PID = 1;

export const SLICE = {
  RUNNING: "running (holds GIL)",
  WAITING: "waiting for GIL",
  BLOCKED: "blocked",
  FORCED: "forced switch wait",
} as const;

export interface ChromeEvent {
  name: string;
  ph: "X" | "i" | "M" | "C";
  ts: number;
  pid: number;
  tid: number;
  cat?: string;
  dur?: number;
  s?: "t" | "p" | "g";
  args?: Record<string, unknown>;
}

export interface ChromeTrace {
  traceEvents: ChromeEvent[];
  displayTimeUnit: "ms";
  otherData: Record<string, unknown>;
}

/** µs, to the nanosecond: keeps the file small without losing the clock's precision. */
const round = (us: number): number => Math.round(us * 1000) / 1000;
/** A slice's dur from whole nanoseconds, so that ts + dur is exactly the rounded end and
 *  a slice ending where the next begins (a wait ending in a take) never overlaps it once
 *  a viewer converts µs back to ns. */
const durBetween = (from: number, to: number): number => Math.max(0, Math.round(to * 1000) - Math.round(from * 1000)) / 1000;

export function chromeTrace(t: Timeline, other: Record<string, unknown> = {}): ChromeTrace {
  const out: ChromeEvent[] = [];
  out.push({ name: "process_name", ph: "M", ts: 0, pid: TRACE_PID, tid: 0, args: { name: "gilsim" } });
  let end = 0;
  for (const th of t.threads) for (const e of th.events) end = Math.max(end, e.ts);

  const counters: ChromeEvent[] = [];
  for (const th of t.threads) {
    const tid = th.tid;
    out.push({ name: "thread_name", ph: "M", ts: 0, pid: TRACE_PID, tid, args: { name: th.name } });
    out.push({ name: "thread_sort_index", ph: "M", ts: 0, pid: TRACE_PID, tid, args: { sort_index: tid } });
    const slice = (name: string, from: number, to: number, args?: Record<string, unknown>, cat = "gil"): void => {
      const ev: ChromeEvent = { name, cat, ph: "X", ts: round(from), dur: durBetween(from, to), pid: TRACE_PID, tid };
      if (args !== undefined) ev.args = args;
      out.push(ev);
    };
    const instant = (name: string, ts: number, args?: Record<string, unknown>): void => {
      const ev: ChromeEvent = { name, cat: "gil", ph: "i", s: "t", ts: round(ts), pid: TRACE_PID, tid };
      if (args !== undefined) ev.args = args;
      out.push(ev);
    };
    let waitFrom: number | null = null, runFrom: number | null = null, blockFrom: number | null = null, forcedFrom: number | null = null;
    let blockWhat = "";
    let gcFrom: number | null = null, stwFrom: number | null = null, stoppedFrom: number | null = null, parkFrom: number | null = null;
    let parkedFor = -1;
    for (const e of th.events) {
      switch (e.kind) {
        case K.GC_BEGIN: gcFrom = e.ts; break;
        case K.GC_END:
          if (gcFrom !== null) slice(`gc collect (generation ${e.arg})`, gcFrom, e.ts, { generation: e.arg }, "gc");
          gcFrom = null;
          break;
        case K.STW_BEGIN: stwFrom = e.ts; break;
        case K.STW_STOPPED:
          if (stwFrom !== null) slice("stopping the world", stwFrom, e.ts, undefined, "gc");
          stwFrom = null;
          stoppedFrom = e.ts;
          break;
        case K.STW_END:
          if (stoppedFrom !== null) slice("world stopped", stoppedFrom, e.ts, undefined, "gc");
          stoppedFrom = null;
          break;
        case K.PARK_BEGIN: parkFrom = e.ts; parkedFor = e.arg; break;
        case K.PARK_END:
          if (parkFrom !== null) slice("parked (stop-the-world)", parkFrom, e.ts, { stoppedBy: parkedFor }, "gc");
          parkFrom = null;
          break;
        case K.THREAD_START: instant("thread start", e.ts); break;
        case K.THREAD_END: instant("thread end", e.ts); break;
        case K.WAIT_BEGIN: waitFrom = e.ts; break;
        case K.TAKE:
          if (waitFrom !== null) slice(SLICE.WAITING, waitFrom, e.ts);
          waitFrom = null;
          runFrom = e.ts;
          counters.push({ name: "heap", ph: "C", ts: round(e.ts), pid: TRACE_PID, tid, args: { arenas: e.arg } });
          break;
        case K.DROP:
          if (runFrom !== null) slice(SLICE.RUNNING, runFrom, e.ts, { dropped: DROP_REASONS[e.arg] ?? e.arg });
          runFrom = null;
          break;
        case K.DROP_REQUEST: instant("drop request", e.ts, { holder: e.arg }); break;
        case K.START_REQUEST: instant("start thread", e.ts, { tid: e.arg }); break;
        case K.FORCED_WAIT_BEGIN: forcedFrom = e.ts; break;
        case K.FORCED_WAIT_END:
          if (forcedFrom !== null) slice(SLICE.FORCED, forcedFrom, e.ts);
          forcedFrom = null;
          break;
        case K.BLOCK_BEGIN: blockFrom = e.ts; blockWhat = BLOCK_WHAT[e.arg] ?? String(e.arg); break;
        case K.BLOCK_END:
          if (blockFrom !== null) slice(SLICE.BLOCKED, blockFrom, e.ts, { in: blockWhat });
          blockFrom = null;
          break;
      }
    }
    const unfinished = { unfinished: true };
    if (runFrom !== null) slice(SLICE.RUNNING, runFrom, end, unfinished);
    if (waitFrom !== null) slice(SLICE.WAITING, waitFrom, end, unfinished);
    if (blockFrom !== null) slice(SLICE.BLOCKED, blockFrom, end, { in: blockWhat, ...unfinished });
    if (forcedFrom !== null) slice(SLICE.FORCED, forcedFrom, end, unfinished);
  }
  counters.sort((a, b) => a.ts - b.ts);
  // The counter is the heap's, not a thread's: only its changes in time order count.
  const heap: ChromeEvent[] = [];
  let prev = -1;
  for (const c of counters) {
    const n = (c.args as { arenas: number }).arenas;
    if (n !== prev) heap.push(c);
    prev = n;
  }
  out.push(...heap);
  const lost = Object.fromEntries(t.threads.filter((th) => th.lost > 0).map((th) => [String(th.tid), th.lost]));
  return { traceEvents: out, displayTimeUnit: "ms", otherData: { ringEvents: t.capacity, lostEvents: lost, ...other } };
}
