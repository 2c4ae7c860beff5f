/**
 * Benchmark entry: `npm run bench -- NAME`. Names: alloc, programs, warmup, gil, modes, gc, robustness.
 */
import { runAllocBench } from "./alloc.js";
import { runGcBench } from "./gc.js";
import { runGilBench } from "./gil.js";
import { runModesBench } from "./modes.js";
import { runProgramsBench } from "./programs.js";
import { runRobustnessBench } from "./robustness.js";
import { runWarmupBench } from "./warmup.js";

const benches: Record<string, () => Promise<void>> = {
  alloc: runAllocBench,
  programs: runProgramsBench,
  warmup: runWarmupBench,
  gil: runGilBench,
  modes: runModesBench,
  gc: runGcBench,
  robustness: runRobustnessBench,
};

const names = process.argv.slice(2);
const unknown = names.filter((n) => !(n in benches));
if (unknown.length > 0) {
  console.error(`npm run bench: unknown benchmark ${unknown.join(", ")}; choose from: ${Object.keys(benches).join(", ")}`);
  process.exit(2);
}
// robustness is not a speed benchmark (200 runs of a few seconds): only when named.
for (const name of names.length > 0 ? names : Object.keys(benches).filter((n) => n !== "robustness")) await benches[name]!();
