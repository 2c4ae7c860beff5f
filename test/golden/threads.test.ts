/**
 * The threaded golden programs, run as a user runs them (`gilsim run`, from the build in
 * dist/): every Python thread on its own worker thread, serialized by the GIL. stdout
 * and the exit code must be CPython 3.11's; stderr is compared without CPython's `^^^^`
 * lines and without the frames inside threading.py (CPython's and ours are different
 * files; regen.sh drops CPython's). The run summary must show no GIL violation and a
 * clean heap.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { comparableStderr } from "./compare.js";
import { tempDir } from "../support/tmp.js";

const here = new URL("./threads/", import.meta.url).pathname;
const bin = new URL("../../bin/gilsim.js", import.meta.url).pathname;
const out = tempDir("gilsim-threads-");

// The repaired modes run them with real parallelism and must print the same: nogil-atomic
// and free-threaded have no GIL, so their summaries have none (gil: null).
for (const mode of ["gil", "nogil-atomic", "free-threaded"] as const) describe(`golden programs: threads (${mode})`, () => {
  for (const file of readdirSync(here).filter((f) => f.endsWith(".py")).sort()) {
    it(file, () => {
      const base = join(here, file.replace(/\.py$/, ""));
      const json = join(out, `${mode}-${file}.json`);
      const r = spawnSync(process.execPath, [bin, "run", file, "--mode", mode, "--json", json], { cwd: here, encoding: "utf8", timeout: 60_000 });
      expect(r.stdout).toBe(readFileSync(`${base}.out`, "utf8"));
      const wantErr = existsSync(`${base}.err`) ? readFileSync(`${base}.err`, "utf8") : "";
      expect(comparableStderr(r.stderr)).toBe(comparableStderr(wantErr));
      const wantCode = existsSync(`${base}.code`) ? Number(readFileSync(`${base}.code`, "utf8").trim()) : 0;
      expect(r.status).toBe(wantCode);
      const summary = JSON.parse(readFileSync(json, "utf8"));
      if (mode === "gil") expect(summary.gil.violations).toBe(0);
      else expect(summary.gil).toBeNull();
    }, 60_000);
  }
});
