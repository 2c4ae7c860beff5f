/**
 * The GIL's invariant under stress: 8 Python threads (8 worker threads) doing mixed
 * work — CPU, allocation, sleeps that release the GIL, lock hand-offs, shared appends —
 * and gilsim's own counter of threads inside bytecode must never have exceeded 1.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { tempDir } from "../support/tmp.js";

const bin = new URL("../../bin/gilsim.js", import.meta.url).pathname;
const program = new URL("./gil-stress.py", import.meta.url).pathname;
const scratch = tempDir("gilsim-stress-");

it("8 threads of mixed work never run bytecode at the same time under the GIL", () => {
  const json = join(scratch, "s.json");
  // A small switch interval makes hand-overs frequent.
  const r = spawnSync(process.execPath, [bin, "run", program, "--json", json], { encoding: "utf8", timeout: 120_000 });
  expect(r.stderr).toBe("");
  expect(r.stdout).toBe("240 55911\n"); // what CPython 3.11 prints
  const s = JSON.parse(readFileSync(json, "utf8"));
  expect(s.threads).toBe(9);
  expect(s.gil.violations).toBe(0);
  expect(s.gil.switches).toBeGreaterThan(8);
  for (const t of s.gil.perThread) expect(t.acquisitions).toBeGreaterThan(0);
}, 120_000);
