/**
 * Tracing allocations (Modules/_tracemalloc.c: tracemalloc_alloc, tracemalloc_free,
 * tracemalloc_realloc, traceback_get_frames).
 *
 * CPython installs hooks on the PyMem/PyObject allocator domains while tracing; gilsim
 * swaps the allocator an ObjSpace allocates through (`ObjSpace.mem`) for a
 * TracingAllocator, which delegates to the real one and records each block in the shared
 * tables (tracemalloc-table.ts). When tracing is off the object layer calls the real
 * allocator directly: the untraced path pays nothing.
 *
 * Which line made a block: the innermost Python frame's current instruction. The eval loop
 * keeps its instruction pointer in a local and saves it into the frame (F.PC) only before
 * calls and at eval-breaker points; while this thread traces (`Interp.traceLines`), it
 * also saves it at every dispatch, so F.PC is exact when an allocation asks for it (as
 * CPython 3.11's frame->prev_instr is). The traceback walks F.PREV from `Interp.fp`,
 * counting every frame (total_nframe) and keeping the `nframe` most recent.
 *
 * Every thread follows start() and stop() through `syncTracing`, which compares the
 * state's generation with the one the thread last saw. The thread that calls start() or
 * stop() syncs at once; the others are told through their eval breakers (EB.TRACEMALLOC)
 * and sync before they run another bytecode: under the GIL they are not running
 * bytecode when the call is made, and every way back to running bytecode — taking the GIL
 * back after a drop request or after a blocking call — passes an eval-breaker check
 * before it allocates anything a program can see. Without the GIL a running thread may
 * allocate a few blocks untraced before its next check; each table update holds the
 * tables' lock and re-checks that tracing is still on (another thread may have stopped
 * it and freed the tables).
 */
import type { Allocator } from "../../heap/allocator.js";
import { MAX_THREADS } from "../../heap/config.js";
import { EB, HDR, THREAD_SLOT_BYTES, THREADS_OFF, TS, ThreadSlotState } from "../../heap/layout.js";
import type { Interp } from "../interp.js";
import { F } from "../layout.js";
import { MAX_NFRAME, TraceTable } from "./tracemalloc-table.js";

/** The code index tracebacks use for "no Python frame" (tracemalloc_empty_traceback:
 *  `<unknown>`, line 0). */
export const UNKNOWN_CODE = -1;

export class TracingAllocator implements Allocator {
  private readonly frames: Int32Array;

  constructor(readonly inner: Allocator, readonly table: TraceTable, private readonly vm: Interp) {
    this.frames = new Int32Array(2 * table.nframe);
  }

  malloc(nbytes: number): number {
    const p = this.inner.malloc(nbytes);
    const table = this.table;
    if (!table.tracing) return p;
    table.lock();
    try {
      // Again under the lock: without the GIL another thread may have stopped tracing
      // (and freed the tables) since the check above.
      if (table.tracing) table.add(p, nbytes, this.traceback());
    } catch (e) {
      this.inner.free(p); // as CPython's tracemalloc_alloc: no trace, no block
      throw e;
    } finally {
      table.unlock();
    }
    return p;
  }

  free(ptr: number): void {
    const table = this.table;
    if (ptr !== 0 && table.tracing) {
      table.lock();
      try {
        if (table.tracing) table.remove(ptr);
      } finally {
        table.unlock();
      }
    }
    this.inner.free(ptr);
  }

  realloc(ptr: number, nbytes: number): number {
    const table = this.table;
    if (!table.tracing) return this.inner.realloc(ptr, nbytes);
    table.lock();
    try {
      if (!table.tracing) return this.inner.realloc(ptr, nbytes);
      // The traceback first and room for the trace: once the block has moved, the only
      // failure left would lose the trace (CPython's tracemalloc_realloc aborts there).
      const tb = this.traceback();
      table.reserve();
      const q = this.inner.realloc(ptr, nbytes);
      if (q !== ptr && ptr !== 0) table.remove(ptr);
      table.add(q, nbytes, tb);
      return q;
    } finally {
      table.unlock();
    }
  }

  usableSize(ptr: number): number {
    return this.inner.usableSize(ptr);
  }

  /** traceback_new: the interned traceback of the current Python stack. */
  private traceback(): number {
    const vm = this.vm;
    const i32 = vm.i32;
    const frames = this.frames;
    const max = frames.length >> 1;
    let n = 0;
    let total = 0;
    for (let f = vm.fp; f !== 0; f = i32[f + F.PREV]!) {
      if (n < max) {
        const ci = i32[f + F.CODE]!;
        const pc = i32[f + F.PC]!;
        const code = vm.codes[ci]!;
        // F.PC is the next instruction; before the first, CPython reports co_firstlineno.
        const line = pc > 0 ? code.lines[pc - 1]! : code.co.firstlineno;
        frames[2 * n] = ci;
        frames[2 * n + 1] = line < 0 ? 0 : line;
        n++;
      }
      if (total < MAX_NFRAME) total++;
    }
    if (n === 0) {
      frames[0] = UNKNOWN_CODE;
      frames[1] = 0;
      n = total = 1;
    }
    return this.table.internTraceback(frames, n, total);
  }
}

/** What a thread last saw of the tracing state. */
const seen = new WeakMap<Interp, number>();

/** Bring this thread's allocator and its eval loop's line saving in line with the
 *  tracing state (start / stop in any thread). Cheap when nothing changed. */
export function syncTracing(vm: Interp): void {
  const heap = vm.s.heap;
  if (Atomics.load(heap.i32, HDR.TRACEMALLOC) === 0) return;
  const table = TraceTable.find(heap)!;
  const gen = table.gen;
  if (seen.get(vm) === gen) return;
  seen.set(vm, gen);
  const s = vm.s;
  const current = s.mem;
  const inner = current instanceof TracingAllocator ? current.inner : current;
  if (table.tracing) {
    s.mem = new TracingAllocator(inner, table, vm);
    vm.traceLines = true;
  } else {
    s.mem = inner;
    vm.traceLines = false;
  }
}

/** After start() or stop(): sync this thread now and ask every other running thread to
 *  sync at its next eval-breaker check. */
export function announceTracing(vm: Interp): void {
  syncTracing(vm);
  const i32 = vm.i32;
  for (let tid = 0; tid < MAX_THREADS; tid++) {
    if (tid === vm.tid) continue;
    const w = (THREADS_OFF + tid * THREAD_SLOT_BYTES) >> 2;
    if (Atomics.load(i32, w + TS.STATE) === ThreadSlotState.RUNNING) Atomics.or(i32, w + TS.EVAL_BREAKER, EB.TRACEMALLOC);
  }
}
