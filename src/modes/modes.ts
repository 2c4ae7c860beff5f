/**
 * The four modes. Each is a policy object (src/modes/policy.ts); `policyFor` is the one
 * place a mode name becomes behaviour.
 */
import { Gil } from "../gil/gil.js";
import type { Allocator } from "../heap/allocator.js";
import type { Heap } from "../heap/heap.js";
import { ObMalloc } from "../heap/obmalloc.js";
import { ObjSpace } from "../objects/space.js";
import { FreeGate } from "./freegate.js";
import type { ModeName, ModePolicy, RunGate } from "./policy.js";

const pymalloc = (heap: Heap): Allocator => new ObMalloc(heap);
const plainSpace = (heap: Heap, alloc: Allocator): ObjSpace => ObjSpace.attach(heap, alloc);
const gilGate = (heap: Heap, tid: number): RunGate => new Gil(heap, tid);
const freeGate = (heap: Heap, tid: number): RunGate => new FreeGate(heap, tid);

export const GIL_MODE: ModePolicy = {
  name: "gil",
  summary: "CPython 3.12 with the GIL",
  usesGil: true,
  banner: null,
  allocator: pymalloc,
  space: plainSpace,
  gate: gilGate,
};

export const NOGIL_MODE: ModePolicy = {
  name: "nogil",
  summary: "the GIL removed and nothing else: refcounts, pymalloc and containers race",
  usesGil: false,
  banner:
    "gilsim: --mode nogil is a counterfactual: CPython never shipped a build without the GIL on pymalloc " +
    "(free-threaded CPython requires mimalloc, biased refcounts and per-object locks). Expect races.\n",
  allocator: pymalloc,
  space: plainSpace,
  gate: freeGate,
};

export const NOGIL_ATOMIC_MODE: ModePolicy = {
  name: "nogil-atomic",
  summary: "the naive repair (Gilectomy): atomic refcounts, one allocator lock, a lock per container",
  usesGil: false,
  banner: null,
  allocator: pymalloc, // TODO(modes): one lock around the allocator
  space: plainSpace, // TODO(modes): atomic refcounts, per-container locks
  gate: freeGate,
};

export const FREE_THREADED_MODE: ModePolicy = {
  name: "free-threaded",
  summary: "PEP 703 as CPython 3.13t: biased refcounts, immortal objects, per-thread heaps, per-object locks",
  usesGil: false,
  banner: null,
  allocator: pymalloc, // TODO(modes): per-thread heaps
  space: plainSpace, // TODO(modes): biased refcounts, immortalization, critical sections
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
