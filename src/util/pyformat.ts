/**
 * Text formatting exactly as CPython 3.11 prints it: pure functions over JS values, no heap.
 *
 *   floatRepr      repr(float)                  Python/pystrtod.c: format_float_short, mode 0
 *   strRepr        repr(str)                    Objects/unicodeobject.c: unicode_repr
 *   parseSpec      the format-spec mini-language Python/formatter_unicode.c:
 *                                                 parse_internal_render_format_spec
 *   formatInt      format(int, spec)            format_long_internal
 *   formatFloat    format(float, spec)          format_float_internal
 *   formatStr      format(str, spec)            format_string_internal
 *   percentFormat  str % args                   unicodeobject.c: PyUnicode_Format
 *   parseFormatString  the fields of str.format  Objects/stringlib/unicode_format.h: MarkupIterator
 *
 * Digits. Every float layout goes through one model of pystrtod.c's format_float_short:
 * a digit string `digits` (no leading or trailing zeros, "0" for zero) and the position
 * `decpt` of the decimal point, value = 0.d1d2d3… × 10**decpt, as _Py_dg_dtoa returns them.
 * Mode 0 (shortest round-trip) digits come from JS's Number#toExponential(), which picks the
 * same shortest digits; modes 2 (n significant digits) and 3 (n digits after the point) round
 * the float's exact binary value (expanded with BigInt) half-to-even, as dtoa does.
 *
 * Errors are thrown as FormatError carrying the Python exception name and CPython's text;
 * the VM turns them into Python exceptions.
 */

/** A Python exception raised by a formatter (the VM raises `pyType(message)`). */
export class FormatError extends Error {
  constructor(
    readonly pyType: "ValueError" | "TypeError" | "OverflowError",
    message: string,
  ) {
    super(message);
  }
}

// ── float digits (dtoa) ─────────────────────────────────────────────────────

interface Digits {
  digits: string; // no trailing zeros; "" when rounding left none (fcvt style), "0" for zero
  decpt: number;
  neg: boolean;
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/** The exact decimal expansion of a finite |x| (every double is a finite decimal). */
function exactDigits(x: number): { digits: string; decpt: number } {
  if (x === 0) return { digits: "0", decpt: 1 };
  F64[0] = x;
  const hi = U32[1]! & 0x7fffffff;
  const lo = U32[0]!;
  const bexp = hi >>> 20;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (bexp === 0) e = -1074; // subnormal
  else {
    m |= 1n << 52n;
    e = bexp - 1075;
  }
  let s: string;
  let decpt: number;
  if (e >= 0) {
    s = (m << BigInt(e)).toString();
    decpt = s.length;
  } else {
    s = (m * 5n ** BigInt(-e)).toString(); // m * 2**e == m * 5**-e / 10**-e
    decpt = s.length + e;
  }
  return { digits: stripZeros(s), decpt };
}

function stripZeros(s: string): string {
  let end = s.length;
  while (end > 1 && s.charCodeAt(end - 1) === 48) end--;
  return s.slice(0, end);
}

/** Keep the first `keep` digits of the exact expansion, rounding half to even. */
function roundDigits(digits: string, decpt: number, keep: number): { digits: string; decpt: number } {
  if (keep >= digits.length) return { digits, decpt };
  if (keep < 0) return { digits: "", decpt: decpt - keep }; // rounds to zero (fcvt: no digits)
  const head = digits.slice(0, keep);
  const next = digits.charCodeAt(keep) - 48;
  let up = next > 5;
  if (next === 5) {
    const sticky = keep + 1 < digits.length; // digits has no trailing zeros: anything after is nonzero
    const lastOdd = keep > 0 && (head.charCodeAt(keep - 1) - 48) % 2 === 1;
    up = sticky || lastOdd;
  }
  if (!up) {
    const h = head.replace(/0+$/, "");
    return h === "" ? { digits: "", decpt: decpt } : { digits: h, decpt };
  }
  // increment the decimal string `head`
  const arr = head.split("");
  let i = arr.length - 1;
  while (i >= 0 && arr[i] === "9") arr[i--] = "0";
  if (i < 0) return { digits: "1", decpt: decpt + 1 };
  arr[i] = String.fromCharCode(arr[i]!.charCodeAt(0) + 1);
  return { digits: stripZeros(arr.join("")), decpt };
}

/** _Py_dg_dtoa(x, mode, ndigits) for finite x. */
function dtoa(x: number, mode: 0 | 2 | 3, ndigits: number): Digits {
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  if (a === 0) return { digits: "0", decpt: 1, neg };
  if (mode === 0) {
    const t = a.toExponential(); // shortest round-trip digits, "d.ddde±n"
    const ix = t.indexOf("e");
    const digits = t.slice(0, ix).replace(".", "");
    return { digits, decpt: Number(t.slice(ix + 1)) + 1, neg };
  }
  const ex = exactDigits(a);
  const keep = mode === 2 ? ndigits : ex.decpt + ndigits;
  const r = roundDigits(ex.digits, ex.decpt, keep);
  if (r.digits === "" && mode === 3) return { digits: "", decpt: -ndigits, neg };
  return { digits: r.digits, decpt: r.decpt, neg };
}

const DTSF_SIGN = 1; // always add a sign
const DTSF_ADD_DOT_0 = 2; // integral values get ".0"
const DTSF_ALT = 4; // '#': keep trailing zeros and the point
const DTSF_NO_NEG_0 = 8; // 'z'

/** pystrtod.c: PyOS_double_to_string. `code` is one of e E f F g G r. */
export function doubleToString(x: number, code: string, precision: number, flags: number): string {
  const upper = code === "E" || code === "F" || code === "G";
  let fc = code.toLowerCase();
  let mode: 0 | 2 | 3;
  switch (fc) {
    case "e":
      mode = 2;
      precision++;
      break;
    case "f":
      mode = 3;
      break;
    case "g":
      mode = 2;
      if (precision === 0) precision = 1;
      break;
    default:
      fc = "r";
      mode = 0;
      precision = 0;
  }
  if (!Number.isFinite(x)) {
    let out = "";
    if (x !== x) out = flags & DTSF_SIGN ? "+" : "";
    else out = x < 0 ? "-" : flags & DTSF_SIGN ? "+" : "";
    const word = x !== x ? "nan" : "inf";
    return out + (upper ? word.toUpperCase() : word);
  }
  const d = dtoa(x, mode, precision);
  return formatFloatShort(d, fc, precision, flags, upper ? "E" : "e");
}

/** pystrtod.c: format_float_short, after the digits are known. */
function formatFloatShort(d: Digits, fc: string, precision: number, flags: number, e: string): string {
  const digits = d.digits;
  const digitsLen = digits.length;
  let decpt = d.decpt;
  let neg = d.neg;
  const addDot0 = (flags & DTSF_ADD_DOT_0) !== 0;
  const alt = (flags & DTSF_ALT) !== 0;
  if (flags & DTSF_NO_NEG_0 && neg && (digitsLen === 0 || digits === "0")) neg = false;
  let vEnd = digitsLen;
  let useExp = false;
  switch (fc) {
    case "e":
      useExp = true;
      vEnd = precision;
      break;
    case "f":
      vEnd = decpt + precision;
      break;
    case "g":
      if (decpt <= -4 || decpt > (addDot0 ? precision - 1 : precision)) useExp = true;
      if (alt) vEnd = precision;
      break;
    default: // r
      if (decpt <= -4 || decpt > 16) useExp = true;
  }
  let exp = 0;
  if (useExp) {
    exp = decpt - 1;
    decpt = 1;
  }
  const vStart = decpt <= 0 ? decpt - 1 : 0;
  if (!useExp && addDot0) vEnd = vEnd > decpt ? vEnd : decpt + 1;
  else vEnd = vEnd > decpt ? vEnd : decpt;

  let out = neg ? "-" : flags & DTSF_SIGN ? "+" : "";
  if (decpt <= 0) out += "0".repeat(decpt - vStart) + "." + "0".repeat(-decpt);
  else out += "0".repeat(-vStart);
  if (decpt > 0 && decpt <= digitsLen) out += digits.slice(0, decpt) + "." + digits.slice(decpt);
  else out += digits;
  if (digitsLen < decpt) out += "0".repeat(decpt - digitsLen) + "." + "0".repeat(vEnd - decpt);
  else out += "0".repeat(vEnd - digitsLen);
  if (out.endsWith(".") && !alt) out = out.slice(0, -1);
  if (useExp) {
    const a = Math.abs(exp);
    out += e + (exp < 0 ? "-" : "+") + (a < 10 ? "0" + a : String(a));
  }
  return out;
}

/** repr(float) (float_repr: PyOS_double_to_string(x, 'r', 0, Py_DTSF_ADD_DOT_0)). */
export function floatRepr(x: number): string {
  return doubleToString(x, "r", 0, DTSF_ADD_DOT_0);
}

// ── repr(str) ───────────────────────────────────────────────────────────────

/** Code points Python's str.isprintable() rejects: categories Cc Cf Cs Co Cn Zl Zp Zs
 *  except the ASCII space (unicodectype.c: _PyUnicode_IsPrintable). JS's Unicode tables
 *  may be a version newer than Python 3.11's 14.0; only unassigned code points differ. */
const NONPRINTABLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** str.isprintable() for one code point. */
export function isPrintableCp(cp: number): boolean {
  if (cp < 0x7f) return cp >= 0x20;
  if (cp < 0xa1) return false; // DEL, C1 controls, NO-BREAK SPACE
  if (cp >= 0xd800 && cp <= 0xdfff) return false; // Cs
  return !NONPRINTABLE.test(String.fromCodePoint(cp));
}

function hex(cp: number, width: number): string {
  return cp.toString(16).padStart(width, "0");
}

/** repr(str) (unicodeobject.c: unicode_repr). */
export function strRepr(js: string): string {
  const quote = js.includes("'") && !js.includes('"') ? '"' : "'";
  let out = quote;
  let run = 0; // start of the current run of characters copied as they are
  for (let i = 0; i < js.length; i++) {
    const c = js.charCodeAt(i);
    let esc: string | null = null;
    let width = 1;
    if (c >= 0x20 && c < 0x7f) {
      if (c === 0x5c) esc = "\\\\";
      else if (c === quote.charCodeAt(0)) esc = "\\" + quote;
    } else if (c === 0x09) esc = "\\t";
    else if (c === 0x0a) esc = "\\n";
    else if (c === 0x0d) esc = "\\r";
    else {
      const cp = js.codePointAt(i)!;
      width = cp > 0xffff ? 2 : 1;
      if (!isPrintableCp(cp)) {
        esc = cp <= 0xff ? "\\x" + hex(cp, 2) : cp <= 0xffff ? "\\u" + hex(cp, 4) : "\\U" + hex(cp, 8);
      }
    }
    if (esc !== null) {
      out += js.slice(run, i) + esc;
      run = i + width;
    }
    i += width - 1;
  }
  return out + js.slice(run) + quote;
}

/** Number of code points (Python's len) of a JS string. */
export function cpLength(js: string): number {
  let n = js.length;
  for (let i = 0; i < js.length - 1; i++) {
    const c = js.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = js.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

// ── the format-spec mini-language ───────────────────────────────────────────

/** A parsed format spec (InternalFormatSpec). `align`/`fill` are what the spec wrote;
 *  the formatters apply their type's defaults. */
export interface FormatSpec {
  fill: string; // one code point; "" when not given
  align: "" | "<" | ">" | "=" | "^";
  sign: "" | "+" | "-" | " ";
  noNeg0: boolean; // z
  alternate: boolean; // #
  zeroPad: boolean; // a '0' before the width, with no explicit fill
  width: number; // -1 when not given
  grouping: "" | "," | "_";
  precision: number; // -1 when not given
  type: string; // "" when not given
}

const ALIGNS = "<>=^";

function readInt(spec: string, pos: number): [value: number, end: number] {
  let end = pos;
  let v = 0;
  while (end < spec.length) {
    const c = spec.charCodeAt(end);
    if (c < 48 || c > 57) break;
    v = v * 10 + (c - 48);
    if (v > 0x7fffffffffffffff / 10) throw new FormatError("ValueError", "Too many decimal digits in format string");
    end++;
  }
  return [v, end];
}

/** formatter_unicode.c: parse_internal_render_format_spec (the checks that do not depend
 *  on the object's type). `typeName` is only used in the invalid-specifier message. */
export function parseSpec(spec: string, typeName = "object", defaultType = ""): FormatSpec {
  const f: FormatSpec = {
    fill: "", align: "", sign: "", noNeg0: false, alternate: false, zeroPad: false,
    width: -1, grouping: "", precision: -1, type: defaultType,
  };
  const cps = Array.from(spec); // the fill may be any code point
  let pos = 0;
  if (cps.length >= 2 && ALIGNS.includes(cps[1]!)) {
    f.fill = cps[0]!;
    f.align = cps[1] as FormatSpec["align"];
    pos = 2;
  } else if (cps.length >= 1 && ALIGNS.includes(cps[0]!)) {
    f.align = cps[0] as FormatSpec["align"];
    pos = 1;
  }
  const rest = cps.slice(pos).join(""); // the rest is ASCII unless invalid
  pos = 0;
  const at = (i: number): string => rest.charAt(i);
  if (at(pos) === "+" || at(pos) === "-" || at(pos) === " ") f.sign = at(pos++) as FormatSpec["sign"];
  if (at(pos) === "z") (f.noNeg0 = true), pos++;
  if (at(pos) === "#") (f.alternate = true), pos++;
  if (f.fill === "" && at(pos) === "0") (f.zeroPad = true), pos++;
  const [w, wEnd] = readInt(rest, pos);
  if (wEnd > pos) f.width = w;
  pos = wEnd;
  if (at(pos) === ",") (f.grouping = ","), pos++;
  if (at(pos) === "_") {
    if (f.grouping !== "") throw new FormatError("ValueError", "Cannot specify both ',' and '_'.");
    f.grouping = "_";
    pos++;
  }
  if (at(pos) === "," && f.grouping === "_") throw new FormatError("ValueError", "Cannot specify both ',' and '_'.");
  if (at(pos) === ".") {
    const [p, pEnd] = readInt(rest, pos + 1);
    if (pEnd === pos + 1) throw new FormatError("ValueError", "Format specifier missing precision");
    f.precision = p;
    pos = pEnd;
  }
  const left = Array.from(rest.slice(pos));
  if (left.length > 1) {
    throw new FormatError("ValueError", `Invalid format specifier '${spec}' for object of type '${typeName}'`);
  }
  if (left.length === 1) f.type = left[0]!;
  if (f.grouping !== "") {
    const ok = "defgEGF%".includes(f.type) || (f.grouping === "_" && "boxX".includes(f.type) && f.type !== "");
    if (!ok) {
      const t = f.type;
      const c = t.codePointAt(0)!;
      const shown = c > 32 && c < 128 ? t : "\\x" + c.toString(16);
      throw new FormatError("ValueError", `Cannot specify '${f.grouping}' with '${shown}'.`);
    }
  }
  return f;
}

function unknownCode(type: string, typeName: string): FormatError {
  const c = type.codePointAt(0)!;
  const shown = c > 32 && c < 128 ? type : "\\x" + c.toString(16);
  return new FormatError("ValueError", `Unknown format code '${shown}' for object of type '${typeName}'`);
}

/** unicodeobject.c: _PyUnicode_InsertThousandsGrouping with a fixed group size: groups
 *  `digits` from the right, zero-padding up to `minWidth` characters. */
function group(digits: string, sep: string, size: number, minWidth: number): string {
  if (sep === "") return minWidth > digits.length ? "0".repeat(minWidth - digits.length) + digits : digits;
  const parts: string[] = [];
  let remaining = digits.length;
  let end = digits.length;
  for (;;) {
    const l = Math.min(size, Math.max(remaining, minWidth, 1));
    const nZeros = Math.max(0, l - remaining);
    const nChars = Math.max(0, Math.min(remaining, l));
    parts.push("0".repeat(nZeros) + digits.slice(end - nChars, end));
    end -= nChars;
    remaining -= nChars;
    minWidth -= l;
    if (remaining <= 0 && minWidth <= 0) break;
    minWidth -= sep.length;
  }
  return parts.reverse().join(sep);
}

/** The pieces of a formatted number (calc_number_widths + fill_number). */
function layoutNumber(
  f: FormatSpec,
  negative: boolean,
  prefix: string,
  digits: string, // the integer digits to group
  remainder: string, // decimal point, fraction, exponent, '%' — copied as is
  groupSize: number,
  upper: boolean,
): string {
  const signChar = negative ? "-" : f.sign === "+" ? "+" : f.sign === " " ? " " : "";
  const fill = f.fill !== "" ? f.fill : f.zeroPad ? "0" : " ";
  const align = f.align !== "" ? f.align : f.zeroPad ? "=" : ">";
  const nonDigit = signChar.length + prefix.length + remainder.length;
  const minWidth = fill === "0" && align === "=" ? f.width - nonDigit : 0;
  const grouped = digits.length === 0 ? "" : group(digits, f.grouping, groupSize, minWidth);
  let body = prefix + grouped;
  if (upper) body = body.toUpperCase();
  const len = signChar.length + prefix.length + cpLength(remainder) + cpLength(grouped);
  const pad = f.width - len;
  if (pad <= 0) return signChar + body + remainder;
  switch (align) {
    case "<":
      return signChar + body + remainder + fill.repeat(pad);
    case "^": {
      const l = pad >> 1;
      return fill.repeat(l) + signChar + body + remainder + fill.repeat(pad - l);
    }
    case "=":
      return signChar + fill.repeat(pad) + body + remainder;
    default:
      return fill.repeat(pad) + signChar + body + remainder;
  }
}

/** format(int, spec) (long__format__ → format_obj). */
export function formatInt(v: bigint, spec: string, typeName = "int"): string {
  if (spec === "") return v.toString();
  const f = parseSpec(spec, typeName, "d");
  const type = f.type;
  switch (type) {
    case "b": case "c": case "d": case "o": case "x": case "X": case "n":
      break;
    case "e": case "E": case "f": case "F": case "g": case "G": case "%": {
      const x = Number(v);
      if (!Number.isFinite(x)) throw new FormatError("OverflowError", "int too large to convert to float");
      return formatFloatWith(x, f, typeName);
    }
    default:
      throw unknownCode(type, typeName);
  }
  if (f.precision !== -1) throw new FormatError("ValueError", "Precision not allowed in integer format specifier");
  if (f.noNeg0) throw new FormatError("ValueError", "Negative zero coercion (z) not allowed in integer format specifier");
  if (type === "c") {
    if (f.sign !== "") throw new FormatError("ValueError", "Sign not allowed with integer format specifier 'c'");
    if (f.alternate) throw new FormatError("ValueError", "Alternate form (#) not allowed with integer format specifier 'c'");
    if (v < -(2n ** 63n) || v >= 2n ** 63n) throw new FormatError("OverflowError", "Python int too large to convert to C long");
    if (v < 0n || v > 0x10ffffn) throw new FormatError("OverflowError", "%c arg not in range(0x110000)");
    return layoutNumber(f, false, "", "", String.fromCodePoint(Number(v)), 3, false);
  }
  const base = type === "b" ? 2 : type === "o" ? 8 : type === "x" || type === "X" ? 16 : 10;
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString(base);
  const prefix = f.alternate && base !== 10 ? "0" + type : "";
  const groupSize = f.grouping === "_" && base !== 10 ? 4 : 3;
  return layoutNumber(f, neg, prefix, digits, "", groupSize, type === "X");
}

/** format(float, spec) (float__format__). */
export function formatFloat(x: number, spec: string, typeName = "float"): string {
  if (spec === "") return floatRepr(x);
  return formatFloatWith(x, parseSpec(spec, typeName), typeName);
}

/** formatter_unicode.c: format_float_internal. */
function formatFloatWith(x: number, f: FormatSpec, typeName: string): string {
  let type = f.type;
  if (!"eEfFgGn%".includes(type)) throw unknownCode(type, typeName);
  let precision = f.precision;
  let flags = 0;
  if (f.alternate) flags |= DTSF_ALT;
  if (f.noNeg0) flags |= DTSF_NO_NEG_0;
  let defaultPrecision = 6;
  if (type === "") {
    flags |= DTSF_ADD_DOT_0;
    type = "r";
    defaultPrecision = 0;
  }
  if (type === "n") type = "g";
  let pct = false;
  if (type === "%") {
    type = "f";
    x *= 100;
    pct = true;
  }
  if (precision < 0) precision = defaultPrecision;
  else if (type === "r") type = "g";
  let buf = doubleToString(x, type, precision, flags);
  if (pct) buf += "%";
  let neg = false;
  if (buf.startsWith("-")) {
    neg = true;
    buf = buf.slice(1);
  }
  // parse_number: the integer digits are the leading run of digits
  let i = 0;
  while (i < buf.length && buf.charCodeAt(i) >= 48 && buf.charCodeAt(i) <= 57) i++;
  return layoutNumber(f, neg, "", buf.slice(0, i), buf.slice(i), 3, false);
}

/** format(str, spec) (formatter_unicode.c: format_string_internal). */
export function formatStr(s: string, spec: string, typeName = "str"): string {
  if (spec === "") return s;
  const f = parseSpec(spec, typeName, "s");
  const type = f.type;
  if (type !== "s") throw unknownCode(type, typeName);
  if (f.sign === " ") throw new FormatError("ValueError", "Space not allowed in string format specifier");
  if (f.sign !== "") throw new FormatError("ValueError", "Sign not allowed in string format specifier");
  if (f.noNeg0) throw new FormatError("ValueError", "Negative zero coercion (z) not allowed in string format specifier");
  if (f.alternate) throw new FormatError("ValueError", "Alternate form (#) not allowed in string format specifier");
  if (f.align === "=") throw new FormatError("ValueError", "'=' alignment not allowed in string format specifier");
  let len = cpLength(s);
  if (f.precision >= 0 && len > f.precision) {
    s = Array.from(s).slice(0, f.precision).join("");
    len = f.precision;
  }
  return pad(s, len, f.width, f.fill !== "" ? f.fill : f.zeroPad ? "0" : " ", f.align === "" ? "<" : f.align);
}

function pad(s: string, len: number, width: number, fill: string, align: string): string {
  const n = width - len;
  if (n <= 0) return s;
  if (align === ">") return fill.repeat(n) + s;
  if (align === "^") return fill.repeat(n >> 1) + s + fill.repeat(n - (n >> 1));
  return s + fill.repeat(n);
}

// ── printf-style formatting: str % args ─────────────────────────────────────

/** One argument of `str % args`, converted from a heap object by the VM. `str`/`repr`
 *  are thunks so user __str__/__repr__ run only when a conversion asks for them. */
export type FormatArg =
  | { kind: "int"; v: bigint; name?: string } // name: "True"/"False" for a bool (%s, %r)
  | { kind: "float"; v: number }
  | { kind: "str"; v: string }
  | { kind: "other"; typeName: string; str: () => string; repr: () => string };

function argTypeName(a: FormatArg): string {
  switch (a.kind) {
    case "int":
      return a.name !== undefined ? "bool" : "int";
    case "float":
      return "float";
    case "str":
      return "str";
    default:
      return a.typeName;
  }
}

function argStr(a: FormatArg): string {
  switch (a.kind) {
    case "int":
      return a.name ?? a.v.toString();
    case "float":
      return floatRepr(a.v);
    case "str":
      return a.v;
    default:
      return a.str();
  }
}

function argRepr(a: FormatArg): string {
  switch (a.kind) {
    case "str":
      return strRepr(a.v);
    case "other":
      return a.repr();
    default:
      return argStr(a);
  }
}

/** `ascii(x)`: repr with every non-ASCII code point escaped. */
function asciiEscape(r: string): string {
  let out = "";
  for (const ch of r) {
    const cp = ch.codePointAt(0)!;
    out += cp < 0x80 ? ch : cp <= 0xff ? "\\x" + hex(cp, 2) : cp <= 0xffff ? "\\u" + hex(cp, 4) : "\\U" + hex(cp, 8);
  }
  return out;
}

const F_LJUST = 1, F_SIGN = 2, F_BLANK = 4, F_ALT = 8, F_ZERO = 16;

/** PyUnicode_Format(fmt, args). `mapping` looks a %(key)s argument up (KeyError is the
 *  caller's to throw); undefined when the right operand is not a mapping. */
export function percentFormat(fmt: string, args: readonly FormatArg[], mapping?: (key: string) => FormatArg): string {
  let out = "";
  let argi = 0;
  let usedMapping = false;
  const next = (): FormatArg => {
    if (argi >= args.length) throw new FormatError("TypeError", "not enough arguments for format string");
    return args[argi++]!;
  };
  let i = 0;
  const n = fmt.length;
  while (i < n) {
    const pct = fmt.indexOf("%", i);
    if (pct < 0) {
      out += fmt.slice(i);
      break;
    }
    out += fmt.slice(i, pct);
    i = pct + 1;
    let keyed: FormatArg | null = null;
    if (fmt[i] === "(") {
      if (mapping === undefined) throw new FormatError("TypeError", "format requires a mapping");
      let depth = 1;
      const start = ++i;
      while (i < n && depth > 0) {
        if (fmt[i] === "(") depth++;
        else if (fmt[i] === ")") depth--;
        i++;
      }
      if (depth > 0) throw new FormatError("ValueError", "incomplete format key");
      keyed = mapping(fmt.slice(start, i - 1));
      usedMapping = true;
    }
    let flags = 0;
    for (; i < n; i++) {
      const c = fmt[i];
      if (c === "-") flags |= F_LJUST;
      else if (c === "+") flags |= F_SIGN;
      else if (c === " ") flags |= F_BLANK;
      else if (c === "#") flags |= F_ALT;
      else if (c === "0") flags |= F_ZERO;
      else break;
    }
    let width = -1;
    if (fmt[i] === "*") {
      const w = next();
      if (w.kind !== "int") throw new FormatError("TypeError", "* wants int");
      width = Number(w.v);
      if (width < 0) {
        flags |= F_LJUST;
        width = -width;
      }
      i++;
    } else {
      const [w, end] = readInt(fmt, i);
      if (end > i) width = w;
      i = end;
    }
    let prec = -1;
    if (fmt[i] === ".") {
      i++;
      if (fmt[i] === "*") {
        const p = next();
        if (p.kind !== "int") throw new FormatError("TypeError", "* wants int");
        prec = Math.max(0, Number(p.v));
        i++;
      } else {
        const [p, end] = readInt(fmt, i);
        prec = p;
        i = end;
      }
    }
    // length modifiers are accepted and ignored
    while (i < n && (fmt[i] === "h" || fmt[i] === "l" || fmt[i] === "L")) i++;
    if (i >= n) throw new FormatError("ValueError", "incomplete format");
    const c = fmt.codePointAt(i)!;
    const ch = String.fromCodePoint(c);
    i += ch.length;
    if (ch === "%") {
      out += "%";
      continue;
    }
    const arg = keyed ?? next();
    out += formatOne(ch, c, i - ch.length, arg, flags, width, prec);
  }
  if (argi < args.length && !usedMapping) {
    throw new FormatError("TypeError", "not all arguments converted during string formatting");
  }
  return out;
}

/** unicodeobject.c: unicode_format_arg_format + unicode_format_arg_output. */
function formatOne(ch: string, c: number, index: number, arg: FormatArg, flags: number, width: number, prec: number): string {
  let body: string;
  switch (ch) {
    case "s":
    case "r":
    case "a": {
      body = ch === "s" ? argStr(arg) : ch === "r" ? argRepr(arg) : asciiEscape(argRepr(arg));
      if (prec >= 0) body = Array.from(body).slice(0, prec).join("");
      break;
    }
    case "i": case "d": case "u": case "o": case "x": case "X": {
      let v: bigint;
      if (arg.kind === "int") v = arg.v;
      else if (arg.kind === "float" && (ch === "d" || ch === "i" || ch === "u")) {
        if (!Number.isFinite(arg.v)) {
          throw new FormatError(arg.v !== arg.v ? "ValueError" : "OverflowError",
            arg.v !== arg.v ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer");
        }
        v = BigInt(Math.trunc(arg.v));
      } else if (ch === "d" || ch === "i" || ch === "u") {
        throw new FormatError("TypeError", `%${ch} format: a real number is required, not ${argTypeName(arg)}`);
      } else {
        throw new FormatError("TypeError", `%${ch} format: an integer is required, not ${argTypeName(arg)}`);
      }
      const base = ch === "o" ? 8 : ch === "x" || ch === "X" ? 16 : 10;
      let digits = (v < 0n ? -v : v).toString(base);
      if (ch === "X") digits = digits.toUpperCase();
      if (prec > digits.length) digits = "0".repeat(prec - digits.length) + digits;
      const prefix = flags & F_ALT && base !== 10 ? "0" + ch : "";
      const sign = v < 0n ? "-" : flags & F_SIGN ? "+" : flags & F_BLANK ? " " : "";
      return numberOut(sign, prefix, digits, flags, width);
    }
    case "e": case "E": case "f": case "F": case "g": case "G": {
      let x: number;
      if (arg.kind === "float") x = arg.v;
      else if (arg.kind === "int") {
        x = Number(arg.v);
        if (!Number.isFinite(x)) throw new FormatError("OverflowError", "int too large to convert to float");
      } else throw new FormatError("TypeError", `must be real number, not ${argTypeName(arg)}`);
      const s = doubleToString(x, ch, prec < 0 ? 6 : prec, flags & F_ALT ? DTSF_ALT : 0);
      const neg = s.startsWith("-");
      const sign = neg ? "-" : flags & F_SIGN ? "+" : flags & F_BLANK ? " " : "";
      return numberOut(sign, "", neg ? s.slice(1) : s, flags, width);
    }
    case "c": {
      if (arg.kind === "str") {
        if (cpLength(arg.v) !== 1) throw new FormatError("TypeError", "%c requires int or char");
        body = arg.v;
      } else if (arg.kind === "int") {
        if (arg.v < 0n || arg.v > 0x10ffffn) throw new FormatError("OverflowError", "%c arg not in range(0x110000)");
        body = String.fromCodePoint(Number(arg.v));
      } else throw new FormatError("TypeError", "%c requires int or char");
      break;
    }
    default: {
      const shown = c >= 32 && c < 127 ? ch : "?";
      throw new FormatError("ValueError", `unsupported format character '${shown}' (0x${c.toString(16)}) at index ${index}`);
    }
  }
  const len = cpLength(body);
  if (width <= len) return body;
  return flags & F_LJUST ? body + " ".repeat(width - len) : " ".repeat(width - len) + body;
}

function numberOut(sign: string, prefix: string, digits: string, flags: number, width: number): string {
  const len = sign.length + prefix.length + digits.length;
  if (width <= len) return sign + prefix + digits;
  const n = width - len;
  if (flags & F_LJUST) return sign + prefix + digits + " ".repeat(n);
  if (flags & F_ZERO) return sign + prefix + "0".repeat(n) + digits;
  return " ".repeat(n) + sign + prefix + digits;
}

// ── str.format: the markup of a format string ───────────────────────────────

/** One piece of a str.format string: literal text, or a replacement field. */
export type FormatPart =
  | { literal: string }
  | {
      /** The field name's first part: an index, a keyword, or "" for automatic numbering. */
      arg: string;
      /** `.attr` and `[key]` accessors after it (key is a number when all digits). */
      path: ({ attr: string } | { key: string | number })[];
      /** The character after '!' ("" for none); checkConversion validates it. */
      conversion: string;
      /** The spec, which may itself contain {} fields (formatted recursively by the caller). */
      spec: string;
    };

/** MarkupIterator_next over the whole string: literal and field parts, with CPython's
 *  errors for unbalanced braces (Objects/stringlib/unicode_format.h). */
export function parseFormatString(fmt: string): FormatPart[] {
  const parts: FormatPart[] = [];
  let lit = "";
  let i = 0;
  const n = fmt.length;
  while (i < n) {
    const c = fmt[i++]!;
    if (c !== "{" && c !== "}") {
      lit += c;
      continue;
    }
    if (i < n && fmt[i] === c) {
      lit += c; // {{ or }}
      i++;
      continue;
    }
    if (c === "}") throw new FormatError("ValueError", "Single '}' encountered in format string");
    if (i >= n) throw new FormatError("ValueError", "Single '{' encountered in format string");
    if (lit !== "") parts.push({ literal: lit });
    lit = "";
    i = parseField(fmt, i, parts);
  }
  if (lit !== "") parts.push({ literal: lit });
  return parts;
}

/** unicode_format.h: parse_field, from just after the '{'. Returns the index after the '}'. */
function parseField(str: string, i: number, parts: FormatPart[]): number {
  const n = str.length;
  const nameStart = i;
  let c = "";
  while (i < n) {
    c = str[i++]!;
    if (c === "{") throw new FormatError("ValueError", "unexpected '{' in field name");
    if (c === "[") {
      while (i < n && str[i] !== "]") i++;
      continue;
    }
    if (c === "}" || c === ":" || c === "!") break;
  }
  const name = str.slice(nameStart, i - 1);
  let conversion = "";
  let spec = "";
  if (c === "!" || c === ":") {
    if (c === "!") {
      if (i >= n) throw new FormatError("ValueError", "end of string while looking for conversion specifier");
      conversion = str[i++]!;
      if (i < n) {
        const d = str[i++]!;
        if (d === "}") {
          parts.push(fieldPart(name, conversion, ""));
          return i;
        }
        if (d !== ":") throw new FormatError("ValueError", "expected ':' after conversion specifier");
      }
    }
    const specStart = i;
    let count = 1;
    while (i < n) {
      const d = str[i++]!;
      if (d === "{") count++;
      else if (d === "}" && --count === 0) {
        spec = str.slice(specStart, i - 1);
        parts.push(fieldPart(name, conversion, spec));
        return i;
      }
    }
    throw new FormatError("ValueError", "unmatched '{' in format spec");
  }
  if (c !== "}") throw new FormatError("ValueError", "expected '}' before end of string");
  parts.push(fieldPart(name, conversion, spec));
  return i;
}

/** do_conversion's check of the conversion character. */
export function checkConversion(c: string): "r" | "s" | "a" {
  if (c === "r" || c === "s" || c === "a") return c;
  const cp = c.codePointAt(0)!;
  throw new FormatError("ValueError",
    cp > 32 && cp < 127 ? `Unknown conversion specifier ${c}` : `Unknown conversion specifier \\x${cp.toString(16)}`);
}

/** FieldNameIterator: the first part, then .attr and [key] accessors. */
function fieldPart(name: string, conversion: string, spec: string): FormatPart {
  let m = 0;
  while (m < name.length && name[m] !== "." && name[m] !== "[") m++;
  const arg = name.slice(0, m);
  const path: ({ attr: string } | { key: string | number })[] = [];
  while (m < name.length) {
    if (name[m] === ".") {
      let e = m + 1;
      while (e < name.length && name[e] !== "." && name[e] !== "[") e++;
      const attr = name.slice(m + 1, e);
      if (attr === "") throw new FormatError("ValueError", "Empty attribute in format string");
      path.push({ attr });
      m = e;
    } else {
      const e = name.indexOf("]", m);
      if (e < 0) throw new FormatError("ValueError", "Missing ']' in format string");
      const key = name.slice(m + 1, e);
      if (key === "") throw new FormatError("ValueError", "Empty attribute in format string");
      path.push({ key: /^[0-9]+$/.test(key) ? Number(key) : key });
      m = e + 1;
      if (m < name.length && name[m] !== "." && name[m] !== "[") {
        throw new FormatError("ValueError", "Only '.' or '[' may follow ']' in format field specifier");
      }
    }
  }
  return { arg, path, conversion, spec };
}

// ── round(float, ndigits) ───────────────────────────────────────────────────

/** floatobject.c: double_round — x rounded half-to-even to `ndigits` decimal places of its
 *  exact binary value (round(2.675, 2) == 2.67), via the same digits as '%.{n}f'.
 *  OverflowError "rounded value too large to represent" when the result is not finite. */
export function roundFloat(x: number, ndigits: number): number {
  const NDIGITS_MAX = 323; // (DBL_MANT_DIG - DBL_MIN_EXP) * 0.30103
  const NDIGITS_MIN = -308; // -(DBL_MAX_EXP + 1) * 0.30103
  if (!Number.isFinite(x) || x === 0) return x;
  if (ndigits > NDIGITS_MAX) return x;
  if (ndigits < NDIGITS_MIN) return 0.0 * x;
  const neg = x < 0;
  const ex = exactDigits(Math.abs(x));
  const r = roundDigits(ex.digits, ex.decpt, ex.decpt + ndigits);
  const v = r.digits === "" ? 0 : Number(`0.${r.digits}e${r.decpt}`);
  if (!Number.isFinite(v)) throw new FormatError("OverflowError", "rounded value too large to represent");
  return neg ? -v : v;
}
