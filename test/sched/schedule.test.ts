/**
 * `gilsim run --schedule SEED`, as a user runs it (the build in dist/): one thread runs
 * at a time and a seeded scheduler picks the interleaving, so a run is reproducible
 * whatever the OS does. The exact values asserted below are what the seed gives: they
 * are deterministic by construction, and change only if the scheduler's draws change.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../support/tmp.js";

const bin = new URL("../../bin/gilsim.js", import.meta.url).pathname;
const here = new URL("./", import.meta.url).pathname;
const dir = tempDir("gilsim-sched-");
let runs = 0;

interface Run {
  code: number | null;
  out: string;
  err: string;
  json: { schedule?: { seed: number; switches: number; points: number; deadlock: boolean }; gil: { violations: number; switches: number } };
}

function gilsim(program: string, ...args: string[]): Run {
  const json = join(dir, `run${runs++}.json`);
  const r = spawnSync(process.execPath, [bin, "run", join(here, program), "--json", json, ...args], { encoding: "utf8", timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr, json: JSON.parse(readFileSync(json, "utf8")) };
}

describe("--schedule SEED", () => {
  it("gives the same output and the same switches every time for one seed", () => {
    const a = gilsim("lost_updates.py", "--schedule", "1");
    const b = gilsim("lost_updates.py", "--schedule", "1");
    const c = gilsim("lost_updates.py", "--schedule", "1");
    expect(a.code).toBe(0);
    expect(a.out).toBe("2314\n"); // 4000 without races: seed 1 loses 1686 updates
    expect(b.out).toBe(a.out);
    expect(c.out).toBe(a.out);
    expect(a.json.schedule).toEqual({ seed: 1, switches: 1516, points: 12099, deadlock: false });
    expect(b.json.schedule).toEqual(a.json.schedule);
    expect(c.json.schedule).toEqual(a.json.schedule);
    expect(a.json.gil.violations).toBe(0);
    expect(a.json.gil.switches).toBeGreaterThan(0); // in gil mode the baton's hand-overs are GIL switches
  }, 120_000);

  it("gives other interleavings for other seeds: lost updates and print order", () => {
    const counts = ["2", "3"].map((seed) => gilsim("lost_updates.py", "--schedule", seed).out);
    expect(counts).toEqual(["2422\n", "2391\n"]);
    const orders = ["1", "2", "3"].map((seed) => gilsim("print_order.py", "--schedule", seed).out.replace(/\n/g, " ").trim());
    expect(orders).toEqual([
      "a 0 b 0 b 1 b 2 b 3 b 4 a 1 a 2 b 5 a 3 a 4 a 5",
      "a 0 a 1 a 2 b 0 a 3 a 4 a 5 b 1 b 2 b 3 b 4 b 5",
      "a 0 b 0 b 1 b 2 b 3 b 4 b 5 a 1 a 2 a 3 a 4 a 5",
    ]);
  }, 120_000);

  it("stops a run whose threads all wait for ever, names them, exits 86", () => {
    const r = gilsim("lock_order_deadlock.py", "--schedule", "3");
    expect(r.code).toBe(86);
    expect(r.out).toBe("");
    expect(r.err).toBe(
      "gilsim: deadlock under --schedule 3: every thread is waiting and none has a timeout: " +
      "the main thread (ident 1) waits for a thread to finish; thread ident 2 waits for a lock; thread ident 3 waits for a lock\n");
    expect(r.json.schedule?.deadlock).toBe(true);
    // A seed that never has both threads inside their first lock at once finishes.
    expect(gilsim("lock_order_deadlock.py", "--schedule", "5").out).toBe("no deadlock\n");
  }, 120_000);

  it("reports a single thread waiting on itself", () => {
    const self = join(dir, "self.py");
    writeFileSync(self, 'import threading\nl = threading.Lock()\nl.acquire()\nprint("before")\nl.acquire()\nprint("never")\n');
    const r = spawnSync(process.execPath, [bin, "run", self, "--schedule", "0"], { encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(86);
    expect(r.stdout).toBe("before\n");
    expect(r.stderr).toBe("gilsim: deadlock under --schedule 0: every thread is waiting and none has a timeout: the main thread (ident 1) waits for a lock\n");
  }, 60_000);

  it("measures sleeps and timeouts on a virtual clock", () => {
    const r = gilsim("timeouts.py", "--schedule", "1");
    expect(r.code).toBe(0);
    expect(r.out).toBe("after join(0.02): thread 3 alive True\n[1, 1, 2, 3, 1, 2, 3, 2, 3]\nacquire(timeout=0.5) of a held lock: False\n");
  }, 60_000);

  it("prints the seed and the switches in --stats, and puts the schedule in --trace", () => {
    const trace = join(dir, "trace.json");
    const r = gilsim("print_order.py", "--schedule", "2", "--stats", "--trace", trace);
    expect(r.err).toMatch(/^ {2}schedule seed +2$/m);
    expect(r.err).toMatch(new RegExp(`^  schedule switches +${r.json.schedule!.switches}$`, "m"));
    const t = JSON.parse(readFileSync(trace, "utf8"));
    expect(t.otherData.schedule.seed).toBe(2);
    // Every switch shows as one thread's running slice ending and another's beginning.
    const running = t.traceEvents.filter((e: { name: string }) => e.name === "running (holds GIL)");
    expect(running.length).toBeGreaterThan(r.json.schedule!.switches);
  }, 60_000);

  it("rejects a seed that is not a whole number in range, naming the flag", () => {
    for (const bad of ["x", "-1", "1.5", "4294967296"]) {
      const r = spawnSync(process.execPath, [bin, "run", join(here, "print_order.py"), `--schedule=${bad}`], { encoding: "utf8" });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`gilsim: --schedule: expected a seed, a whole number from 0 to 4294967295, got '${bad}'\n`);
    }
  });
});
