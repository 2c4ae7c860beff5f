/**
 * The golden corpus: every program under core/ and errors/ must give exactly the output
 * CPython 3.11 gave (regen.sh re-derives it with python3). stderr is compared with
 * CPython's `^^^^` position lines removed (gilsim does not print them). After each
 * program the heap validator must pass, and once __main__ is finalized nothing the
 * program made may survive except what class objects keep alive: a class is in a
 * reference cycle with itself (its __mro__), which only the cyclic GC can free.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runSource } from "../../src/vm/run.js";

const here = new URL(".", import.meta.url).pathname;

/** What a class and its namespace are made of: these may outlive the program until the GC
 *  issue. Plus "module": a module written in Python (tracemalloc) is made when imported
 *  and is immortal, as every module is here. */
const CLASS_PARTS = new Set(["type", "dict", "tuple", "function", "cell", "str", "staticmethod", "classmethod", "property", "module"]);

/** Programs whose data hangs off a reference cycle (a class attribute, a closure that
 *  refers to itself): CPython frees it with the cyclic GC, which gilsim does not have yet.
 *  Exact counts, so anything more is still a leak. */
const KNOWN_CYCLES: Record<string, Record<string, number>> = {
  "42_class_attributes.py": { list: 1 },
  "72_n_queens.py": { list: 77 },
};

function programs(dir: string): string[] {
  return readdirSync(`${here}/${dir}`).filter((f) => f.endsWith(".py")).sort();
}

function stripCarets(text: string): string {
  return text
    .split("\n")
    .filter((line) => !/^\s*[~^]+\s*$/.test(line))
    .join("\n");
}

function check(dir: string, file: string): void {
  const path = `${here}/${dir}/${file}`;
  const base = path.replace(/\.py$/, "");
  const r = runSource(readFileSync(path, "utf8"), { filename: file });
  expect(r.stdout).toBe(readFileSync(`${base}.out`, "utf8"));
  if (dir === "errors") {
    expect(stripCarets(r.stderr)).toBe(stripCarets(readFileSync(`${base}.err`, "utf8")));
    expect(r.exitCode).toBe(Number(readFileSync(`${base}.code`, "utf8").trim()));
  } else {
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
  }
  expect(r.heapProblems).toEqual([]);
  const allowed = KNOWN_CYCLES[file] ?? {};
  const leaked = Object.entries(r.survivors).filter(([type, n]) => n > 0 && !CLASS_PARTS.has(type) && allowed[type] !== n);
  expect(leaked).toEqual([]);
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
