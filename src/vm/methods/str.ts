/**
 * Methods of str (Objects/unicodeobject.c, Objects/stringlib/), CPython 3.11's behaviour
 * and error messages.
 *
 * Text is handled as JS strings. Python indexes by code point and JS by UTF-16 unit; the
 * two agree unless the str holds a character above U+FFFF, and `Text` converts between
 * them only then (one check: strLen(s, p) === js.length).
 *
 * Character classes follow Python's Unicode database where JS's regexp properties name the
 * same set (isalpha = \p{L}, ...); isdigit and isnumeric outside Latin-1 are close, not exact.
 */
import { checkConversion, cpLength, formatStr, parseFormatString, strRepr, type FormatPart } from "../../util/pyformat.js";
import { listAppend, listFixSize, listGet, listLen, listNew, listSetItem } from "../../objects/list.js";
import { LIST, TID } from "../../objects/layout.js";
import { strFromJs, strLen, strToJs } from "../../objects/str.js";
import { tupleFromArray, tupleGet, tupleLen } from "../../objects/tuple.js";
import { dictGetItem, dictKeyAt, dictNew, dictNextIndex, dictSetItem, dictValueAt } from "../../objects/dict.js";
import { intAsNumber, intFromNumber } from "../../objects/int.js";
import { PyRaise, type NativeImpl, type VM } from "../api.js";
import type { Interp } from "../interp.js";
import { defMethod } from "../natives.js";
import {
  adjustIndices, bool, extras, formatting, indexArg, isInt, isStr, keywords, kwCount, maybeIterable, noArgs, oneArg, positional,
  sliceIndex, tupleArgs,
} from "./args.js";

// ── text helpers ────────────────────────────────────────────────────────────

/** A str's JS text with code-point ↔ UTF-16 index conversion. */
class Text {
  readonly js: string;
  readonly len: number; // code points
  private offsets: Int32Array | null = null; // unit offset of each code point, for astral text

  constructor(vm: VM, p: number) {
    this.js = strToJs(vm.s, p);
    this.len = strLen(vm.s, p);
  }

  get astral(): boolean {
    return this.len !== this.js.length;
  }

  /** UTF-16 offset of code point i (0 <= i <= len). */
  unit(i: number): number {
    if (!this.astral) return i;
    if (this.offsets === null) {
      const o = new Int32Array(this.len + 1);
      let u = 0;
      for (let k = 0; k < this.len; k++) {
        o[k] = u;
        u += this.js.codePointAt(u)! > 0xffff ? 2 : 1;
      }
      o[this.len] = u;
      this.offsets = o;
    }
    return this.offsets[i]!;
  }

  /** Code point index of UTF-16 offset u (u at a code point boundary). */
  cp(u: number): number {
    if (!this.astral) return u;
    this.unit(0);
    let lo = 0, hi = this.len;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.offsets![mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Code points [start, end). */
  slice(start: number, end: number): string {
    return this.js.slice(this.unit(start), this.unit(end));
  }
}

/** Py_UNICODE_ISSPACE. */
const SPACE = /^[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;
const SPACES = "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";
const isSpace = (c: string): boolean => SPACE.test(c);
/** Line boundaries of str.splitlines (Py_UNICODE_ISLINEBREAK). */
const LINEBREAK = /[\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029]/;

const ALPHA = /^\p{L}$/u;
const ALNUM = /^[\p{L}\p{N}]$/u;
const DECIMAL = /^\p{Nd}$/u;
/** Numeric_Type=Digit outside Nd: superscripts, subscripts, circled and parenthesised digits. */
const DIGIT_EXTRA = /^[\xb2\xb3\xb9\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24f5-\u24fd\u24ea\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792\u{1f100}-\u{1f10a}]$/u;
const LOWER = /^\p{Lowercase}$/u;
const UPPER = /^\p{Uppercase}$/u;
const TITLE = /^\p{Lt}$/u;
const CASED = /^[\p{Lowercase}\p{Uppercase}\p{Lt}]$/u;

/** Titlecase mappings JS cannot compute (toUpperCase gives the capital, not the digraph). */
const TITLECASE: Record<string, string> = {
  "\u01c4": "\u01c5", "\u01c5": "\u01c5", "\u01c6": "\u01c5",
  "\u01c7": "\u01c8", "\u01c8": "\u01c8", "\u01c9": "\u01c8",
  "\u01ca": "\u01cb", "\u01cb": "\u01cb", "\u01cc": "\u01cb",
  "\u01f1": "\u01f2", "\u01f2": "\u01f2", "\u01f3": "\u01f2",
};

/** Python's str.title() of one character: the titlecase mapping (full: "ß" → "Ss"). */
function titleChar(c: string): string {
  const t = TITLECASE[c];
  if (t !== undefined) return t;
  const u = c.toUpperCase();
  const cps = Array.from(u);
  return cps.length > 1 ? cps[0]! + cps.slice(1).join("").toLowerCase() : u;
}

function out(vm: VM, js: string): number {
  return strFromJs(vm.s, js);
}

function strTuple(vm: VM, parts: readonly string[]): number {
  const s = vm.s;
  const items = parts.map((t) => strFromJs(s, t));
  const tup = tupleFromArray(s, items);
  for (const v of items) s.decref(v);
  return tup;
}

const self = (vm: VM, a: number): Text => new Text(vm, vm.i32[a]!);

// ── case and classification ─────────────────────────────────────────────────

function caseMethod(name: string, f: (js: string) => string): void {
  defMethod(TID.STR, name, (vm, a, n, kw) => {
    noArgs(vm, `str.${name}`, n, kw);
    return out(vm, f(strToJs(vm.s, vm.i32[a]!)));
  });
}

caseMethod("upper", (js) => js.toUpperCase());
caseMethod("lower", (js) => js.toLowerCase());
caseMethod("casefold", (js) => js.toLowerCase().replace(/\u00df/g, "ss")); // ß
caseMethod("swapcase", (js) => Array.from(js, (c) => (UPPER.test(c) ? c.toLowerCase() : LOWER.test(c) ? c.toUpperCase() : c)).join(""));
// unicodeobject.c: do_capitalize — the first character titlecased, the rest lowercased
caseMethod("capitalize", (js) => {
  const cps = Array.from(js);
  return cps.length === 0 ? "" : titleChar(cps[0]!) + cps.slice(1).join("").toLowerCase();
});
// unicodeobject.c: do_title — titlecase after an uncased character, lowercase after a cased one
caseMethod("title", (js) => {
  let res = "";
  let prevCased = false;
  for (const c of js) {
    res += prevCased ? c.toLowerCase() : titleChar(c);
    prevCased = CASED.test(c);
  }
  return res;
});

function predicate(name: string, f: (js: string) => boolean): void {
  defMethod(TID.STR, name, (vm, a, n, kw) => {
    noArgs(vm, `str.${name}`, n, kw);
    return bool(vm, f(strToJs(vm.s, vm.i32[a]!)));
  });
}

const all = (js: string, re: RegExp): boolean => {
  if (js.length === 0) return false;
  for (const c of js) if (!re.test(c)) return false;
  return true;
};

predicate("isdigit", (js) => {
  if (js.length === 0) return false;
  for (const c of js) if (!DECIMAL.test(c) && !DIGIT_EXTRA.test(c)) return false;
  return true;
});
predicate("isdecimal", (js) => all(js, DECIMAL));
predicate("isnumeric", (js) => all(js, /^[\p{N}\u3007\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341\u767e\u5343\u4e07\u5104]$/u));
predicate("isalpha", (js) => all(js, ALPHA));
predicate("isalnum", (js) => all(js, ALNUM) || (js.length > 0 && Array.from(js).every((c) => ALNUM.test(c) || DIGIT_EXTRA.test(c))));
predicate("isspace", (js) => {
  if (js.length === 0) return false;
  for (const c of js) if (!isSpace(c)) return false;
  return true;
});
// unicodeobject.c: unicode_isupper_impl / unicode_islower_impl
predicate("isupper", (js) => {
  let cased = false;
  for (const c of js) {
    if (LOWER.test(c) || TITLE.test(c)) return false;
    if (!cased && UPPER.test(c)) cased = true;
  }
  return cased;
});
predicate("islower", (js) => {
  let cased = false;
  for (const c of js) {
    if (UPPER.test(c) || TITLE.test(c)) return false;
    if (!cased && LOWER.test(c)) cased = true;
  }
  return cased;
});
predicate("istitle", (js) => {
  let cased = false;
  let prevCased = false;
  for (const c of js) {
    if (UPPER.test(c) || TITLE.test(c)) {
      if (prevCased) return false;
      prevCased = true;
      cased = true;
    } else if (LOWER.test(c)) {
      if (!prevCased) return false;
      prevCased = true;
      cased = true;
    } else prevCased = false;
  }
  return cased;
});
predicate("isidentifier", (js) => /^[\p{XID_Start}_][\p{XID_Continue}]*$/u.test(js));
predicate("isprintable", (js) => {
  for (const c of js) if (strRepr(c).length !== 3 && c !== "\\" && c !== "'") return false;
  return true;
});
predicate("isascii", (js) => /^[\x00-\x7f]*$/.test(js));

// ── split, join, strip ──────────────────────────────────────────────────────

/** The parts a split found, in the order stringlib makes them (rsplit's from the right
 *  end), and whether the one part is the str itself: STRINGLIB_CHECK_EXACT's shortcut when
 *  nothing split it (a whitespace split that found one word spanning the whole str, a
 *  separator split whose loop found no separator; not a maxsplit of 0's whitespace split,
 *  which copies). */
interface Split {
  parts: string[];
  whole: boolean;
}

/** stringlib/split.h: split_whitespace / rsplit_whitespace. */
function splitWhitespace(js: string, maxsplit: number, right: boolean): Split {
  const parts: string[] = [];
  const chars = Array.from(js);
  const n = chars.length;
  if (!right) {
    let i = 0;
    while (maxsplit-- > 0) {
      while (i < n && isSpace(chars[i]!)) i++;
      if (i === n) break;
      const j = i;
      while (i < n && !isSpace(chars[i]!)) i++;
      if (j === 0 && i === n) return { parts: [js], whole: true };
      parts.push(chars.slice(j, i).join(""));
    }
    if (i < n) {
      while (i < n && isSpace(chars[i]!)) i++;
      if (i !== n) parts.push(chars.slice(i).join(""));
    }
    return { parts, whole: false };
  }
  let i = n - 1;
  while (maxsplit-- > 0) {
    while (i >= 0 && isSpace(chars[i]!)) i--;
    if (i < 0) break;
    const j = i;
    while (i >= 0 && !isSpace(chars[i]!)) i--;
    if (j === n - 1 && i < 0) return { parts: [js], whole: true };
    parts.push(chars.slice(i + 1, j + 1).join(""));
  }
  if (i >= 0) {
    while (i >= 0 && isSpace(chars[i]!)) i--;
    if (i >= 0) parts.push(chars.slice(0, i + 1).join(""));
  }
  return { parts, whole: false };
}

/** stringlib/split.h: split / split_char and rsplit / rsplit_char. */
function splitSep(js: string, sep: string, maxsplit: number, right: boolean): Split {
  const parts: string[] = [];
  if (!right) {
    let i = 0;
    while (maxsplit-- > 0) {
      const j = js.indexOf(sep, i);
      if (j < 0) break;
      parts.push(js.slice(i, j));
      i = j + sep.length;
    }
    if (parts.length === 0) return { parts: [js], whole: true };
    parts.push(js.slice(i));
    return { parts, whole: false };
  }
  let end = js.length;
  while (maxsplit-- > 0) {
    if (end - sep.length < 0) break;
    const j = js.lastIndexOf(sep, end - sep.length);
    if (j < 0) break;
    parts.push(js.slice(j + sep.length, end));
    end = j;
  }
  if (parts.length === 0) return { parts: [js], whole: true };
  parts.push(js.slice(0, end));
  return { parts, whole: false };
}

/** stringlib/split.h: MAX_PREALLOC. split and rsplit make their list with
 *  PyList_New(PREALLOC_SIZE(maxsplit)): maxsplit + 1 slots, at most 12 (a maxsplit < 0
 *  is PY_SSIZE_T_MAX); parts past the twelfth are appended (list_resize's growth), and
 *  FIX_PREALLOC_SIZE sets the length without giving slots back. */
const MAX_PREALLOC = 12;

/** The list a split returns, its strs made in `split`'s order; rsplit's list is then
 *  reversed in place (PyList_Reverse). */
function splitList(vm: VM, self: number, split: Split, maxsplit: number, right: boolean): number {
  const s = vm.s;
  const { parts, whole } = split;
  const l = listNew(s, maxsplit >= MAX_PREALLOC ? MAX_PREALLOC : maxsplit + 1);
  try {
    for (let count = 0; count < parts.length; count++) {
      let sub: number;
      if (whole) {
        sub = self;
        s.incref(sub);
      } else {
        sub = strFromJs(s, parts[count]!);
      }
      if (count < MAX_PREALLOC) {
        listSetItem(s, l, count, sub);
      } else {
        try {
          listAppend(s, l, sub);
        } finally {
          s.decref(sub);
        }
      }
    }
  } catch (e) {
    s.decref(l);
    throw e;
  }
  listFixSize(s, l, parts.length);
  if (right && parts.length > 1) {
    const items = vm.i32[(l >> 2) + LIST.ITEMS]! >> 2;
    vm.i32.subarray(items, items + parts.length).reverse();
  }
  return l;
}

/** Code-point kind of a JS string, as PyUnicode_KIND would give it: 1, 2 or 4. */
function kindOf(js: string): number {
  let kind = 1;
  for (let i = 0; i < js.length; i++) {
    const c = js.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < js.length) {
      const d = js.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) return 4;
    }
    if (c > 0xff) kind = 2;
  }
  return kind;
}

function defSplit(name: "split" | "rsplit"): void {
  const right = name === "rsplit";
  defMethod(TID.STR, name, (vm, a, n, kw) => {
    const [sepP, maxP] = keywords(vm, name, a, n, kw, 1, ["sep", "maxsplit"], 0, 0);
    let maxsplit = maxP === 0 ? -1 : indexArg(vm, maxP!);
    if (maxsplit < 0) maxsplit = Number.MAX_SAFE_INTEGER;
    const self = vm.i32[a]!;
    const js = strToJs(vm.s, self);
    if (sepP === 0 || sepP === vm.None) return splitList(vm, self, splitWhitespace(js, maxsplit, right), maxsplit, right);
    if (!isStr(vm, sepP!)) throw vm.error("TypeError", `must be str or None, not ${vm.typeName(sepP!)}`);
    const sep = strToJs(vm.s, sepP!);
    // unicodeobject.c: split / rsplit: a separator longer or of a wider kind than the str
    // cannot occur in it: a list of exactly the str itself (PyList_New(1)).
    if (kindOf(js) < kindOf(sep) || strLen(vm.s, self) < strLen(vm.s, sepP!)) {
      const l = listNew(vm.s, 1);
      vm.s.incref(self);
      listSetItem(vm.s, l, 0, self);
      return l;
    }
    if (sep.length === 0) throw vm.error("ValueError", "empty separator");
    return splitList(vm, self, splitSep(js, sep, maxsplit, right), maxsplit, right);
  });
}
defSplit("split");
defSplit("rsplit");

// stringlib/split.h: splitlines: PyList_New(0) and an append per line (no preallocation);
// a str without a line break inside it (j == 0 && eol == len) is its own line.
defMethod(TID.STR, "splitlines", (vm, a, n, kw) => {
  const [keepP] = keywords(vm, "splitlines", a, n, kw, 1, ["keepends"], 0, 0);
  const keep = keepP !== 0 && indexArg(vm, keepP!) !== 0;
  const s = vm.s;
  const self = vm.i32[a]!;
  const js = strToJs(s, self);
  const l = listNew(s, 0);
  try {
    let i = 0;
    const len = js.length;
    while (i < len) {
      let j = i;
      while (j < len && !LINEBREAK.test(js[j]!)) j++;
      let eol = j;
      if (j < len) {
        eol = js[j] === "\r" && js[j + 1] === "\n" ? j + 2 : j + 1;
      }
      const end = keep ? eol : j;
      let line: number;
      if (i === 0 && end === len) {
        line = self;
        s.incref(line);
      } else {
        line = strFromJs(s, js.slice(i, end));
      }
      try {
        listAppend(s, l, line);
      } finally {
        s.decref(line);
      }
      i = eol;
    }
  } catch (e) {
    s.decref(l);
    throw e;
  }
  return l;
});

defMethod(TID.STR, "join", (vm, a, n, kw) => {
  oneArg(vm, "str.join", n, kw, 1);
  const s = vm.s;
  const seq = vm.i32[a + 1]!;
  const sep = strToJs(s, vm.i32[a]!);
  const t = s.typeId(seq);
  // PySequence_Fast: lists and tuples directly, anything else through iter()
  if (t === TID.LIST || t === TID.TUPLE) {
    const items: number[] = [];
    const len = t === TID.LIST ? listLen(s, seq) : tupleLen(s, seq);
    for (let i = 0; i < len; i++) items.push(t === TID.LIST ? listGet(s, seq, i) : tupleGet(s, seq, i));
    return out(vm, joinItems(vm, sep, items));
  }
  if (!maybeIterable(vm, seq)) throw vm.error("TypeError", "can only join an iterable");
  const it = vm.getIter(seq);
  const items: number[] = [];
  try {
    for (let v = vm.iterNext(it); v !== 0; v = vm.iterNext(it)) items.push(v);
    return out(vm, joinItems(vm, sep, items));
  } finally {
    for (const v of items) s.decref(v);
    s.decref(it);
  }
});


function joinItems(vm: VM, sep: string, items: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const v = items[i]!;
    if (!isStr(vm, v)) throw vm.error("TypeError", `sequence item ${i}: expected str instance, ${vm.typeName(v)} found`);
    parts.push(strToJs(vm.s, v));
  }
  return parts.join(sep);
}

function defStrip(name: "strip" | "lstrip" | "rstrip"): void {
  defMethod(TID.STR, name, (vm, a, n, kw) => {
    positional(vm, `str.${name}`, n - 1, kw, 0, 1);
    const chars = n > 1 ? vm.i32[a + 1]! : vm.None;
    let set: string;
    if (chars === vm.None) set = SPACES;
    else if (isStr(vm, chars)) set = strToJs(vm.s, chars);
    else throw vm.error("TypeError", `${name} arg must be None or str`);
    const cps = Array.from(strToJs(vm.s, vm.i32[a]!));
    const setCps = new Set(Array.from(set));
    let i = 0;
    let j = cps.length;
    if (name !== "rstrip") while (i < j && setCps.has(cps[i]!)) i++;
    if (name !== "lstrip") while (j > i && setCps.has(cps[j - 1]!)) j--;
    if (i === 0 && j === cps.length) {
      vm.s.incref(vm.i32[a]!);
      return vm.i32[a]!;
    }
    return out(vm, cps.slice(i, j).join(""));
  });
}
defStrip("strip");
defStrip("lstrip");
defStrip("rstrip");

defMethod(TID.STR, "replace", (vm, a, n, kw) => {
  positional(vm, "str.replace", n - 1, kw, 2, 3);
  const old = strArgN(vm, vm.i32[a + 1]!, "replace", 1);
  const rep = strArgN(vm, vm.i32[a + 2]!, "replace", 2);
  let count = n > 3 ? indexArg(vm, vm.i32[a + 3]!) : -1;
  if (count < 0) count = Number.MAX_SAFE_INTEGER;
  const js = strToJs(vm.s, vm.i32[a]!);
  if (count === 0) return out(vm, js);
  if (old.length === 0) {
    // insert `rep` before every character and at the end, count times
    const cps = Array.from(js);
    let res = "";
    let k = 0;
    for (; k < cps.length && k < count; k++) res += rep + cps[k];
    if (k < count) res += rep;
    return out(vm, res + cps.slice(k).join(""));
  }
  let res = "";
  let i = 0;
  while (count-- > 0) {
    const j = js.indexOf(old, i);
    if (j < 0) break;
    res += js.slice(i, j) + rep;
    i = j + old.length;
  }
  return out(vm, res + js.slice(i));
});

/** "replace() argument 1 must be str, not int" (clinic's str converter). */
function strArgN(vm: VM, p: number, fname: string, pos: number): string {
  if (!isStr(vm, p)) throw vm.error("TypeError", `${fname}() argument ${pos} must be str, not ${vm.typeName(p)}`);
  return strToJs(vm.s, p);
}

// ── searching ───────────────────────────────────────────────────────────────

/** stringlib: parse_args_finds — (sub, start, end) with start/end adjusted to the text. */
function findArgs(vm: VM, name: string, a: number, n: number, kw: number): { t: Text; sub: string; start: number; end: number } {
  tupleArgs(vm, `str.${name}`, n - 1, kw, 1, 3);
  const subP = vm.i32[a + 1]!;
  if (!isStr(vm, subP)) throw vm.error("TypeError", `must be str, not ${vm.typeName(subP)}`);
  const t = self(vm, a);
  const start0 = sliceIndex(vm, n > 2 ? vm.i32[a + 2]! : 0, 0);
  const end0 = sliceIndex(vm, n > 3 ? vm.i32[a + 3]! : 0, Number.MAX_SAFE_INTEGER);
  const [start, end] = adjustIndices(start0, end0, t.len);
  return { t, sub: strToJs(vm.s, subP), start, end };
}

/** Position of sub in [start, end) (code points), or -1. */
function findIn(t: Text, sub: string, start: number, end: number, right: boolean): number {
  if (start > t.len || end - start < cpLength(sub)) return -1;
  const us = t.unit(start), ue = t.unit(end);
  const j = right ? t.js.lastIndexOf(sub, ue - sub.length) : t.js.indexOf(sub, us);
  if (j < 0 || j < us || j + sub.length > ue) return -1;
  return t.cp(j);
}

function defFind(name: string, right: boolean, raise: boolean): void {
  defMethod(TID.STR, name, (vm, a, n, kw) => {
    const { t, sub, start, end } = findArgs(vm, name, a, n, kw);
    const r = findIn(t, sub, start, end, right);
    if (r < 0 && raise) throw vm.error("ValueError", "substring not found");
    return intFromNumber(vm.s, r);
  });
}
defFind("find", false, false);
defFind("rfind", true, false);
defFind("index", false, true);
defFind("rindex", true, true);

defMethod(TID.STR, "count", (vm, a, n, kw) => {
  const { t, sub, start, end } = findArgs(vm, "count", a, n, kw);
  if (start > t.len || end < start) return intFromNumber(vm.s, 0);
  if (sub.length === 0) return intFromNumber(vm.s, end - start + 1);
  const hay = t.slice(start, end);
  let c = 0;
  for (let i = hay.indexOf(sub); i >= 0; i = hay.indexOf(sub, i + sub.length)) c++;
  return intFromNumber(vm.s, c);
});

function defStartsEnds(name: "startswith" | "endswith"): void {
  defMethod(TID.STR, name, (vm, a, n, kw) => {
    tupleArgs(vm, `str.${name}`, n - 1, kw, 1, 3);
    const s = vm.s;
    const t = self(vm, a);
    const start0 = sliceIndex(vm, n > 2 ? vm.i32[a + 2]! : 0, 0);
    const end0 = sliceIndex(vm, n > 3 ? vm.i32[a + 3]! : 0, Number.MAX_SAFE_INTEGER);
    const [start, end] = adjustIndices(start0, end0, t.len);
    const arg = vm.i32[a + 1]!;
    const match = (sub: string): boolean => {
      const sl = cpLength(sub);
      if (start > t.len || end - start < sl) return false;
      const region = t.slice(start, end);
      return name === "startswith" ? region.startsWith(sub) : region.endsWith(sub);
    };
    if (s.typeId(arg) === TID.TUPLE) {
      for (let i = 0; i < tupleLen(s, arg); i++) {
        const item = tupleGet(s, arg, i);
        if (!isStr(vm, item)) throw vm.error("TypeError", `tuple for ${name} must only contain str, not ${vm.typeName(item)}`);
        if (match(strToJs(s, item))) return bool(vm, true);
      }
      return bool(vm, false);
    }
    if (!isStr(vm, arg)) {
      throw vm.error("TypeError", `${name} first arg must be str or a tuple of str, not ${vm.typeName(arg)}`);
    }
    return bool(vm, match(strToJs(s, arg)));
  });
}
defStartsEnds("startswith");
defStartsEnds("endswith");

/** str.removeprefix / str.removesuffix (3.9): the string without the affix if it has it,
 *  else the string itself. */
function defRemoveAffix(name: "removeprefix" | "removesuffix"): void {
  defMethod(TID.STR, name, (vm, a, n, kw) => {
    oneArg(vm, `str.${name}`, n, kw, 1);
    const p = vm.i32[a]!;
    const arg = vm.i32[a + 1]!;
    if (!isStr(vm, arg)) throw vm.error("TypeError", `${name}() argument must be str, not ${vm.typeName(arg)}`);
    const affix = strToJs(vm.s, arg);
    const js = strToJs(vm.s, p);
    if (affix.length > 0 && (name === "removeprefix" ? js.startsWith(affix) : js.endsWith(affix))) {
      return out(vm, name === "removeprefix" ? js.slice(affix.length) : js.slice(0, js.length - affix.length));
    }
    vm.s.incref(p);
    return p;
  });
}
defRemoveAffix("removeprefix");
defRemoveAffix("removesuffix");

function defPartition(name: "partition" | "rpartition"): void {
  defMethod(TID.STR, name, (vm, a, n, kw) => {
    oneArg(vm, `str.${name}`, n, kw, 1);
    const sepP = vm.i32[a + 1]!;
    if (!isStr(vm, sepP)) throw vm.error("TypeError", `must be str, not ${vm.typeName(sepP)}`);
    const sep = strToJs(vm.s, sepP);
    if (sep.length === 0) throw vm.error("ValueError", "empty separator");
    const js = strToJs(vm.s, vm.i32[a]!);
    const j = name === "partition" ? js.indexOf(sep) : js.lastIndexOf(sep);
    if (j < 0) return strTuple(vm, name === "partition" ? [js, "", ""] : ["", "", js]);
    return strTuple(vm, [js.slice(0, j), sep, js.slice(j + sep.length)]);
  });
}
defPartition("partition");
defPartition("rpartition");

// ── padding ─────────────────────────────────────────────────────────────────

function fillChar(vm: VM, p: number): string {
  if (!isStr(vm, p)) throw vm.error("TypeError", `The fill character must be a unicode character, not ${vm.typeName(p)}`);
  if (strLen(vm.s, p) !== 1) throw vm.error("TypeError", "The fill character must be exactly one character long");
  return strToJs(vm.s, p);
}

function defPad(name: "center" | "ljust" | "rjust"): void {
  defMethod(TID.STR, name, (vm, a, n, kw) => {
    positional(vm, `str.${name}`, n - 1, kw, 1, 2);
    const width = indexArg(vm, vm.i32[a + 1]!);
    const fill = n > 2 ? fillChar(vm, vm.i32[a + 2]!) : " ";
    const p = vm.i32[a]!;
    const len = strLen(vm.s, p);
    if (len >= width) {
      vm.s.incref(p);
      return p;
    }
    const js = strToJs(vm.s, p);
    const marg = width - len;
    if (name === "ljust") return out(vm, js + fill.repeat(marg));
    if (name === "rjust") return out(vm, fill.repeat(marg) + js);
    // unicodeobject.c: pad(self, left, right) with left = marg / 2 + (marg & width & 1)
    const left = (marg >> 1) + (marg & width & 1);
    return out(vm, fill.repeat(left) + js + fill.repeat(marg - left));
  });
}
defPad("center");
defPad("ljust");
defPad("rjust");

defMethod(TID.STR, "zfill", (vm, a, n, kw) => {
  oneArg(vm, "str.zfill", n, kw, 1);
  const width = indexArg(vm, vm.i32[a + 1]!);
  const p = vm.i32[a]!;
  const len = strLen(vm.s, p);
  if (len >= width) {
    vm.s.incref(p);
    return p;
  }
  const js = strToJs(vm.s, p);
  const zeros = "0".repeat(width - len);
  if (js[0] === "+" || js[0] === "-") return out(vm, js[0] + zeros + js.slice(1));
  return out(vm, zeros + js);
});

// ── str.format ──────────────────────────────────────────────────────────────

interface FormatState {
  vm: VM;
  args: number[]; // positional, borrowed
  kwargs: Map<string, number>; // borrowed
  auto: "" | "auto" | "manual";
  next: number;
}

/** unicode_format.h: build_string / output_markup. */
function renderFormat(st: FormatState, fmt: string, depth: number): string {
  const vm = st.vm;
  if (depth <= 0) throw vm.error("ValueError", "Max string recursion exceeded");
  const parts = formatting(vm, () => parseFormatString(fmt));
  let res = "";
  for (const part of parts) {
    if ("literal" in part) res += part.literal;
    else res += renderField(st, part, depth);
  }
  return res;
}

function renderField(st: FormatState, part: Exclude<FormatPart, { literal: string }>, depth: number): string {
  const vm = st.vm;
  const s = vm.s;
  let obj: number;
  if (part.arg === "" || /^[0-9]+$/.test(part.arg)) {
    let index: number;
    if (part.arg === "") {
      if (st.auto === "manual") {
        throw vm.error("ValueError", "cannot switch from manual field specification to automatic field numbering");
      }
      st.auto = "auto";
      index = st.next++;
    } else {
      if (st.auto === "auto") {
        throw vm.error("ValueError", "cannot switch from automatic field numbering to manual field specification");
      }
      st.auto = "manual";
      index = Number(part.arg);
    }
    if (index >= st.args.length) throw vm.error("IndexError", `Replacement index ${index} out of range for positional args tuple`);
    obj = st.args[index]!;
    s.incref(obj);
  } else {
    const v = st.kwargs.get(part.arg);
    if (v === undefined) {
      const key = strFromJs(s, part.arg);
      try {
        throw vm.keyError(key);
      } finally {
        s.decref(key);
      }
    }
    obj = v;
    s.incref(obj);
  }
  try {
    for (const step of part.path) {
      const next = "attr" in step ? vm.getAttr(obj, step.attr) : subscript(vm, obj, step.key);
      s.decref(obj);
      obj = next;
    }
    const spec = part.spec.includes("{") ? renderFormat(st, part.spec, depth - 1) : part.spec;
    if (part.conversion !== "") {
      const conv = formatting(vm, () => checkConversion(part.conversion));
      const text = conv === "s" ? vm.str(obj) : conv === "r" ? vm.repr(obj) : asciiOf(vm.repr(obj));
      return formatting(vm, () => formatStr(text, spec));
    }
    return vm.format(obj, spec);
  } finally {
    s.decref(obj);
  }
}

/** obj[key] for a format field: an int key for digit strings, else a str key. */
function subscript(vm: VM, obj: number, key: string | number): number {
  const s = vm.s;
  const k = typeof key === "number" ? intFromNumber(s, key) : strFromJs(s, key);
  try {
    const getItem = extras(vm).getItem;
    if (getItem !== undefined) return getItem.call(vm, obj, k);
    if (s.typeId(obj) === TID.DICT) {
      const v = dictGetItem(s, obj, k);
      if (v === 0) throw vm.keyError(k);
      s.incref(v);
      return v;
    }
    const m = vm.getAttr(obj, "__getitem__");
    try {
      return vm.call(m, k);
    } finally {
      s.decref(m);
    }
  } finally {
    s.decref(k);
  }
}

/** ascii(): repr with non-ASCII escaped. */
function asciiOf(r: string): string {
  let res = "";
  for (const ch of r) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) res += ch;
    else if (cp <= 0xff) res += "\\x" + cp.toString(16).padStart(2, "0");
    else if (cp <= 0xffff) res += "\\u" + cp.toString(16).padStart(4, "0");
    else res += "\\U" + cp.toString(16).padStart(8, "0");
  }
  return res;
}

const strFormat: NativeImpl = (vm, a, n, kw) => {
  const s = vm.s;
  const nkw = kwCount(vm, kw);
  const args: number[] = [];
  for (let i = 1; i < n - nkw; i++) args.push(vm.i32[a + i]!);
  const kwargs = new Map<string, number>();
  for (let j = 0; j < nkw; j++) kwargs.set(strToJs(s, tupleGet(s, kw, j)), vm.i32[a + n - nkw + j]!);
  const st: FormatState = { vm, args, kwargs, auto: "", next: 0 };
  return out(vm, renderFormat(st, strToJs(s, vm.i32[a]!), 2));
};
defMethod(TID.STR, "format", strFormat);

// ── expandtabs, maketrans, translate ────────────────────────────────────────

/** str.expandtabs(tabsize=8) (unicode_expandtabs_impl): each tab to spaces up to the next
 *  multiple of tabsize (none for tabsize <= 0); the column restarts after \n and \r. */
defMethod(TID.STR, "expandtabs", (vm, a, n, kw) => {
  const [sizeP] = keywords(vm, "expandtabs", a, n, kw, 1, ["tabsize"], 0, 0);
  // _PyLong_AsInt: a C int.
  const tabsize = sizeP === 0 ? 8 : isInt(vm, sizeP!) ? intAsNumber(vm.s, sizeP!) : indexArg(vm, sizeP!);
  if (tabsize !== (tabsize | 0)) throw vm.error("OverflowError", "Python int too large to convert to C int");
  const self = vm.i32[a]!;
  const js = strToJs(vm.s, self);
  if (!js.includes("\t")) {
    vm.s.incref(self); // unicode_result_unchanged
    return self;
  }
  let r = "";
  let col = 0;
  for (const ch of js) {
    if (ch === "\t") {
      if (tabsize > 0) {
        const incr = tabsize - (col % tabsize);
        col += incr;
        r += " ".repeat(incr);
      }
    } else {
      col++;
      r += ch;
      if (ch === "\n" || ch === "\r") col = 0;
    }
  }
  return out(vm, r);
});

/** str.maketrans(x[, y[, z]]) (unicode_maketrans_impl), a static method: a dict from code
 *  points to what str.translate puts there. */
defMethod(TID.STR, "maketrans", (vm, a, n, kw) => {
  positional(vm, "maketrans", n, kw, 1, 3);
  const s = vm.s;
  const x = vm.i32[a]!;
  const d = dictNew(s);
  const put = (key: number, value: number, owned: boolean): void => {
    try {
      dictSetItem(s, d, key, value);
    } finally {
      s.decref(key);
      if (owned) s.decref(value);
    }
  };
  try {
    if (n >= 2) {
      const y = vm.i32[a + 1]!;
      if (!isStr(vm, x)) throw vm.error("TypeError", "first maketrans argument must be a string if there is a second argument");
      if (!isStr(vm, y)) throw vm.error("TypeError", `maketrans() argument 2 must be str, not ${vm.typeName(y)}`);
      const z = n === 3 ? vm.i32[a + 2]! : 0;
      if (z !== 0 && !isStr(vm, z)) throw vm.error("TypeError", `maketrans() argument 3 must be str, not ${vm.typeName(z)}`);
      const xs = [...strToJs(s, x)], ys = [...strToJs(s, y)];
      if (xs.length !== ys.length) throw vm.error("ValueError", "the first two maketrans arguments must have equal length");
      for (let i = 0; i < xs.length; i++) put(intFromNumber(s, xs[i]!.codePointAt(0)!), intFromNumber(s, ys[i]!.codePointAt(0)!), true);
      if (z !== 0) for (const ch of strToJs(s, z)) put(intFromNumber(s, ch.codePointAt(0)!), vm.None, false);
      return d;
    }
    if (s.typeId(x) !== TID.DICT) throw vm.error("TypeError", "if you give only one argument to maketrans it must be a dict");
    // Keys and values first (a key's conversion may fail halfway; nothing runs Python code).
    for (let ix = dictNextIndex(s, x, 0); ix >= 0; ix = dictNextIndex(s, x, ix + 1)) {
      const key = dictKeyAt(s, x, ix);
      const value = dictValueAt(s, x, ix);
      const kt = s.typeId(key);
      if (kt === TID.STR) {
        if (strLen(s, key) !== 1) throw vm.error("ValueError", "string keys in translate table must be of length 1");
        put(intFromNumber(s, strToJs(s, key).codePointAt(0)!), value, false);
      } else if (kt === TID.INT || kt === TID.BOOL) {
        s.incref(key);
        put(key, value, false);
      } else {
        throw vm.error("TypeError", "keys in translate table must be strings or integers");
      }
    }
    return d;
  } catch (e) {
    s.decref(d);
    throw e;
  }
});

/** str.translate(table) (_PyUnicode_TranslateCharmap): each character's code point looked
 *  up with table[cp]; LookupError leaves the character, None deletes it, an int or a str
 *  replaces it. */
defMethod(TID.STR, "translate", (vm, a, n, kw) => {
  oneArg(vm, "str.translate", n, kw, 1);
  const s = vm.s;
  const table = vm.i32[a + 1]!;
  const lookupError = (vm as Interp).builtinType("LookupError");
  let r = "";
  for (const ch of strToJs(s, vm.i32[a]!)) {
    const key = intFromNumber(s, ch.codePointAt(0)!);
    let v: number;
    try {
      v = vm.getItem(table, key);
    } catch (e) {
      if (e instanceof PyRaise && vm.isInstance(e.exc, lookupError)) {
        s.decref(e.exc);
        r += ch;
        continue;
      }
      throw e;
    } finally {
      s.decref(key);
    }
    try {
      const t = s.typeId(v);
      if (v === vm.None) continue;
      if (t === TID.INT || t === TID.BOOL) {
        const cp = intAsNumber(s, v);
        if (!(cp >= 0 && cp < 0x110000)) throw vm.error("ValueError", "character mapping must be in range(0x110000)");
        r += String.fromCodePoint(cp);
      } else if (t === TID.STR) {
        r += strToJs(s, v);
      } else {
        throw vm.error("TypeError", "character mapping must return integer, None or str");
      }
    } finally {
      s.decref(v);
    }
  }
  return out(vm, r);
});
