/**
 * The worker pool, made first thing in `gilsim run` so the workers load their code while
 * the main thread compiles the program and boots the heap (start-up is part of speed).
 * This module imports only piscina.
 */
import { Piscina } from "piscina";
import { MAX_THREADS } from "../heap/config.js";

/** The worker entry: beside this code in the bundle (dist/bundle/), the unbundled
 *  build's (dist/workers/), or the TypeScript one under tsx. */
function workerFile(): string {
  const here = import.meta.url;
  if (here.endsWith(".ts")) return new URL("../../workers/thread-dev.mjs", here).href;
  if (here.includes("/dist/bundle/")) return new URL("./thread.js", here).href;
  return new URL("../../workers/thread.js", here).href;
}

export function startPool(): Piscina {
  return new Piscina({ filename: workerFile(), minThreads: 2, maxThreads: MAX_THREADS, idleTimeout: 1000, atomics: "disabled" });
}
