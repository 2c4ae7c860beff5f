/**
 * Critical sections for containers (CPython 3.13's Py_BEGIN_CRITICAL_SECTION /
 * Py_BEGIN_CRITICAL_SECTION2), over ObjSpace.lockObject / unlockObject, which are no-ops
 * in gil and nogil and a per-object mutex in the repaired modes (src/modes/locking.ts).
 *
 * A critical section never runs Python code: a reference it drops may be the last one,
 * and a dealloc may run __del__, which could wait for another thread that waits for this
 * lock. So code inside one hands such references to `dropLater`, and the caller drops
 * them with `dropPending(s, mark)` after unlocking. The pending stack is per JS thread
 * (module state), and re-entrant: a __del__ run by dropPending may open its own section.
 */
import type { ObjSpace } from "./space.js";

let pending = new Int32Array(64);
let npending = 0;

/** Where the caller's pending references start (pass it to dropPending). */
export function pendingMark(): number {
  return npending;
}

/** Decref `p` (if not NULL) once the critical section has ended. */
export function dropLater(p: number): void {
  if (p === 0) return;
  if (npending === pending.length) {
    const bigger = new Int32Array(pending.length * 2);
    bigger.set(pending);
    pending = bigger;
  }
  pending[npending++] = p;
}

/** Decref what was handed to dropLater since `mark` (outside any critical section). */
export function dropPending(s: ObjSpace, mark: number): void {
  while (npending > mark) s.decref(pending[--npending]!);
}

/** Py_BEGIN_CRITICAL_SECTION2: lock two objects, the lower address first (one lock if
 *  they are the same object), so two threads locking the same pair cannot deadlock. */
export function lock2(s: ObjSpace, a: number, b: number): void {
  if (a === b) {
    s.lockObject(a);
  } else if (a < b) {
    s.lockObject(a);
    s.lockObject(b);
  } else {
    s.lockObject(b);
    s.lockObject(a);
  }
}

/** Py_END_CRITICAL_SECTION2. */
export function unlock2(s: ObjSpace, a: number, b: number): void {
  s.unlockObject(a);
  if (a !== b) s.unlockObject(b);
}
