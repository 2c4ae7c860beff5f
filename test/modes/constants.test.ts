/**
 * free-threaded's immortal code constants (Objects/codeobject.c, intern_constants in the
 * free-threaded build): every constant of a code object is immortal and every string
 * constant is interned, so threads that load them never write their counts. The other
 * modes keep CPython 3.12's counted constants. And the mode-state lines sit on cache
 * lines of their own.
 */
import { describe, expect, it } from "vitest";
import { createHeap, ObMalloc } from "../../src/heap/index.js";
import { HDR } from "../../src/heap/layout.js";
import { IMMORTAL_MIN } from "../../src/objects/layout.js";
import { formatModeState, freeModeState, MS_LINE_BYTES } from "../../src/modes/state.js";
import { runSource } from "../../src/vm/run.js";

// sys.getrefcount of an int, a non-identifier string, a tuple and a function's constant.
const PROGRAM = `
import sys
print(sys.getrefcount(100000))
print(sys.getrefcount("not an identifier"))
print(sys.getrefcount((1, "two", 3.5)))
def f():
    return 123456
print(sys.getrefcount(f()))
`;

function refcounts(mode: "gil" | "free-threaded"): number[] {
  const r = runSource(PROGRAM, { filename: "constants.py", mode });
  expect(r.stderr).toBe("");
  expect(r.heapProblems).toEqual([]);
  return r.stdout.trim().split("\n").map(Number);
}

describe("code constants", () => {
  it("are immortal in free-threaded, string constants included", () => {
    for (const rc of refcounts("free-threaded")) expect(rc).toBeGreaterThanOrEqual(IMMORTAL_MIN);
  });

  it("are counted in gil, as in CPython 3.12", () => {
    for (const rc of refcounts("gil")) expect(rc).toBeLessThan(10);
  });
});

describe("the mode-state block", () => {
  it("starts every line on a 64-byte boundary, whatever the raw allocator's alignment", () => {
    const heap = createHeap({ heapBytes: 8 << 20 });
    const ob = new ObMalloc(heap);
    for (const skew of [16, 32, 48, 64]) {
      const pad = ob.raw.malloc(skew); // moves the next raw block along
      formatModeState(heap, ob.raw);
      expect(heap.i32[HDR.MODE_STATE]! % MS_LINE_BYTES).toBe(0);
      const before = ob.raw.stats().bytesInUse;
      freeModeState(heap, ob.raw, (p) => ob.free(p));
      expect(ob.raw.stats().bytesInUse).toBeLessThan(before);
      ob.raw.free(pad);
    }
  });
});
