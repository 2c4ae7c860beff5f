/**
 * Robustness of `nogil`: run race programs with real threads (no schedule) many times,
 * each bounded by a host timeout, and count what must never happen:
 *
 *   hang          gilsim itself did not end within the host timeout (60 s; its watchdog
 *                 ends a run after 5 s without progress or 30 s in all, exit 142, so a run
 *                 the host has to kill is a gilsim bug)
 *   host crash    a JS stack trace / internal error, or an exit status gilsim never gives
 *                 (a signal, 70, ...)
 *   no report     a run that ended abnormally (139, 142, 3) without a race report on
 *                 stderr and in --json, or a run that exited 0 with findings or wrong output
 *
 *   npm run bench -- robustness            (200 runs; ROBUSTNESS_RUNS=N to change; uses dist/)
 *
 * The test suite runs a CI-sized version (test/races/robustness.test.ts).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const bin = join(root, "bin/gilsim.js");

export const RACE_PROGRAMS = ["scenarios/race_shared_objects.py", "scenarios/race_refcount.py"] as const;

/** gilsim's own watchdog limits for these runs, well inside the host timeout: a run the
 *  host has to kill is a gilsim bug. */
const GILSIM_LIMITS = ["--watchdog", "5", "--time-limit", "30"];

/** Exit statuses a nogil run may end with (README: exit codes). */
const EXPECTED_EXITS = new Set([0, 3, 139, 142]);

export interface RobustnessRow {
  program: string;
  runs: number;
  byExit: Record<string, number>;
  hangs: number;
  hostCrashes: number;
  withoutReport: number;
  findings: number;
  /** One line per failed run, for the reader. */
  failures: string[];
}

interface RunOutcome { code: number | null; signal: string | null; stdout: string; stderr: string; json: string | null; timedOut: boolean }

function runOnce(program: string, timeoutMs: number, dir: string, n: number): Promise<RunOutcome> {
  const json = join(dir, `run${n}.json`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, "run", join(root, program), "--mode", "nogil", "--json", json, ...GILSIM_LIMITS], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "", stderr = "", timedOut = false;
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      let text: string | null = null;
      try {
        text = readFileSync(json, "utf8");
      } catch {
        text = null;
      }
      resolve({ code, signal, stdout, stderr, json: text, timedOut });
    });
  });
}

/** What python3 prints for the program (the output of a run without a race). */
function expectedOutput(program: string): string {
  return readFileSync(join(root, program.replace(/\.py$/, ".expected")), "utf8");
}

export async function runRobustness(runs: number, timeoutMs = 60_000, programs: readonly string[] = RACE_PROGRAMS): Promise<RobustnessRow[]> {
  const dir = mkdtempSync(join(tmpdir(), "gilsim-robust-"));
  const rows: RobustnessRow[] = [];
  try {
    let n = 0;
    for (const program of programs) {
      const expected = expectedOutput(program);
      const row: RobustnessRow = { program, runs: 0, byExit: {}, hangs: 0, hostCrashes: 0, withoutReport: 0, findings: 0, failures: [] };
      for (let i = 0; i < runs; i++) {
        const r = await runOnce(program, timeoutMs, dir, n++);
        row.runs++;
        const key = r.timedOut ? "timeout" : r.code === null ? `signal ${r.signal}` : String(r.code);
        row.byExit[key] = (row.byExit[key] ?? 0) + 1;
        if (r.timedOut) {
          row.hangs++;
          row.failures.push(`run ${i}: no exit within ${timeoutMs} ms`);
          continue;
        }
        if (r.code === null || !EXPECTED_EXITS.has(r.code) || /internal error|\n\s+at .*\.js:\d+/.test(r.stderr)) {
          row.hostCrashes++;
          row.failures.push(`run ${i}: exit ${key}: ${r.stderr.slice(-300)}`);
          continue;
        }
        let total = -1;
        try {
          total = (JSON.parse(r.json ?? "") as { races: { total: number } }).races.total;
        } catch {
          total = -1;
        }
        row.findings += Math.max(0, total);
        const reported = total > 0 && r.stderr.includes("gilsim: race report:");
        const clean = r.code === 0 && total === 0 && r.stdout === expected;
        if (!reported && !clean) {
          row.withoutReport++;
          row.failures.push(`run ${i}: exit ${r.code}, findings ${total}, stdout ${JSON.stringify(r.stdout.slice(0, 80))}`);
        }
      }
      rows.push(row);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

export function robustnessTable(rows: readonly RobustnessRow[]): string {
  let out = "program                              runs  hangs  host crashes  without report  findings  exit codes\n";
  for (const r of rows) {
    const exits = Object.entries(r.byExit).map(([k, v]) => `${k}×${v}`).join(" ");
    out += `${r.program.padEnd(36)} ${String(r.runs).padStart(5)} ${String(r.hangs).padStart(6)} ${String(r.hostCrashes).padStart(13)} ` +
      `${String(r.withoutReport).padStart(15)} ${String(r.findings).padStart(9)}  ${exits}\n`;
    for (const f of r.failures.slice(0, 5)) out += `    ${f}\n`;
  }
  return out;
}

export async function runRobustnessBench(): Promise<void> {
  const runs = Number(process.env.ROBUSTNESS_RUNS ?? 200);
  const perProgram = Math.ceil(runs / RACE_PROGRAMS.length);
  console.log(`robustness: ${perProgram * RACE_PROGRAMS.length} nogil runs of race programs, real threads, 60 s host timeout each (gilsim: ${GILSIM_LIMITS.join(" ")})`);
  const rows = await runRobustness(perProgram);
  process.stdout.write(robustnessTable(rows));
  const bad = rows.reduce((n, r) => n + r.hangs + r.hostCrashes + r.withoutReport, 0);
  console.log(bad === 0 ? "robustness: OK (0 hangs, 0 host crashes, every abnormal run reported)" : `robustness: ${bad} bad runs`);
  if (bad !== 0) process.exitCode = 1;
}
