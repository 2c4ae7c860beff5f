/**
 * The collector with real threads (the installed command, worker threads over one heap):
 * several threads make cycles, collections run automatically on whichever thread crosses
 * the threshold, and the run's --json, --stats and --trace show them.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../support/tmp.js";

const bin = new URL("../../bin/gilsim.js", import.meta.url).pathname;
const dir = tempDir("gilsim-gc-");

const PROGRAM = `
import gc
import threading
import weakref

freed = []
lock = threading.Lock()


class Node:
    def __init__(self, n):
        self.n = n
        self.me = self

    def __del__(self):
        with lock:
            freed.append(self.n)


def work(k):
    for i in range(3000):
        Node(k)


probe = Node(-1)
watch = weakref.ref(probe)
del probe
threads = [threading.Thread(target=work, args=(k,)) for k in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
gc.collect()
print(sorted(set(freed)), len(freed), watch())
`;

describe("the cyclic GC with threads", () => {
  it("collects every thread's cycles and reports the collections", () => {
    const path = join(dir, "threads_gc.py");
    writeFileSync(path, PROGRAM);
    const json = join(dir, "summary.json");
    const trace = join(dir, "trace.json");
    const r = spawnSync(process.execPath, [bin, "run", path, "--json", json, "--trace", trace, "--stats"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("[-1, 0, 1, 2] 9001 None\n");
    expect(r.stderr).toMatch(/GC collections +gen 0: \d+ \(\d+ collected\)/);
    const summary = JSON.parse(readFileSync(json, "utf8")) as {
      gc: { generations: { collections: number; collected: number; uncollectable: number }[]; thresholds: number[] };
      heap: { problems?: string[] };
    };
    expect(summary.gc.thresholds).toEqual([700, 10, 10]);
    expect(summary.gc.generations).toHaveLength(3);
    expect(summary.gc.generations[0]!.collections).toBeGreaterThan(1);
    const collected = summary.gc.generations.reduce((n, g) => n + g.collected, 0);
    expect(collected).toBeGreaterThanOrEqual(9001);
    const events = (JSON.parse(readFileSync(trace, "utf8")) as { traceEvents: { name: string; ph: string; tid: number }[] }).traceEvents;
    const gcSlices = events.filter((e) => e.ph === "X" && e.name.startsWith("gc collect"));
    expect(gcSlices.length).toBeGreaterThan(1);
  });
});

describe("the cyclic GC without a GIL", () => {
  it("stops the world for every collection in free-threaded, and the trace says so", () => {
    const path = join(dir, "threads_gc_ft.py");
    writeFileSync(path, PROGRAM);
    const json = join(dir, "summary-ft.json");
    const trace = join(dir, "trace-ft.json");
    const r = spawnSync(process.execPath, [bin, "run", path, "--mode", "free-threaded", "--json", json, "--trace", trace], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("[-1, 0, 1, 2] 9001 None\n");
    const summary = JSON.parse(readFileSync(json, "utf8")) as { gc: { generations: { collections: number }[] }; heap: { problems: string[] } };
    const collections = summary.gc.generations.reduce((n, g) => n + g.collections, 0);
    const events = (JSON.parse(readFileSync(trace, "utf8")) as { traceEvents: { name: string; ph: string; tid: number; args?: { stoppedBy?: number } }[] }).traceEvents;
    const slices = (name: string): { tid: number }[] => events.filter((e) => e.ph === "X" && e.name === name);
    // Every collection ran with the world stopped (the one at finalization included).
    expect(collections).toBeGreaterThan(1);
    expect(slices("world stopped").length).toBe(collections);
    expect(slices("stopping the world").length).toBe(collections);
    // Parked threads say who stopped them: never themselves.
    for (const e of events.filter((e) => e.ph === "X" && e.name === "parked (stop-the-world)")) {
      expect(e.args?.stoppedBy).not.toBe(e.tid);
    }
  });
});
