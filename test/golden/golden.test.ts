/**
 * The golden corpus: every program under core/, errors/ and gc/ must give exactly the
 * output CPython 3.11 gave (regen.sh re-derives it with python3). stderr is compared with
 * CPython's `^^^^` position lines removed (gilsim does not print them). After each
 * program the heap validator must pass, and once __main__ is finalized (with the full
 * collections CPython's finalization runs) nothing the program made may survive: classes
 * and every cycle the program dropped are freed by the cyclic GC.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ModeName } from "../../src/modes/index.js";
import { runSource } from "../../src/vm/run.js";

const here = new URL(".", import.meta.url).pathname;

/** Survivors other than the modules written in Python the program imported (weakref):
 *  a module and its dict are immortal, as every module is (src/vm/module.ts). */
function withoutModules(survivors: Record<string, number>): Record<string, number> {
  const rest = { ...survivors };
  const modules = rest.module ?? 0;
  delete rest.module;
  if (modules > 0 && rest.dict !== undefined) rest.dict -= modules;
  return Object.fromEntries(Object.entries(rest).filter(([, n]) => n !== 0));
}

function programs(dir: string): string[] {
  return readdirSync(`${here}/${dir}`).filter((f) => f.endsWith(".py")).sort();
}

function stripCarets(text: string): string {
  return text
    .split("\n")
    .filter((line) => !/^\s*[~^]+\s*$/.test(line))
    .join("\n");
}

function check(dir: string, file: string, mode: ModeName = "gil"): void {
  const path = `${here}/${dir}/${file}`;
  const base = path.replace(/\.py$/, "");
  const r = runSource(readFileSync(path, "utf8"), { filename: file, mode });
  expect(r.stdout).toBe(readFileSync(`${base}.out`, "utf8"));
  if (dir === "errors") {
    expect(stripCarets(r.stderr)).toBe(stripCarets(readFileSync(`${base}.err`, "utf8")));
    expect(r.exitCode).toBe(Number(readFileSync(`${base}.code`, "utf8").trim()));
  } else {
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
  }
  expect(r.heapProblems).toEqual([]);
  expect(withoutModules(r.survivors)).toEqual({});
}

describe("golden programs: core", () => {
  for (const file of programs("core")) it(file, () => check("core", file));
});

describe("golden programs: tracemalloc", () => {
  for (const file of programs("tracemalloc")) it(file, () => check("tracemalloc", file));
});

describe("golden programs: errors", () => {
  for (const file of programs("errors")) it(file, () => check("errors", file));
});

describe("golden programs: gc", () => {
  for (const file of programs("gc")) it(file, () => check("gc", file));
});

// The repaired modes run the same corpus and the GC programs, single-threaded, with
// CPython's output: atomic or biased refcounts, the locked allocator and the per-object
// locks must not change a thing.
for (const mode of ["nogil-atomic", "free-threaded"] as const) {
  describe(`golden programs in ${mode}`, () => {
    for (const dir of ["core", "errors", "gc"]) {
      for (const file of programs(dir)) it(`${dir}/${file}`, () => check(dir, file, mode));
    }
  });
}
