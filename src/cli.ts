/**
 * The `gilsim` command line. Options are validated here, at the public boundary; a
 * mistake names the flag and the values it allows, and never shows a JS stack trace.
 */
import { parseArgs } from "node:util";
import { readFileSync } from "node:fs";
import { GilsimConfigError, GilsimError } from "./errors.js";
import type { HeapConfig } from "./heap/index.js";
import { runMallocstatsDemo } from "./demo.js";

const VERSION = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

const HELP = `gilsim ${VERSION} — a simulator of CPython's memory manager and GIL

Usage:
  gilsim mallocstats [heap options]   build an object workload on the simulated heap and
                                      print sys._debugmallocstats() and the heap check
  gilsim --help | --version

Heap options:
  --heap-mb N     size of the shared heap in MiB (default 64)
  --arena-kb N    pymalloc arena size in KiB (default 256; 1024 for the 3.10+ 64-bit geometry)
  --pool-kb N     pymalloc pool size in KiB (default 4; 16 for the 3.10+ 64-bit geometry)
`;

const heapOptions = {
  "heap-mb": { type: "string" },
  "arena-kb": { type: "string" },
  "pool-kb": { type: "string" },
} as const;

function positiveInt(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new GilsimConfigError(`--${flag}`, `expected a positive whole number, got '${value}'`);
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

export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === "--version" || command === "-V") {
    process.stdout.write(`gilsim ${VERSION}\n`);
    return 0;
  }
  if (command === "mallocstats") {
    const { values } = parseArgs({ args: rest, options: heapOptions, strict: true, allowPositionals: false });
    process.stdout.write(runMallocstatsDemo(heapConfigFrom(values)));
    return 0;
  }
  throw new GilsimConfigError("command", `unknown command '${command}'; choose from: mallocstats (see gilsim --help)`);
}

function isParseArgsError(e: unknown): e is Error & { code: string } {
  const code = e instanceof Error ? (e as Error & { code?: unknown }).code : undefined;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof GilsimError) {
    process.stderr.write(`gilsim: ${e.message}\n`);
    process.exitCode = 2;
  } else if (isParseArgsError(e)) {
    process.stderr.write(`gilsim: ${e.message}\n(see gilsim --help)\n`);
    process.exitCode = 2;
  } else {
    throw e;
  }
}
