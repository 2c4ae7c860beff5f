/**
 * What `gilsim run` knows before it loads piscina, the compiler or the interpreter: its
 * options, how many workers a program gets, and the worker pool the installed command
 * may have started for the run before the CLI loaded (prestart.ts).
 */
import type { Piscina } from "piscina";

export const HEAP_OPTIONS = {
  "heap-mb": { type: "string" },
  "arena-kb": { type: "string" },
  "pool-kb": { type: "string" },
} as const;

/** What parseArgs takes for `gilsim run` (cli.ts checks the values). */
export const RUN_OPTIONS = {
  ...HEAP_OPTIONS, mode: { type: "string" }, json: { type: "string" }, trace: { type: "string" }, stats: { type: "boolean" },
  schedule: { type: "string" }, watchdog: { type: "string" }, "time-limit": { type: "string" }, jit: { type: "string" },
} as const;

/** Workers kept loaded: the main Python thread's plus spares, so a Python thread starts
 *  on a warm worker (about 0.5 ms) instead of a new one (100-150 ms, which would also
 *  distort any timing a program makes). A program that imports threading gets spares;
 *  one that does not can start no thread, so it gets only the main thread's worker (a
 *  spare would load its code on one of the cores the main thread needs at start-up). */
export function workersFor(source: string): number {
  return /^\s*(import\s+([\w.]+\s*,\s*)*|from\s+)(threading|_thread)\b/m.test(source) ? 5 : 1;
}

// prestart.ts and the CLI are separate bundles, with separate module state: the pool is
// handed over in a global slot.
const SLOT = Symbol.for("gilsim.prestartedPool");
interface Prestarted {
  /** Its minThreads (workersFor). */
  readonly workers: number;
  readonly pool: Piscina;
}
type Slot = { [SLOT]?: Prestarted };

export function putPrestarted(workers: number, pool: Piscina): void {
  (globalThis as Slot)[SLOT] = { workers, pool };
}

/** The prestarted pool, if there is one with `workers` workers (once). One of another size
 *  (the program changed between the two reads of it) is destroyed. */
export function takePrestarted(workers: number): Piscina | null {
  const slot = globalThis as Slot;
  const p = slot[SLOT];
  if (p === undefined) return null;
  delete slot[SLOT];
  if (p.workers === workers) return p.pool;
  void p.pool.destroy();
  return null;
}
