/** Shared setup for the object-layer tests. */
import { HeapExhausted } from "../../src/errors.js";
import type { Allocator } from "../../src/heap/allocator.js";
import { checkHeap, createHeap, mallocStats, ObMalloc, type HeapConfig } from "../../src/heap/index.js";
import * as O from "../../src/objects/index.js";
import { clearFreeLists, formatObjects, JsTuple, ObjSpace } from "../../src/objects/index.js";

export function setup(options: Partial<HeapConfig> = {}): { ob: ObMalloc; s: ObjSpace } {
  const heap = createHeap(options);
  const ob = new ObMalloc(heap);
  return { ob, s: formatObjects(heap, ob) };
}

/** Blocks handed out by the allocator right now: pymalloc blocks plus raw chunks. */
export function liveBlocks(ob: ObMalloc): number {
  const m = mallocStats(ob);
  return m.sizeClasses.reduce((n, c) => n + c.blocksInUse, 0) + m.raw.blocksInUse;
}

/** Live blocks once the free lists are emptied (what a full gc.collect() leaves). */
export function settledBlocks(s: ObjSpace, ob: ObMalloc): number {
  clearFreeLists(s);
  return liveBlocks(ob);
}

/** The allocator's own validator must find nothing wrong. */
export function expectHeapOk(ob: ObMalloc): void {
  const r = checkHeap(ob);
  if (!r.ok) throw new Error(`heap check failed:\n${r.problems.join("\n")}`);
}

/** Wraps an allocator; the request after `failAfter` successful ones throws HeapExhausted
 *  (growing reallocs count as requests). Records every request size. */
export class FailingAllocator implements Allocator {
  failAfter = Infinity;
  calls = 0;
  readonly requests: number[] = [];
  constructor(readonly inner: Allocator) {}

  private gate(n: number): void {
    if (this.calls >= this.failAfter) throw new HeapExhausted(n, "pymalloc");
    this.calls++;
    this.requests.push(n);
  }

  malloc(n: number): number {
    this.gate(n);
    return this.inner.malloc(n);
  }

  free(p: number): void {
    this.inner.free(p);
  }

  realloc(p: number, n: number): number {
    if (p === 0 || n > this.inner.usableSize(p)) this.gate(n);
    else this.requests.push(n);
    return this.inner.realloc(p, n);
  }

  usableSize(p: number): number {
    return this.inner.usableSize(p);
  }
}

/** A second ObjSpace on the same heap whose allocator can be made to fail. */
export function failingSpace(s: ObjSpace, ob: ObMalloc): { fs: ObjSpace; fa: FailingAllocator } {
  const fa = new FailingAllocator(ob);
  return { fs: ObjSpace.attach(s.heap, fa), fa };
}

/** mulberry32: a small seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A class made the way `class name(*bases): __slots__ = slots` would. */
export function makeClass(s: O.ObjSpace, name: string, bases: number[] = [], slots: string[] | null = null, extra: Record<string, number> = {}): number {
  const ns = O.dictNew(s);
  if (slots !== null) {
    const t = O.fromJs(s, new JsTuple(slots));
    O.dictSetItem(s, ns, O.strIntern(s, "__slots__"), t);
    s.decref(t);
  }
  for (const [k, v] of Object.entries(extra)) O.dictSetItem(s, ns, O.strIntern(s, k), v);
  const b = O.tupleFromArray(s, bases);
  const t = O.typeNew(s, O.strIntern(s, name), b, ns);
  s.decref(b);
  s.decref(ns);
  return t;
}
