/**
 * Numbers read off a timeline: the GIL hand-off gap and medians.
 */
import { DROP_REASON_CODE, TraceKind as K, type Timeline } from "./events.js";

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Hand-off gaps, µs: for every forced hand-over — thread A drops the GIL on a drop
 * request and the next take is by another thread B — the time from A's DROP to B's TAKE.
 * That is the release, waking B's OS thread and B's compare-exchange, the part of a
 * switch between two CPU-bound threads that nobody runs bytecode.
 *
 * Where a ring wrapped, its oldest events are gone, so the analysis starts at the latest
 * "first surviving event" of any wrapped ring: before that some drops may be missing.
 */
export function handoffGapsUs(t: Timeline): number[] {
  let from = -Infinity;
  for (const th of t.threads) if (th.lost > 0 && th.events.length > 0) from = Math.max(from, th.events[0]!.ts);
  const gil: { tid: number; kind: number; ts: number; arg: number }[] = [];
  for (const th of t.threads) {
    for (const e of th.events) {
      if ((e.kind === K.TAKE || e.kind === K.DROP) && e.ts >= from) gil.push({ tid: th.tid, kind: e.kind, ts: e.ts, arg: e.arg });
    }
  }
  // A DROP is recorded before the GIL word is cleared and a TAKE after it is set, so in
  // time order drops and takes alternate; a tie sorts the drop first.
  gil.sort((a, b) => a.ts - b.ts || (a.kind === K.DROP ? -1 : 1));
  const gaps: number[] = [];
  let last: { tid: number; ts: number; arg: number } | null = null;
  for (const e of gil) {
    if (e.kind === K.DROP) {
      last = e;
    } else {
      if (last !== null && last.tid !== e.tid && last.arg === DROP_REASON_CODE.request) gaps.push(e.ts - last.ts);
      last = null;
    }
  }
  return gaps;
}
