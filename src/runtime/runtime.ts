/**
 * Running a program on worker threads: the Node main thread only orchestrates. It makes
 * and boots the heap, starts a piscina pool, runs the Python main thread as one task,
 * starts a task for every Python thread a running thread asks for, and at the end
 * gathers the statistics.
 *
 *   main thread ──createHeap/boot──► SAB ◄── worker k: Interp + GIL over the same SAB
 *        │ pool.run(main)                         │ _thread.start_new_thread
 *        │◄─ START_SEQ (Atomics.waitAsync) ───────┘ (request published in the heap)
 *        │ pool.run(thread tid)
 */
import { gcSummary, type GcSummary } from "../gc/stats.js";
import { serialize } from "node:v8";
import { isatty } from "node:tty";
import type { Piscina } from "piscina";
import { startPool } from "./pool.js";
import { workersFor } from "../runargs.js";
import { compileToRun, PySyntaxError, type CodeObject } from "../compiler/index.js";
import { MAX_THREADS } from "../heap/config.js";
import { checkHeapOf, createHeap, type HeapConfig, ObMalloc } from "../heap/index.js";
import { GIL, HDR, OUT, RT, START_ENTRY, START_ENTRY_WORDS, THREAD_SLOT_BYTES, THREADS_OFF, TS, ThreadSlotState } from "../heap/layout.js";
import { HeapCorruption } from "../errors.js";
import { Gil, gilThreadStats, type GilThreadStats } from "../gil/gil.js";
import { formatObjects } from "../objects/index.js";
import { bootVm } from "../vm/boot.js";
import { compileSourceModules } from "../vm/sources.js";
import { allocTraceRings, freeTraceRings, handoffGapsUs, median, readTimeline, threadStartLatenciesUs, type Timeline } from "../trace/index.js";
import { formatModeState, freeModeState, MODE_ID, policyFor, type ModeName } from "../modes/index.js";
import { flattenCode } from "../vm/code.js";
import { JIT_DEFAULT } from "../vm/jit.js";
import {
  DEFAULT_WATCHDOG, emptyRaceReport, EXIT_HANG, EXIT_RACES, EXIT_SEGFAULT, freeRaces, RaceKind, RaceLog, readRaces,
  Watchdog, type HangReason, type RaceReport, type WatchdogLimits,
} from "../races/index.js";
import { fdSink, SharedOutput } from "./output.js";
import { Scheduler, type ScheduleStats } from "../sched/index.js";
import type { SharedCode, ThreadReport, ThreadTask } from "./thread.js";

export interface ProgramOptions {
  readonly source: string;
  readonly filename: string;
  readonly argv: readonly string[];
  /** The mode (default gil). */
  readonly mode?: ModeName;
  readonly heap?: Partial<HeapConfig>;
  /** Switch interval. µs. */
  readonly switchIntervalUs?: number;
  /** Keep the decoded timeline in the result (for --trace). */
  readonly timeline?: boolean;
  /** --schedule SEED: one thread runs at a time, and a scheduler seeded with this
   *  (0 ≤ seed < 2^32) picks the interleaving (src/sched/). */
  readonly schedule?: number;
  /** Limits of the watchdog that ends a hung run (modes with the race detector). */
  readonly watchdog?: WatchdogLimits;
  /** Translate a code object to JavaScript after this many loop iterations and calls
   *  (default JIT_DEFAULT; JIT_OFF: never). */
  readonly jit?: number;
}

export interface ThreadSummary extends ThreadReport {
  readonly gil: GilThreadStats;
}

export interface ProgramResult {
  exitCode: number;
  wallMs: number;
  bytecodes: number;
  threads: ThreadSummary[];
  gil: {
    switches: number; intervalUs: number; violations: number;
    /** Median µs from a drop on request to another thread's take (the timeline's hand-offs), if any. */
    handoffGapUs: number | null;
  } & GilThreadStats;
  refcount: { increfs: number; decrefs: number; deallocs: number };
  /** The mode's own counters (ObjSpace.modeCounters) summed over the threads: atomic
   *  refcount operations, BRC queueing and merges, container lock contention. */
  modeCounters: Record<string, number>;
  heap: { arenas: number; pools: number; blocksInUse: number[]; rawBytes: number; problems: string[] };
  /** Median time from _thread.start_new_thread to the new thread's first bytecode (ms), if any started. */
  threadStartMs: number | null;
  /** Python threads that ran, the main one included (`threads` holds per-slot statistics:
   *  a slot is reused once its thread has finished). */
  pythonThreads: number;
  /** The run's timeline, when ProgramOptions.timeline asked for it. */
  timeline: Timeline | null;
  /** A scheduled run's seed, switches and switch points (null when not scheduled). */
  schedule: ScheduleStats | null;
  /** The cyclic GC's statistics (shared by every thread), null if the run did not start. */
  gc: GcSummary | null;
  /** The race detector's findings (all zero in a mode without it). */
  races: RaceReport;
  /** Set when the watchdog ended the run. */
  hang: HangReason | null;
  /** Translation to JavaScript: the threshold, and the loops and loop-free code objects translated. */
  jit: { threshold: number; translated: number };
}

/** Run a program: returns once its main thread (and every non-daemon thread) is done.
 *  A syntax error is printed and gives exit code 1, as with CPython. */
export async function runProgram(o: ProgramOptions, stderr: (t: string) => void, pool: Piscina = startPool(workersFor(o.source))): Promise<ProgramResult> {
  const t0 = performance.now();
  let root;
  try {
    root = compileToRun(o.source, o.filename);
  } catch (e) {
    if (!(e instanceof PySyntaxError)) throw e;
    stderr(e.format());
    await pool.destroy();
    return emptyResult(1, performance.now() - t0, o.jit ?? JIT_DEFAULT);
  }
  const code = shareCode(root, compileSourceModules(root));
  const heap = createHeap(o.heap);
  const mode = o.mode ?? "gil";
  const policy = policyFor(mode);
  const alloc = policy.boot?.(heap) ?? new ObMalloc(heap);
  formatObjects(heap, alloc);
  Gil.format(heap, o.switchIntervalUs);
  SharedOutput.format(heap);
  formatModeState(heap, alloc.raw);
  const i32 = heap.i32;
  i32[HDR.MODE] = MODE_ID[mode];
  // The boot runs as the main Python thread (thread 0) of the mode: in free-threaded, the
  // objects it makes are the main thread's, as CPython's main thread makes them.
  const bootSpace = policy.space(heap, alloc, 0);
  bootVm(bootSpace, { root, argv: o.argv, filename: o.filename });
  allocTraceRings(heap, alloc.raw);
  if (o.schedule !== undefined) Scheduler.format(heap, alloc.raw, o.schedule);
  // The main Python thread is thread 0.
  i32[RT.NEXT_THREAD_ID] = 1;
  i32[RT.LIVE_THREADS] = 1;
  i32[((THREADS_OFF >> 2)) + TS.STATE] = ThreadSlotState.RUNNING;

  const startTable = alloc.raw.malloc(MAX_THREADS * START_ENTRY_WORDS * 4);
  heap.u8.fill(0, startTable, startTable + MAX_THREADS * START_ENTRY_WORDS * 4);
  i32[RT.START_TABLE] = startTable;
  i32[RT.START_SEQ] = 0;
  i32[(startTable >> 2) + START_ENTRY.IDENT] = 1; // the main thread's ident
  i32[RT.NEXT_IDENT] = 2;

  const stdoutTty = isatty(1);
  const running = new Map<number, Promise<ThreadReport>>();
  const start = (kind: "main" | "thread", tid: number, callable: number, args: number): Promise<ThreadReport> => {
    const task: ThreadTask = {
      sab: heap.sab, source: o.source, filename: o.filename, tid, kind, callable, args, code, mode, schedule: o.schedule !== undefined,
      jit: o.jit ?? JIT_DEFAULT, stdoutTty,
    };
    return pool.run(task) as Promise<ThreadReport>;
  };
  // Start requests: threads publish them in the heap (thread.ts: startThread); this loop
  // waits on START_SEQ without blocking the event loop and starts them in thread-id order.
  // When the main thread is done, `stopWatching` ends the wait at once: the notify's wake-up
  // of an Atomics.waitAsync on this thread came 8-11 ms later (dict_count's end).
  let mainDone = false;
  let stopWatching = (): void => {};
  const stopped = new Promise<void>((resolve) => (stopWatching = resolve));
  const watchStarts = async (): Promise<void> => {
    while (!mainDone) {
      const seq = Atomics.load(i32, RT.START_SEQ);
      for (let tid = 1; tid < MAX_THREADS; tid++) {
        const e = (startTable >> 2) + tid * START_ENTRY_WORDS;
        if (Atomics.load(i32, e + START_ENTRY.PUBLISHED) !== 1) continue;
        Atomics.store(i32, e + START_ENTRY.PUBLISHED, 0);
        const p = start("thread", tid, i32[e + START_ENTRY.CALLABLE]!, i32[e + START_ENTRY.ARGS]!);
        p.catch(() => {}); // a daemon thread still running at exit is terminated: not an error
        running.set(tid, p);
      }
      const w = Atomics.waitAsync(i32, RT.START_SEQ, seq);
      if (w.async) await Promise.race([w.value, stopped]);
    }
  };
  const watcher = watchStarts();

  let mainReport: ThreadReport;
  // With the race detector, a watchdog ends a run whose threads stop making progress.
  const watchdog = i32[HDR.RACES] !== 0 ? new Watchdog(heap, o.watchdog ?? DEFAULT_WATCHDOG) : null;
  let hang: HangReason | null = null;
  let crashed = false; // a thread stopped on a simulated segmentation fault, which ended the run
  try {
    const main = start("main", 0, 0, 0);
    if (watchdog === null) mainReport = await main;
    else {
      main.catch(() => {}); // a hung run's task is rejected when the pool is destroyed
      const r = await Promise.race([main, watchdog.fired]);
      if (typeof r === "string") {
        if (r === "crash") crashed = true;
        else {
          hang = r;
          new RaceLog(heap, -1).record(RaceKind.hang, 0, 0);
        }
        await pool.destroy(); // terminates every worker, even one spinning in a JS loop
        mainReport = { tid: 0, exitCode: hang !== null ? EXIT_HANG : EXIT_SEGFAULT, bytecodes: 0, increfs: 0, decrefs: 0, deallocs: 0, name: "MainThread", mode: {}, translated: 0 };
      } else mainReport = r;
    }
  } catch (e) {
    void pool.destroy();
    throw e;
  } finally {
    watchdog?.stop();
    mainDone = true;
    stopWatching();
    Atomics.add(i32, RT.START_SEQ, 1);
    Atomics.notify(i32, RT.START_SEQ);
    await watcher;
  }
  // The main thread has waited for every non-daemon thread; daemon threads still
  // running are stopped with the pool, as CPython drops them at exit. Nothing waits
  // for the workers to wind down.
  const reports = new Map<number, ThreadReport>([[0, mainReport]]);
  for (const [tid, p] of running) {
    if (hang !== null || crashed) break;
    if (Atomics.load(i32, (THREADS_OFF >> 2) + tid * (THREAD_SLOT_BYTES >> 2) + TS.STATE) !== ThreadSlotState.FINISHED) continue;
    const r = await p.catch(() => null);
    if (r !== null) reports.set(tid, r);
  }
  void pool.destroy();
  // After a crash or a hang the workers were terminated, maybe one inside a print: the
  // stdout lock is released for them (nothing else runs now).
  if (hang !== null || crashed) Atomics.store(i32, OUT.LOCK, 0);
  new SharedOutput(heap, fdSink(1), stdoutTty).flush();

  const nthreads = Math.min(i32[RT.NEXT_THREAD_ID]!, MAX_THREADS);
  const threads: ThreadSummary[] = [];
  for (let tid = 0; tid < nthreads; tid++) {
    const r = reports.get(tid) ?? { tid, exitCode: 0, bytecodes: 0, increfs: 0, decrefs: 0, deallocs: 0, name: null, mode: {}, translated: 0 };
    threads.push({ ...r, gil: gilThreadStats(heap, tid) });
  }
  const sum = (f: (t: ThreadSummary) => number): number => threads.reduce((a, t) => a + f(t), 0);
  const timeline = readTimeline(heap, nthreads, (tid) => reports.get(tid)?.name ?? (tid === 0 ? "MainThread" : `Thread ${tid}`));
  const startMs = median(threadStartLatenciesUs(heap, nthreads));
  const codes = flattenCode(root);
  const races = readRaces(heap, bootSpace, (i) => codes[i]?.filename ?? null);
  // The rings and the detector's block go before the heap is checked: the statistics are the program's.
  const schedule = Scheduler.stats(heap);
  const cleanupProblems: string[] = [];
  try {
    Scheduler.release(heap, alloc.raw);
    freeRaces(heap, alloc.raw);
    freeTraceRings(heap, alloc.raw);
    alloc.raw.free(startTable);
    freeModeState(heap, alloc.raw, (p) => bootSpace.alloc.free(p));
  } catch (e) {
    // The racing threads of nogil corrupted the raw allocator: leave the blocks, say so.
    if (!(e instanceof HeapCorruption)) throw e;
    cleanupProblems.push(e.message);
  }
  const check = checkHeapOf(alloc)!;
  let rawBytes = -1;
  try {
    rawBytes = alloc.raw.stats().bytesInUse;
  } catch (e) {
    if (!(e instanceof HeapCorruption)) throw e;
    cleanupProblems.push(e.message);
  }
  return {
    exitCode: runExitCode(mainReport.exitCode, hang !== null, crashed || races.crashedThread !== null || threads.some((t) => t.exitCode === EXIT_SEGFAULT), races.total),
    wallMs: performance.now() - t0,
    bytecodes: sum((t) => t.bytecodes),
    threads,
    gil: {
      switches: i32[GIL.SWITCH_NUMBER]!,
      intervalUs: i32[GIL.INTERVAL_US]!,
      violations: i32[RT.GIL_VIOLATIONS]!,
      handoffGapUs: median(handoffGapsUs(timeline)),
      acquisitions: sum((t) => t.gil.acquisitions),
      waitUs: sum((t) => t.gil.waitUs),
      holdUs: sum((t) => t.gil.holdUs),
      dropRequestsMade: sum((t) => t.gil.dropRequestsMade),
      dropRequestsReceived: sum((t) => t.gil.dropRequestsReceived),
      forcedSwitches: sum((t) => t.gil.forcedSwitches),
    },
    refcount: { increfs: sum((t) => t.increfs), decrefs: sum((t) => t.decrefs), deallocs: sum((t) => t.deallocs) },
    modeCounters: sumCounters(threads.map((t) => t.mode)),
    heap: { arenas: check.arenas, pools: check.pools, blocksInUse: check.blocksInUse, rawBytes, problems: [...cleanupProblems, ...check.problems] },
    threadStartMs: startMs === null ? null : startMs / 1000,
    pythonThreads: i32[RT.NEXT_IDENT]! - 1,
    timeline: o.timeline ? timeline : null,
    jit: { threshold: o.jit ?? JIT_DEFAULT, translated: sum((t) => t.translated) },
    schedule,
    gc: gcSummary(i32),
    races,
    hang,
  };
}

/** The run's exit status: the watchdog's, a crash's, the race detector's, else the program's. */
function runExitCode(program: number, hung: boolean, crashed: boolean, findings: number): number {
  if (hung) return EXIT_HANG;
  if (crashed) return EXIT_SEGFAULT;
  if (findings > 0) return EXIT_RACES;
  return program;
}

/** Serialize the compiled code once into shared memory: every thread's task refers to it
 *  instead of structured-cloning the code objects (about 2 ms a thread start). */
function shareCode(root: CodeObject, sourceModules: readonly [string, CodeObject][]): SharedCode {
  const data = serialize({ root, sourceModules });
  const bytes = new SharedArrayBuffer(data.length);
  new Uint8Array(bytes).set(data);
  return { runId: crypto.randomUUID(), bytes };
}

function sumCounters(all: readonly Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of all) for (const [k, v] of Object.entries(c)) out[k] = (out[k] ?? 0) + v;
  return out;
}

function emptyResult(exitCode: number, wallMs: number, jitThreshold: number): ProgramResult {
  const zero: GilThreadStats = { acquisitions: 0, waitUs: 0, holdUs: 0, dropRequestsMade: 0, dropRequestsReceived: 0, forcedSwitches: 0 };
  return {
    exitCode, wallMs, bytecodes: 0, threads: [], gil: { switches: 0, intervalUs: 0, violations: 0, handoffGapUs: null, ...zero },
    refcount: { increfs: 0, decrefs: 0, deallocs: 0 }, modeCounters: {},
    heap: { arenas: 0, pools: 0, blocksInUse: [], rawBytes: 0, problems: [] }, threadStartMs: null, timeline: null, pythonThreads: 0, gc: null,
    schedule: null, races: emptyRaceReport(), hang: null, jit: { threshold: jitThreshold, translated: 0 },
  };
}

