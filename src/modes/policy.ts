/**
 * A mode is one policy object, chosen once per thread at start-up: which allocator the
 * thread uses, which refcount and container-locking rules its objects follow (an ObjSpace
 * subclass), and what it must hold to run bytecode. Nothing else in gilsim tests the mode.
 *
 *   mode            gate (to run bytecode)   refcounts              allocator           containers
 *   gil             the GIL (ceval_gil.c)    plain read-modify-write pymalloc           plain
 *   nogil           nothing                  plain (they race)       pymalloc (races)   plain (race)
 *   nogil-atomic    nothing                  atomic add              pymalloc, one lock per-object lock
 *   free-threaded   nothing                  biased (PEP 703)        per-thread heaps   per-object lock
 *
 * The gate is CPython 3.13's _PyThreadState_Attach / _PyThreadState_Detach: with the GIL
 * enabled attaching takes it; without, attaching only marks the thread as running
 * bytecode (which is what a stop-the-world request waits for).
 */
import type { DropReason } from "../gil/gil.js";
import type { Allocator } from "../heap/allocator.js";
import type { Heap } from "../heap/heap.js";
import type { RawMalloc } from "../heap/raw.js";
import type { ObjSpace } from "../objects/space.js";
import type { WaitKind } from "../sched/types.js";
import type { TraceRing } from "../trace/ring.js";

export const MODES = ["gil", "nogil", "nogil-atomic", "free-threaded"] as const;
export type ModeName = (typeof MODES)[number];

/** The mode's number in the heap header (HDR.MODE). */
export const MODE_ID: Readonly<Record<ModeName, number>> = { gil: 0, nogil: 1, "nogil-atomic": 2, "free-threaded": 3 };

export function isModeName(s: string): s is ModeName {
  return (MODES as readonly string[]).includes(s);
}

/** What a thread holds while it runs bytecode (the GIL, or nothing but a mark). */
export interface RunGate {
  /** Word index (heap Int32Array) of the thread's eval breaker. */
  readonly evalBreaker: number;
  /** The thread's timeline ring. */
  readonly trace: TraceRing;
  /** Attach: returns when the thread may run bytecode. */
  take(): void;
  /** Detach (before blocking, at exit, or on a drop request). */
  drop(reason: DropReason): void;
  /** The gate's part of _Py_HandlePending: give the others their turn if asked, park
   *  while another thread has the world stopped. */
  yieldOnRequest(): void;
  /** A blocking call, made with the gate dropped: `attempt()` until it succeeds (true) or
   *  `ms` pass (-1: for ever; false), waiting while heap word `word` reads `busy`.
   *  `attempt` must not touch Python objects. */
  waitUntil(kind: WaitKind, attempt: () => boolean, word: number, busy: number, ms: number): boolean;
  /** time.sleep, made with the gate dropped. */
  sleep(ms: number): void;
  /** Detach for good at the thread's end, and `finish()` (mark the slot finished: its
   *  joiners wake, the slot may be reused) once nothing of the thread's is used again. */
  exit(finish: () => void): void;
  /** _PyEval_StopTheWorld: returns once no other thread runs bytecode (with the GIL:
   *  nothing to do, holding it is enough). The caller runs bytecode (is attached). */
  stopTheWorld(): void;
  /** _PyEval_StartTheWorld. */
  startTheWorld(): void;
}

/** The allocator the main JS thread boots a program with: also the run's raw allocator
 *  (trace rings, start table) and the one the heap check and statistics are read through. */
export type BootAllocator = Allocator & { readonly raw: RawMalloc };

export interface ModePolicy {
  readonly name: ModeName;
  /** One line for --help and the run summary. */
  readonly summary: string;
  /** Whether running bytecode needs the GIL. */
  readonly usesGil: boolean;
  /** Refcount and allocator updates are plain loads and stores that threads running at
   *  once interleave (nogil): a `--schedule` run switches inside them too. */
  readonly splitUpdates: boolean;
  /** Printed on stderr when a run starts in this mode, or null. */
  readonly banner: string | null;
  /** If present: formats what the mode keeps in a new heap and returns the allocator the
   *  main thread boots the program with (default: a plain ObMalloc). */
  boot?(heap: Heap): BootAllocator;
  /** The allocator thread `tid` uses (tid 0 is also the booting main JS thread). */
  allocator(heap: Heap, tid: number): Allocator;
  /** Thread `tid`'s object space: its refcount and container-locking policy. */
  space(heap: Heap, alloc: Allocator, tid: number): ObjSpace;
  /** What thread `tid` holds to run bytecode. */
  gate(heap: Heap, tid: number): RunGate;
}
