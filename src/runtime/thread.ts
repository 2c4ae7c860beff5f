/**
 * One simulated Python thread, run inside a piscina worker: attach the shared heap, take
 * the GIL, run the main module or a thread's callable, give the GIL back, report.
 *
 * Everything the thread needs that is not Python objects comes through its hooks: the
 * GIL (drop/take around blocking calls, yield on a drop request), the shared stdout,
 * and the channel to the main thread for starting new threads.
 */
import { deserialize } from "node:v8";
import type { CodeObject } from "../compiler/code.js";
import { MAX_THREADS } from "../heap/config.js";
import { Heap } from "../heap/heap.js";
import { RT, START_ENTRY, START_ENTRY_WORDS, THREAD_SLOT_BYTES, THREADS_OFF, TS, TS_F64, ThreadSlotState } from "../heap/layout.js";
import { dictGetItemStr, strIntern, tupleGet, tupleLen } from "../objects/index.js";
import { policyFor, type ModeName } from "../modes/index.js";
import { PyRaise } from "../vm/api.js";
import { VMG } from "../vm/globals.js";
import type { ThreadHooks } from "../vm/hooks.js";
import { Interp } from "../vm/interp.js";
import { MODULE } from "../vm/layout.js";
import { finalizeMain, installFinalizer, reportUncaught } from "../vm/lifecycle.js";
import { setSourceModuleCode } from "../vm/code.js";
import "../vm/library.js";
import { formatException } from "../vm/traceback.js";
import { serviceGcRequest } from "../vm/modules/gc.js";
import { fdSink, SharedOutput } from "./output.js";
import { GilsimError } from "../errors.js";
import { BLOCK_CODE, TraceKind } from "../trace/events.js";
import { attachLocator, EXIT_SEGFAULT } from "../races/index.js";
import { EXIT_DEADLOCK, ScheduleDeadlock, withSchedule } from "../sched/index.js";

export interface ThreadTask {
  readonly sab: SharedArrayBuffer;
  readonly source: string;
  readonly filename: string;
  readonly tid: number;
  readonly kind: "main" | "thread";
  readonly mode: ModeName;
  /** The run is scheduled (--schedule: the seed and the scheduler's state are in the heap). */
  readonly schedule: boolean;
  /** The program's code and the source modules', compiled once by the main thread and
   *  serialized once into shared memory (runtime.ts: shareCode); a worker decodes them once a run. */
  readonly code: SharedCode;
  /** For a thread: the callable and the args tuple (references the thread now owns). */
  readonly callable: number;
  readonly args: number;
  /** Interp's jit threshold (InterpOptions.jit). */
  readonly jit: number;
  /** stdout is a terminal (the main thread asks: a worker would load node:tty, and what
   *  it loads, on its way to running the program). */
  readonly stdoutTty: boolean;
}

export interface ThreadReport {
  readonly tid: number;
  readonly exitCode: number;
  readonly bytecodes: number;
  readonly increfs: number;
  readonly decrefs: number;
  readonly deallocs: number;
  /** The Python thread's name (threading.Thread.name, "MainThread"), null if not known. */
  readonly name: string | null;
  /** The mode's own counters (ObjSpace.modeCounters: atomic ops, BRC merges, lock contention). */
  readonly mode: Record<string, number>;
  /** Loops and loop-free code objects this thread translated to JavaScript. */
  readonly translated: number;
}

/** Compiled code, shared by every task of a run without copying: each task would
 *  otherwise structured-clone the code objects on both sides (about 2 ms a thread start). */
export interface SharedCode {
  readonly runId: string;
  readonly bytes: SharedArrayBuffer;
}

/** The code of the run this worker last served: a warm worker skips the decoding. */
let loaded: { runId: string; root: CodeObject } | null = null;

function loadCode(code: SharedCode): CodeObject {
  if (loaded?.runId === code.runId) return loaded.root;
  const { root, sourceModules } = deserialize(new Uint8Array(code.bytes)) as { root: CodeObject; sourceModules: [string, CodeObject][] };
  for (const [name, c] of sourceModules) setSourceModuleCode(name, c);
  loaded = { runId: code.runId, root };
  return root;
}

const slot = (tid: number): number => (THREADS_OFF + tid * THREAD_SLOT_BYTES) >> 2;
const slotF64 = (tid: number): number => (THREADS_OFF + tid * THREAD_SLOT_BYTES) >> 3;

/** Give the heap slot of a new thread; the caller posts its start request. */
/** A slot for a new thread: the first one never used or whose thread has finished (a
 *  program may start any number of threads, at most MAX_THREADS at once). Its statistics
 *  and timeline keep accumulating across the threads that use it. Gives it a new ident. */
export function claimThreadSlot(i32: Int32Array): number {
  for (let tid = 1; tid < MAX_THREADS; tid++) {
    const w = slot(tid) + TS.STATE;
    if (Atomics.compareExchange(i32, w, ThreadSlotState.FREE, ThreadSlotState.RUNNING) !== ThreadSlotState.FREE &&
        Atomics.compareExchange(i32, w, ThreadSlotState.FINISHED, ThreadSlotState.RUNNING) !== ThreadSlotState.FINISHED) continue;
    Atomics.store(i32, slot(tid) + TS.EVAL_BREAKER, 0);
    const e = (i32[RT.START_TABLE]! >> 2) + tid * START_ENTRY_WORDS;
    Atomics.store(i32, e + START_ENTRY.IDENT, Atomics.add(i32, RT.NEXT_IDENT, 1));
    for (let n = Atomics.load(i32, RT.NEXT_THREAD_ID); n < tid + 1; n = Atomics.load(i32, RT.NEXT_THREAD_ID)) {
      Atomics.compareExchange(i32, RT.NEXT_THREAD_ID, n, tid + 1);
    }
    Atomics.add(i32, RT.LIVE_THREADS, 1);
    return tid;
  }
  throw new GilsimError(`gilsim runs at most ${MAX_THREADS} Python threads at once`);
}

/**
 * The last finished thread's machinery, kept alive until this worker's next thread
 * finishes. V8's optimized code holds the maps (hidden classes) and objects it was
 * specialized on weakly, and a map is held only weakly by its parent's transitions. So
 * once every interpreter, object space, allocator and gate a worker had made was dead,
 * the next GC threw away every optimized function specialized on them, the eval loop
 * among them ("weak objects" in --trace-deopt: 156 in a run of 12 thread pairs before
 * this, 43 after, nearly all in the parser and compiler on the main JS thread). The worker then
 * ran its next thread in V8's lower tiers and recompiled the loop (40-150 ms of a core)
 * while the other threads ran: one of two "parallel" threads took 0.6-0.7 s where the
 * other took 0.46. Holding one thread's objects keeps the maps the next thread shares.
 */
const lastThread: { machinery: object | null } = { machinery: null };

export default function runThread(task: ThreadTask): ThreadReport {
  const heap = Heap.attach(task.sab);
  // The one place a scheduled run differs: the policy's gate becomes the scheduler's baton.
  const policy = task.schedule ? withSchedule(policyFor(task.mode)) : policyFor(task.mode);
  const alloc = policy.allocator(heap, task.tid);
  const s = policy.space(heap, alloc, task.tid);
  const root = loadCode(task.code);
  const gil = policy.gate(heap, task.tid);
  const trace = gil.trace;
  trace.record(TraceKind.THREAD_START, performance.now());
  const out = new SharedOutput(heap, fdSink(1), task.stdoutTty);
  const errSink = fdSink(2);
  const writeErr = (text: string): void => {
    out.flush(); // what was printed before the error shows before it, as with CPython's unbuffered stderr
    errSink(Buffer.from(text, "utf8")); // a closed stderr drops it (fdSink), as stdout
  };
  // The GIL's invariant, checked at every hand-over: RT.IN_BYTECODE counts the threads
  // running bytecode; a thread that finds it nonzero after taking the GIL records a
  // violation (RT.GIL_VIOLATIONS), which the run summary reports (0 under the GIL).
  const i32 = heap.i32;
  const take = (): void => {
    gil.take();
    if (Atomics.add(i32, RT.IN_BYTECODE, 1) !== 0) Atomics.add(i32, RT.GIL_VIOLATIONS, 1);
  };
  const drop = (reason: "blocking"): void => {
    Atomics.sub(i32, RT.IN_BYTECODE, 1);
    gil.drop(reason);
  };
  const hooks: ThreadHooks = {
    evalBreaker: gil.evalBreaker,
    handleEvalBreaker: (vm) => {
      serviceGcRequest(vm);
      Atomics.sub(i32, RT.IN_BYTECODE, 1);
      s.handlePending();
      gil.yieldOnRequest();
      if (Atomics.add(i32, RT.IN_BYTECODE, 1) !== 0) Atomics.add(i32, RT.GIL_VIOLATIONS, 1);
    },
    // Under the GIL no other thread runs bytecode while this one holds it: nothing to stop.
    // A gate without the GIL stops the others itself (RunGate.stopTheWorld).
    stopTheWorld: () => gil.stopTheWorld(),
    startTheWorld: () => gil.startTheWorld(),
    onGcCollection: (generation, _collected, startMs, endMs) => {
      trace.record(TraceKind.GC_BEGIN, startMs, generation);
      trace.record(TraceKind.GC_END, endMs, generation);
    },
    write: (text) => out.write(text),
    writeErr,
    sleep: (ms) => {
      drop("blocking");
      trace.record(TraceKind.BLOCK_BEGIN, performance.now(), BLOCK_CODE.sleep);
      try {
        gil.sleep(ms);
      } finally {
        trace.record(TraceKind.BLOCK_END, performance.now());
        take();
      }
    },
    waitUntil: (kind, attempt, word, busy, ms) => {
      drop("blocking");
      trace.record(TraceKind.BLOCK_BEGIN, performance.now(), BLOCK_CODE.wait);
      try {
        return gil.waitUntil(kind, attempt, word, busy, ms);
      } finally {
        trace.record(TraceKind.BLOCK_END, performance.now());
        take();
      }
    },
    startThread: (callable, args) => {
      const requested = performance.now();
      s.beforeThreadStart();
      const tid = claimThreadSlot(heap.i32);
      // The new thread's slot is ours until the request is posted (it has not started).
      heap.f64[slotF64(tid) + TS_F64.START_REQUESTED_US] = trace.us(requested);
      trace.record(TraceKind.START_REQUEST, requested, tid);
      // Publish the request in the heap and wake the main thread (it waits on START_SEQ
      // with Atomics.waitAsync): no message channel on the way, so a start is quick.
      const e = (heap.i32[RT.START_TABLE]! >> 2) + tid * START_ENTRY_WORDS;
      heap.i32[e + START_ENTRY.CALLABLE] = callable;
      heap.i32[e + START_ENTRY.ARGS] = args;
      Atomics.store(heap.i32, e + START_ENTRY.PUBLISHED, 1);
      Atomics.add(heap.i32, RT.START_SEQ, 1);
      Atomics.notify(heap.i32, RT.START_SEQ);
      return tid;
    },
  };

  take();
  const vm = new Interp({ heap, s, root, sources: new Map([[task.filename, task.source]]), hooks, tid: task.tid, jit: task.jit });
  installFinalizer(vm, writeErr);
  s.gcEvalBreaker = hooks.evalBreaker;
  attachLocator(s, vm);
  let exitCode = 0;
  let name: string | null = task.kind === "main" ? "MainThread" : null;
  const firstBytecode = (): void => void (heap.f64[slotF64(task.tid) + TS_F64.FIRST_BYTECODE_US] = trace.us(performance.now()));
  try {
    if (task.kind === "main") {
      firstBytecode();
      try {
        exitCode = runMain(vm, writeErr);
      } catch (e) {
        // A scheduled run whose threads all wait for ever: the others stay parked.
        if (!(e instanceof ScheduleDeadlock)) throw e;
        writeErr(`gilsim: ${e.message}\n`);
        exitCode = EXIT_DEADLOCK;
      }
    } else {
      name = threadName(vm, task.callable);
      firstBytecode();
      runCallable(vm, task.callable, task.args, writeErr);
    }
    out.flush();
  } catch (e) {
    // A fault the mode's space records (nogil: a wild pointer) ends this thread; the main
    // JS thread's watchdog then ends the run, as SIGSEGV ends a process.
    if (!s.fault(e)) throw e;
    exitCode = EXIT_SEGFAULT;
    out.flush();
  } finally {
    const w = slot(task.tid);
    const f = ((THREADS_OFF + task.tid * THREAD_SLOT_BYTES) >> 3) + TS_F64.BYTECODES;
    heap.f64[f] = heap.f64[f]! + vm.bytecodes; // a slot's threads add up
    try {
      vm.dispose();
    } catch (e) {
      if (!s.fault(e)) throw e;
    }
    s.threadExit();
    // A thread's allocator heap is abandoned for the slot's next thread to adopt; the main
    // thread's stays for the runtime, which frees the run's last blocks through it.
    if (task.kind === "thread") alloc.abandon?.();
    Atomics.sub(heap.i32, RT.LIVE_THREADS, 1);
    trace.record(TraceKind.THREAD_END, performance.now());
    Atomics.sub(i32, RT.IN_BYTECODE, 1);
    // Last: once FINISHED, joiners wake and the slot may be given to a new thread (in a
    // scheduled run, before the baton moves on).
    gil.exit(() => {
      Atomics.store(heap.i32, w + TS.STATE, ThreadSlotState.FINISHED);
      Atomics.notify(heap.i32, w + TS.STATE);
    });
    lastThread.machinery = { vm, s, alloc, gil, hooks, out };
  }
  return { tid: task.tid, exitCode, bytecodes: vm.bytecodes, increfs: s.increfs, decrefs: s.decrefs, deallocs: s.deallocs, name, mode: s.modeCounters(), translated: vm.translated };
}

/** The main module, threading._shutdown (wait for the non-daemon threads), and the
 *  finalization of __main__. Returns the exit code. */
function runMain(vm: Interp, writeErr: (t: string) => void): number {
  const s = vm.s;
  const main = s.i32[VMG.MAIN]!;
  const globals = s.i32[(main >> 2) + MODULE.DICT]!;
  let exitCode = 0;
  try {
    s.decref(vm.runBody(0, globals, globals, 0));
  } catch (e) {
    if (e instanceof ScheduleDeadlock) throw e;
    exitCode = s.fault(e) ? EXIT_SEGFAULT : reportUncaught(vm, e, writeErr);
  }
  shutdownThreading(vm);
  // Every other thread has finished (daemon threads aside): the race detector's audit.
  if (Atomics.load(s.i32, RT.LIVE_THREADS) === 1) s.atQuiescence();
  try {
    finalizeMain(vm, globals);
  } catch (e) {
    if (!(e instanceof PyRaise)) throw e;
    s.decref(e.exc);
  }
  return exitCode;
}

/** The name of the threading.Thread whose `_bootstrap` is `callable`, for the timeline;
 *  null for a bare _thread.start_new_thread. */
function threadName(vm: Interp, callable: number): string | null {
  const s = vm.s;
  let self = 0, name = 0;
  try {
    self = vm.lookupAttr(callable, "__self__");
    if (self === 0 || self === vm.None) return null;
    name = vm.lookupAttr(self, "name");
    return name === 0 ? null : vm.str(name);
  } catch (e) {
    if (!(e instanceof PyRaise)) throw e;
    s.decref(e.exc);
    return null;
  } finally {
    if (self !== 0) s.decref(self);
    if (name !== 0) s.decref(name);
  }
}

/** The body of a thread started by _thread.start_new_thread: callable(*args). An exception
 *  that escapes is printed as CPython's thread_run does ("Unhandled exception in thread
 *  started by ..."); threading.Thread catches its own first. */
function runCallable(vm: Interp, callable: number, args: number, writeErr: (t: string) => void): void {
  const s = vm.s;
  const items: number[] = [];
  for (let i = 0, n = tupleLen(s, args); i < n; i++) items.push(tupleGet(s, args, i));
  try {
    s.decref(vm.call(callable, ...items));
  } catch (e) {
    if (!(e instanceof PyRaise)) throw e;
    if (!vm.isInstance(e.exc, vm.builtinType("SystemExit"))) {
      writeErr(`Unhandled exception in thread started by ${vm.repr(callable)}\n${formatException(vm, e.exc)}`);
    }
    s.decref(e.exc);
  } finally {
    s.decref(callable);
    s.decref(args);
  }
}

/** threading._shutdown: the main thread waits for every non-daemon thread before the
 *  interpreter finalizes. */
function shutdownThreading(vm: Interp): void {
  const s = vm.s;
  const threading = dictGetItemStr(s, s.i32[VMG.MODULES]!, strIntern(s, "threading"));
  if (threading === 0) return;
  const fn = dictGetItemStr(s, s.i32[(threading >> 2) + MODULE.DICT]!, strIntern(s, "_shutdown"));
  if (fn === 0) return;
  try {
    s.decref(vm.call(fn));
  } catch (e) {
    if (!(e instanceof PyRaise)) throw e;
    s.decref(e.exc);
  }
}
