/**
 * No false alarms: the golden programs, run single-threaded in nogil (nothing can race),
 * must give CPython's output with 0 findings — the audit's true counts, the shadow and
 * the use-after-free checks agree with a correct run. Under the GIL nothing is detected
 * at all (the plain allocator and object space have no detector). That the audit can
 * fail is shown by test/races/detect.test.ts, which plants each corruption.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runSource } from "../../src/vm/run.js";

const golden = new URL("../golden/", import.meta.url).pathname;

describe("the golden programs report no races", () => {
  for (const dir of ["core", "errors"]) {
    it(`${dir}/ in nogil, one thread: CPython's output, 0 findings`, () => {
      const files = readdirSync(golden + dir).filter((f) => f.endsWith(".py")).sort();
      expect(files.length).toBeGreaterThan(10);
      for (const f of files) {
        const path = `${golden}${dir}/${f}`;
        const r = runSource(readFileSync(path, "utf8"), { filename: f, mode: "nogil" });
        expect({ f, stdout: r.stdout }).toEqual({ f, stdout: readFileSync(path.replace(/\.py$/, ".out"), "utf8") });
        expect({ f, races: r.races.total, examples: r.races.examples }).toEqual({ f, races: 0, examples: [] });
        expect({ f, problems: r.heapProblems }).toEqual({ f, problems: [] });
      }
    }, 300_000);
  }
});
