/**
 * `gilsim run`'s worker pool, started before the CLI has loaded.
 *
 * A worker takes longer to start (30-50 ms here) than the main thread takes to load the
 * CLI, compile the program and boot the heap, so the worker is what a short run waits
 * for. The installed command (bin/gilsim.js) therefore loads this small bundle first
 * (piscina and pool.ts, no compiler or interpreter), which starts the pool for the
 * program named on the command line; then it loads the CLI, whose `run` takes that pool
 * (runargs.ts takePrestarted) instead of starting one. The pool starts about 5 ms
 * sooner, and `print("hi")` took 9-10 ms less. Anything unexpected (another command,
 * arguments parseArgs refuses, a file it cannot read) starts nothing, and the CLI reports
 * it or starts a pool as usual.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { putPrestarted, RUN_OPTIONS, workersFor } from "./runargs.js";
import { startPool } from "./runtime/pool.js";

/** Start the pool for `gilsim ARGV...` if it runs a program that can be read. */
export function prestart(argv: readonly string[]): void {
  if (argv[0] !== "run") return;
  let file: string | undefined;
  try {
    file = parseArgs({ args: argv.slice(1), options: RUN_OPTIONS, strict: true, allowPositionals: true }).positionals[0];
  } catch {
    return;
  }
  if (file === undefined) return;
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    return;
  }
  const workers = workersFor(source);
  putPrestarted(workers, startPool(workers));
}
