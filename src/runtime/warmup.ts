/**
 * Warming a worker's interpreter up before its first task (the eval loop's type feedback).
 *
 * V8 compiles the eval loop with what it has seen so far. A path first taken after that
 * (the first int past one digit, the first loop that runs out, the first method-cache
 * miss, ...) finds no type feedback in the optimized code, which is thrown away; the
 * program then runs unoptimized until V8 has compiled the loop again (50-70 ms of
 * compiling for a loop this size), once for each such path: that made a program's first
 * run about twice as slow as a warm one. So a worker that is waiting for the main thread
 * to compile the program and boot the heap runs warmup.py first, on a small private heap
 * of its own, discarding what it prints: the program's heap, statistics and output are
 * untouched.
 *
 * The warm-up's code is compiled at build time (scripts/bundle.mjs writes warmup.bin
 * beside the worker bundle; workers never load the compiler). Without it (the unbundled
 * build, tsx) there is no warm-up.
 */
import { readFileSync } from "node:fs";
import { deserialize } from "node:v8";
import type { CodeObject } from "../compiler/code.js";
import { createHeap, ObMalloc } from "../heap/index.js";
import { THREAD_SLOT_BYTES, THREADS_OFF, TS } from "../heap/layout.js";
import { Gil } from "../gil/gil.js";
import { formatObjects } from "../objects/index.js";
import { bootVm } from "../vm/boot.js";
import type { ThreadHooks } from "../vm/hooks.js";
import { Interp } from "../vm/interp.js";

/** The file the build writes next to the worker bundle. */
export const WARMUP_FILE = "warmup.bin";

/** Heap for the warm-up: its live objects stay below 2 MiB. */
const WARMUP_HEAP_BYTES = 8 << 20;

/** Run the warm-up program once, if the build provided it. Never throws: a warm-up that
 *  fails only means a colder start. */
export function warmUp(): void {
  let code: CodeObject;
  try {
    code = deserialize(readFileSync(new URL(`./${WARMUP_FILE}`, import.meta.url))) as CodeObject;
  } catch {
    return;
  }
  try {
    runWarmUp(code);
  } catch {
    /* a colder start, nothing else */
  }
}

function runWarmUp(root: CodeObject): void {
  const heap = createHeap({ heapBytes: WARMUP_HEAP_BYTES });
  const alloc = new ObMalloc(heap);
  const s = formatObjects(heap, alloc);
  Gil.format(heap);
  const globals = bootVm(s, { root, argv: ["warmup.py"], filename: "warmup.py" });
  // The same properties in the same order as thread.ts's hooks, so the eval loop's
  // feedback for them stays monomorphic.
  const hooks: ThreadHooks = {
    evalBreaker: ((THREADS_OFF + 0 * THREAD_SLOT_BYTES) >> 2) + TS.EVAL_BREAKER,
    handleEvalBreaker: () => void (heap.i32[hooks.evalBreaker] = 0),
    write: () => {},
    writeErr: () => {},
    sleep: () => {},
    blocking: (wait) => wait(),
    startThread: () => {
      throw new Error("the warm-up starts no thread");
    },
  };
  const vm = new Interp({ heap, s, root, sources: new Map(), hooks, tid: 0 });
  s.decref(vm.runBody(0, globals, globals, 0));
  vm.dispose();
}
