/**
 * The threaded golden programs under `--mode gil --schedule SEED`: one thread at a time,
 * switching only where the GIL could be dropped, so the output must be CPython 3.11's,
 * for every seed (these are the programs whose output does not depend on scheduling).
 * Joins, locks, events, conditions, sleeps and timeouts all go through the scheduler.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { comparableStderr } from "../golden/compare.js";
import { tempDir } from "../support/tmp.js";

const golden = new URL("../golden/threads/", import.meta.url).pathname;
const bin = new URL("../../bin/gilsim.js", import.meta.url).pathname;
const out = tempDir("gilsim-sched-golden-");
const SEEDS = ["1", "7"];

describe("golden programs: threads, under --schedule", () => {
  for (const file of readdirSync(golden).filter((f) => f.endsWith(".py")).sort()) {
    it(file, () => {
      const base = join(golden, file.replace(/\.py$/, ""));
      const wantErr = existsSync(`${base}.err`) ? readFileSync(`${base}.err`, "utf8") : "";
      const wantCode = existsSync(`${base}.code`) ? Number(readFileSync(`${base}.code`, "utf8").trim()) : 0;
      for (const seed of SEEDS) {
        const json = join(out, `${file}.${seed}.json`);
        const r = spawnSync(process.execPath, [bin, "run", file, "--schedule", seed, "--json", json], { cwd: golden, encoding: "utf8", timeout: 60_000 });
        expect(r.stdout, `seed ${seed}`).toBe(readFileSync(`${base}.out`, "utf8"));
        expect(comparableStderr(r.stderr), `seed ${seed}`).toBe(comparableStderr(wantErr));
        expect(r.status, `seed ${seed}`).toBe(wantCode);
        const summary = JSON.parse(readFileSync(json, "utf8"));
        expect(summary.gil.violations).toBe(0);
        expect(summary.schedule.seed).toBe(Number(seed));
      }
    }, 120_000);
  }
});
