/**
 * Whole-program benchmark: gilsim vs CPython on the programs in bench/programs/ (the
 * three loop programs issue 3's goal is about: dict_count, int_loop, list_build; and
 * calls and objects, function calls and class instances, what workshop code does most),
 * wall time of the whole command (start-up included), best of N runs each, interleaved
 * so machine noise hits both alike. Prints the ratio gilsim / CPython.
 *
 *   npm run bench -- programs            (uses the build in dist/: run `npm run build` first)
 *   BENCH_PYTHON=/usr/bin/python3 npm run bench -- programs     (another CPython)
 *
 * CPython is `python3` (or BENCH_PYTHON) as the interpreter it runs, `sys.executable`:
 * a `python3` on PATH may be a launcher, and its own start-up is not CPython's. On this
 * machine `python3` is pyenv's shim, a bash script that execs pyenv, which execs the
 * interpreter: 50-80 ms before CPython starts, about a third of a whole run here.
 *
 * gilsim is its installed command, bin/gilsim.js run as an executable (as npm links it):
 * through its `#!/bin/sh` line, which starts Node without NODE_EXTRA_CA_CERTS (40-45 ms of
 * every start on this machine, which sets it; see bin/gilsim.js).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

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

/** The interpreter a `python` command runs (through any launcher or shim), and its version. */
export function cpythonExecutable(command: string): { path: string; version: string } {
  const [path, version] = execFileSync(command, ["-c", "import sys; print(sys.executable); print(sys.version.split()[0])"], { encoding: "utf8" }).trim().split("\n");
  return { path: path!, version: version! };
}

export async function runProgramsBench(): Promise<void> {
  const python = cpythonExecutable(process.env.BENCH_PYTHON ?? "python3");
  const files = readdirSync(`${here}/programs`).filter((f) => f.endsWith(".py")).sort();
  // Start-up alone, for reading the ratios: print("hi").
  const dir = mkdtempSync(join(tmpdir(), "gilsim-bench-"));
  writeFileSync(join(dir, "hello.py"), 'print("hi")\n');
  console.log(`whole-program time, best of ${RUNS} (CPython ${python.version}: ${python.path})`);
  console.log(`  ${"program".padEnd(16)} ${"CPython".padStart(9)} ${"gilsim".padStart(9)} ${"ratio".padStart(7)}`);
  try {
    for (const [name, path] of [["(start-up) hello", join(dir, "hello.py")], ...files.map((f) => [f, `${here}/programs/${f}`])] as const) {
      let py = Infinity, gs = Infinity;
      for (let i = 0; i < RUNS; i++) {
        const a = timeRun(python.path, [path]);
        const b = timeRun(`${root}/bin/gilsim.js`, ["run", path]);
        if (a.out !== b.out) throw new Error(`${name}: gilsim printed something else than CPython`);
        py = Math.min(py, a.ms);
        gs = Math.min(gs, b.ms);
      }
      console.log(`  ${name.padEnd(16)} ${(py / 1000).toFixed(2).padStart(8)}s ${(gs / 1000).toFixed(2).padStart(8)}s ${(gs / py).toFixed(2).padStart(6)}x`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
