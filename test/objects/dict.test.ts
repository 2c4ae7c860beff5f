/** dict against a JS Map model: mixed key types, insert / lookup / delete / re-insert. */
import { describe, expect, it } from "vitest";
import * as O from "../../src/objects/index.js";
import { JsFloat, JsTuple, type JsValue } from "../../src/objects/index.js";
import { expectHeapOk, rng, setup, settledBlocks } from "./helpers.js";

/** Python equality classes of a key: 1 == 1.0 == True; str by text; tuples item-wise. */
function canon(v: JsValue): string {
  if (v === null) return "None";
  if (typeof v === "boolean") return `i${v ? 1 : 0}`;
  if (typeof v === "number") return Number.isInteger(v) ? `i${BigInt(v)}` : `f${v}`;
  if (typeof v === "bigint") return `i${v}`;
  if (typeof v === "string") return `s${v}`;
  if (v instanceof JsFloat) return Number.isInteger(v.value) ? `i${BigInt(v.value)}` : `f${v.value}`;
  if (v instanceof JsTuple) return `(${v.items.map(canon).join(",")})`;
  throw new Error("unhashable in this test");
}

function randomKey(r: () => number, depth = 0): JsValue {
  const k = Math.floor(r() * (depth > 0 ? 9 : 10));
  const n = Math.floor(r() * 2000) - 1000;
  switch (k) {
    case 0: return n;
    case 1: return BigInt(n) * (1n << 70n) + 12345n; // multi-digit ints
    case 2: return n * 2 ** 31; // two-digit ints
    case 3: return n + 0.5;
    case 4: return new JsFloat(n); // equal to the int n
    case 5: return `k${n}`;
    case 6: return `é${n}€`;
    case 7: return `😀${n}`;
    case 8: return r() < 0.5 ? null : r() < 0.5;
    default: return new JsTuple([randomKey(r, 1), randomKey(r, 1)]);
  }
}

describe("dict", () => {
  it("agrees with a Map model over 10,000 mixed keys", () => {
    const { s, ob } = setup();
    const base = settledBlocks(s, ob);
    const r = rng(20240611);
    const pool: JsValue[] = [];
    const seen = new Set<string>();
    while (pool.length < 10_000) {
      const k = randomKey(r);
      if (!seen.has(canon(k))) {
        seen.add(canon(k));
        pool.push(k);
      }
    }
    const keyObjs = pool.map((k) => O.fromJs(s, k));
    const d = O.dictNew(s);
    const model = new Map<string, { key: number; value: number }>();
    const check = (): void => {
      expect(O.dictLen(s, d)).toBe(model.size);
      const order: string[] = [];
      for (let i = O.dictNextIndex(s, d, 0); i >= 0; i = O.dictNextIndex(s, d, i + 1)) {
        order.push(canon(O.toJs(s, O.dictKeyAt(s, d, i))));
        const want = model.get(order[order.length - 1]!)!;
        expect(O.dictKeyAt(s, d, i)).toBe(want.key); // the first-inserted key object is kept
        expect(O.intAsNumber(s, O.dictValueAt(s, d, i))).toBe(want.value);
      }
      expect(order).toEqual([...model.keys()]);
    };
    let step = 0;
    const op = (kind: "set" | "del" | "get", idx: number): void => {
      const key = keyObjs[idx]!;
      const c = canon(pool[idx]!);
      if (kind === "set") {
        const v = O.intFromNumber(s, step);
        O.dictSetItem(s, d, key, v);
        s.decref(v);
        const had = model.get(c);
        model.set(c, { key: had?.key ?? key, value: step });
      } else if (kind === "del") {
        expect(O.dictDelItem(s, d, key)).toBe(model.delete(c));
      } else {
        const got = O.dictGetItem(s, d, key);
        const want = model.get(c);
        expect(got === 0 ? undefined : O.intAsNumber(s, got)).toBe(want?.value);
        expect(O.dictContains(s, d, key)).toBe(want !== undefined);
      }
      step++;
    };
    // insert everything (with lookups of present and absent keys interleaved)
    for (let i = 0; i < pool.length; i++) {
      op("set", i);
      op("get", Math.floor(r() * pool.length));
    }
    check();
    // delete a random half, look everything up, re-insert a random quarter (they go last)
    for (let i = 0; i < pool.length; i++) if (r() < 0.5) op("del", i);
    for (let i = 0; i < pool.length; i++) op("get", i);
    check();
    for (let i = 0; i < 20_000; i++) {
      const x = r();
      op(x < 0.4 ? "set" : x < 0.7 ? "del" : "get", Math.floor(r() * pool.length));
    }
    check();
    // an equal key of another type finds the entry: 3 == 3.0 == True-ish, "k1" by text
    const three = O.intFromNumber(s, 3);
    const threeF = O.floatNew(s, 3);
    O.dictSetItem(s, d, three, three);
    expect(O.dictGetItem(s, d, threeF)).toBe(three);
    O.dictSetItem(s, d, s.True, s.None);
    expect(O.dictGetItem(s, d, s.smallInt(1))).toBe(s.None);
    s.decref(three);
    s.decref(threeF);
    s.decref(d);
    keyObjs.forEach((k) => s.decref(k));
    expect(settledBlocks(s, ob)).toBe(base);
    expectHeapOk(ob);
  });

  it("probes like CPython: the index table matches CPython's dk_indices byte for byte", () => {
    // Read from CPython 3.11's memory with ctypes (keys = *(id(d)+32); dk_indices at keys+32),
    // for int keys below 2**32, whose hashes (and so probe sequences) gilsim shares.
    const { s } = setup();
    const build = (keys: number[], del: number[] = [], after: number[] = []): number => {
      const d = O.dictNew(s);
      for (const k of keys) O.dictSetItem(s, d, O.intFromNumber(s, k), s.None);
      for (const k of del) O.dictDelItem(s, d, O.intFromNumber(s, k));
      for (const k of after) O.dictSetItem(s, d, O.intFromNumber(s, k), s.None);
      return d;
    };
    expect(O.dictIndices(s, build([0, 8, 16, 1, 24, 9]))).toEqual([0, 2, -1, -1, -1, -1, 3, -1, 1, 4, -1, -1, -1, -1, 5, -1]);
    expect(O.dictIndices(s, build([0, 8, 16, 1, 24], [8], [32]))).toEqual([0, 1, 4, -1, -1, -1, 2, -1, 3, -1, -1, -1, -1, -1, -1, -1]);
    expect(O.dictIndices(s, build([0, 8, 16], [8]))).toEqual([0, -2, -1, -1, -1, -1, 2, -1]); // DKIX_DUMMY
    expect(O.dictIndices(s, build([0, 8, 16], [8], [24]))).toEqual([0, 3, -1, -1, -1, -1, 2, -1]); // dummy reused
    expect(O.dictIndices(s, build([0, 64, 128, 192, 256, 320, 384, 448, 512, 576])))
      .toEqual([0, 8, -1, 1, -1, 2, 9, 3, -1, 4, -1, 5, -1, 6, -1, 7]);
    // d={}; [d.__setitem__(i*1024, i) for i in range(200)]: 512 slots, 2-byte indices
    expect(O.dictIndices(s, build(Array.from({ length: 200 }, (_, i) => i * 1024)))).toEqual(CPYTHON_1024S);
  });

  it("keeps str-only dicts in the unicode kind and converts on the first other key", () => {
    const { s } = setup();
    const d = O.fromJs(s, new Map([["a", 1], ["b", 2]]));
    expect(O.dictKeysInfo(s, d)).toMatchObject({ unicode: true, log2size: 3 });
    O.dictSetItem(s, d, s.smallInt(7), s.None);
    // d={'a':1,'b':2}; d[7]=None; sys.getsizeof(d) -> 352: GROWTH_RATE 6 gives 16 slots
    expect(O.dictKeysInfo(s, d)).toMatchObject({ unicode: false, log2size: 4 });
    expect(O.sizeof(s, d)).toBe(352);
    expect(O.toJs(s, d)).toEqual(new Map<JsValue, JsValue>([["a", 1], ["b", 2], [7, null]]));
    s.decref(d);
  });

  it("reuses DUMMY slots and compacts on resize", () => {
    const { s } = setup();
    const d = O.dictNew(s);
    const k = Array.from({ length: 5 }, (_, i) => O.strFromJs(s, `key${i}`));
    for (let round = 0; round < 50; round++) {
      for (const x of k) O.dictSetItem(s, d, x, x);
      for (const x of k) expect(O.dictDelItem(s, d, x)).toBe(true);
      expect(O.dictLen(s, d)).toBe(0);
    }
    // 5 live at most, so the table never grows past 8 slots: deletes do not leak entries
    expect(O.dictKeysInfo(s, d).log2size).toBe(3);
    expect(O.dictDelItem(s, d, k[0]!)).toBe(false);
    k.forEach((x) => s.decref(x));
    s.decref(d);
  });

  it("rejects unhashable keys without changing the dict", () => {
    const { s } = setup();
    const d = O.dictNew(s);
    const l = O.listNew(s, 0);
    expect(() => O.dictSetItem(s, d, l, l)).toThrow(/unhashable type: 'list'/);
    expect(O.dictLen(s, d)).toBe(0);
    expect(s.i32[l >> 2]).toBe(1);
    s.decref(l);
    s.decref(d);
  });

  it("presizes as dict_new_presized does", () => {
    const { s } = setup();
    // ks=['k%d'%i for i in range(16)]; a display {ks[0]:0, ..., ks[n-1]:n-1} is BUILD_MAP n
    // (_PyDict_FromItems): sys.getsizeof -> 272, 464, 464 for n = 6, 12, 16
    const sizes = [6, 12, 16].map((n) => {
      const d = O.dictNewPresized(s, n, true);
      for (let i = 0; i < n; i++) {
        const k = O.strFromJs(s, `k${i}`);
        O.dictSetItem(s, d, k, s.smallInt(i));
        s.decref(k);
      }
      const size = O.sizeof(s, d);
      s.decref(d);
      return size;
    });
    expect(sizes).toEqual([272, 464, 464]);
    expect(O.dictKeysInfo(s, O.dictNewPresized(s, 5, true)).empty).toBe(true);
    expect(O.calculateLog2Keysize(0)).toBe(3);
    expect([1, 7, 8, 9, 15, 16, 30, 63].map(O.calculateLog2Keysize)).toEqual([4, 4, 3, 4, 4, 5, 5, 6]);
  });

  it("reads and replaces through the str-key entry points as through the general ones", () => {
    // dictSetItemStr, dictGetItemStr and dictGetItemStrRef (translated code's) take a
    // shorter path for a key a str-only table holds: the same values, refcounts and counts.
    const run = (str: boolean): unknown[] => {
      const { s } = setup();
      expect(s.quick).toBe(true);
      const set = str ? O.dictSetItemStr : O.dictSetItem;
      const get = str ? O.dictGetItemStr : O.dictGetItem;
      const getRef = str ? O.dictGetItemStrRef : O.dictGetItemRef;
      const interned = Array.from({ length: 12 }, (_, i) => O.strIntern(s, `name${i}`));
      const copies = Array.from({ length: 12 }, (_, i) => O.strFromJs(s, `name${i}`)); // equal, not the same
      const shared = O.listNew(s, 0);
      const d = O.dictNew(s), mixed = O.dictNew(s);
      const one = O.intFromNumber(s, 1);
      O.dictSetItem(s, mixed, one, shared); // a table that holds other keys than str
      s.decref(one);
      const log: unknown[] = [];
      s.settleCounts();
      const c0 = { increfs: s.increfs, decrefs: s.decrefs, skips: s.immortalSkips, deallocs: s.deallocs };
      for (let i = 0; i < 2000; i++) {
        const key = (i % 3 === 0 ? copies : interned)[(i * 7) % 12]!;
        const value = i % 5 === 0 ? shared : i % 5 === 1 ? s.smallInt(i % 100) : O.intFromNumber(s, 1000 + i);
        set(s, i % 4 === 0 ? mixed : d, key, value);
        if (value !== shared) s.decref(value);
        const v = get(s, d, interned[i % 12]!);
        log.push(v === 0 ? null : v === shared ? "shared" : O.intAsNumber(s, v));
        for (const r of [getRef(s, mixed, copies[i % 12]!), getRef(s, d, copies[(i * 5) % 12]!)]) {
          log.push(r === 0 ? null : r === shared ? "shared" : O.intAsNumber(s, r), r === 0 ? 0 : s.i32[r >> 2]);
          if (r !== 0) s.decref(r);
        }
      }
      s.settleCounts();
      log.push({ increfs: s.increfs - c0.increfs, decrefs: s.decrefs - c0.decrefs, skips: s.immortalSkips - c0.skips, deallocs: s.deallocs - c0.deallocs });
      log.push(O.dictLen(s, d), O.dictLen(s, mixed), s.i32[shared >> 2]);
      return log;
    };
    const general = run(false);
    expect(general.length).toBeGreaterThan(2500);
    expect(run(true)).toEqual(general);
  });

  it("stores through the int-key entry point as through the general one", () => {
    // dictSetItemInt (translated code's STORE_SUBSCR on an int key) looks a key up and finds
    // its slot in one probe walk: the same table word for word (indices, dummies reused,
    // entries, resizes), the same refcounts and counts as dictSetItem.
    const run = (int: boolean): unknown[] => {
      const { s } = setup();
      expect(s.quick).toBe(true);
      const set = int ? O.dictSetItemInt : O.dictSetItem;
      const r = rng(7);
      const keys = Array.from({ length: 300 }, (_, i) => O.intFromNumber(s, i % 3 === 0 ? i * 1024 : i % 3 === 1 ? -i * 2 ** 31 : i));
      const equalKeys = keys.map((k) => O.intFromNumber(s, O.intAsNumber(s, k))); // equal, not the same object
      const shared = O.listNew(s, 0);
      const d = O.dictNew(s), strs = O.dictNew(s);
      O.dictSetItem(s, strs, O.strIntern(s, "a"), shared); // a str-only table: the general way
      s.settleCounts();
      const c0 = { increfs: s.increfs, decrefs: s.decrefs, skips: s.immortalSkips, deallocs: s.deallocs };
      const log: unknown[] = [];
      for (let i = 0; i < 3000; i++) {
        const j = Math.floor(r() * keys.length);
        const key = (i % 4 === 0 ? equalKeys : keys)[j]!;
        if (i % 7 === 3) {
          if (O.dictContains(s, d, key)) O.dictDelItem(s, d, key); // leaves a dummy
          continue;
        }
        const value = i % 5 === 0 ? shared : i % 5 === 1 ? s.smallInt(i % 100) : O.intFromNumber(s, 1000 + i);
        set(s, i % 11 === 0 ? strs : d, key, value);
        if (value !== shared) s.decref(value);
        log.push(O.dictLen(s, d));
      }
      s.settleCounts();
      log.push({ increfs: s.increfs - c0.increfs, decrefs: s.decrefs - c0.decrefs, skips: s.immortalSkips - c0.skips, deallocs: s.deallocs - c0.deallocs });
      const k = s.i32[(d >> 2) + 8]!, log2 = s.u8[k + 8]!;
      const words = (32 + (1 << s.u8[k + 9]!) + 24 * (((2 << log2) / 3) | 0)) >> 2;
      log.push(log2, Array.from(s.i32.subarray(k >> 2, (k >> 2) + words)));
      log.push(keys.map((key) => s.i32[key >> 2]), s.i32[shared >> 2], O.dictLen(s, strs));
      return log;
    };
    const general = run(false);
    expect(general.length).toBeGreaterThan(2500);
    expect(run(true)).toEqual(general);
  });
});

// dk_indices of CPython 3.11's {i*1024: i for i in range(200)} built by __setitem__ (see above)
const CPYTHON_1024S = [0, 16, 124, -1, -1, 159, -1, -1, 194, 35, -1, -1, 70, -1, -1, 105, -1, -1, 140, -1, -1, 175, -1, -1, -1, 51, -1, -1, 86, -1, -1, 121, -1, 1, 156, -1, -1, 191, 32, -1, -1, 67, -1, 187, 102, -1, -1, 137, -1, -1, 172, -1, -1, -1, 48, -1, -1, 83, -1, -1, 118, -1, -1, 153, -1, 2, 188, 29, -1, -1, 64, -1, 91, 99, -1, -1, 134, -1, -1, 169, -1, -1, -1, 45, -1, -1, 80, -1, -1, 115, -1, -1, 150, -1, -1, 185, 26, 3, -1, 61, -1, -1, 96, -1, -1, 131, -1, -1, 166, -1, -1, -1, 42, -1, -1, 77, -1, -1, 112, -1, -1, 147, -1, -1, 182, 23, -1, -1, 58, 4, -1, 93, -1, -1, 128, -1, -1, 163, -1, -1, 198, 39, -1, -1, 74, -1, -1, 109, -1, -1, 144, -1, -1, 179, 20, -1, -1, 55, -1, -1, 90, 5, -1, 125, -1, -1, 160, -1, -1, 195, 36, -1, -1, 71, -1, -1, 106, -1, -1, 141, -1, -1, 176, 17, -1, -1, 52, -1, -1, 87, -1, -1, 122, 6, -1, 157, -1, -1, 192, 33, -1, -1, 68, -1, -1, 103, -1, -1, 138, -1, -1, 173, -1, -1, -1, 49, -1, -1, 84, -1, -1, 119, -1, -1, 154, 7, -1, 189, 30, -1, -1, 65, -1, 123, 100, -1, -1, 135, -1, -1, 170, -1, -1, -1, 46, -1, -1, 81, -1, -1, 116, -1, -1, 151, -1, -1, 186, 8, -1, -1, 62, -1, 27, 97, -1, -1, 132, -1, -1, 167, -1, -1, -1, 43, -1, -1, 78, -1, -1, 113, -1, -1, 148, -1, -1, 183, 24, -1, -1, 9, -1, -1, 94, -1, -1, 129, -1, -1, 164, -1, -1, 199, 40, -1, -1, 75, -1, -1, 110, -1, -1, 145, -1, -1, 180, 21, -1, -1, 56, -1, -1, 10, -1, -1, 126, -1, -1, 161, -1, -1, 196, 37, -1, -1, 72, -1, -1, 107, -1, -1, 142, -1, -1, 177, 18, -1, -1, 53, -1, -1, 88, -1, -1, 11, -1, -1, 158, -1, -1, 193, 34, -1, -1, 69, -1, -1, 104, -1, -1, 139, -1, -1, 174, -1, -1, -1, 50, -1, -1, 85, -1, -1, 120, -1, -1, 12, -1, -1, 190, 31, -1, -1, 66, -1, 155, 101, -1, -1, 136, -1, -1, 171, -1, -1, -1, 47, -1, -1, 82, -1, -1, 117, -1, -1, 152, -1, -1, 13, 28, -1, -1, 63, -1, 59, 98, -1, -1, 133, -1, -1, 168, -1, -1, -1, 44, -1, -1, 79, -1, -1, 114, -1, -1, 149, -1, -1, 184, 25, -1, 14, 60, -1, -1, 95, -1, -1, 130, -1, -1, 165, -1, -1, -1, 41, -1, -1, 76, -1, -1, 111, -1, -1, 146, -1, -1, 181, 22, -1, -1, 57, -1, 15, 92, -1, -1, 127, -1, -1, 162, -1, -1, 197, 38, -1, -1, 73, -1, -1, 108, -1, -1, 143, -1, -1, 178, 19, -1, -1, 54, -1, -1, 89];
