/**
 * What the repairs cost and what they buy (issue: no-GIL modes), measured as ratios in
 * one run, every configuration interleaved so machine noise hits them alike:
 *
 *   1. single-thread slowdown of nogil-atomic and free-threaded vs gil: whole-program
 *      time of the loop programs in bench/programs/, best of BENCH_RUNS;
 *   2. independent CPU work, 2 threads vs 1 (scenarios/independent_work.py): the speedup
 *      in gil and free-threaded (and nogil-atomic);
 *   3. one shared object hammered by 2 threads vs 1 (scenarios/shared_contention.py):
 *      throughput scaling in nogil-atomic and free-threaded, next to a thread-local object.
 *
 *   npm run build && npm run bench -- modes      (BENCH_RUNS=N, BENCH_SCALE=x for the scenarios)
 */
import { timeRun } from "./programs.js";
import { readdirSync } from "node:fs";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SCALE = process.env.BENCH_SCALE ?? "1";
const here = new URL(".", import.meta.url).pathname;
const root = new URL("..", import.meta.url).pathname;
const cli = `${root}/bin/gilsim.js`;

function gilsim(mode: string, file: string, args: string[] = []): { ms: number; out: string } {
  return timeRun(cli, ["run", file, "--mode", mode, "--", ...args]);
}

/** The last number before "x" on the line that starts with `label`. */
function ratioOn(out: string, label: string): number {
  const line = out.split("\n").find((l) => l.startsWith(label));
  const m = line?.match(/([\d.]+)x\s*$/);
  if (!m) throw new Error(`no '${label} ... N.NNx' line in:\n${out}`);
  return Number(m[1]);
}

function singleThread(): void {
  const modes = ["gil", "nogil-atomic", "free-threaded"];
  const files = readdirSync(`${here}/programs`).filter((f) => f.endsWith(".py")).sort();
  console.log(`1. single-thread whole-program time, best of ${RUNS}; ratio to gil`);
  console.log(`  ${"program".padEnd(16)}` + modes.map((m) => m.padStart(15)).join(""));
  for (const f of files) {
    const best = new Map(modes.map((m) => [m, Infinity]));
    let expected: string | null = null;
    for (let i = 0; i < RUNS; i++) {
      for (const m of modes) {
        const r = gilsim(m, `${here}/programs/${f}`);
        expected ??= r.out;
        if (r.out !== expected) throw new Error(`${f}: --mode ${m} printed something else than --mode gil`);
        best.set(m, Math.min(best.get(m)!, r.ms));
      }
    }
    const gil = best.get("gil")!;
    console.log(`  ${f.padEnd(16)}` + modes.map((m) => `${(best.get(m)! / 1000).toFixed(2)}s ${(best.get(m)! / gil).toFixed(2)}x`.padStart(15)).join(""));
  }
}

function scenario(title: string, file: string, modes: string[], labels: string[]): void {
  console.log(`\n${title} (${file}, scale ${SCALE}; each run warms up, then takes the best of several rounds inside the program)`);
  console.log(`  ${"mode".padEnd(15)}` + labels.map((l) => l.padStart(18)).join(""));
  for (const m of modes) {
    const out = gilsim(m, `${root}/scenarios/${file}`, [SCALE]).out;
    console.log(`  ${m.padEnd(15)}` + labels.map((l) => `${ratioOn(out, l).toFixed(2)}x`.padStart(18)).join(""));
  }
}

export async function runModesBench(): Promise<void> {
  singleThread();
  scenario("2. independent CPU work: speedup of 2 threads over 1", "independent_work.py", ["gil", "nogil-atomic", "free-threaded"], ["2 threads"]);
  scenario("3. throughput of 2 threads over 1", "shared_contention.py", ["gil", "nogil-atomic", "free-threaded"], ["local object", "shared object"]);
}
