/** Dropping the last reference to a graph returns every block; constructors that run out
 *  of memory leave nothing behind. */
import { describe, expect, it } from "vitest";
import { HeapExhausted } from "../../src/errors.js";
import * as O from "../../src/objects/index.js";
import { JsTuple, TID } from "../../src/objects/index.js";
import { expectHeapOk, failingSpace, liveBlocks, makeClass, setup, settledBlocks } from "./helpers.js";

describe("freeing object graphs", () => {
  it("frees a list of lists of strings", () => {
    const { s, ob } = setup();
    const base = settledBlocks(s, ob);
    const outer = O.listNew(s, 0);
    for (let i = 0; i < 200; i++) {
      const inner = O.listNew(s, 0);
      for (let j = 0; j < 30; j++) {
        const str = O.strFromJs(s, `item ${i}/${j} ${"é€😀"[j % 3]}`);
        O.listAppend(s, inner, str);
        s.decref(str);
      }
      O.listAppend(s, outer, inner);
      s.decref(inner);
    }
    expect(liveBlocks(ob)).toBeGreaterThan(base + 6000);
    const deallocs = s.deallocs;
    s.decref(outer);
    expect(s.deallocs - deallocs).toBe(1 + 200 + 200 * 30);
    expect(settledBlocks(s, ob)).toBe(base);
    expectHeapOk(ob);
  });

  it("frees a dict of tuples", () => {
    const { s, ob } = setup();
    const base = settledBlocks(s, ob);
    const d = O.dictNew(s);
    for (let i = 0; i < 3000; i++) {
      const k = O.fromJs(s, i % 2 ? `key${i}` : new JsTuple([i, "k"]));
      const v = O.fromJs(s, new JsTuple([i * 1.5, `v${i}`, new JsTuple([i, 2 ** 62 + i])]));
      O.dictSetItem(s, d, k, v);
      s.decref(k);
      s.decref(v);
    }
    s.decref(d);
    expect(settledBlocks(s, ob)).toBe(base);
    expectHeapOk(ob);
  });

  it("frees a class instance with a __dict__, and the class once its MRO cycle is broken", () => {
    const { s, ob } = setup();
    // Interned strings are immortal: make the ones used below before counting.
    const names = Array.from({ length: 50 }, (_, i) => O.strIntern(s, `a${i}`));
    for (const n of ["C", "__slots__", "__qualname__", "__del__", "__eq__", "__hash__"]) O.strIntern(s, n);
    const base = settledBlocks(s, ob);
    const C = makeClass(s, "C");
    const o = O.instanceNew(s, C);
    const d = O.instanceDict(s, o);
    for (let i = 0; i < 50; i++) {
      const v = O.fromJs(s, [i, `attr ${i}`, new Map([[i, i * 2]])]);
      O.dictSetItem(s, d, names[i]!, v);
      s.decref(v);
    }
    s.decref(o);
    O.checkObject(s, C); // the class outlives its instance
    expect(settledBlocks(s, ob)).toBe(base + 4); // the class, its cached keys, namespace, mro
    // A class is in its own __mro__: only the cyclic GC frees it. Do what its tp_clear would.
    const tid = s.i32[(C >> 2) + O.TYPE.ID]!;
    const mro = s.i32[(C >> 2) + O.TYPE.MRO]!;
    s.i32[(C >> 2) + O.TYPE.MRO] = 0;
    s.decref(mro);
    s.decref(C);
    expect(s.typeObject(tid)).toBe(0);
    expect(() => O.checkObject(s, C)).toThrow(/use after free/);
    expect(s.deallocsByType[TID.TYPE]).toBe(1);
    expect(settledBlocks(s, ob)).toBe(base);
    expectHeapOk(ob);
  });

  it("frees a 100,000-deep nested list without deep recursion", () => {
    const { s, ob } = setup();
    const base = settledBlocks(s, ob);
    const outer = O.listNew(s, 0);
    let cur = outer;
    for (let i = 0; i < 100_000; i++) {
      const inner = O.listNew(s, 0);
      O.listAppend(s, cur, inner);
      s.decref(inner);
      cur = inner;
    }
    const deallocs = s.deallocs;
    s.decref(outer);
    expect(s.deallocs - deallocs).toBe(100_001);
    expect(settledBlocks(s, ob)).toBe(base);
    expectHeapOk(ob);
  });

  it("frees a 1,000,000-deep nested list", () => {
    const { s, ob } = setup({ heapBytes: 192 * 1024 * 1024 });
    const base = settledBlocks(s, ob);
    const outer = O.listNew(s, 0);
    let cur = outer;
    for (let i = 0; i < 1_000_000; i++) {
      const inner = O.listNew(s, 0);
      O.listAppend(s, cur, inner);
      s.decref(inner);
      cur = inner;
    }
    s.decref(outer);
    expect(settledBlocks(s, ob)).toBe(base);
  });

  it("frees children before parents, in CPython's order", () => {
    const { s } = setup();
    // [[a, b], c]: list_dealloc decrefs items last-first, each freed depth-first: c, b, a,
    // then the inner list's item block and object, then the outer's.
    const order: number[] = [];
    const realFree = s.free.bind(s);
    const l = O.fromJs(s, [["a-long-string", "b-long-string"], "c-long-string"]);
    const inner = O.listGet(s, l, 0);
    const [a, b] = [O.listGet(s, inner, 0), O.listGet(s, inner, 1)];
    const c = O.listGet(s, l, 1);
    s.free = (block: number) => {
      order.push(block);
      realFree(block);
    };
    s.decref(l);
    s.free = realFree;
    // lists go to the free list (no free() of the object), their item blocks are freed
    expect(order.filter((p) => [a, b, c].includes(p))).toEqual([c, b, a]);
    expect(order.indexOf(a)).toBeLessThan(order.length - 1); // the outer item block is last
    // tupledealloc and dict_dealloc: (x, y, z) frees z, y, x; {k1: v1, k2: v2} frees k1, v1, k2, v2
    order.length = 0;
    const t = O.fromJs(s, new JsTuple(["x-long-string", "y-long-string", "z-long-string"]));
    const xyz = [0, 1, 2].map((i) => O.tupleGet(s, t, i));
    const d = O.fromJs(s, new Map([["k1-long-string", "v1-long-string"], ["k2-long-string", "v2-long-string"]]));
    const kv = [0, 1].flatMap((i) => [O.dictKeyAt(s, d, i), O.dictValueAt(s, d, i)]);
    s.free = (block: number) => {
      order.push(block);
      realFree(block);
    };
    s.decref(t);
    s.decref(d);
    s.free = realFree;
    expect(order.filter((p) => xyz.includes(p))).toEqual([xyz[2], xyz[1], xyz[0]]);
    expect(order.filter((p) => kv.includes(p))).toEqual(kv);
  });
});

describe("heap exhaustion", () => {
  /** Run `make` with the allocator failing at the 1st, 2nd, ... request until it succeeds;
   *  after every failure the heap must hold exactly the blocks it held before. */
  function exhaust(name: string, make: (fs: O.ObjSpace) => number, prepare?: (fs: O.ObjSpace) => number): void {
    it(`${name} leaves nothing half-built`, () => {
      const { s, ob } = setup();
      const { fs, fa } = failingSpace(s, ob);
      const held = prepare?.(fs) ?? 0;
      const base = settledBlocks(fs, ob);
      let failures = 0;
      for (let k = 0; ; k++) {
        fa.calls = 0;
        fa.failAfter = k;
        let p = 0;
        try {
          p = make(fs);
        } catch (e) {
          expect(e).toBeInstanceOf(HeapExhausted);
          failures++;
          fa.failAfter = Infinity;
          expect(settledBlocks(fs, ob)).toBe(base);
          expectHeapOk(ob);
          continue;
        }
        fa.failAfter = Infinity;
        if (p !== 0) fs.decref(p);
        break;
      }
      expect(failures).toBeGreaterThan(0);
      if (held !== 0) fs.decref(held);
    });
  }

  exhaust("a nested literal", (fs) => O.fromJs(fs, [1, "two", new JsTuple([3.5, 2n ** 100n]), new Map([["k", [1, 2, 3]]]), new Set([1, 2])]));
  exhaust("a list that grows", (fs) => {
    const l = O.listNew(fs, 0);
    try {
      for (let i = 0; i < 40; i++) O.listAppend(fs, l, fs.smallInt(i));
    } catch (e) {
      fs.decref(l);
      throw e;
    }
    return l;
  });
  exhaust("a dict that grows and converts", (fs) => {
    const d = O.dictNew(fs);
    try {
      for (let i = 0; i < 30; i++) {
        const k = i === 20 ? fs.smallInt(5) : O.strFromJs(fs, `k${i}`);
        try {
          O.dictSetItem(fs, d, k, k);
        } finally {
          fs.decref(k);
        }
      }
    } catch (e) {
      fs.decref(d);
      throw e;
    }
    return d;
  });
  exhaust("a set that grows", (fs) => {
    const st = O.setNew(fs);
    try {
      for (let i = 0; i < 30; i++) O.setAdd(fs, st, fs.smallInt(i));
    } catch (e) {
      fs.decref(st);
      throw e;
    }
    return st;
  });
  exhaust("a class", (fs) => {
    const ns = O.dictNew(fs);
    try {
      const slots = O.fromJs(fs, new JsTuple(["x", "__dict__"]));
      try {
        O.dictSetItem(fs, ns, O.strIntern(fs, "__slots__"), slots);
      } finally {
        fs.decref(slots);
      }
      const name = O.strFromJs(fs, "Klass");
      try {
        return O.typeNew(fs, name, fs.emptyTuple, ns);
      } finally {
        fs.decref(name);
      }
    } finally {
      fs.decref(ns);
    }
  }, (fs) => {
    for (const n of ["__slots__", "__qualname__", "__del__", "__eq__", "__hash__", "x"]) O.strIntern(fs, n); // immortal: made once
    return 0;
  });
  exhaust("a dict copy", (fs) => O.dictCopy(fs, fs.i32[O.OBJ.INTERNED]!));
});

describe("a container's dealloc, quick paths against the general ones", () => {
  // In gil, list and dict deallocs drop their items through objects/quick.ts (inline
  // decref, pymalloc's free written out); a space of another class takes the calls. The
  // same work done both ways leaves the same counts and the same blocks.
  type Counts = Record<string, number>;
  /** The counts `measured` leaves (and the blocks after `cleanup`), through the quick
   *  paths and through the general ones; `shared` is a list the scenario may refer to. */
  function bothWays(scenario: (s: O.ObjSpace, shared: number) => { measured: () => void; cleanup: () => void }): [Counts, Counts] {
    const run = (checked: boolean): Counts => {
      const { s: quick, ob } = setup();
      const s = checked ? O.CheckedObjSpace.attach(quick.heap, ob) : quick;
      expect(s.quick).toBe(!checked);
      const shared = O.listNew(s, 0);
      const { measured, cleanup } = scenario(s, shared);
      s.settleCounts(); // the quick paths' own counts (objects/quick.ts)
      const before = { decrefs: s.decrefs, deallocs: s.deallocs, frees: s.frees };
      measured();
      s.settleCounts();
      const after = { decrefs: s.decrefs - before.decrefs, deallocs: s.deallocs - before.deallocs, frees: s.frees - before.frees, refs: s.i32[shared >> 2]! };
      cleanup();
      s.decref(shared);
      expectHeapOk(ob);
      return { ...after, blocks: settledBlocks(s, ob) };
    };
    return [run(false), run(true)];
  }

  it("leaves the same counts and blocks", () => {
    const [quick, general] = bothWays((s, shared) => {
      const list = O.listNew(s, 0);
      const dict = O.dictNew(s);
      for (let i = 0; i < 3000; i++) {
        // Dying ints (big and small), a shared object, None, strings and nested lists.
        const items = [O.intFromNumber(s, i * 7919), O.intFromNumber(s, i % 300), O.strFromJs(s, `s${i % 40}`), O.listNew(s, 0)];
        for (const it of items) {
          O.listAppend(s, list, it);
          O.dictSetItem(s, dict, it === items[3] ? O.intFromNumber(s, -i - 1000) : it, shared);
        }
        O.listAppend(s, list, s.None);
        for (const it of items) s.decref(it);
      }
      return { measured: () => { s.decref(list); s.decref(dict); }, cleanup: () => {} };
    });
    expect(quick.refs).toBe(1);
    expect(quick.deallocs).toBeGreaterThan(9000);
    expect(quick).toEqual(general);
  });

  it("drops a replaced dict value the same way", () => {
    // insertdict drops the value it replaces as a dealloc drops items (a counter in a dict).
    const [quick, general] = bothWays((s, shared) => {
      const dict = O.dictNew(s);
      const keys = [O.strFromJs(s, "a"), O.strFromJs(s, "b"), O.intFromNumber(s, 12345)];
      const measured = (): void => {
        for (let i = 0; i < 3000; i++) {
          // A dying big int, a small int, a shared object, None, a dying list.
          const owned = [O.intFromNumber(s, i * 7919), O.intFromNumber(s, i % 200), O.listNew(s, 0)];
          const values = [owned[0]!, owned[1]!, shared, s.None, owned[2]!];
          O.dictSetItem(s, dict, keys[i % 3]!, values[i % 5]!);
          for (const w of owned) s.decref(w);
        }
      };
      return { measured, cleanup: () => { s.decref(dict); for (const k of keys) s.decref(k); } };
    });
    expect(quick.deallocs).toBeGreaterThan(5000);
    expect(quick).toEqual(general);
  });
});
