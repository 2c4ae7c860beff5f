import { describe, expect, it } from "vitest";
import { HeapCorruption } from "../../src/errors.js";
import { OB } from "../../src/heap/layout.js";
import * as O from "../../src/objects/index.js";
import { IMMORTAL_REFCNT, JsTuple, TID } from "../../src/objects/index.js";
import { makeClass, setup } from "./helpers.js";

const rc = (s: O.ObjSpace, p: number): number => s.i32[(p >> 2) + OB.REFCNT]!;

describe("reference counting", () => {
  it("incref/decref round-trips on a mortal object", () => {
    const { s } = setup();
    const p = O.intFromNumber(s, 123456);
    expect(rc(s, p)).toBe(1);
    const [inc0, dec0] = [s.increfs, s.decrefs];
    for (let i = 0; i < 10; i++) s.incref(p);
    expect(rc(s, p)).toBe(11);
    for (let i = 0; i < 10; i++) s.decref(p);
    expect(rc(s, p)).toBe(1);
    expect(s.increfs - inc0).toBe(10);
    expect(s.decrefs - dec0).toBe(10);
    O.checkObject(s, p);
    s.decref(p);
    expect(() => O.checkObject(s, p)).toThrow(/use after free/);
  });

  it("never changes an immortal object's refcount", () => {
    const { s } = setup();
    const interned = O.strIntern(s, "some_identifier");
    const immortals = [
      s.None, s.True, s.False, s.emptyTuple, s.emptyStr, s.smallInt(-5), s.smallInt(0), s.smallInt(256),
      O.strFromJs(s, "x"), interned, s.typeObject(TID.INT), s.interned,
    ];
    const before = s.immortalSkips;
    const mortalOps = s.increfs + s.decrefs;
    for (const p of immortals) {
      expect(rc(s, p)).toBe(IMMORTAL_REFCNT);
      for (let i = 0; i < 1000; i++) s.incref(p);
      for (let i = 0; i < 2000; i++) s.decref(p);
      expect(rc(s, p)).toBe(IMMORTAL_REFCNT);
      O.checkObject(s, p);
    }
    expect(s.immortalSkips - before).toBe(3000 * immortals.length);
    expect(s.increfs + s.decrefs).toBe(mortalOps);
    // small ints are the cache, not copies; 257 is not cached
    expect(O.intFromNumber(s, 256)).toBe(s.smallInt(256));
    const big = O.intFromNumber(s, 257);
    expect(rc(s, big)).toBe(1);
    expect(O.intFromNumber(s, 257)).not.toBe(big);
  });

  it("deallocates exactly once, when the last reference goes", () => {
    const { s } = setup();
    const str = O.strFromJs(s, "shared string");
    const l = O.listNew(s, 0);
    for (let i = 0; i < 3; i++) O.listAppend(s, l, str);
    expect(rc(s, str)).toBe(4);
    const freedStr = s.deallocsByType[TID.STR]!;
    const freedList = s.deallocsByType[TID.LIST]!;
    s.decref(l);
    expect(s.deallocsByType[TID.LIST]! - freedList).toBe(1);
    expect(rc(s, str)).toBe(1);
    expect(s.deallocsByType[TID.STR]).toBe(freedStr);
    s.decref(str);
    expect(s.deallocsByType[TID.STR]! - freedStr).toBe(1);
    expect(s.i32[(str >> 2) + OB.TYPE]).toBe(TID.FREED);
    // pymalloc reused the freed block's first word (the refcount) for its free list, so
    // only a checking policy can tell; it must, before touching the word.
    const checked = O.CheckedObjSpace.attach(s.heap, s.alloc);
    const link = rc(s, str);
    expect(() => checked.decref(str)).toThrow(/use after free/);
    expect(() => checked.incref(str)).toThrow(HeapCorruption);
    expect(rc(s, str)).toBe(link);
    // A GC object's block starts at its PyGC_Head, so its refcount word stays 0.
    const t = O.tupleNew(s, 25);
    s.decref(t);
    expect(() => s.decref(t)).toThrow(/refcount is 0/);
  });

  it("counts allocations per type", () => {
    const { s } = setup();
    const before = [TID.LIST, TID.TUPLE, TID.FLOAT].map((t) => s.allocsByType[t]!);
    const p = O.fromJs(s, [new JsTuple([1.5, 2.5]), []]);
    expect([TID.LIST, TID.TUPLE, TID.FLOAT].map((t, i) => s.allocsByType[t]! - before[i]!)).toEqual([2, 1, 2]);
    s.decref(p);
  });

  it("reuses free-listed floats, tuples, lists, dicts and keys blocks", () => {
    const { s } = setup();
    const f = O.floatNew(s, 1.25);
    s.decref(f);
    expect(O.floatNew(s, 2.5)).toBe(f);
    const t = O.fromJs(s, new JsTuple([1, 2, 3]));
    s.decref(t);
    expect(O.tupleNew(s, 3)).toBe(t);
    expect(O.tupleNew(s, 4)).not.toBe(t);
    const l = O.listNew(s, 0);
    s.decref(l);
    expect(O.listNew(s, 0)).toBe(l);
    const d = O.fromJs(s, new Map([["k", 1]]));
    const keys = s.i32[(d >> 2) + O.DICT.KEYS]!;
    s.decref(d);
    const d2 = O.dictNew(s);
    expect(d2).toBe(d);
    O.dictSetItem(s, d2, O.strIntern(s, "other"), s.None);
    expect(s.i32[(d2 >> 2) + O.DICT.KEYS]).toBe(keys); // the log2-3 unicode keys block came back
    // An int-keyed (general) keys block is never free-listed.
    const g = O.fromJs(s, new Map([[7, 1]]));
    const frees = s.frees;
    s.decref(g);
    expect(s.i32[O.OBJ.KEYS_NUMFREE]).toBe(0);
    expect(s.frees - frees).toBe(1); // its keys block went back to the allocator
  });

  it("caps the float free list at 100 and tuple lists per size at 2000", () => {
    const { s } = setup();
    O.clearFreeLists(s);
    const fs = Array.from({ length: 150 }, (_, i) => O.floatNew(s, i + 0.5));
    const frees = s.frees;
    fs.forEach((p) => s.decref(p));
    expect(s.i32[O.OBJ.FLOAT_NUMFREE]).toBe(100);
    expect(s.frees - frees).toBe(50);
    const ts = Array.from({ length: 2100 }, () => O.tupleNew(s, 20));
    ts.forEach((p) => s.decref(p));
    expect(s.i32[O.OBJ.TUPLE_NUMFREE + 19]).toBe(2000);
    const big = Array.from({ length: 10 }, () => O.tupleNew(s, 21));
    const f2 = s.frees;
    big.forEach((p) => s.decref(p));
    expect(s.frees - f2).toBe(10); // size 21 is past PyTuple_MAXSAVESIZE
  });

  it("runs __del__ once, allows resurrection, and frees nested garbage at once", () => {
    const { s } = setup();
    const log: string[] = [];
    let resurrected = 0;
    const K = makeClass(s, "K", [], null, { __del__: s.None });
    const plain = makeClass(s, "P");
    let inner = O.instanceNew(s, K);
    const outer = O.instanceNew(s, K);
    s.finalizer = (sp, p) => {
      log.push(p === outer ? "outer start" : "inner");
      if (p === outer && inner !== 0) {
        const x = inner;
        inner = 0;
        sp.decref(x); // inner's __del__ must run now, inside outer's
        log.push("outer end");
      }
      if (p === outer && resurrected === 0) {
        resurrected = p;
        sp.incref(p); // store self somewhere global
      }
    };
    s.decref(outer);
    expect(log).toEqual(["outer start", "inner", "outer end"]);
    O.checkObject(s, outer); // resurrected
    expect(rc(s, outer)).toBe(1);
    s.decref(outer); // second death: no second __del__ (PEP 442)
    expect(log).toEqual(["outer start", "inner", "outer end"]);
    expect(() => O.checkObject(s, outer)).toThrow(/use after free/);
    const p = O.instanceNew(s, plain); // no __del__: finalizer not consulted
    s.decref(p);
    expect(log.length).toBe(3);
  });
});
