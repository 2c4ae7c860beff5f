/**
 * format.ts by hand: the str.format markup parser, the spec parser's fields, and a few
 * layouts worth reading as examples. (format-cpython.test.ts holds the generated tables.)
 * Expected texts are python3 3.11's.
 */
import { describe, expect, it } from "vitest";
import {
  FormatError, checkConversion, cpLength, floatRepr, formatFloat, formatInt, isPrintableCp, parseFormatString,
  parseSpec,
} from "../../src/util/pyformat.js";

function err(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof FormatError) return `${e.pyType}: ${e.message}`;
    throw e;
  }
  return "no error";
}

describe("parseFormatString (str.format markup)", () => {
  it("splits literals and fields, unescaping {{ and }}", () => {
    expect(parseFormatString("x{{y}}z")).toEqual([{ literal: "x{y}z" }]);
    expect(parseFormatString("a{}b{0!r:>{w}}c{name.attr[0][k]}")).toEqual([
      { literal: "a" },
      { arg: "", path: [], conversion: "", spec: "" },
      { literal: "b" },
      { arg: "0", path: [], conversion: "r", spec: ">{w}" },
      { literal: "c" },
      { arg: "name", path: [{ attr: "attr" }, { key: 0 }, { key: "k" }], conversion: "", spec: "" },
    ]);
    expect(parseFormatString("{:}")).toEqual([{ arg: "", path: [], conversion: "", spec: "" }]);
    expect(parseFormatString("")).toEqual([]);
  });

  it("raises CPython's errors", () => {
    const cases: [string, string][] = [
      ["{", "ValueError: Single '{' encountered in format string"],
      ["}", "ValueError: Single '}' encountered in format string"],
      ["a}b", "ValueError: Single '}' encountered in format string"],
      ["{0", "ValueError: expected '}' before end of string"],
      ["{:{}", "ValueError: unmatched '{' in format spec"],
      ["{!}", "ValueError: unmatched '{' in format spec"],
      ["{0!r", "ValueError: unmatched '{' in format spec"],
      ["{0!rr}", "ValueError: expected ':' after conversion specifier"],
      ["{a.}", "ValueError: Empty attribute in format string"],
      ["{a[}", "ValueError: expected '}' before end of string"],
      ["{0[}", "ValueError: expected '}' before end of string"],
      ["{a{b}", "ValueError: unexpected '{' in field name"],
    ];
    for (const [fmt, want] of cases) expect([fmt, err(() => parseFormatString(fmt))]).toEqual([fmt, want]);
    expect(err(() => checkConversion("x"))).toBe("ValueError: Unknown conversion specifier x");
    expect(checkConversion("r")).toBe("r");
  });
});

describe("parseSpec", () => {
  it("reads every field of [[fill]align][sign][z][#][0][width][grouping][.precision][type]", () => {
    expect(parseSpec("*^+z#012,.3f")).toEqual({
      fill: "*", align: "^", sign: "+", noNeg0: true, alternate: true, zeroPad: false,
      width: 12, grouping: ",", precision: 3, type: "f",
    });
    expect(parseSpec("010_x")).toMatchObject({ fill: "", align: "", zeroPad: true, width: 10, grouping: "_", type: "x" });
    expect(parseSpec("😀<4")).toMatchObject({ fill: "😀", align: "<", width: 4 });
  });

  it("rejects malformed specs as CPython does", () => {
    expect(err(() => parseSpec("5.2.1", "float"))).toBe("ValueError: Invalid format specifier '5.2.1' for object of type 'float'");
    expect(err(() => parseSpec("."))).toBe("ValueError: Format specifier missing precision");
    expect(err(() => parseSpec("10,_"))).toBe("ValueError: Cannot specify both ',' and '_'.");
    expect(err(() => parseSpec(",s"))).toBe("ValueError: Cannot specify ',' with 's'.");
    expect(err(() => parseSpec("_c"))).toBe("ValueError: Cannot specify '_' with 'c'.");
  });
});

describe("layouts", () => {
  it("repr(float) switches to exponents at 1e16 and below 1e-4", () => {
    expect([1e16, 9999999999999998.0, 1e-4, 1e-5, 0.1 + 0.2, -0.0, 5e-324].map(floatRepr)).toEqual([
      "1e+16", "9999999999999998.0", "0.0001", "1e-05", "0.30000000000000004", "-0.0", "5e-324",
    ]);
  });

  it("rounds half to even on the exact binary value", () => {
    expect([formatFloat(0.125, ".2f"), formatFloat(0.375, ".2f"), formatFloat(2.675, ".2f"), formatFloat(2.5, ".0f")])
      .toEqual(["0.12", "0.38", "2.67", "2"]);
  });

  it("groups the zero padding too", () => {
    expect(formatInt(1234n, "010,")).toBe("00,001,234");
    expect(formatInt(255n, "#012_b")).toBe("0b0_1111_1111");
    expect(formatFloat(-1234.5, "020,.2f")).toBe("-0,000,000,001,234.50");
  });

  it("counts code points, not UTF-16 units", () => {
    expect(cpLength("😀x")).toBe(2);
    expect(isPrintableCp(0xad)).toBe(false);
    expect(isPrintableCp(0xe9)).toBe(true);
  });
});
