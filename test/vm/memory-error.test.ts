/**
 * A heap that fills up raises MemoryError, in every mode, even when it is too full to
 * hold the MemoryError itself or its traceback: the spare MemoryErrors made at boot
 * (exceptions.c's memerrors_freelist, OBJ.MEMERRORS) stand in, a traceback entry that
 * does not fit is left out (as PyTraceBack_Here's failure leaves it out), and the run
 * ends as CPython's does, never with an internal error. Each program fills a 16 MiB heap
 * with floats in a dict until the allocator gives up.
 */
import { describe, expect, it } from "vitest";
import { MODES } from "../../src/modes/policy.js";
import { runSource } from "../../src/vm/run.js";

const heap = { heapBytes: 16 * 1024 * 1024 };

const UNCAUGHT = `d = {}
i = 0
while True:
    d[i] = i * 1.5
    i += 1
`;

// Caught forty times (more than the 16 spares), with the heap full each time.
const CAUGHT = `d = {}
i = 0
n = 0
while n < 40:
    try:
        while True:
            d[i] = i * 1.5
            i += 1
    except MemoryError as e:
        n += 1
        last = e
print(n, type(last).__name__, last.args)
`;

describe.each(MODES)("a full heap in %s", (mode) => {
  it("raises MemoryError, uncaught: exit code 1, no internal error, a healthy heap", () => {
    const r = runSource(UNCAUGHT, { mode, heap });
    expect(r.stderr).toMatch(/(^|\n)MemoryError\n$/);
    expect(r.stderr).not.toMatch(/internal error|segmentation/);
    expect(r.exitCode).toBe(1);
    expect(r.heapProblems).toEqual([]);
  });

  it("raises a MemoryError the program can catch again and again", () => {
    const r = runSource(CAUGHT, { mode, heap });
    expect(r.stdout).toBe("40 MemoryError ()\n");
    expect(r.stderr).not.toMatch(/internal error|segmentation|Traceback/);
    expect(r.exitCode).toBe(0);
    expect(r.heapProblems).toEqual([]);
  });
});
