/**
 * `withSchedule(policy)`: the mode's policy for a `--schedule` run. The one place a
 * scheduled run differs from a free one:
 *   gate       the scheduler's baton (SeededGate) instead of the GIL or nothing
 *   space      switch points: `s.step()` (a mode calls it before taking a lock), and in a
 *              mode with split updates (nogil) a switch point inside every refcount update
 *   allocator  in a mode with split updates, switch points inside pymalloc's free-list
 *              pop and push
 * A mode without split updates (gil, nogil-atomic, free-threaded) switches only between
 * bytecodes and at its own lock acquisitions.
 */
import type { Heap } from "../heap/heap.js";
import { ObMalloc } from "../heap/obmalloc.js";
import type { ModePolicy } from "../modes/policy.js";
import { TraceRing } from "../trace/ring.js";
import { SeededGate } from "./gate.js";
import { Scheduler } from "./scheduler.js";
import { splitRefcounts } from "./space.js";

export function withSchedule(p: ModePolicy): ModePolicy {
  // A switch at a micro-step shows on the thread's timeline too (each ring has one writer: its thread).
  const stepper = (heap: Heap, tid: number): Scheduler => new Scheduler(heap, tid, new TraceRing(heap, tid), p.usesGil);
  return {
    ...p,
    allocator(heap, tid) {
      const a = p.allocator(heap, tid);
      if (p.splitUpdates && a instanceof ObMalloc) a.stepper = stepper(heap, tid);
      return a;
    },
    space(heap, alloc, tid) {
      const own = p.space(heap, alloc, tid);
      const s = p.splitUpdates ? splitRefcounts(own) : own;
      s.stepper = stepper(heap, tid);
      return s;
    },
    gate: (heap, tid) => new SeededGate(heap, tid, p.usesGil),
  };
}
