/**
 * The pool bin/gilsim.js starts before the CLI loads (src/prestart.ts) and the CLI takes
 * (src/runargs.ts): started only for a `run` whose arguments parse and whose program can
 * be read, sized as the CLI would size it, handed over once.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { prestart } from "../../src/prestart.js";
import { takePrestarted, workersFor } from "../../src/runargs.js";
import { tempDir } from "../support/tmp.js";

const dir = tempDir("gilsim-prestart-");

function program(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const plain = program("plain.py", "print('hi')\n");
const threaded = program("threaded.py", "import threading\nprint('hi')\n");

describe("prestart", () => {
  afterEach(async () => {
    // Nothing left in the slot for the next test.
    for (const n of [1, 5]) await takePrestarted(n)?.destroy();
  });

  it("sizes the pool as the CLI does", () => {
    expect(workersFor("print('hi')\n")).toBe(1);
    expect(workersFor("import threading\n")).toBe(5);
    expect(workersFor("from threading import Thread\n")).toBe(5);
  });

  it("starts a pool for a run, which the CLI takes once", async () => {
    prestart(["run", "--mode", "nogil", threaded, "--", "arg"]);
    const pool = takePrestarted(5);
    expect(pool).not.toBeNull();
    expect(pool!.options.minThreads).toBe(5);
    expect(takePrestarted(5)).toBeNull();
    await pool!.destroy();
  });

  it("a pool of another size is not handed over", () => {
    prestart(["run", plain]);
    expect(takePrestarted(5)).toBeNull();
    expect(takePrestarted(1)).toBeNull();
  });

  it("starts nothing for another command, bad arguments or an unreadable file", () => {
    prestart(["dis", plain]);
    prestart(["run", "--no-such-flag", plain]);
    prestart(["run"]);
    prestart(["run", join(dir, "missing.py")]);
    expect(takePrestarted(1)).toBeNull();
  });
});
