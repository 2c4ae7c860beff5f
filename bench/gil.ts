/**
 * GIL numbers for the closing note, read from `gilsim run --json` (the timeline's medians):
 *
 *   - hand-off gap: two CPU-bound threads, median µs from one thread's drop (on request)
 *     to the other's take — CPython 3.11 here: 35–55 µs (scenarios/handoff_gap.py);
 *   - thread start latency, pool warm: threads started and joined one after another, so
 *     each finds an idle worker; median ms from _thread.start_new_thread to the new
 *     thread's first bytecode. (The first thread of a run spawns its worker: cold.)
 *
 *   npm run bench -- gil          (uses the build in dist/: run `npm run build` first)
 *
 * Each scenario runs RUNS times (BENCH_RUNS); the table shows every run's median and the
 * median of those.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const root = new URL("..", import.meta.url).pathname;

/** Two CPU-bound threads at the default 5 ms switch interval: about 100 hand-offs. */
const HANDOFF_PY = `import threading

def spin(n):
    total = 0
    i = 0
    while i < n:
        total += i & 7
        i += 1

threads = [threading.Thread(target=spin, args=(2_000_000,)) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
`;

/** Threads started one at a time: each after the previous has finished, so its worker idles. */
const START_PY = `import threading

def work(k):
    return k * 2

for k in range(40):
    t = threading.Thread(target=work, args=(k,))
    t.start()
    t.join()
`;

interface GilJson { gil: { handoffGapUs: number | null; threadStartMs: number | null; switches: number }; wallMs: number }

function runJson(dir: string, name: string, source: string): GilJson {
  const file = join(dir, name);
  writeFileSync(file, source);
  const out = join(dir, `${name}.json`);
  const r = spawnSync(`${root}/bin/gilsim.js`, ["run", file, "--json", out], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`gilsim run ${name} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(readFileSync(out, "utf8")) as GilJson;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export async function runGilBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "gilsim-bench-gil-"));
  try {
    const gaps: number[] = [], starts: number[] = [];
    let switches = 0;
    for (let i = 0; i < RUNS; i++) {
      const h = runJson(dir, "handoff.py", HANDOFF_PY);
      if (h.gil.handoffGapUs !== null) gaps.push(h.gil.handoffGapUs);
      switches += h.gil.switches;
      const s = runJson(dir, "start.py", START_PY);
      if (s.gil.threadStartMs !== null) starts.push(s.gil.threadStartMs);
    }
    const fmt = (xs: number[], digits: number): string => xs.map((x) => x.toFixed(digits)).join(" ");
    console.log(`GIL timeline medians, ${RUNS} runs each`);
    console.log(`  hand-off gap, 2 CPU-bound threads (µs):  median ${median(gaps).toFixed(1).padStart(7)}   runs: ${fmt(gaps, 1)}   (${Math.round(switches / RUNS)} switches a run)`);
    console.log(`  thread start, warm pool (ms):            median ${median(starts).toFixed(3).padStart(7)}   runs: ${fmt(starts, 3)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
