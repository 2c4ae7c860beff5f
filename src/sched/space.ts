/**
 * Refcount updates with a switch point between the load and the store, for a scheduled
 * run of a mode whose refcounts are plain read-modify-writes without a GIL (nogil):
 *
 *   rc = ob_refcnt        ← load
 *   step()                ← another thread may run here and update ob_refcnt
 *   ob_refcnt = rc ± 1    ← store computed from the stale load: its update is lost
 *
 * A mixin over the mode's own object space, so whatever that space checks still runs:
 * it writes the loaded value back after the step and then lets the space's own
 * incref/decref do the update, which is the same store of rc ± 1 (and the same dealloc
 * when rc was 1). Immortal objects are never written, so they have no window.
 * (A freed object's word 0 is pymalloc's free-list link, not a count: see staleLoad.)
 */
import type { Allocator } from "../heap/allocator.js";
import type { Heap } from "../heap/heap.js";
import { OB } from "../heap/layout.js";
import { IMMORTAL_MIN, TID } from "../objects/layout.js";
import type { ObjSpace } from "../objects/space.js";


type SpaceClass = new (heap: Heap, alloc: Allocator) => ObjSpace;

const split = new WeakMap<SpaceClass, SpaceClass>();

function splitClass(Base: SpaceClass): SpaceClass {
  let C = split.get(Base);
  if (C === undefined) {
    C = class SplitRefcounts extends Base {
      override incref(p: number): void {
        this.staleLoad(p);
        super.incref(p);
      }

      override decref(p: number): void {
        this.staleLoad(p);
        super.decref(p);
      }

      /** Load ob_refcnt, switch, and write the loaded value back: the update that
       *  follows is computed from the stale load. Not if the object was freed meanwhile
       *  (word 0 is then a free-list link): the space's own update decides what a use
       *  after free does. */
      staleLoad(p: number): void {
        const w = p >> 2;
        const rc = this.i32[w]!;
        if (rc >= IMMORTAL_MIN) return;
        this.step();
        if (this.i32[w + OB.TYPE] !== TID.FREED) this.i32[w] = rc;
      }
    };
    split.set(Base, C);
  }
  return C;
}

/** An object space like `s` (same class and allocator) whose incref/decref have a
 *  switch point between their load and their store. */
export function splitRefcounts(s: ObjSpace): ObjSpace {
  const Split = splitClass(s.constructor as SpaceClass);
  return new Split(s.heap, s.alloc);
}
