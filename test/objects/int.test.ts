/** int layout, round trips and hash() against CPython 3.11 (values read from CPython's own
 *  memory with ctypes: ob_size at id(x)+16, 30-bit digits as uint32 from id(x)+24). */
import { describe, expect, it } from "vitest";
import * as O from "../../src/objects/index.js";
import { rng, setup } from "./helpers.js";

// [repr(v), ob_size, digits, hash(v)]
const CPYTHON: [string, number, number[], string][] = [
  ["0", 0, [], "0"],
  ["1", 1, [1], "1"],
  ["-1", -1, [1], "-2"],
  ["1073741823", 1, [1073741823], "1073741823"],
  ["1073741824", 2, [0, 1], "1073741824"],
  ["-1073741824", -2, [0, 1], "-1073741824"],
  ["9007199254740991", 2, [1073741823, 8388607], "9007199254740991"],
  ["1152921504606846976", 3, [0, 0, 1], "1152921504606846976"],
  ["-1152921504606846975", -2, [1073741823, 1073741823], "-1152921504606846975"],
  ["1606938044258990275541962092341162602522202993782792835313721", 7, [12345, 0, 0, 0, 0, 0, 1048576], "143417"],
  ["-1797010299914431210413179829509605039731475627537851106401", -7,
    [820921441, 63173550, 954579718, 742887606, 1058391945, 648469094, 1172], "-64278175561454681"],
  ["100000000000000000000000000000000000000000000000000", 6, [0, 361758720, 5459931, 430044337, 991295890, 70064], "619332571178673746"],
  ["2305843009213693951", 3, [1073741823, 1073741823, 1], "0"],
  ["2305843009213693952", 3, [0, 0, 2], "1"],
  ["18446744073709551615", 3, [1073741823, 1073741823, 15], "7"],
];

describe("int", () => {
  const { s } = setup();

  it("lays out digits as CPython does, and hashes as hash()", () => {
    for (const [text, size, digits, hash] of CPYTHON) {
      const v = BigInt(text);
      const p = O.intFromBigInt(s, v);
      expect([text, O.intSize(s, p)]).toEqual([text, size]);
      expect(digits.map((_, i) => O.intDigit(s, p, i))).toEqual(digits);
      expect(O.intToBigInt(s, p)).toBe(v);
      expect(O.pyHash(s, p)).toBe(BigInt(hash));
      expect(O.hash32(s, p)).toBe(Number(BigInt.asIntN(32, BigInt(hash))) === -1 ? -2 : Number(BigInt.asIntN(32, BigInt(hash))));
      s.decref(p);
    }
  });

  it("round-trips values across ±2**200 (number and BigInt paths agree)", () => {
    const r = rng(7);
    for (let i = 0; i < 5000; i++) {
      const bits = Math.floor(r() * 201);
      let v = 0n;
      for (let b = 0; b < bits; b += 16) v = (v << 16n) | BigInt(Math.floor(r() * 65536));
      v &= (1n << BigInt(bits)) - 1n;
      if (r() < 0.5) v = -v;
      const p = O.intFromBigInt(s, v);
      expect(O.intToBigInt(s, p)).toBe(v);
      const safe = v >= -9007199254740991n && v <= 9007199254740991n;
      expect(O.intAsNumber(s, p)).toBe(safe ? Number(v) : NaN);
      const a = v < 0n ? -v : v;
      const ndigits = a === 0n ? 0 : Math.ceil(a.toString(2).length / 30);
      expect(O.intSize(s, p)).toBe(v < 0n ? -ndigits : ndigits);
      expect(O.sizeof(s, p)).toBe(24 + 4 * Math.max(1, ndigits));
      if (safe) {
        const q = O.intFromNumber(s, Number(v));
        expect(O.keyEq(s, p, q)).toBe(true);
        expect(O.hash32(s, q)).toBe(O.hash32(s, p));
        s.decref(q);
      }
      s.decref(p);
    }
  });

  it("creates safe integers without BigInt and caches -5..256", () => {
    const real = globalThis.BigInt;
    (globalThis as { BigInt: unknown }).BigInt = () => {
      throw new Error("BigInt used on the fast path");
    };
    try {
      for (const v of [-5, 0, 256, 257, -6, 2 ** 30, -(2 ** 31), 2 ** 53 - 1, -(2 ** 53 - 1)]) {
        const p = O.intFromNumber(s, v);
        expect(O.intAsNumber(s, p)).toBe(v);
        if (v >= -5 && v <= 256) expect(p).toBe(s.smallInt(v));
        s.decref(p);
      }
    } finally {
      (globalThis as { BigInt: unknown }).BigInt = real;
    }
  });

  it("makes True and False int-layout singletons", () => {
    expect(O.intAsNumber(s, s.True)).toBe(1);
    expect(O.intAsNumber(s, s.False)).toBe(0);
    expect(O.intSize(s, s.False)).toBe(0);
    expect(O.typeName(s, s.True)).toBe("bool");
    expect(O.keyEq(s, s.True, s.smallInt(1))).toBe(true);
    expect(O.pyHash(s, s.True)).toBe(1n);
  });
});

describe("hash() of floats, tuples and None", () => {
  const { s } = setup();

  it("matches CPython 3.11 for floats", () => {
    // [hash(f) for f in (1.5,-0.5,1e300,1e-300,math.pi,float(2**100),1e20,-1.0,0.1,inf,-inf,
    //  2.0**53+2,123456.789,-2.5e-310)]
    const cases: [number, string][] = [
      [1.5, "1152921504606846977"], [-0.5, "-1152921504606846976"], [1e300, "1224995262755759164"],
      [1e-300, "482449582752280463"], [Math.PI, "326490430436040707"], [2 ** 100, "549755813888"],
      [1e20, "848750603811160107"], [-1.0, "-2"], [0.1, "230584300921369408"], [Infinity, "314159"],
      [-Infinity, "-314159"], [2 ** 53 + 2, "9007199254740994"], [123456.789, "1819310134279660096"],
      [-2.5e-310, "-386353265232576880"],
    ];
    for (const [f, h] of cases) {
      const p = O.floatNew(s, f);
      expect([f, O.pyHash(s, p)]).toEqual([f, BigInt(h)]);
      s.decref(p);
    }
    // float(2**100) and 2**100 are equal, so they hash alike (both hashes)
    const f = O.floatNew(s, 2 ** 100);
    const i = O.intFromBigInt(s, 1n << 100n);
    expect(O.keyEq(s, f, i)).toBe(true);
    expect(O.hash32(s, f)).toBe(O.hash32(s, i));
    s.decref(f);
    s.decref(i);
  });

  it("matches CPython 3.11 for tuples", () => {
    // hash(()), hash((1,2)), hash((1,2,(3,4))), hash((0,)), hash((-1,)), hash(((),)),
    // hash((True,False)), hash((1.5,2**70,-1))
    const cases: [O.JsValue, string][] = [
      [new O.JsTuple([]), "5740354900026072187"],
      [new O.JsTuple([1, 2]), "-3550055125485641917"],
      [new O.JsTuple([1, 2, new O.JsTuple([3, 4])]), "3794340727080330424"],
      [new O.JsTuple([0]), "-8753497827991233192"],
      [new O.JsTuple([-1]), "8078679518589016365"],
      [new O.JsTuple([new O.JsTuple([])]), "-5486347211504344842"],
      [new O.JsTuple([true, false]), "-5164621852614943976"],
      [new O.JsTuple([1.5, 2n ** 70n, -1]), "-5999874571060843017"],
    ];
    for (const [v, h] of cases) {
      const p = O.fromJs(s, v);
      expect(O.pyHash(s, p)).toBe(BigInt(h));
      s.decref(p);
    }
  });

  it("hashes None and other objects by address, and refuses lists", () => {
    expect(O.pyHash(s, s.None)).toBe(BigInt(s.None >>> 4));
    const l = O.listNew(s, 0);
    expect(() => O.pyHash(s, l)).toThrow(O.PyError);
    s.decref(l);
  });
});
