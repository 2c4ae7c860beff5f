/**
 * The timeline: `gilsim run --trace OUT.json` on three CPU-bound threads writes Chrome
 * Trace Event Format JSON whose structure Perfetto accepts, with one named track per
 * Python thread, and under the GIL no two threads' "running" slices overlap.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../support/tmp.js";

const bin = new URL("../../bin/gilsim.js", import.meta.url).pathname;
const program = new URL("./trace-cpu.py", import.meta.url).pathname;
/** Timestamps are µs on a clock calibrated per worker thread to well under this. */
const PRECISION_US = 1;

interface Ev { name: string; ph: string; ts: number; pid: number; tid: number; dur?: number; s?: string; args?: Record<string, unknown> }

let trace: { traceEvents: Ev[]; displayTimeUnit: string; otherData: Record<string, unknown> };
let summary: { threads: number; gil: { violations: number; handoffGapUs: number | null; threadStartMs: number | null } };

const dir = tempDir("gilsim-trace-");

beforeAll(() => {
  const r = spawnSync(process.execPath, [bin, "run", program, "--trace", join(dir, "t.json"), "--json", join(dir, "s.json")], { encoding: "utf8", timeout: 120_000 });
  expect(r.stderr).toBe("");
  expect(r.stdout).toBe("[700000, 700000, 700000]\n");
  trace = JSON.parse(readFileSync(join(dir, "t.json"), "utf8"));
  summary = JSON.parse(readFileSync(join(dir, "s.json"), "utf8"));
}, 120_000);

describe("--trace", () => {
  it("writes Chrome Trace Event Format", () => {
    expect(trace.displayTimeUnit).toBe("ms");
    expect(Array.isArray(trace.traceEvents)).toBe(true);
    for (const e of trace.traceEvents) {
      expect(typeof e.name).toBe("string");
      expect(["X", "i", "M", "C"]).toContain(e.ph);
      expect(Number.isFinite(e.ts)).toBe(true);
      expect(e.ts).toBeGreaterThanOrEqual(0);
      expect(e.pid).toBe(1);
      expect(Number.isInteger(e.tid)).toBe(true);
      if (e.ph === "X") expect(e.dur).toBeGreaterThanOrEqual(0);
      if (e.ph === "i") expect(e.s).toBe("t");
      if (e.ph === "M" || e.ph === "C") expect(typeof e.args).toBe("object");
    }
  });

  it("names every track after its Python thread", () => {
    const names = new Map(trace.traceEvents.filter((e) => e.ph === "M" && e.name === "thread_name").map((e) => [e.tid, e.args!.name]));
    expect(names.size).toBe(summary.threads);
    expect(names.get(0)).toBe("MainThread");
    expect([1, 2, 3].map((t) => names.get(t))).toEqual(["Thread-1 (spin)", "Thread-2 (spin)", "Thread-3 (spin)"]);
    for (const e of trace.traceEvents) if (e.ph !== "M" && e.ph !== "C") expect(names.has(e.tid)).toBe(true);
  });

  it("shows every thread running, threads waiting for the GIL and drop requests", () => {
    for (const tid of [0, 1, 2, 3]) {
      expect(trace.traceEvents.some((e) => e.tid === tid && e.ph === "X" && e.name === "running (holds GIL)")).toBe(true);
    }
    expect(trace.traceEvents.some((e) => e.ph === "X" && e.name === "waiting for GIL")).toBe(true);
    expect(trace.traceEvents.some((e) => e.ph === "X" && e.name === "blocked")).toBe(true);
    expect(trace.traceEvents.some((e) => e.ph === "i" && e.name === "drop request")).toBe(true);
  });

  it("never shows two threads running at once under the GIL", () => {
    const running = trace.traceEvents.filter((e) => e.ph === "X" && e.name === "running (holds GIL)").sort((a, b) => a.ts - b.ts);
    expect(running.length).toBeGreaterThan(6);
    // Sorted by start, each slice must begin after every earlier one has ended.
    let last = running[0]!;
    for (const next of running.slice(1)) {
      expect(next.ts, `thread ${next.tid}'s slice at ${next.ts} µs starts inside thread ${last.tid}'s`).toBeGreaterThanOrEqual(last.ts + last.dur! - PRECISION_US);
      if (next.ts + next.dur! > last.ts + last.dur!) last = next;
    }
    expect(summary.gil.violations).toBe(0);
  });

  it("reports the median hand-off gap and thread start latency in --json", () => {
    expect(summary.gil.handoffGapUs).toBeGreaterThan(0);
    expect(summary.gil.threadStartMs).toBeGreaterThan(0);
  });
});
