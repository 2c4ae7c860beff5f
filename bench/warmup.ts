/**
 * Warm-up: where a loop program's whole-program ratio comes from. Each program in
 * bench/programs/ runs its last statement (its entry: `main()`, `print(work(n))`) three
 * times in one process, timed from Python with time.perf_counter, under CPython and under
 * gilsim. The first run pays V8's warm-up (translated loops in V8's slow tiers while V8
 * compiles them) on top of the steady cost; the later runs are the steady cost alone.
 *
 *   npm run bench -- warmup              (uses the build in dist/; BENCH_RUNS=N runs of each)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cpythonExecutable, timeRun } from "./programs.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const REPEATS = 3;
const here = new URL(".", import.meta.url).pathname;
const root = new URL("..", import.meta.url).pathname;

/** `source` with its last statement run REPEATS times, the ms of each printed last. */
function repeatedEntry(source: string): string {
  const lines = source.trimEnd().split("\n");
  const entry = lines.pop()!;
  if (entry.startsWith(" ") || entry.startsWith("\t")) throw new Error(`the last line is not a top-level statement: ${entry}`);
  return `${lines.join("\n")}

import time as _bench_time
_bench_ms = []
for _bench_k in range(${REPEATS}):
    _bench_t0 = _bench_time.perf_counter()
    ${entry}
    _bench_ms.append((_bench_time.perf_counter() - _bench_t0) * 1000)
print(" ".join(["%.1f" % t for t in _bench_ms]))
`;
}

/** The ms of each repeat, from the last line a run printed. */
function repeatsOf(out: string): number[] {
  return out.trimEnd().split("\n").pop()!.split(" ").map(Number);
}

const fmt = (ms: number): string => ms.toFixed(0).padStart(5);

export async function runWarmupBench(): Promise<void> {
  const python = cpythonExecutable(process.env.BENCH_PYTHON ?? "python3");
  const dir = mkdtempSync(join(tmpdir(), "gilsim-warmup-"));
  console.log(`the entry of each program run ${REPEATS} times in one process, ms, best of ${RUNS} per repeat (CPython ${python.version})`);
  console.log(`  ${"program".padEnd(16)} ${"CPython".padStart(17)}   ${"gilsim".padStart(17)}   first/later   later vs CPython`);
  try {
    for (const f of readdirSync(`${here}/programs`).filter((n) => n.endsWith(".py")).sort()) {
      const path = join(dir, f);
      writeFileSync(path, repeatedEntry(readFileSync(`${here}/programs/${f}`, "utf8")));
      const py = Array<number>(REPEATS).fill(Infinity), gs = Array<number>(REPEATS).fill(Infinity);
      for (let i = 0; i < RUNS; i++) {
        const a = timeRun(python.path, [path]);
        const b = timeRun(`${root}/bin/gilsim.js`, ["run", path]);
        // The program's own output (all but the timing line) must be CPython's.
        const body = (out: string): string => out.trimEnd().split("\n").slice(0, -1).join("\n");
        if (body(a.out) !== body(b.out)) throw new Error(`${f}: gilsim printed something else than CPython`);
        repeatsOf(a.out).forEach((ms, k) => (py[k] = Math.min(py[k]!, ms)));
        repeatsOf(b.out).forEach((ms, k) => (gs[k] = Math.min(gs[k]!, ms)));
      }
      const later = (xs: number[]): number => Math.min(...xs.slice(1));
      console.log(`  ${f.padEnd(16)} ${py.map(fmt).join(" ")}   ${gs.map(fmt).join(" ")}   ${(gs[0]! / later(gs)).toFixed(2).padStart(8)}x   ${(later(gs) / later(py)).toFixed(2).padStart(12)}x`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
