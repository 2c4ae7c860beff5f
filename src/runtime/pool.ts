/**
 * The worker pool, made first thing in `gilsim run` (by the installed command before the
 * CLI even loads: prestart.ts) so the workers load their code while the main thread
 * compiles the program and boots the heap (start-up is part of speed). This module
 * imports only piscina and the heap's thread limit.
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

export function startPool(minThreads = 2): Piscina {
  return new Piscina({ filename: workerFile(), minThreads, maxThreads: MAX_THREADS, idleTimeout: 1000, atomics: "disabled" });
}
