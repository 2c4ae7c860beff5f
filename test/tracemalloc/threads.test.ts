/**
 * tracemalloc across Python threads, run as a user runs it (`gilsim run`, worker threads
 * under the GIL): blocks made by any thread are in a snapshot taken by another, a thread
 * already running when start() is called is traced from its next bytecode, and a block
 * freed by another thread than the one that made it is untraced. The expected output is
 * what CPython 3.11 prints for threads.py.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const here = new URL(".", import.meta.url).pathname;
const bin = new URL("../../bin/gilsim.js", import.meta.url).pathname;

const CPYTHON_OUTPUT = `line 14: 100196 bytes in 4 blocks
line 21: 100049 bytes in 1 blocks
after freeing two:
line 14: 90147 bytes in 3 blocks
`;

describe("tracemalloc with threads", () => {
  it("traces every thread's blocks in one table, as CPython does", () => {
    const r = spawnSync(process.execPath, [bin, "run", "threads.py"], { cwd: here, encoding: "utf8", timeout: 60_000 });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(CPYTHON_OUTPUT);
    expect(r.status).toBe(0);
  }, 60_000);
});
