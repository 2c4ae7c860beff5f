/**
 * `gilsim tour` (what `npm start` runs): the point of gilsim in one command. One program
 * whose threads share a list, a dict and an object runs under each mode, each run in its
 * own `gilsim run` process (a run that corrupts its heap cannot take the tour down, and a
 * run that does not end is stopped), and a table puts the modes side by side: is the
 * output CPython's, what the race finder reported, wall time, GIL switches.
 *
 * The program is scenarios/shared_object.py; test/golden/threads/18_shared_object_tour.py
 * links to it, so its expected output is CPython 3.11's, checked by the golden tests.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GilsimError } from "./errors.js";
import { MODES, type ModeName } from "./modes/policy.js";
import { packagePath } from "./util/package.js";

/** The tour's program (scenarios/shared_object.py, which is also a threaded golden program). */
export function tourProgram(): string {
  return readFileSync(tourProgramPath(), "utf8");
}

function tourProgramPath(): string {
  const path = packagePath("scenarios/shared_object.py");
  if (path === null) throw new GilsimError("tour: cannot find gilsim's scenarios/shared_object.py");
  return path;
}

/** What CPython 3.11 prints for TOUR_PROGRAM (the golden .out file). */
export const TOUR_EXPECTED = "appended 80000 of 80000\nsum 160000 of 160000\ncounts [20000, 20000, 20000, 20000]\n";

/** A run that takes longer than this is stopped and reported as hung. ms. */
const RUN_TIMEOUT_MS = 60_000;

export interface TourRow {
  mode: ModeName;
  /** stdout equal to CPython's. */
  correct: boolean;
  /** The race finder's total, or null when the run wrote no summary. */
  findings: number | null;
  exitCode: number | null;
  wallMs: number;
  gilSwitches: number | null;
  /** Why the run has no summary (killed, crashed), or "". */
  note: string;
}

interface RunSummary {
  wallMs: number;
  gil?: { switches?: number } | null;
  races?: { total?: number } | null;
}

/** Run the tour program once under `mode` as a user would: `gilsim run FILE --mode M`;
 *  the run's --json summary goes to `dir`. */
export function tourRun(cli: string, mode: ModeName, dir: string): TourRow {
  const file = tourProgramPath();
  const json = join(dir, `${mode}.json`);
  rmSync(json, { force: true });
  const t0 = performance.now();
  // The command itself, as npm links it: its #! line starts Node as a user's run does.
  const r = spawnSync(cli, ["run", file, "--mode", mode, "--json", json], {
    encoding: "utf8", timeout: RUN_TIMEOUT_MS, maxBuffer: 1 << 24,
  });
  const wallMs = performance.now() - t0;
  let summary: RunSummary | null = null;
  try {
    summary = JSON.parse(readFileSync(json, "utf8")) as RunSummary;
  } catch {
    summary = null;
  }
  const note = r.error !== undefined && (r.error as NodeJS.ErrnoException).code === "ETIMEDOUT"
    ? `stopped after ${RUN_TIMEOUT_MS / 1000} s`
    : r.signal !== null ? `killed by ${r.signal}` : summary === null ? "no summary written" : "";
  return {
    mode,
    correct: r.stdout === TOUR_EXPECTED,
    findings: summary?.races?.total ?? (summary === null ? null : 0),
    exitCode: r.status,
    wallMs: summary?.wallMs ?? wallMs,
    gilSwitches: summary?.gil?.switches ?? null,
    note,
  };
}

export function formatTour(rows: readonly TourRow[]): string {
  const head = ["mode", "output = CPython's?", "race findings", "exit", "wall (s)", "GIL switches"];
  const cells = rows.map((r) => [
    r.mode,
    r.correct ? "yes" : "NO",
    r.findings === null ? "-" : r.findings.toLocaleString("en-US"),
    r.exitCode === null ? "-" : String(r.exitCode),
    (r.wallMs / 1000).toFixed(2),
    r.gilSwitches === null ? "no GIL" : r.gilSwitches.toLocaleString("en-US"),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]): string => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join("  ").trimEnd() + "\n";
  let out = line(head) + line(widths.map((w) => "-".repeat(w)));
  for (const c of cells) out += line(c);
  for (const r of rows) if (r.note !== "") out += `  ${r.mode}: ${r.note}\n`;
  return out;
}

/** The whole tour; `cli` is the path of the gilsim executable script. */
export function runTour(cli: string, write: (text: string) => void): number {
  write(
    "gilsim tour: four threads share one list, one dict and one object\n" +
    "(the program: gilsim tour --program). Each mode runs it once:\n" +
    "  gil            CPython with the GIL: correct, one thread at a time\n" +
    "  nogil          the GIL removed and nothing else (never shipped): races, named by the race finder\n" +
    "  nogil-atomic   the naive repair: atomic refcounts, an allocator lock, container locks\n" +
    "  free-threaded  PEP 703 (CPython 3.13t): biased refcounts, per-thread heaps, per-object locks\n\n",
  );
  const dir = mkdtempSync(join(tmpdir(), "gilsim-tour-"));
  const rows: TourRow[] = [];
  try {
    for (const mode of MODES) {
      write(`running --mode ${mode} ...\n`);
      rows.push(tourRun(cli, mode, dir));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  write("\n" + formatTour(rows));
  write("\nRun one yourself: gilsim tour --program > prog.py && gilsim run prog.py --mode nogil --stats\n");
  return 0;
}
