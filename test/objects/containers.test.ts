/** set, tuple, list operations, iterators, types and functions. */
import { describe, expect, it } from "vitest";
import * as O from "../../src/objects/index.js";
import { JsTuple, TID, type JsValue } from "../../src/objects/index.js";
import { makeClass, rng, setup, settledBlocks } from "./helpers.js";

function drain(s: O.ObjSpace, it: number): JsValue[] {
  const out: JsValue[] = [];
  for (let x = O.iterNext(s, it); x !== 0; x = O.iterNext(s, it)) {
    out.push(O.toJs(s, x));
    s.decref(x);
  }
  return out;
}

function iterOf(s: O.ObjSpace, v: JsValue): JsValue[] {
  const p = O.fromJs(s, v);
  const it = O.getIter(s, p);
  s.decref(p);
  const out = drain(s, it);
  s.decref(it);
  return out;
}

describe("set", () => {
  it("agrees with a JS Set through adds and discards, with dummies reused", () => {
    const { s, ob } = setup();
    const base = settledBlocks(s, ob);
    const r = rng(99);
    const st = O.setNew(s);
    const model = new Set<number>();
    for (let i = 0; i < 20_000; i++) {
      const n = Math.floor(r() * 3000) - 1500;
      const k = O.intFromNumber(s, n);
      if (r() < 0.6) {
        O.setAdd(s, st, k);
        model.add(n);
      } else {
        expect(O.setDiscard(s, st, k)).toBe(model.delete(n));
      }
      expect(O.setContains(s, st, k)).toBe(model.has(n));
      s.decref(k);
    }
    expect(O.setLen(s, st)).toBe(model.size);
    expect(new Set(iterOf(s, [...model]))).toEqual(model);
    const it = O.getIter(s, st);
    expect(new Set(drain(s, it))).toEqual(model);
    s.decref(it);
    s.decref(st);
    expect(settledBlocks(s, ob)).toBe(base);
  });

  it("treats 1, 1.0 and True as one element and raises on change during iteration", () => {
    const { s } = setup();
    const st = O.fromJs(s, new Set<JsValue>([1, "a"]));
    const one = O.floatNew(s, 1);
    O.setAdd(s, st, one);
    O.setAdd(s, st, s.True);
    expect(O.setLen(s, st)).toBe(2);
    const it = O.getIter(s, st);
    s.decref(O.iterNext(s, it));
    O.setAdd(s, st, s.smallInt(9));
    expect(() => O.iterNext(s, it)).toThrow(/Set changed size during iteration/);
    [it, st, one].forEach((p) => s.decref(p));
  });
});

describe("list", () => {
  it("inserts, pops, clears and extends like list", () => {
    const { s } = setup();
    const l = O.fromJs(s, [1, 2, 3]);
    O.listInsert(s, l, 0, s.smallInt(0));
    O.listInsert(s, l, -1, s.smallInt(9));
    O.listInsert(s, l, 100, s.smallInt(7));
    expect(O.toJs(s, l)).toEqual([0, 1, 2, 9, 3, 7]);
    expect(O.toJs(s, O.listPop(s, l, 1))).toBe(1);
    expect(O.toJs(s, O.listPop(s, l))).toBe(7);
    expect(O.toJs(s, l)).toEqual([0, 2, 9, 3]);
    expect(() => O.listPop(s, l, 10)).toThrow(/pop index out of range/);
    O.listExtend(s, l, l);
    expect(O.toJs(s, l)).toEqual([0, 2, 9, 3, 0, 2, 9, 3]);
    O.listSetItem(s, l, 2, O.strFromJs(s, "x"));
    expect(() => O.listSetItem(s, l, 8, s.None)).toThrow(/assignment index out of range/);
    O.listClear(s, l);
    expect(O.listLen(s, l)).toBe(0);
    expect(O.sizeof(s, l)).toBe(56);
    expect(() => O.listPop(s, l)).toThrow(/pop from empty list/);
    s.decref(l);
  });
});

describe("iterators", () => {
  it("iterates lists, tuples, strs, ranges, dicts and views", () => {
    const { s } = setup();
    expect(iterOf(s, [1, "b", null])).toEqual([1, "b", null]);
    expect(iterOf(s, new JsTuple([1.5, 2]))).toEqual([1.5, 2]);
    expect(iterOf(s, "hé€😀")).toEqual(["h", "é", "€", "😀"]);
    const r = O.rangeNew(s, 10, -7, -4);
    expect(O.sizeof(s, r)).toBe(48);
    const it = O.getIter(s, r);
    expect(drain(s, it)).toEqual([10, 6, 2, -2, -6]); // list(range(10, -7, -4))
    expect(O.rangeField(s, r, O.RANGE.LENGTH)).toBe(5);
    [it, r].forEach((p) => s.decref(p));
    expect(() => O.rangeNew(s, 0, 1, 0)).toThrow(/must not be zero/);
    const d = O.fromJs(s, new Map<JsValue, JsValue>([["a", 1], [2, "b"], [new JsTuple([3]), null]]));
    const keys = O.getIter(s, d);
    expect(drain(s, keys)).toEqual(["a", 2, new JsTuple([3])]);
    s.decref(keys);
    const views = [TID.DICT_KEYS, TID.DICT_VALUES, TID.DICT_ITEMS].map((t) => O.dictViewNew(s, d, t));
    const got = views.map((v) => {
      const i = O.getIter(s, v);
      const out = drain(s, i);
      s.decref(i);
      return out;
    });
    expect(got).toEqual([["a", 2, new JsTuple([3])], [1, "b", null], [new JsTuple(["a", 1]), new JsTuple([2, "b"]), new JsTuple([new JsTuple([3]), null])]]);
    views.forEach((v) => s.decref(v));
    s.decref(d);
  });

  it("reuses the item tuple when the caller let go of it (dictiter_iternextitem)", () => {
    const { s } = setup();
    const d = O.fromJs(s, new Map([["a", 1], ["b", 2], ["c", 3]]));
    const it = O.dictIterNew(s, d, TID.DICT_ITEMITER);
    const first = O.iterNext(s, it);
    s.decref(first);
    const second = O.iterNext(s, it);
    expect(second).toBe(first);
    const third = O.iterNext(s, it); // `second` still held: a fresh tuple
    expect(third).not.toBe(second);
    expect(O.toJs(s, third)).toEqual(new JsTuple(["c", 3]));
    [second, third, it, d].forEach((p) => s.decref(p));
  });

  it("raises when the dict changes size during iteration, and on non-iterables", () => {
    const { s } = setup();
    const d = O.fromJs(s, new Map([["a", 1]]));
    const it = O.getIter(s, d);
    O.dictSetItem(s, d, O.strIntern(s, "b"), s.None);
    expect(() => O.iterNext(s, it)).toThrow(/dictionary changed size during iteration/);
    expect(() => O.iterNext(s, it)).toThrow(/changed size/); // sticky
    expect(() => O.getIter(s, s.smallInt(3))).toThrow(/'int' object is not iterable/);
    [it, d].forEach((p) => s.decref(p));
  });
});

describe("types and instances", () => {
  it("builds C3 MROs and rejects inconsistent ones", () => {
    const { s } = setup();
    const A = makeClass(s, "A");
    const B = makeClass(s, "B", [A]);
    const C = makeClass(s, "C", [A]);
    const D = makeClass(s, "D", [B, C]);
    const mro = O.typeMro(s, D);
    const names = Array.from({ length: O.tupleLen(s, mro) }, (_, i) => O.typeNameOf(s, O.tupleGet(s, mro, i)));
    expect(names).toEqual(["D", "B", "C", "A", "object"]);
    expect(O.isSubtype(s, D, A)).toBe(true);
    expect(O.isSubtype(s, A, D)).toBe(false);
    expect(() => makeClass(s, "X", [A, B])).toThrow(/consistent method resolution\norder/);
    expect(() => makeClass(s, "L", [s.typeObject(TID.LIST)])).toThrow(/subclassing the built-in type 'list'/);
    const bool = s.typeObject(TID.BOOL);
    const bm = O.typeMro(s, bool);
    expect(Array.from({ length: 3 }, (_, i) => O.typeNameOf(s, O.tupleGet(s, bm, i)))).toEqual(["bool", "int", "object"]);
  });

  it("gives each class a type id, slots, a lazy __dict__ and an inherited __del__ flag", () => {
    const { s } = setup();
    const S = makeClass(s, "S", [], ["x", "y"]);
    const S1 = makeClass(s, "S1", [S], ["z"]);
    expect(s.i32[(S1 >> 2) + O.TYPE.ID]).toBe(s.i32[(S >> 2) + O.TYPE.ID]! + 1);
    expect(O.slotIndex(s, S1, "x")).toBe(0);
    expect(O.slotIndex(s, S1, "z")).toBe(2);
    const o = O.instanceNew(s, S1);
    expect(O.typeName(s, o)).toBe("S1");
    expect(O.instanceDict(s, o)).toBe(0);
    const v = O.strFromJs(s, "slot value");
    O.instanceSetSlot(s, o, 2, v);
    expect(O.instanceGetSlot(s, o, 2)).toBe(v);
    s.decref(o);
    expect(() => O.checkObject(s, v)).not.toThrow(); // we still hold v
    s.decref(v);
    const K = makeClass(s, "K", [], null, { __del__: s.None });
    const K2 = makeClass(s, "K2", [K]);
    expect(O.typeFlags(s, K2) & O.TPFLAGS.GILSIM_HAS_DEL).not.toBe(0);
    expect(O.typeFlags(s, S) & O.TPFLAGS.GILSIM_HAS_DEL).toBe(0);
    O.typeSetAttr(s, S, O.strIntern(s, "__del__"), s.None);
    expect(O.typeFlags(s, S) & O.TPFLAGS.GILSIM_HAS_DEL).not.toBe(0);
    const name = O.strIntern(s, "method");
    O.typeSetAttr(s, K, name, s.True);
    expect(O.typeLookup(s, K2, name)).toBe(s.True);
    expect(O.repr(s, K2)).toBe("<class 'K2'>");
  });

  it("makes functions, cells and bound methods that hold their references", () => {
    const { s, ob } = setup();
    const fname = O.strIntern(s, "f");
    const file = O.strIntern(s, "prog.py");
    const g = O.dictNew(s);
    O.dictSetItem(s, g, O.strIntern(s, "__name__"), O.strIntern(s, "__main__"));
    const base = settledBlocks(s, ob);
    const code = O.codeNew(s, 7, fname, fname, file, 3, 10);
    const f = O.funcNew(s, code, g);
    s.decref(code); // the function keeps it alive
    expect(O.codeField(s, O.funcGet(s, f, O.FUNC.CODE), O.CODE.INDEX)).toBe(7);
    expect(O.strToJs(s, O.funcGet(s, f, O.FUNC.MODULE))).toBe("__main__");
    const defaults = O.fromJs(s, new JsTuple([1, "x"]));
    O.funcSet(s, f, O.FUNC.DEFAULTS, defaults);
    s.decref(defaults);
    const cell = O.cellNew(s, 0);
    O.cellSet(s, cell, f);
    const closure = O.tupleFromArray(s, [cell]);
    O.funcSet(s, f, O.FUNC.CLOSURE, closure); // f -> closure -> cell -> f: a cycle
    s.decref(closure);
    const self = O.objectNew(s);
    const m = O.methodNew(s, f, self);
    s.decref(self);
    expect(O.methodFunc(s, m)).toBe(f);
    s.decref(f);
    s.decref(m);
    O.cellSet(s, cell, 0); // break the cycle as the GC's tp_clear would
    s.decref(cell);
    expect(settledBlocks(s, ob)).toBe(base);
    s.decref(g);
  });
});
