/**
 * sys.getsizeof against CPython 3.11 (64-bit). Every expected number below was printed by
 * python3.11 on this machine; the snippet that produced it is in the comment.
 */
import { describe, expect, it } from "vitest";
import * as O from "../../src/objects/index.js";
import { JsFloat, JsTuple } from "../../src/objects/index.js";
import { failingSpace, makeClass, setup } from "./helpers.js";

function sizeOfJs(s: O.ObjSpace, v: O.JsValue): number {
  const p = O.fromJs(s, v);
  const n = O.sizeof(s, p);
  s.decref(p);
  return n;
}

describe("sys.getsizeof", () => {
  const { s } = setup();

  it("matches CPython 3.11 for scalars and literals", () => {
    // [sys.getsizeof(x) for x in (0,1,-1,True,False,2**30,2**60,1.0,'','abc','é','€','😀',
    //  [],[1,2,3],(),(1,2),{},{'a':1},{1:1},None,set())]
    const cases: [O.JsValue, number][] = [
      [0, 28], [1, 28], [-1, 28], [true, 28], [false, 28], [2 ** 30, 32], [2 ** 60, 36], [new JsFloat(1), 24],
      ["", 49], ["abc", 52], ["é", 74], ["€", 76], ["😀", 80],
      [[], 56], [[1, 2, 3], 88], [new JsTuple([]), 40], [new JsTuple([1, 2]), 56],
      [new Map(), 64], [new Map([["a", 1]]), 184], [new Map([[1, 1]]), 224], [null, 16], [new Set(), 216],
      [1n << 90n, 40], [-(1n << 90n), 40], // g(1<<90), g(-(1<<90))
    ];
    for (const [v, n] of cases) expect([v, sizeOfJs(s, v)]).toEqual([v, n]);
  });

  it("matches list_resize while appending 0..19", () => {
    // L=[]; [g(L) for i in range(20) if not L.append(i)] (size taken before each append)
    const l = O.listNew(s, 0);
    const sizes: number[] = [];
    for (let i = 0; i < 20; i++) {
      sizes.push(O.sizeof(s, l));
      O.listAppend(s, l, O.intFromNumber(s, i));
    }
    expect(sizes).toEqual([56, 88, 88, 88, 88, 120, 120, 120, 120, 184, 184, 184, 184, 184, 184, 184, 184, 248, 248, 248]);
    s.decref(l);
  });

  it("matches list_extend / list_preallocate_exact and pop", () => {
    const tup = O.fromJs(s, new JsTuple([1, 2, 3]));
    const l = O.listNew(s, 0);
    O.listExtend(s, l, tup); // L=[]; L.extend((1,2,3)) -> 88
    expect(O.sizeof(s, l)).toBe(88);
    O.listExtend(s, l, tup); // L.extend((1,2,3)) -> 152
    expect(O.sizeof(s, l)).toBe(152);
    s.decref(l);
    const one = O.listNew(s, 1); // L=[1]; L.pop() -> 64
    O.listSetItem(s, one, 0, O.intFromNumber(s, 1));
    s.decref(O.listPop(s, one));
    expect(O.sizeof(s, one)).toBe(64);
    s.decref(one);
    const five = O.listNew(s, 0); // L=[1,2,3,4,5]; L.pop() -> 104
    const t5 = O.fromJs(s, new JsTuple([1, 2, 3, 4, 5]));
    O.listExtend(s, five, t5);
    expect(O.sizeof(s, five)).toBe(104);
    s.decref(O.listPop(s, five));
    expect(O.sizeof(s, five)).toBe(104);
    s.decref(five);
    s.decref(t5);
    s.decref(tup);
    expect(O.sizeof(s, O.listNew(s, 5))).toBe(96); // [0]*5 -> 96 (exact)
  });

  it("matches dict growth for str and int keys", () => {
    // d={}; [g(d) for i in range(12) if not d.__setitem__(str(i), i)]
    for (const [mk, expected] of [
      [(i: number) => O.strFromJs(s, String(i)), [184, 184, 184, 184, 184, 272, 272, 272, 272, 272, 464, 464]],
      [(i: number) => O.intFromNumber(s, i), [224, 224, 224, 224, 224, 352, 352, 352, 352, 352, 632, 632]],
    ] as const) {
      const d = O.dictNew(s);
      const sizes: number[] = [];
      for (let i = 0; i < 12; i++) {
        const k = mk(i);
        O.dictSetItem(s, d, k, k);
        s.decref(k);
        sizes.push(O.sizeof(s, d));
      }
      expect(sizes).toEqual(expected);
      s.decref(d);
    }
  });

  it("matches dict copy, merge, clear and kind conversion", () => {
    // for n,k in (8,6),(8,3),(5,3),(12,8): d=dict.fromkeys(str(i) for i in range(n)); del k keys;
    //   (g(d), g(d.copy()), g(dict(d)))
    const cases = [[8, 6, 272, 272, 272], [8, 3, 272, 272, 184], [5, 3, 184, 272, 272], [12, 8, 464, 272, 272]];
    for (const [n, k, own, copy, merged] of cases) {
      const d = O.dictNew(s);
      const keys = Array.from({ length: n! }, (_, i) => O.strFromJs(s, String(i)));
      for (const key of keys) O.dictSetItem(s, d, key, s.None);
      for (let i = 0; i < k!; i++) O.dictDelItem(s, d, keys[i]!);
      keys.forEach((key) => s.decref(key));
      const c = O.dictCopy(s, d);
      const m = O.dictNew(s);
      O.dictMerge(s, m, d);
      expect([O.sizeof(s, d), O.sizeof(s, c), O.sizeof(s, m)]).toEqual([own, copy, merged]);
      expect(O.toJs(s, c)).toEqual(O.toJs(s, d));
      expect(O.toJs(s, m)).toEqual(O.toJs(s, d));
      [d, c, m].forEach((x) => s.decref(x));
    }
    // d={'a':1}; d[1]=2 -> 352;  d.clear() -> 64
    const d = O.fromJs(s, new Map([["a", 1]]));
    O.dictSetItem(s, d, s.smallInt(1), s.smallInt(2));
    expect(O.sizeof(s, d)).toBe(352);
    O.dictClear(s, d);
    expect(O.sizeof(s, d)).toBe(64);
    s.decref(d);
  });

  it("matches set growth", () => {
    // s=set(); [g(s) for i in range(40) if not s.add(i)] (size before each add)
    const st = O.setNew(s);
    const sizes: number[] = [];
    for (let i = 0; i < 40; i++) {
      sizes.push(O.sizeof(s, st));
      O.setAdd(s, st, O.intFromNumber(s, i));
    }
    expect(sizes).toEqual([...Array(5).fill(216), ...Array(14).fill(728), ...Array(21).fill(2264)]);
    s.decref(st);
  });

  it("matches classes, instances, functions, code, cells, methods, ranges and iterators", () => {
    // class A: pass; class B(A): pass; class S: __slots__=('x','y'); class S1(S): __slots__=('z',)
    // class SD(S): pass; class AS(A): __slots__=('q',); class E: __slots__=()
    // class W: __slots__=('__weakref__',); class D: __slots__=('__dict__',)
    // -> instances 56 56 48 56 72 64 32 40 48; classes 1688 1688 920 920 1688 1688 920 920 1688
    const A = makeClass(s, "A");
    const B = makeClass(s, "B", [A]);
    const S = makeClass(s, "S", [], ["x", "y"]);
    const S1 = makeClass(s, "S1", [S], ["z"]);
    const SD = makeClass(s, "SD", [S]);
    const AS = makeClass(s, "AS", [A], ["q"]);
    const E = makeClass(s, "E", [], []);
    const W = makeClass(s, "W", [], ["__weakref__"]);
    const D = makeClass(s, "D", [], ["__dict__"]);
    const classes = [A, B, S, S1, SD, AS, E, W, D];
    const inst = classes.map((c) => O.instanceNew(s, c));
    expect(inst.map((o) => O.sizeof(s, o))).toEqual([56, 56, 48, 56, 72, 64, 32, 40, 48]);
    expect(classes.map((c) => O.sizeof(s, c))).toEqual([1688, 1688, 920, 920, 1688, 1688, 920, 920, 1688]);
    inst.forEach((o) => s.decref(o));
    // g(int), g(type), g(object())
    expect(O.sizeof(s, s.typeObject(O.TID.INT))).toBe(424);
    expect(O.sizeof(s, s.typeObject(O.TID.TYPE))).toBe(424);
    const obj = O.objectNew(s);
    expect(O.sizeof(s, obj)).toBe(16);
    // def f(): pass -> g(f) 152, g(f.__code__) 192 (3 code units); cell 40; method 64
    const name = O.strIntern(s, "f");
    const code = O.codeNew(s, 0, name, name, O.strIntern(s, "<stdin>"), 1, 3);
    const globals = O.dictNew(s);
    const f = O.funcNew(s, code, globals);
    const cell = O.cellNew(s, s.None);
    const m = O.methodNew(s, f, obj);
    expect([O.sizeof(s, f), O.sizeof(s, code), O.sizeof(s, cell), O.sizeof(s, m)]).toEqual([152, 192, 40, 64]);
    // g(range(10)), g(iter(range(10))), g(iter([])), g(iter(())), g(iter('a')), g(iter('é')),
    // g(iter({})), g(iter({}.values())), g(iter({}.items())), g({}.keys()), g(iter(set()))
    const r = O.rangeNew(s, 0, 10, 1);
    const objs = [r, O.getIter(s, r)];
    for (const v of [[], new JsTuple([]), "a", "é", new Map(), new Set()] as O.JsValue[]) {
      const p = O.fromJs(s, v);
      objs.push(O.getIter(s, p));
      s.decref(p);
    }
    const d = O.dictNew(s);
    objs.push(O.dictIterNew(s, d, O.TID.DICT_VALUEITER), O.dictIterNew(s, d, O.TID.DICT_ITEMITER), O.dictViewNew(s, d, O.TID.DICT_KEYS));
    expect(objs.map((p) => O.sizeof(s, p))).toEqual([48, 48, 48, 48, 48, 48, 72, 64, 72, 72, 40]);
    expect(O.typeName(s, objs[4]!)).toBe("str_ascii_iterator");
    expect(O.typeName(s, objs[5]!)).toBe("str_iterator");
    objs.forEach((p) => s.decref(p));
    [m, cell, f, globals, code, obj, d].forEach((p) => s.decref(p));
  });

  it("asks the allocator for exactly CPython's request sizes", () => {
    const { s: s2, ob } = setup();
    const { fs, fa } = failingSpace(s2, ob);
    O.clearFreeLists(fs); // so every object below comes from the allocator
    const probe = (make: () => number): number[] => {
      fa.requests.length = 0;
      const p = make();
      const out = [...fa.requests];
      fs.decref(p);
      O.clearFreeLists(fs);
      return out;
    };
    expect(probe(() => O.intFromNumber(fs, 1000))).toEqual([32]); // 3.11 _PyLong_FromMedium: sizeof(PyLongObject)
    expect(probe(() => O.intFromNumber(fs, 2 ** 40))).toEqual([32]);
    expect(probe(() => O.floatNew(fs, 0.5))).toEqual([24]);
    expect(probe(() => O.strFromJs(fs, "hello"))).toEqual([54]);
    expect(probe(() => O.strFromJs(fs, "héllo"))).toEqual([78]);
    expect(probe(() => O.fromJs(fs, new JsTuple([1, 2, 3])))).toEqual([64]);
    expect(probe(() => O.listNew(fs, 3))).toEqual([56, 24]);
    expect(probe(() => O.fromJs(fs, [1]))).toEqual([56, 32]); // [] then append: items for 4
    expect(probe(() => O.fromJs(fs, new Map([["a", 1]])))).toEqual([64, 120]);
    expect(probe(() => O.fromJs(fs, new Map([[1, 1]])))).toEqual([64, 160]);
    expect(probe(() => O.setNew(fs))).toEqual([216]);
  });
});
