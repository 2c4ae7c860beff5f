/**
 * The `gilsim` command line. Options are validated here, at the public boundary; a
 * mistake names the flag and the values it allows, and never shows a JS stack trace.
 */
import { gcStatsLine } from "./gc/stats.js";
import { parseArgs } from "node:util";
import { readFileSync, writeFileSync, writeSync } from "node:fs";
import { GilsimConfigError, GilsimError } from "./errors.js";
import type { HeapConfig } from "./heap/index.js";
import { runMallocstatsDemo } from "./demo.js";
import type { ProgramResult } from "./runtime/runtime.js";
import { fdSink } from "./runtime/output.js";
import { isModeName, MODES } from "./modes/policy.js";
import { raceReportText } from "./races/report.js";
import { DEFAULT_WATCHDOG } from "./races/watchdog.js";
import { packagePath } from "./util/package.js";
import { HEAP_OPTIONS, RUN_OPTIONS, takePrestarted, workersFor } from "./runargs.js";
import { EXIT_DEADLOCK } from "./sched/scheduler.js";

/** gilsim's version, from its package.json. */
function packageVersion(): string {
  const path = packagePath("package.json");
  try {
    return path === null ? "unknown" : (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

const VERSION = packageVersion();


const HELP = `gilsim ${VERSION} — a simulator of CPython's memory manager and GIL

Usage:
  gilsim run FILE.py [options] [-- ARGS...]   run a Python program on the simulated heap
  gilsim dis FILE.py                          print its bytecode as CPython 3.12's dis does
  gilsim tour [--program]                     one shared-object program under every mode, side by side
                                              (--program prints the program instead)
  gilsim mallocstats [heap options]           an allocation workload, then sys._debugmallocstats()
  gilsim --help | --version

Run options:
  --mode M        gil (default): CPython with the GIL
                  nogil: the GIL removed and nothing else (a counterfactual; races)
                  nogil-atomic: atomic refcounts, one allocator lock, a lock per container
                  free-threaded: PEP 703 (biased refcounts, immortal objects, per-thread heaps)
  --stats         print the run summary (bytecodes, refcounts, heap) to stderr
  --json OUT      write the run summary as JSON to OUT
  --trace OUT     write the GIL timeline to OUT as Chrome trace JSON (Perfetto, chrome://tracing)
  --schedule SEED run one thread at a time, switching where a seeded scheduler decides
                  (SEED: a whole number from 0 to 4294967295): the same program, mode
                  and seed give the same interleaving and output every time
  --watchdog S    nogil: end a run whose threads make no progress for S seconds (default 10)
  --time-limit S  nogil: end a run after S seconds in all (default 120)
  --jit N|off     translate a function or module to JavaScript once it has run N loop
                  iterations and calls (default 64); off: interpret every bytecode

Heap options (run and mallocstats):
  --heap-mb N     size of the shared heap in MiB (default 64)
  --arena-kb N    pymalloc arena size in KiB (default 256; 1024 for the 3.10+ 64-bit geometry)
  --pool-kb N     pymalloc pool size in KiB (default 4; 16 for the 3.10+ 64-bit geometry)

Exit status: the program's (0, 1 for an uncaught exception, sys.exit's code); 2 for a
command-line mistake; 139 when the simulated heap is corrupted (a thread stopped on a
simulated segmentation fault); in nogil, 3 when the race detector found races and every
thread finished, 142 when the watchdog ended a run that made no progress (a "hang");
${EXIT_DEADLOCK} when a --schedule run finds every thread waiting for ever (a deadlock).
A nogil run that found races prints a race report on stderr (--json: "races").
`;

function positiveInt(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new GilsimConfigError(`--${flag}`, `expected a positive whole number, got '${value}'`);
  return n;
}

const MAX_SEED = 2 ** 32 - 1;

function scheduleSeed(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n > MAX_SEED) {
    throw new GilsimConfigError("--schedule", `expected a seed, a whole number from 0 to ${MAX_SEED}, got '${value}'`);
  }
  return n;
}

function heapConfigFrom(values: Record<string, string | boolean | undefined>): Partial<HeapConfig> {
  const str = (k: string): string | undefined => (typeof values[k] === "string" ? (values[k] as string) : undefined);
  const out: { -readonly [K in keyof HeapConfig]?: HeapConfig[K] } = {};
  const mb = positiveInt("heap-mb", str("heap-mb"));
  const arenaKb = positiveInt("arena-kb", str("arena-kb"));
  const poolKb = positiveInt("pool-kb", str("pool-kb"));
  if (mb !== undefined) out.heapBytes = mb * 1024 * 1024;
  if (arenaKb !== undefined) out.arenaSize = arenaKb * 1024;
  if (poolKb !== undefined) out.poolSize = poolKb * 1024;
  return out;
}

function readProgram(file: string | undefined, command: string): string {
  if (file === undefined) throw new GilsimConfigError(command, `missing the program to run: gilsim ${command} FILE.py`);
  try {
    return readFileSync(file, "utf8");
  } catch {
    throw new GilsimConfigError(command, `can't open file '${file}': No such file or directory`);
  }
}

/** The run summary. Without a GIL (`usesGil` false) it shows no GIL figures (there is
 *  nothing to switch or wait for: `gil` is null) but the mode's own counters. */
function summary(mode: string, usesGil: boolean, r: ProgramResult): Record<string, unknown> {
  return {
    mode,
    exitCode: r.exitCode,
    wallMs: Math.round(r.wallMs * 1000) / 1000,
    bytecodes: r.bytecodes,
    threads: r.pythonThreads,
    threadSlots: r.threads.length,
    heap: {
      arenas: r.heap.arenas,
      pools: r.heap.pools,
      blocks: Object.fromEntries(r.heap.blocksInUse.map((n, i) => [String((i + 1) * 16), n]).filter(([, n]) => n !== 0)),
      rawBytes: r.heap.rawBytes,
    },
    refcount: r.refcount,
    gil: usesGil ? { ...r.gil, threadStartMs: r.threadStartMs, perThread: r.threads.map((t) => ({ tid: t.tid, bytecodes: t.bytecodes, ...t.gil })) } : null,
    modeCounters: { ...r.modeCounters, perThread: r.threads.map((t) => ({ tid: t.tid, bytecodes: t.bytecodes, ...t.mode })) },
    threadStartMs: r.threadStartMs,
    gc: r.gc,
    races: { total: r.races.total, byKind: r.races.byKind, crashedThread: r.races.crashedThread, examples: r.races.examples },
    hang: r.hang,
    jit: r.jit,
    ...(r.schedule === null ? {} : { schedule: { seed: r.schedule.seed, switches: r.schedule.switches, points: r.schedule.points, deadlock: r.schedule.deadlock } }),
  };
}

function statsTable(mode: string, usesGil: boolean, r: ProgramResult): string {
  const row = (k: string, v: string | number): string => `  ${k.padEnd(24)} ${typeof v === "number" ? v.toLocaleString("en-US") : v}\n`;
  let out = "gilsim run summary\n" + row("mode", mode) + row("exit code", r.exitCode) + row("wall time (ms)", r.wallMs.toFixed(1)) +
    row("threads", r.pythonThreads) + row("thread slots", r.threads.length) + row("bytecodes", r.bytecodes) + row("increfs", r.refcount.increfs) +
    row("decrefs", r.refcount.decrefs) + row("deallocs", r.refcount.deallocs) + row("arenas at exit", r.heap.arenas) +
    row("used pools at exit", r.heap.pools) + row("raw bytes at exit", r.heap.rawBytes) +
    row("translated to JS", r.jit.threshold < 0 ? "off" : `${r.jit.translated} (loops, and functions without loops, after ${r.jit.threshold} runs)`);
  if (r.schedule !== null) {
    out += row("schedule seed", String(r.schedule.seed)) + row("schedule switches", r.schedule.switches) +
      row("schedule switch points", r.schedule.points) + (r.schedule.deadlock ? row("schedule", "stopped: deadlock") : "");
  }
  if (!usesGil) {
    out += row("GIL", "none: threads run bytecode at the same time");
    if (r.gc !== null) out += row("GC collections", gcStatsLine(r.gc));
    for (const [k, v] of Object.entries(r.modeCounters)) out += row(k, v);
    const keys = Object.keys(r.modeCounters);
    out += `  per slot:    tid   bytecodes ${keys.map((k) => k.padStart(Math.max(12, k.length))).join(" ")}\n`;
    for (const t of r.threads) {
      out += `               ${String(t.tid).padStart(3)} ${t.bytecodes.toLocaleString("en-US").padStart(11)} ` +
        `${keys.map((k) => (t.mode[k] ?? 0).toLocaleString("en-US").padStart(Math.max(12, k.length))).join(" ")}\n`;
    }
    return r.races.total > 0 ? out + raceReportText(r.races) : out;
  }
  out += row("GIL switch interval (µs)", r.gil.intervalUs) + row("GIL switches", r.gil.switches) +
    row("GIL acquisitions", r.gil.acquisitions) + row("GIL drop requests", r.gil.dropRequestsMade) +
    row("forced switches", r.gil.forcedSwitches) + (r.gc === null ? "" : row("GC collections", gcStatsLine(r.gc)));
  out += "  per slot:    tid   bytecodes   GIL takes   wait ms   hold ms  drop req made/recv\n";
  for (const t of r.threads) {
    out += `               ${String(t.tid).padStart(3)} ${t.bytecodes.toLocaleString("en-US").padStart(11)} ${String(t.gil.acquisitions).padStart(11)} ` +
      `${(t.gil.waitUs / 1000).toFixed(1).padStart(9)} ${(t.gil.holdUs / 1000).toFixed(1).padStart(9)}  ${t.gil.dropRequestsMade}/${t.gil.dropRequestsReceived}\n`;
  }
  if (r.races.total > 0) out += raceReportText(r.races);
  return out;
}

/** --jit: a positive count, or "off". */
function jitThreshold(value: string | undefined): number | "off" | undefined {
  if (value === undefined || value === "off") return value;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new GilsimConfigError("--jit", `expected a positive whole number or 'off', got '${value}'`);
  return n;
}

/** A positive number of seconds, as milliseconds. */
function seconds(flag: string, value: string | undefined, dflt: number): number {
  if (value === undefined) return dflt;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new GilsimConfigError(`--${flag}`, `expected a positive number of seconds, got '${value}'`);
  return n * 1000;
}

async function cmdRun(rest: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    options: RUN_OPTIONS,
    strict: true,
    allowPositionals: true,
  });
  const mode = values.mode ?? "gil";
  if (!isModeName(mode)) {
    throw new GilsimConfigError("--mode", `unknown mode '${mode}'; allowed values: ${MODES.join(", ")}`);
  }
  const schedule = scheduleSeed(values.schedule);
  const jit = jitThreshold(values.jit);
  const watchdog = { idleMs: seconds("watchdog", values.watchdog, DEFAULT_WATCHDOG.idleMs), wallMs: seconds("time-limit", values["time-limit"], DEFAULT_WATCHDOG.wallMs) };
  const [file, ...args] = positionals;
  const source = readProgram(file, "run");
  const heap = heapConfigFrom(values);
  const name = file!.split("/").pop()!;
  // Start the workers before loading the compiler and interpreter on this thread (unless
  // bin/gilsim.js started them already: prestart.ts).
  const workers = workersFor(source);
  const pool = takePrestarted(workers) ?? (await import("./runtime/pool.js")).startPool(workers);
  const { runProgram } = await import("./runtime/runtime.js");
  const timeline = values.trace !== undefined;
  const { policyFor } = await import("./modes/index.js");
  const { banner, usesGil } = policyFor(mode);
  const { JIT_DEFAULT, JIT_OFF } = await import("./vm/jit.js");
  if (banner !== null) process.stderr.write(banner);
  const r = await runProgram({ source, filename: name, argv: [file!, ...args], heap, timeline, mode, schedule, watchdog, jit: jit === "off" ? JIT_OFF : jit ?? JIT_DEFAULT }, (t) => fdSink(2)(Buffer.from(t, "utf8")), pool);
  if (r.heap.problems.length > 0) process.stderr.write(`gilsim: heap check after the run: ${r.heap.problems.join("; ")}\n`);
  if (r.hang !== null) process.stderr.write(`gilsim: the watchdog ended the run (${r.hang})\n`);
  if (values.stats) process.stderr.write(statsTable(mode, usesGil, r));
  else if (r.races.total > 0) process.stderr.write(raceReportText(r.races));
  if (values.json !== undefined) writeFileSync(values.json, JSON.stringify(summary(mode, usesGil, r), null, 2) + "\n");
  if (values.trace !== undefined && r.timeline !== null) {
    const { chromeTrace } = await import("./trace/chrome.js");
    const trace = chromeTrace(r.timeline, { program: name, mode, switchIntervalUs: r.gil.intervalUs, ...(r.schedule === null ? {} : { schedule: r.schedule }) });
    writeFileSync(values.trace, JSON.stringify(trace) + "\n");
  }
  return r.exitCode;
}

async function cmdDis(rest: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: rest, options: {}, strict: true, allowPositionals: true });
  const file = positionals[0];
  const source = readProgram(file, "dis");
  const { compile, dis, PySyntaxError } = await import("./compiler/index.js");
  try {
    process.stdout.write(dis(compile(source, file!.split("/").pop()!)));
    return 0;
  } catch (e) {
    if (e instanceof PySyntaxError) {
      process.stderr.write(e.format());
      return 1;
    }
    throw e;
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === "--version" || command === "-V") {
    process.stdout.write(`gilsim ${VERSION}\n`);
    return 0;
  }
  switch (command) {
    case "run":
      return await cmdRun(rest);
    case "dis":
      return await cmdDis(rest);
    case "tour": {
      const { values } = parseArgs({ args: rest, options: { program: { type: "boolean" } }, strict: true, allowPositionals: false });
      const { runTour, tourProgram } = await import("./tour.js");
      if (values.program) {
        process.stdout.write(tourProgram());
        return 0;
      }
      return runTour(process.argv[1]!, (t) => void writeSync(1, t));
    }
    case "mallocstats": {
      const { values } = parseArgs({ args: rest, options: HEAP_OPTIONS, strict: true, allowPositionals: false });
      process.stdout.write(runMallocstatsDemo(heapConfigFrom(values)));
      return 0;
    }
  }
  throw new GilsimConfigError("command", `unknown command '${command}'; choose from: run, dis, tour, mallocstats (see gilsim --help)`);
}

function isParseArgsError(e: unknown): e is Error & { code: string } {
  const code = e instanceof Error ? (e as Error & { code?: unknown }).code : undefined;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}

// Not a top-level await: the bundle is a CommonJS script (bin/load-bundle.js).
void main(process.argv.slice(2)).then((code) => {
  // Exit now: daemon threads' workers are not waited for (CPython drops them at exit too).
  process.exit(code);
}, (e: unknown) => {
  if (e instanceof GilsimError) {
    process.stderr.write(`gilsim: ${e.message}\n`);
    process.exitCode = 2;
  } else if (isParseArgsError(e)) {
    process.stderr.write(`gilsim: ${e.message}\n(see gilsim --help)\n`);
    process.exitCode = 2;
  } else {
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`gilsim: internal error: ${msg}\n(this is a bug in gilsim; please report it with the program that caused it)\n`);
    process.exitCode = 70;
  }
});
