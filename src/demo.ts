/**
 * `gilsim mallocstats`: a small, real workload on the simulated heap, then the report a
 * workshop starts from: sys._debugmallocstats() and the heap validator's verdict.
 */
import { checkHeap, createHeap, formatMallocStats, mallocStats, ObMalloc, type HeapConfig } from "./heap/index.js";
import { Prng } from "./util/prng.js";

export function runMallocstatsDemo(config: Partial<HeapConfig>): string {
  const ob = new ObMalloc(createHeap(config));
  // Object-sized requests in CPython's proportions: floats and small ints (24-32 B),
  // short strings (50-80 B), small tuples and lists (40-120 B), dict key tables
  // (120-470 B) and a few large list item arrays (raw).
  const sizes = [24, 28, 32, 52, 56, 64, 72, 88, 120, 184, 232, 472, 1024, 4096];
  const weights = [10, 12, 6, 10, 6, 6, 4, 5, 4, 2, 2, 1, 0.5, 0.2];
  const total = weights.reduce((a, b) => a + b, 0);
  const prng = new Prng(2026);
  const live: number[] = [];
  for (let i = 0; i < 100_000; i++) {
    let r = prng.next() * total;
    let k = 0;
    while (r >= weights[k]!) r -= weights[k++]!;
    live.push(ob.malloc(sizes[k]!));
  }
  // Drop two thirds, as a program does when a phase ends: pools empty, arenas come back.
  let kept = 0;
  for (const p of live) {
    if (prng.below(3) === 0) kept++;
    else ob.free(p);
  }
  const check = checkHeap(ob);
  let out = `gilsim: 100,000 allocations, ${(100_000 - kept).toLocaleString("en-US")} freed, ${kept.toLocaleString("en-US")} live\n\n`;
  out += formatMallocStats(mallocStats(ob));
  out += `\nheap check: ${check.ok ? "ok" : "FAILED"} (${check.arenas} arenas, ${check.pools} used pools walked)\n`;
  for (const p of check.problems) out += `  ${p}\n`;
  return out;
}
