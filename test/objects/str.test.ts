import { describe, expect, it } from "vitest";
import { OB } from "../../src/heap/layout.js";
import * as O from "../../src/objects/index.js";
import { IMMORTAL_REFCNT } from "../../src/objects/index.js";
import { setup } from "./helpers.js";

describe("str", () => {
  const { s } = setup();

  it("stores each string in its narrowest kind", () => {
    // (text, kind, ascii, sys.getsizeof(text))
    const cases: [string, number, boolean, number][] = [
      ["hello", 1, true, 54], ["héllo", 1, false, 78], ["€uro", 2, false, 82], ["a😀b", 4, false, 88],
      ["\ud800x", 2, false, 78], // a lone surrogate is a UCS-2 code point, as in Python
    ];
    for (const [text, kind, ascii, size] of cases) {
      const p = O.strFromJs(s, text);
      expect([text, O.strKind(s, p), O.strIsAscii(s, p), O.sizeof(s, p)]).toEqual([text, kind, ascii, size]);
      expect(O.strToJs(s, p)).toBe(text);
      expect(O.strLen(s, p)).toBe([...text].length);
      expect(O.strEqJs(s, p, text)).toBe(true);
      expect(O.strEqJs(s, p, text + "x")).toBe(false);
      expect(O.strHash(s, p)).toBe(O.hashJs(text));
      s.decref(p);
    }
    // a heap str of two lone surrogates is not the one astral character they spell in JS
    const two = O.strConcat(s, O.strFromCodePoint(s, 0xd83d), O.strFromCodePoint(s, 0xde00));
    expect(O.strLen(s, two)).toBe(2);
    expect(O.strEqJs(s, two, "😀")).toBe(false);
    s.decref(two);
  });

  it("shares the empty and one-character latin-1 strings, which are immortal", () => {
    expect(O.strFromJs(s, "")).toBe(s.emptyStr);
    const a = O.strFromJs(s, "a");
    expect(O.strFromJs(s, "a")).toBe(a);
    expect(O.strFromCodePoint(s, 0xe9)).toBe(O.strFromJs(s, "é"));
    expect(s.i32[(a >> 2) + OB.REFCNT]).toBe(IMMORTAL_REFCNT);
    const euro = O.strFromJs(s, "€");
    expect(s.i32[(euro >> 2) + OB.REFCNT]).toBe(1);
    s.decref(euro);
  });

  it("compares by content and concatenates across kinds", () => {
    const a = O.strFromJs(s, "abc");
    const b = O.strFromJs(s, "abc");
    expect(a).not.toBe(b);
    expect(O.strEq(s, a, b)).toBe(true);
    const c = O.strFromJs(s, "€😀");
    const ac = O.strConcat(s, a, c);
    expect(O.strToJs(s, ac)).toBe("abc€😀");
    expect(O.strKind(s, ac)).toBe(4);
    const e = O.strFromJs(s, "é");
    const ae = O.strConcat(s, a, e);
    expect([O.strKind(s, ae), O.strIsAscii(s, ae), O.sizeof(s, ae)]).toEqual([1, false, 77]);
    expect(O.strConcat(s, a, s.emptyStr)).toBe(a);
    [a, b, c, ac, ae, a].forEach((p) => s.decref(p));
  });

  it("interns: one immortal str per text, found from any thread's cache", () => {
    const x = O.strIntern(s, "identifier");
    expect(O.strIntern(s, "identifier")).toBe(x);
    expect(O.strIsInterned(s, x)).toBe(true);
    expect(s.i32[(x >> 2) + OB.REFCNT]).toBe(IMMORTAL_REFCNT);
    // another thread (a fresh ObjSpace, empty cache) finds the same object in the heap
    const other = O.ObjSpace.attach(s.heap, s.alloc);
    expect(O.strIntern(other, "identifier")).toBe(x);
    // interning a fresh copy returns the canonical one and frees the copy
    const copy = O.strFromJs(s, "identifier");
    const deallocs = s.deallocs;
    expect(O.strInternInPlace(s, copy)).toBe(x);
    expect(s.deallocs - deallocs).toBe(1);
    expect(O.strToJs(s, x)).toBe("identifier");
    expect(s.strCache.get(x)).toBe("identifier");
  });
});

describe("a second thread's view", () => {
  it("sees the same objects through its own Heap.attach views and ObjSpace", async () => {
    const { Heap, ObMalloc } = await import("../../src/heap/index.js");
    const { s } = setup();
    const heap2 = Heap.attach(s.heap.sab);
    const s2 = O.ObjSpace.attach(heap2, new ObMalloc(heap2));
    expect([s2.None, s2.True, s2.emptyTuple, s2.smallInt(7)]).toEqual([s.None, s.True, s.emptyTuple, s.smallInt(7)]);
    const l = O.fromJs(s2, ["made", "by", 2, new O.JsTuple([1.5])]);
    expect(O.toJs(s, l)).toEqual(["made", "by", 2, new O.JsTuple([1.5])]);
    expect(O.strIntern(s2, "shared_name")).toBe(O.strIntern(s, "shared_name"));
    s.decref(l); // freed by the other "thread"
    expect(() => O.checkObject(s2, l)).toThrow(/use after free/);
  });
});
