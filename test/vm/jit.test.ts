/**
 * Translated code (src/vm/jit.ts) must be indistinguishable from the interpreter: the
 * golden corpus, translated from a code object's first call or loop iteration (`jit: 1`),
 * gives CPython's output and exactly the interpreter's bytecode and refcount counts, in a
 * mode with plain refcounts and lock-free lists (gil) and in one with neither
 * (free-threaded). Under --schedule, where the seeded scheduler switches threads only at
 * eval-breaker points, the same seed gives the same interleaving, output, switch count
 * and race findings with and without translation.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSource } from "../../src/vm/run.js";
import { JIT_OFF } from "../../src/vm/jit.js";
import { quickTuning } from "../../src/objects/quick.js";
import { tempDir } from "../support/tmp.js";

const golden = new URL("../golden/", import.meta.url).pathname;
const sched = new URL("../sched/", import.meta.url).pathname;
const bin = new URL("../../bin/gilsim.js", import.meta.url).pathname;

function programs(dir: string): string[] {
  return readdirSync(join(golden, dir)).filter((f) => f.endsWith(".py")).sort();
}

for (const mode of ["gil", "free-threaded"] as const) {
  describe(`translated code matches the interpreter in ${mode}`, () => {
    let translated = 0;
    for (const dir of ["core", "errors", "gc"]) {
      for (const file of programs(dir)) {
        it(`${dir}/${file}`, () => {
          const source = readFileSync(join(golden, dir, file), "utf8");
          const jit = runSource(source, { filename: file, mode, jit: 1 });
          const interp = runSource(source, { filename: file, mode, jit: JIT_OFF });
          expect(jit.stdout).toBe(readFileSync(join(golden, dir, file.replace(/\.py$/, ".out")), "utf8"));
          expect(interp.translated).toBe(0);
          expect({ stdout: jit.stdout, stderr: jit.stderr, exitCode: jit.exitCode, bytecodes: jit.bytecodes, refcount: jit.refcount, heap: jit.heap })
            .toEqual({ stdout: interp.stdout, stderr: interp.stderr, exitCode: interp.exitCode, bytecodes: interp.bytecodes, refcount: interp.refcount, heap: interp.heap });
          expect(jit.heapProblems).toEqual([]);
          translated += jit.translated;
        });
      }
    }
    it("translated the corpus's code", () => {
      // Every program's module body at least (it runs once: `jit: 1` translates it at entry).
      expect(translated).toBeGreaterThan(programs("core").length + programs("errors").length + programs("gc").length);
    });
  });
}

describe("translated code's int paths, common case from the first call", () => {
  // newInt and release (objects/quick.ts) do pymalloc's common case inline in gil: the same
  // blocks, free lists, pool lists and counters as the calls they stand for. With no
  // general calls first, the corpus runs them from the start; the heap and counts must be
  // the interpreter's.
  const saved = quickTuning.generalCalls;
  beforeAll(() => { quickTuning.generalCalls = 0; });
  afterAll(() => { quickTuning.generalCalls = saved; });
  for (const dir of ["core", "gc"]) {
    for (const file of programs(dir)) {
      it(`${dir}/${file}`, () => {
        const source = readFileSync(join(golden, dir, file), "utf8");
        const jit = runSource(source, { filename: file, mode: "gil", jit: 1 });
        const interp = runSource(source, { filename: file, mode: "gil", jit: JIT_OFF });
        expect({ stdout: jit.stdout, stderr: jit.stderr, exitCode: jit.exitCode, bytecodes: jit.bytecodes, refcount: jit.refcount, heap: jit.heap })
          .toEqual({ stdout: interp.stdout, stderr: interp.stderr, exitCode: interp.exitCode, bytecodes: interp.bytecodes, refcount: interp.refcount, heap: interp.heap });
        expect(jit.heapProblems).toEqual([]);
      });
    }
  }
});

describe("translated code under --schedule", () => {
  const out = tempDir("gilsim-jit-");
  const run = (file: string, mode: string, jit: string): Record<string, unknown> => {
    const json = join(out, `${file}.${mode}.${jit}.json`);
    const r = spawnSync(process.execPath, [bin, "run", file, "--mode", mode, "--schedule", "5", "--jit", jit, "--json", json], { cwd: sched, encoding: "utf8", timeout: 60_000 });
    const s = JSON.parse(readFileSync(json, "utf8"));
    return { status: r.status, stdout: r.stdout, bytecodes: s.bytecodes, refcount: s.refcount, schedule: s.schedule, races: s.races.byKind, translated: s.jit.translated > 0 };
  };
  for (const [file, mode] of [["lost_updates.py", "gil"], ["shared_refcounts.py", "nogil"], ["print_order.py", "free-threaded"]] as const) {
    it(`${file} in ${mode}: the same run, switch for switch`, () => {
      const jit = run(file, mode, "1");
      const interp = run(file, mode, "off");
      expect(jit.translated).toBe(true);
      expect(interp.translated).toBe(false);
      expect({ ...jit, translated: null }).toEqual({ ...interp, translated: null });
    }, 60_000);
  }
});
