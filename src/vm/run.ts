/**
 * Running a program on one thread, in this JS thread: compile, make a heap, boot, run
 * __main__, print an uncaught exception as CPython does, finalize as CPython's
 * Py_FinalizeEx does for __main__ (so __del__ methods of globals run at exit), and
 * report. The worker-thread runtime builds on the same pieces.
 */
import { compileToRun } from "../compiler/index.js";
import { PySyntaxError } from "../compiler/syntax-error.js";
import { GilsimError } from "../errors.js";
import { checkHeapOf, createHeap, type HeapConfig, ObMalloc } from "../heap/index.js";
import { HDR } from "../heap/layout.js";
import { formatModeState, freeModeState, MODE_ID, policyFor, type ModeName } from "../modes/index.js";
import { THREAD_SLOT_BYTES, THREADS_OFF, TS } from "../heap/layout.js";
import { Gil } from "../gil/gil.js";
import { formatObjects, strToJs } from "../objects/index.js";
import type { ObjSpace } from "../objects/space.js";
import { PyRaise } from "./api.js";
import { bootVm } from "./boot.js";
import type { ThreadHooks } from "./hooks.js";
import { Interp } from "./interp.js";
import { exceptionOnly } from "./traceback.js";
import { finalizeMain, installFinalizer, reportUncaught } from "./lifecycle.js";
import { compileSourceModules } from "./sources.js";
import { serviceGcRequest } from "./modules/gc.js";
import { emptyRaceReport, readRaces, type RaceReport } from "../races/index.js";
import { sleepInRealTime, waitInRealTime } from "../modes/waits.js";

export interface RunOptions {
  readonly filename?: string;
  readonly argv?: readonly string[];
  readonly heap?: Partial<HeapConfig>;
  /** The mode whose allocator and object space the program runs with (default gil). One
   *  thread only: this runner cannot start threads. */
  readonly mode?: ModeName;
  /** Called with stdout text as it is produced (default: collected into the result). */
  readonly onStdout?: (text: string) => void;
  readonly onStderr?: (text: string) => void;
  /** Translation to JavaScript: after this many loop iterations and calls of a code
   *  object (default JIT_DEFAULT; JIT_OFF: never). */
  readonly jit?: number;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  bytecodes: number;
  wallMs: number;
  /** Heap validator problems after the run (empty = healthy). */
  heapProblems: string[];
  refcount: { increfs: number; decrefs: number; deallocs: number };
  /** Objects still allocated after __main__ was finalized, by type name (cycles and
   *  leaks; empty for a program that drops everything). */
  survivors: Record<string, number>;
  heap: { arenas: number; pools: number; blocksInUse: number[]; rawBytes: number };
  /** The race detector's findings (nogil; empty in the other modes). */
  races: RaceReport;
  /** Loops and loop-free code objects translated to JavaScript (jit.ts). */
  translated: number;
}

/** Run `source` to completion. Never throws for a problem in the Python program. */
export function runSource(source: string, opts: RunOptions = {}): RunResult {
  const filename = opts.filename ?? "<string>";
  const t0 = performance.now();
  let stdout = "";
  let stderr = "";
  const out = opts.onStdout ?? ((t: string) => void (stdout += t));
  const err = opts.onStderr ?? ((t: string) => void (stderr += t));
  const result = (exitCode: number, extra: Partial<RunResult> = {}): RunResult => ({
    exitCode, stdout, stderr, bytecodes: 0, wallMs: performance.now() - t0, heapProblems: [],
    refcount: { increfs: 0, decrefs: 0, deallocs: 0 }, survivors: {}, heap: { arenas: 0, pools: 0, blocksInUse: [], rawBytes: 0 },
    races: emptyRaceReport(), translated: 0, ...extra,
  });

  let root;
  try {
    root = compileToRun(source, filename);
  } catch (e) {
    if (e instanceof PySyntaxError) {
      err(e.format());
      return result(1);
    }
    throw e;
  }

  compileSourceModules(root);
  const heap = createHeap(opts.heap);
  const mode = opts.mode ?? "gil";
  heap.i32[HDR.MODE] = MODE_ID[mode];
  const policy = policyFor(mode);
  const bootAlloc = policy.boot?.(heap) ?? new ObMalloc(heap);
  const alloc = bootAlloc; // the run's raw allocator, and what the heap check reads through
  formatObjects(heap, bootAlloc);
  Gil.format(heap);
  formatModeState(heap, alloc.raw);
  // The program runs, and the boot ran, as the mode's thread 0 would.
  const s = policy.space(heap, policy.allocator(heap, 0), 0);
  const globals = bootVm(s, { root, argv: opts.argv ?? [filename], filename });
  const hooks: ThreadHooks = {
    evalBreaker: ((THREADS_OFF + 0 * THREAD_SLOT_BYTES) >> 2) + TS.EVAL_BREAKER,
    handleEvalBreaker: (vm) => {
      serviceGcRequest(vm);
      heap.i32[hooks.evalBreaker] = 0;
      s.handlePending();
    },
    stopTheWorld: () => {}, // one thread: the world is stopped
    startTheWorld: () => {},
    write: out,
    writeErr: err,
    sleep: sleepInRealTime,
    waitUntil: (_kind, attempt, word, busy, ms) => waitInRealTime(heap.i32, attempt, word, busy, ms),
    startThread: () => {
      throw new GilsimError("this in-process runner has one thread; `gilsim run` runs threads on worker threads");
    },
  };
  const vm = new Interp({ heap, s, root, sources: new Map([[filename, source]]), hooks, tid: 0, ...(opts.jit === undefined ? {} : { jit: opts.jit }) });
  installFinalizer(vm, err);
  s.gcEvalBreaker = hooks.evalBreaker;
  s.settleCounts();
  const baseline = { allocs: s.allocsByType.slice(), deallocs: s.deallocsByType.slice() };
  // The summary counts the program's refcount traffic, not the boot's.
  const rc0 = { increfs: s.increfs, decrefs: s.decrefs, deallocs: s.deallocs };

  let exitCode = 0;
  try {
    const r = vm.runBody(0, globals, globals, 0);
    s.decref(r);
  } catch (e) {
    exitCode = reportUncaught(vm, e, err);
  }
  s.atQuiescence(); // the race detector's audit (nogil)
  try {
    finalizeMain(vm, globals);
  } catch (e) {
    if (!(e instanceof PyRaise)) throw e;
    err(`Exception ignored during finalization: ${exceptionOnly(vm, e.exc)}`);
  }
  vm.dispose();
  s.threadExit();
  freeModeState(heap, alloc.raw, (p) => s.alloc.free(p));
  const check = checkHeapOf(alloc)!;
  return result(exitCode, {
    stdout, stderr,
    bytecodes: vm.bytecodes,
    translated: vm.translated,
    heapProblems: check.problems,
    refcount: { increfs: s.increfs - rc0.increfs, decrefs: s.decrefs - rc0.decrefs, deallocs: s.deallocs - rc0.deallocs },
    survivors: survivors(s, baseline),
    races: readRaces(heap, s, () => filename),
    heap: { arenas: check.arenas, pools: check.pools, blocksInUse: check.blocksInUse, rawBytes: alloc.raw.stats().bytesInUse },
  });
}

/** Objects allocated while the program ran and still alive after finalization, by type
 *  name (from the per-type allocation counters). */
function survivors(s: ObjSpace, base: { allocs: Float64Array; deallocs: Float64Array }): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let tid = 0; tid < s.allocsByType.length; tid++) {
    const live = s.allocsByType[tid]! - base.allocs[tid]! - (s.deallocsByType[tid]! - base.deallocs[tid]!);
    // Negative: objects made during boot that the run freed (e.g. a boot-time temporary).
    if (live <= 0) continue;
    const t = s.typeObject(tid);
    let name = `type#${tid}`;
    try {
      if (t !== 0) name = strToJs(s, s.i32[(t >> 2) + 5]!);
    } catch {
      /* a freed class: keep the id */
    }
    counts[name] = (counts[name] ?? 0) + live;
  }
  return counts;
}
