/**
 * The collector over the object layer alone (no interpreter): seeded random object graphs
 * checked against an independent reachability walk, and the phases one by one.
 */
import { describe, expect, it } from "vitest";
import { Collector } from "../../src/gc/collect.js";
import { GC_HEAD_ADDR, GCS, GEN_HEADS } from "../../src/gc/layout.js";
import { gcNext, listSize } from "../../src/gc/lists.js";
import { OB } from "../../src/heap/layout.js";
import * as O from "../../src/objects/index.js";
import { TID } from "../../src/objects/index.js";
import { traverse } from "../../src/objects/traverse.js";
import { Prng } from "../../src/util/prng.js";
import { expectHeapOk, setup } from "../objects/helpers.js";

type Kind = "list" | "dict" | "instance" | "cell" | "tuple";

interface Graph {
  s: O.ObjSpace;
  ob: ReturnType<typeof setup>["ob"];
  nodes: number[];
  kinds: Kind[];
  edges: number[][]; // node index -> node indices it refers to (the JS model)
  cls: number;
}

function collect(s: O.ObjSpace, generation = 2): number {
  s.i32[GCS.COLLECTING] = 1;
  try {
    return new Collector(s).collect(generation).collected;
  } finally {
    s.i32[GCS.COLLECTING] = 0;
  }
}

/** A class `N` (its instances have a __dict__), as the interpreter's `class N: pass`. */
function makeClass(s: O.ObjSpace): number {
  const ns = O.dictNew(s);
  const cls = O.typeNew(s, O.strIntern(s, "N"), s.emptyTuple, ns);
  s.decref(ns);
  return cls;
}

/** Build n nodes of random kinds with random edges (many cycles). Tuples get their
 *  children at creation, so they only point at earlier nodes. */
function buildGraph(seed: number, n: number, degree: number): Graph {
  const { s, ob } = setup();
  const rng = new Prng(seed);
  const cls = makeClass(s);
  const kinds: Kind[] = [];
  const nodes: number[] = [];
  const edges: number[][] = [];
  const all: Kind[] = ["list", "dict", "instance", "cell", "tuple"];
  for (let i = 0; i < n; i++) {
    let kind = i === 0 ? "list" : all[rng.below(all.length)]!;
    const out: number[] = [];
    for (let d = rng.below(degree + 1); d > 0; d--) out.push(kind === "tuple" ? rng.below(i) : rng.below(n));
    if (kind === "cell") out.splice(1);
    if (kind === "tuple" && out.length === 0) kind = "list"; // () is the immortal empty tuple
    kinds.push(kind);
    edges.push(out);
    let p: number;
    if (kind === "list") p = O.listNew(s, 0);
    else if (kind === "dict") p = O.dictNew(s);
    else if (kind === "instance") p = O.instanceNew(s, cls);
    else if (kind === "cell") p = O.cellNew(s, 0);
    else p = O.tupleFromArray(s, edges[i]!.map((j) => nodes[j]!));
    nodes.push(p);
  }
  // Now that every node exists, fill in the mutable containers' references.
  for (let i = 0; i < n; i++) {
    const p = nodes[i]!;
    const targets = edges[i]!.map((j) => nodes[j]!);
    switch (kinds[i]) {
      case "list":
        for (const t of targets) O.listAppend(s, p, t);
        break;
      case "dict":
        targets.forEach((t, k) => {
          const key = O.intFromNumber(s, k * 1000 + 7);
          O.dictSetItem(s, p, key, t);
          s.decref(key);
        });
        break;
      case "instance": {
        const d = O.instanceDict(s, p);
        targets.forEach((t, k) => {
          const key = O.strFromJs(s, `a${k}`);
          O.dictSetItem(s, d, key, t);
          s.decref(key);
        });
        break;
      }
      case "cell":
        if (targets.length > 0) O.cellSet(s, p, targets[0]!);
        break;
      case "tuple":
        break;
    }
  }
  return { s, ob, nodes, kinds, edges, cls };
}

function reachableFrom(g: Graph, roots: Set<number>): Set<number> {
  const seen = new Set<number>();
  const stack = [...roots];
  while (stack.length > 0) {
    const i = stack.pop()!;
    if (seen.has(i)) continue;
    seen.add(i);
    for (const j of g.edges[i]!) stack.push(j);
  }
  return seen;
}

const isFreed = (s: O.ObjSpace, p: number): boolean => s.i32[(p >> 2) + OB.TYPE] === TID.FREED;

describe("cyclic GC: random object graphs", () => {
  for (const seed of [1, 2, 3, 42, 2024, 31337]) {
    it(`frees exactly the unreachable nodes (seed ${seed})`, () => {
      const n = 400;
      const g = buildGraph(seed, n, 3);
      const { s } = g;
      const rng = new Prng(seed * 7919);
      const roots = new Set<number>();
      for (let i = 0; i < n; i++) if (rng.next() < 0.05) roots.add(i);
      // Drop the test's own reference to every node that is not a root.
      for (let i = 0; i < n; i++) if (!roots.has(i)) s.decref(g.nodes[i]!);
      const alive = reachableFrom(g, roots);
      // Refcounting alone already freed every unreachable node not in (or hanging off) a cycle.
      collect(s);
      for (let i = 0; i < n; i++) {
        expect(isFreed(s, g.nodes[i]!), `node ${i} (${g.kinds[i]}) ${alive.has(i) ? "reachable" : "unreachable"}`).toBe(!alive.has(i));
      }
      // Every survivor is intact and still tracked; a second collection frees nothing more.
      for (const i of alive) O.checkObject(s, g.nodes[i]!);
      expect(collect(s)).toBe(0);
      // Dropping the roots (and the class) leaves nothing of the graph after a collection.
      for (const i of roots) s.decref(g.nodes[i]!);
      s.decref(g.cls);
      collect(s);
      for (let i = 0; i < n; i++) expect(isFreed(s, g.nodes[i]!)).toBe(true);
      expectHeapOk(g.ob);
    });
  }
});

describe("cyclic GC: phases", () => {
  it("tracks containers on generation 0 and counts them", () => {
    const { s } = setup();
    const before = s.i32[GCS.COUNT]!;
    const l = O.listNew(s, 0);
    expect(s.i32[GCS.COUNT]).toBe(before + 1);
    expect(new Collector(s).isTracked(l)).toBe(true);
    expect(s.i32[(GEN_HEADS[0]! >> 2) - 3]).toBe(l); // gen 0's tail
    s.decref(l);
    expect(s.i32[GCS.COUNT]).toBe(before);
    expect(new Collector(s).isTracked(O.intFromNumber(s, 5))).toBe(false);
  });

  it("moves survivors to the next generation and resets the counts", () => {
    const { s } = setup();
    const l = O.listNew(s, 0);
    collect(s, 0);
    const c = new Collector(s);
    expect(c.objects(0)).toEqual([]);
    expect(c.objects(1)).toContain(l);
    expect(s.i32[GCS.COUNT]).toBe(0);
    expect(s.i32[GCS.COUNT + 1]).toBe(1);
    collect(s, 1);
    expect(c.objects(2)).toContain(l);
    expect(s.i32[GCS.COUNT + 2]).toBe(1);
    s.decref(l);
  });

  it("keeps a cycle referenced from outside; frees it once the outside reference goes", () => {
    const { s } = setup();
    const a = O.listNew(s, 0);
    const b = O.listNew(s, 0);
    O.listAppend(s, a, b);
    O.listAppend(s, b, a);
    s.decref(b);
    expect(collect(s)).toBe(0);
    expect(isFreed(s, b)).toBe(false);
    s.decref(a);
    expect(isFreed(s, a)).toBe(false);
    expect(collect(s)).toBe(2);
    expect(isFreed(s, a) && isFreed(s, b)).toBe(true);
  });

  it("a young object reachable only from an old one survives a young collection", () => {
    const { s } = setup();
    const old = O.listNew(s, 0);
    collect(s, 1); // old is in gen 2 now
    const young = O.listNew(s, 0);
    O.listAppend(s, old, young);
    s.decref(young);
    collect(s, 0);
    expect(isFreed(s, young)).toBe(false);
    s.decref(old);
  });

  it("clears no flag bits it does not own and leaves no COLLECTING mark behind", () => {
    const { s } = setup();
    const keep = O.listNew(s, 0);
    const a = O.listNew(s, 0);
    O.listAppend(s, a, a);
    s.decref(a);
    collect(s);
    const c = new Collector(s);
    for (const p of c.objects(-1)) expect(s.i32[(p >> 2) - 1]! & O.GC_FLAG_COLLECTING).toBe(0);
    expect(listSize(s.i32, GC_HEAD_ADDR.UNREACHABLE, 1e6)).toBe(0);
    expect(gcNext(s.i32, GC_HEAD_ADDR.SCRATCH)).toBe(GC_HEAD_ADDR.SCRATCH);
    s.decref(keep);
  });

  it("traverse visits exactly the references a dealloc drops", () => {
    const { s } = setup();
    const x = O.listNew(s, 0);
    const t = O.tupleFromArray(s, [x, x, s.None]);
    const seen: number[] = [];
    traverse(s, t, { visit: (p) => void seen.push(p) });
    expect(seen).toEqual([s.None, x, x]); // tupletraverse: last item first
    s.decref(t);
    s.decref(x);
  });
});
