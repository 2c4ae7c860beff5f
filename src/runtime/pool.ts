/**
 * The worker pool, made first thing in `gilsim run` so the workers load their code while
 * the main thread compiles the program and boots the heap (start-up is part of speed).
 * This module imports only piscina.
 */
import { Piscina } from "piscina";
import { MAX_THREADS } from "../heap/config.js";

/** The worker entry: the bundled build's loader (bin/worker.js), the unbundled
 *  build's (dist/workers/), or the TypeScript one under tsx. */
function workerFile(): string {
  const here = import.meta.url;
  if (here.endsWith(".ts")) return new URL("../../workers/thread-dev.mjs", here).href;
  if (here.includes("/dist/bundle/")) return new URL("../../bin/worker.js", here).href;
  return new URL("../../workers/thread.js", here).href;
}

/** Workers kept loaded: the main Python thread's plus spares, so a Python thread starts
 *  on a warm worker (about 0.5 ms) instead of a new one (100-150 ms, which would also
 *  distort any timing a program makes). A program that imports threading gets spares;
 *  one that does not can start no thread, so it gets only the main thread's worker (a
 *  spare would load its code on one of the cores the main thread needs at start-up). */
export function workersFor(source: string): number {
  return /^\s*(import\s+([\w.]+\s*,\s*)*|from\s+)(threading|_thread)\b/m.test(source) ? 5 : 1;
}

export function startPool(minThreads = 2): Piscina {
  return new Piscina({ filename: workerFile(), minThreads, maxThreads: MAX_THREADS, idleTimeout: 1000, atomics: "disabled" });
}
