/**
 * Whole-program benchmark: gilsim vs python3 on the loop-heavy programs in
 * bench/programs/, wall time of the whole command (start-up included), best of N runs
 * each, interleaved so machine noise hits both alike. Prints the ratio gilsim / python3.
 *
 *   npm run bench -- programs            (uses the build in dist/: run `npm run build` first)
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const here = new URL(".", import.meta.url).pathname;
const root = new URL("..", import.meta.url).pathname;

/** Wall time of one whole command; throws if it does not exit 0. */
export function timeRun(cmd: string, args: string[]): { ms: number; out: string } {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return { ms, out: r.stdout };
}

export async function runProgramsBench(): Promise<void> {
  const version = execFileSync("python3", ["--version"], { encoding: "utf8" }).trim();
  const files = readdirSync(`${here}/programs`).filter((f) => f.endsWith(".py")).sort();
  console.log(`whole-program time, best of ${RUNS} (python3 is ${version})`);
  console.log(`  ${"program".padEnd(16)} ${"python3".padStart(9)} ${"gilsim".padStart(9)} ${"ratio".padStart(7)}`);
  for (const f of files) {
    const path = `${here}/programs/${f}`;
    let py = Infinity, gs = Infinity;
    for (let i = 0; i < RUNS; i++) {
      const a = timeRun("python3", [path]);
      const b = timeRun(process.execPath, [`${root}/bin/gilsim.js`, "run", path]);
      if (a.out !== b.out) throw new Error(`${f}: gilsim printed something else than python3`);
      py = Math.min(py, a.ms);
      gs = Math.min(gs, b.ms);
    }
    console.log(`  ${f.padEnd(16)} ${(py / 1000).toFixed(2).padStart(8)}s ${(gs / 1000).toFixed(2).padStart(8)}s ${(gs / py).toFixed(2).padStart(6)}x`);
  }
}
