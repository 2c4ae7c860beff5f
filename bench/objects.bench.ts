/**
 * Object-layer micro-benchmark: ns per hot operation, single thread, and a check that the
 * hot paths allocate no JS objects.
 *
 *   npx tsx bench/objects.bench.ts
 *
 * Each task does BATCH operations so tinybench's per-call overhead is amortised. The
 * allocation check runs each operation ALLOC_RUNS times and counts V8 garbage collections
 * (PerformanceObserver "gc" entries): a path allocating even 16 bytes per call would fill
 * the young generation dozens of times over. One known exception: a number beyond V8's
 * 31-bit small integers (e.g. a two-digit int's value) is boxed when returned from a call
 * V8 did not inline; inside an optimised interpreter loop it usually is inlined.
 */
import { PerformanceObserver } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { Bench } from "tinybench";
import { createHeap, ObMalloc } from "../src/heap/index.js";
import * as O from "../src/objects/index.js";

const BATCH = 4096;
const ALLOC_RUNS = 5_000_000;

export async function runObjectsBench(): Promise<void> {
  const heap = createHeap({ heapBytes: 64 * 1024 * 1024 });
  const s = O.formatObjects(heap, new ObMalloc(heap));
  const mortal = O.intFromNumber(s, 123_456_789);
  const big = O.intFromNumber(s, 2 ** 40 + 3);
  const list = O.listNew(s, 0);
  for (let i = 0; i < 100; i++) O.listAppend(s, list, s.smallInt(i));
  const dict = O.dictNew(s);
  const names = Array.from({ length: 20 }, (_, i) => O.strIntern(s, `name${i}`));
  names.forEach((n, i) => O.dictSetItem(s, dict, n, s.smallInt(i)));
  const key = names[13]!;
  const keepFloat = O.floatNew(s, 0);

  // Results go to a typed array: a captured `let` holding a double would itself be boxed
  // (a JS allocation per call) and hide what the operations do.
  const sink = new Float64Array(1);
  const bit = (): number => sink[0]! & 1;
  const ops: [string, () => void][] = [
    ["incref+decref", () => {
      s.incref(mortal);
      s.decref(mortal);
    }],
    ["intFromNumber(1000)+decref", () => s.decref(O.intFromNumber(s, 1000 + bit()))],
    ["intAsNumber (1 digit)", () => {
      sink[0] = O.intAsNumber(s, mortal);
    }],
    ["intAsNumber (2 digits)", () => {
      sink[0] = O.intAsNumber(s, big);
    }],
    ["floatNew+decref (free list)", () => s.decref(O.floatNew(s, 1.5))],
    ["floatValue", () => {
      sink[0] = O.floatValue(s, keepFloat);
    }],
    ["listGet", () => {
      sink[0] = O.listGet(s, list, bit());
    }],
    ["listAppend+listPop", () => {
      O.listAppend(s, list, mortal);
      s.decref(O.listPop(s, list));
    }],
    ["dictGetItemStr (interned hit)", () => {
      sink[0] = O.dictGetItemStr(s, dict, key);
    }],
    ["dictSetItem (replace)", () => O.dictSetItem(s, dict, key, s.smallInt(bit()))],
  ];

  const bench = new Bench({ time: 300, warmup: true, warmupTime: 100 });
  for (const [name, op] of ops) {
    bench.add(name, () => {
      for (let i = 0; i < BATCH; i++) op();
    });
  }
  await bench.run();
  console.log("object layer: ns per operation (one thread)");
  for (const task of bench.tasks) {
    const r = task.result;
    if (r === undefined || !("latency" in r)) continue;
    console.log(`  ${task.name.padEnd(32)} ${((r.latency.mean * 1e6) / BATCH).toFixed(1).padStart(7)} ns   (±${r.latency.rme.toFixed(1)}%)`);
  }

  console.log(`JS garbage collections during ${ALLOC_RUNS.toLocaleString("en-US")} calls (0 = no JS allocation):`);
  let gcs = 0;
  const obs = new PerformanceObserver((list) => {
    gcs += list.getEntries().length;
  });
  obs.observe({ entryTypes: ["gc"] });
  for (const [name, op] of ops) {
    await new Promise((r) => setTimeout(r, 20));
    gcs = 0;
    for (let i = 0; i < ALLOC_RUNS; i++) op();
    await new Promise((r) => setTimeout(r, 20)); // let the observer deliver
    console.log(`  ${name.padEnd(32)} ${String(gcs).padStart(4)}`);
  }
  obs.disconnect();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await runObjectsBench();
