/**
 * The four modes. Each is a policy object (src/modes/policy.ts); `policyFor` is the one
 * place a mode name becomes behaviour.
 */
import { Gil } from "../gil/gil.js";
import type { Allocator } from "../heap/allocator.js";
import type { Heap } from "../heap/heap.js";
import { OBM } from "../heap/layout.js";
import { FtHeap } from "../heap/ftheap.js";
import { HeapLock, LockedAllocator } from "../heap/locked.js";
import { ObMalloc } from "../heap/obmalloc.js";
import { HeapCorruption } from "../errors.js";
import { OBJ, OBJ_MAGIC } from "../objects/layout.js";
import { ObjSpace } from "../objects/space.js";
import { AtomicObjSpace } from "./atomic.js";
import { BiasedObjSpace } from "./biased.js";
import { bootDetecting, DetectingObjSpace, DetectingObMalloc } from "../races/index.js";
import { FreeGate } from "./freegate.js";
import type { ModeName, ModePolicy, RunGate } from "./policy.js";

const pymalloc = (heap: Heap): Allocator => new ObMalloc(heap);
const plainSpace = (heap: Heap, alloc: Allocator): ObjSpace => ObjSpace.attach(heap, alloc);
/** pymalloc behind one heap lock (OBM.LOCK): the Gilectomy's allocator. */
const lockedPymalloc = (heap: Heap): Allocator => new LockedAllocator(new ObMalloc(heap), new HeapLock(heap.i32, OBM.LOCK));
/** A mode's object space over a formatted heap (ObjSpace.attach's check, for subclasses
 *  that take the thread's id). */
function modeSpace<T extends ObjSpace>(Space: new (heap: Heap, alloc: Allocator, tid: number) => T) {
  return (heap: Heap, alloc: Allocator, tid: number): T => {
    if (Atomics.load(heap.i32, OBJ.MAGIC) !== OBJ_MAGIC) {
      throw new HeapCorruption(OBJ.MAGIC << 2, "the object layer of this heap is not formatted (formatObjects)");
    }
    return new Space(heap, alloc, tid);
  };
}
const gilGate = (heap: Heap, tid: number): RunGate => new Gil(heap, tid);
const freeGate = (heap: Heap, tid: number): RunGate => new FreeGate(heap, tid);

export const GIL_MODE: ModePolicy = {
  name: "gil",
  summary: "CPython 3.12 with the GIL",
  usesGil: true,
  splitUpdates: false,
  banner: null,
  allocator: pymalloc,
  space: plainSpace,
  gate: gilGate,
};

export const NOGIL_MODE: ModePolicy = {
  name: "nogil",
  summary: "the GIL removed and nothing else: refcounts, pymalloc and containers race",
  usesGil: false,
  splitUpdates: true,
  banner:
    "gilsim: --mode nogil is a counterfactual: CPython never shipped a build without the GIL on pymalloc " +
    "(free-threaded CPython requires mimalloc, biased refcounts and per-object locks). Expect races.\n",
  // The race detector (src/races): pymalloc and refcounts unchanged, but every step checked.
  boot: bootDetecting,
  allocator: (heap, tid) => new DetectingObMalloc(heap, tid),
  space: (heap, alloc) => DetectingObjSpace.attach(heap, alloc),
  gate: freeGate,
};

export const NOGIL_ATOMIC_MODE: ModePolicy = {
  name: "nogil-atomic",
  summary: "the naive repair (Gilectomy): atomic refcounts, one allocator lock, a lock per container",
  usesGil: false,
  splitUpdates: false,
  banner: null,
  allocator: lockedPymalloc,
  space: modeSpace(AtomicObjSpace),
  gate: freeGate,
};

export const FREE_THREADED_MODE: ModePolicy = {
  name: "free-threaded",
  summary: "PEP 703 as CPython 3.13t: biased refcounts, immortal objects, per-thread heaps, per-object locks",
  usesGil: false,
  splitUpdates: false,
  banner: null,
  // Per-thread mimalloc-style heaps (src/heap/ftheap.ts); the boot is the main thread's
  // (slot 0), so the objects it makes are on the main thread's pages, as in 3.13t.
  boot: (heap) => new FtHeap(heap, 0),
  allocator: (heap, tid) => new FtHeap(heap, tid),
  space: modeSpace(BiasedObjSpace),
  gate: freeGate,
};

const POLICIES: Readonly<Record<ModeName, ModePolicy>> = {
  gil: GIL_MODE,
  nogil: NOGIL_MODE,
  "nogil-atomic": NOGIL_ATOMIC_MODE,
  "free-threaded": FREE_THREADED_MODE,
};

export function policyFor(name: ModeName): ModePolicy {
  return POLICIES[name];
}
