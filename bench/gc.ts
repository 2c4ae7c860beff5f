/**
 * Cyclic GC benchmark: time of a full collection, per 10,000 tracked objects.
 *
 *   npm run bench -- gc
 *
 * Two heaps of N tracked objects each (lists and class instances with their __dict__,
 * linked in rings of RING objects, as a program's cyclic data is):
 *   live     every ring is referenced from outside: the collection walks, subtracts and
 *            keeps everything (what most full collections of a running program do)
 *   garbage  no ring is referenced: the collection finds them all unreachable and clears
 *            them, and refcounting frees them (the cost includes the frees)
 * Reported: ms per collection and µs per 10,000 tracked objects, best of RUNS.
 */
import { Collector } from "../src/gc/collect.js";
import { GCS } from "../src/gc/layout.js";
import { createHeap, ObMalloc } from "../src/heap/index.js";
import * as O from "../src/objects/index.js";

const N = 100_000;
const RING = 10;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function tracked(s: O.ObjSpace): number {
  return new Collector(s).objects(-1).length;
}

/** Build N/RING rings; returns the roots (one reference per ring) and the class. */
function build(s: O.ObjSpace, cls: number): number[] {
  const roots: number[] = [];
  for (let r = 0; r < N / RING; r++) {
    const first = O.listNew(s, 0);
    let prev = first;
    for (let i = 1; i < RING; i++) {
      // alternate lists and instances (an instance brings its __dict__: two objects)
      const node = i % 2 === 0 ? O.listNew(s, 0) : O.instanceNew(s, cls);
      if (s.typeId(prev) === O.TID.LIST) O.listAppend(s, prev, node);
      else O.dictSetItem(s, O.instanceDict(s, prev), O.strIntern(s, "next"), node);
      s.decref(node);
      prev = node;
    }
    if (s.typeId(prev) === O.TID.LIST) O.listAppend(s, prev, first);
    else O.dictSetItem(s, O.instanceDict(s, prev), O.strIntern(s, "next"), first);
    roots.push(first);
  }
  return roots;
}

function collectMs(s: O.ObjSpace): { ms: number; collected: number } {
  s.i32[GCS.COLLECTING] = 1;
  const t0 = performance.now();
  const r = new Collector(s).collect(2);
  const ms = performance.now() - t0;
  s.i32[GCS.COLLECTING] = 0;
  return { ms, collected: r.collected };
}

export async function runGcBench(): Promise<void> {
  console.log(`full collection (gc.collect()), best of ${RUNS}; ${N.toLocaleString("en-US")} objects in rings of ${RING}`);
  console.log("  case       tracked   collected   ms/collect   µs per 10,000 tracked");
  for (const kind of ["live", "garbage"] as const) {
    let best = Infinity, count = 0, collected = 0;
    for (let run = 0; run < RUNS; run++) {
      const heap = createHeap({ heapBytes: 256 * 1024 * 1024 });
      const s = O.formatObjects(heap, new ObMalloc(heap));
      const ns = O.dictNew(s);
      const cls = O.typeNew(s, O.strIntern(s, "Node"), s.emptyTuple, ns);
      s.decref(ns);
      const roots = build(s, cls);
      if (kind === "garbage") for (const r of roots) s.decref(r);
      count = tracked(s);
      const r = collectMs(s);
      collected = r.collected;
      best = Math.min(best, r.ms);
    }
    console.log(`  ${kind.padEnd(8)} ${count.toLocaleString("en-US").padStart(9)} ${collected.toLocaleString("en-US").padStart(11)} ` +
      `${best.toFixed(1).padStart(12)} ${((best * 1000 * 10_000) / count).toFixed(0).padStart(24)}`);
  }
}
