/**
 * nogil-atomic's object space: the naive repair (the Gilectomy's, 2016). Every refcount
 * update of a mortal object is one atomic read-modify-write on ob_refcnt, so no update is
 * lost; the thread whose decrement took the count from 1 to 0 is the only one that sees
 * 1 come back from Atomics.sub, so it alone deallocates. Containers are mutated under
 * their ob_mutex (LockingObjSpace); the allocator sits behind one lock (modes.ts).
 *
 * The cost: every incref and decref, even of an object only one thread ever sees, is a
 * locked instruction on its cache line; two threads touching one shared object (a global
 * function, a module dict) bounce that line between cores on every bytecode.
 */
import { HeapCorruption } from "../errors.js";
import { IMMORTAL_MIN } from "../objects/layout.js";
import { LockingObjSpace } from "./locking.js";

export class AtomicObjSpace extends LockingObjSpace {
  /** Py_INCREF as an atomic add (the immortal test needs no atomics: immortals never change). */
  override incref(p: number): void {
    const w = p >> 2;
    if (this.i32[w]! >= IMMORTAL_MIN) {
      this.immortalSkips++;
      return;
    }
    Atomics.add(this.i32, w, 1);
    this.increfs++;
  }

  /** Py_DECREF as an atomic subtract: the old value says who deallocates. */
  override decref(p: number): void {
    const w = p >> 2;
    if (this.i32[w]! >= IMMORTAL_MIN) {
      this.immortalSkips++;
      return;
    }
    this.decrefs++;
    const old = Atomics.sub(this.i32, w, 1);
    if (old > 1) return;
    if (old === 1) {
      this.dealloc(p);
      return;
    }
    throw new HeapCorruption(p, `decref of an object whose refcount is ${old} (use after free)`);
  }

  override refcount(p: number): number {
    return Atomics.load(this.i32, p >> 2);
  }

  override modeCounters(): Record<string, number> {
    return { atomicRefcountOps: this.increfs + this.decrefs, ...super.modeCounters() };
  }
}
