/**
 * The race detector through the CLI: a nogil race program ends with a documented exit
 * status and a report, whichever race happens; the same program under the GIL reports
 * nothing. (Uses the build: `npm test` builds first.)
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runRobustness } from "../../bench/robustness.js";
import { tempDir } from "../support/tmp.js";

const root = new URL("../../", import.meta.url).pathname;
const bin = join(root, "bin/gilsim.js");
const dir = tempDir("gilsim-races-");

interface Races { total: number; byKind: Record<string, number>; crashedThread: number | null; examples: { kind: string; thread: number }[] }

function run(program: string, ...args: string[]): { code: number | null; stdout: string; stderr: string; races: Races } {
  const json = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync(process.execPath, [bin, "run", join(root, program), "--json", json, ...args], { encoding: "utf8", timeout: 120_000 });
  const races = (JSON.parse(readFileSync(json, "utf8")) as { races: Races }).races;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, races };
}

describe("race findings on the command line", () => {
  it("a nogil race program exits 0 with CPython's output and no findings, or with 3/139/142 and a report", () => {
    const expected = readFileSync(join(root, "scenarios/race_shared_objects.expected"), "utf8");
    for (let i = 0; i < 3; i++) {
      const r = run("scenarios/race_shared_objects.py", "--mode", "nogil");
      expect(r.stderr).toContain("counterfactual");
      const sum = Object.values(r.races.byKind).reduce((a, b) => a + b, 0);
      expect(sum).toBe(r.races.total);
      if (r.code === 0) {
        expect(r.races.total).toBe(0);
        expect(r.stdout).toBe(expected);
        continue;
      }
      expect([3, 139, 142]).toContain(r.code);
      expect(r.races.total).toBeGreaterThan(0);
      expect(r.stderr).toContain("gilsim: race report:");
      expect(r.races.examples.length).toBeGreaterThan(0);
      // 139 iff a thread stopped on a fault; 142 iff the watchdog found a hang.
      expect(r.races.crashedThread !== null).toBe(r.code === 139);
      expect(r.races.byKind.hang! > 0).toBe(r.code === 142);
      expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    }
  });

  it("the same program under the GIL reports nothing", () => {
    const r = run("scenarios/race_shared_objects.py", "--stats");
    expect(r.code).toBe(0);
    expect(r.races.total).toBe(0);
    expect(r.stderr).not.toContain("race report");
  });

  it("documents the exit codes in --help", () => {
    const r = spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
    expect(r.stdout).toMatch(/139 when the simulated heap is corrupted/);
    expect(r.stdout).toMatch(/142 when the watchdog ended a run/);
    expect(r.stdout).toMatch(/3 when the race detector found races/);
  });

  it("robustness, CI-sized: no hangs, no host crashes, every abnormal run reported", async () => {
    const rows = await runRobustness(5);
    for (const row of rows) {
      expect(row.failures).toEqual([]);
      expect(row.hangs + row.hostCrashes + row.withoutReport).toBe(0);
      expect(row.runs).toBe(5);
    }
  }, 600_000);
});
