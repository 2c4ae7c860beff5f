/**
 * Which line a traced block is charged to, and when a block stops being traced, read
 * straight from _tracemalloc._get_traces() (no Snapshot code in the way). Each program
 * prints the (line, size) of its own traces of at least 1000 bytes, sorted.
 */
import { describe, expect, it } from "vitest";
import { runSource } from "../../src/vm/run.js";

const DUMP = `
def dump(label):
    out = []
    for domain, size, frames, total in _tracemalloc._get_traces():
        filename, line = frames[0]
        if filename == "prog.py" and size >= 1000:
            out.append((line, size))
    out.sort()
    print(label, out)
`;

function run(body: string): string {
  const src = `import _tracemalloc\n${DUMP}\n${body}`;
  const r = runSource(src, { filename: "prog.py" });
  expect(r.stderr).toBe("");
  expect(r.heapProblems).toEqual([]);
  return r.stdout;
}

/** The line of `marker` in the program run() builds from `body`. */
function lineOf(body: string, marker: string): number {
  const lines = `import _tracemalloc\n${DUMP}\n${body}`.split("\n");
  const i = lines.findIndex((l) => l.includes(marker));
  expect(i).toBeGreaterThanOrEqual(0);
  return i + 1;
}

describe("tracemalloc attribution", () => {
  it("charges a block to the innermost frame's current line, and untraces it when freed", () => {
    const body = `
def make(n):
    return "a" * n  # MAKE

def two(n):
    first = make(n)
    second = "b" * (n + 1)  # TWO
    return first, second

_tracemalloc.start()
kept = two(3000)
dump("made:")
kept = None
dump("freed:")
_tracemalloc.stop()
dump("stopped:")
`;
    const make = lineOf(body, "# MAKE");
    const two = lineOf(body, "# TWO");
    expect(run(body)).toBe(`made: [(${make}, 3049), (${two}, 3050)]\nfreed: []\nstopped: []\n`);
  });

  it("does not trace blocks made before start(), and freeing them while tracing is harmless", () => {
    const body = `
held = ["e" * 5000, None]
warm = [(i, i) for i in range(50)]  # 2-tuples on the free list: get_traced_memory's
warm = None                         # result tuple is then not an allocation

def free_early():
    held[1] = "l" * 6000  # LATE
    before = _tracemalloc.get_traced_memory()[0]
    held[0] = None
    after = _tracemalloc.get_traced_memory()[0]
    return after - before

_tracemalloc.start()
delta = free_early()
dump("traced:")
print(delta)
_tracemalloc.stop()
`;
    // Freeing the untraced block changes nothing: the difference is the int 'before'
    // (32 bytes), as CPython's.
    expect(run(body)).toBe(`traced: [(${lineOf(body, "# LATE")}, 6049)]\n32\n`);
  });

  it("charges a resized block to the line that resized it, with its new size (tracemalloc_realloc)", () => {
    const body = `
items = []
_tracemalloc.start()
for i in range(1000):
    items.append(i)  # GROW
dump("grown:")
_tracemalloc.stop()
`;
    // list_resize's last step for 1000 appends: 1100 slots, 8 bytes each (CPython's
    // sys.getsizeof of that list is 56 + 8800).
    expect(run(body)).toBe(`grown: [(${lineOf(body, "# GROW")}, 8800)]\n`);
  });

  it("keeps nframe frames, most recent first, and counts the whole stack", () => {
    const body = `
def inner(n):
    return "i" * n  # INNER

def middle(n):
    return inner(n)  # MIDDLE

def top(n):
    return middle(n)

_tracemalloc.start(2)
kept = top(2000)
for domain, size, frames, total in _tracemalloc._get_traces():
    if size == 2049:
        print(frames, total)
print(_tracemalloc._get_object_traceback(kept))
_tracemalloc.stop()
print(_tracemalloc._get_object_traceback(kept))
`;
    const inner = lineOf(body, "# INNER");
    const middle = lineOf(body, "# MIDDLE");
    const frames = `(('prog.py', ${inner}), ('prog.py', ${middle}))`;
    expect(run(body)).toBe(`${frames} 4\n${frames}\nNone\n`);
  });

  it("charges allocations made by native code called from Python to the calling line", () => {
    const body = `
_tracemalloc.start()
words = "x " * 2000
parts = words.split()  # SPLIT
dump("split:")
_tracemalloc.stop()
`;
    // split's list: 2000 items (8 bytes each, over-allocated by list growth) on its line.
    const out = run(body);
    expect(out).toContain(`(${lineOf(body, "# SPLIT")}, `);
  });
});
