/**
 * str (Objects/unicodeobject.c, PEP 393 compact strings, CPython 3.11).
 *
 *   ASCII (PyASCIIObject), 48 + len + 1 bytes
 *   ┌──────────────┬────────────┬──────────┬───────────┬──────────┬──────────────────┐
 *   │ header 16 B  │ length i32 │ hash i32 │ state u32 │ (wstr)   │ chars, 1 B each, │
 *   └──────────────┴────────────┴──────────┴───────────┴──────────┴ then a NUL ──────┘
 *     0              16           24         32          40         48
 *
 *   non-ASCII (PyCompactUnicodeObject), 72 + (len + 1) · kind bytes
 *     the same first 48 bytes, CPython's utf8_length/utf8/wstr_length (unused by us),
 *     then the code points from byte 72: kind 1 (latin-1), 2 (UCS-2) or 4 (UCS-4).
 *
 * A str is always in its narrowest kind, so equal strings have equal kinds and bytes.
 * `hash` is gilsim's own 32-bit string hash (FNV-1a over code points; CPython's is a
 * keyed SipHash, randomised per process), cached; -1 means not yet computed.
 *
 * Statics: the empty string and the 256 one-character latin-1 strings are immortal
 * (3.11: unicode_empty and the LATIN1 singletons); interned strings are immortal
 * (3.12's immortal interning) and live in the interned dict, keys and values alike.
 */
import { dictGetItem, dictSetItem } from "./dict.js";
import {
  IMMORTAL_MIN, IMMORTAL_REFCNT, OBJ, SIZE, SSTATE, STR, STR_ASCII_DATA, STR_COMPACT_DATA, TID,
} from "./layout.js";
import type { ObjSpace } from "./space.js";

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** Character size in bytes for the narrowest kind holding `maxchar`. */
function kindFor(maxchar: number): number {
  return maxchar < 0x100 ? 1 : maxchar < 0x10000 ? 2 : 4;
}

/** PyUnicode_New: a str of `length` code points, the widest being `maxchar`. The data is
 *  not written except the NUL terminator. New reference. Never returns the statics. */
export function strAlloc(s: ObjSpace, length: number, maxchar: number): number {
  const ascii = maxchar < 0x80;
  const kind = kindFor(maxchar);
  const struct = ascii ? SIZE.ASCII : SIZE.COMPACT;
  const p = s.newObject(TID.STR, struct + (length + 1) * kind);
  const w = p >> 2;
  s.i32[w + STR.LENGTH] = length;
  s.i32[w + STR.HASH] = -1;
  s.u32[w + STR.STATE] = (kind << SSTATE.KIND_SHIFT) | SSTATE.COMPACT | (ascii ? SSTATE.ASCII : 0) | SSTATE.READY;
  writeCodePoint(s, p + struct, kind, length, 0);
  return p;
}

/** PyUnicode_GET_LENGTH. */
export function strLen(s: ObjSpace, p: number): number {
  return s.i32[(p >> 2) + STR.LENGTH]!;
}

/** PyUnicode_KIND: 1, 2 or 4. */
export function strKind(s: ObjSpace, p: number): number {
  return (s.u32[(p >> 2) + STR.STATE]! & SSTATE.KIND_MASK) >> SSTATE.KIND_SHIFT;
}

export function strIsAscii(s: ObjSpace, p: number): boolean {
  return (s.u32[(p >> 2) + STR.STATE]! & SSTATE.ASCII) !== 0;
}

/** PyUnicode_DATA: byte address of the first code point. */
export function strData(s: ObjSpace, p: number): number {
  return p + ((s.u32[(p >> 2) + STR.STATE]! & SSTATE.ASCII) !== 0 ? STR_ASCII_DATA : STR_COMPACT_DATA);
}

function readCodePoint(s: ObjSpace, data: number, kind: number, i: number): number {
  if (kind === 1) return s.u8[data + i]!;
  if (kind === 2) return s.u16[(data >> 1) + i]!;
  return s.u32[(data >> 2) + i]!;
}

function writeCodePoint(s: ObjSpace, data: number, kind: number, i: number, cp: number): void {
  if (kind === 1) s.u8[data + i] = cp;
  else if (kind === 2) s.u16[(data >> 1) + i] = cp;
  else s.u32[(data >> 2) + i] = cp;
}

/** PyUnicode_READ_CHAR. */
export function strCodePointAt(s: ObjSpace, p: number, i: number): number {
  return readCodePoint(s, strData(s, p), strKind(s, p), i);
}

/** A str from a JS string (lone surrogates are kept as code points, as Python allows).
 *  New reference; "" and one latin-1 character give the immortal statics. */
export function strFromJs(s: ObjSpace, js: string): number {
  const n = js.length;
  if (n === 0) return s.emptyStr;
  let max = 0;
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    const c = js.charCodeAt(i);
    if (c > max) max = c;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = js.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        pairs++;
        i++;
      }
    }
  }
  const length = n - pairs;
  if (pairs > 0) max = 0x10ffff;
  if (length === 1 && max < 0x100) return s.i32[OBJ.LATIN1 + max]!;
  const p = strAlloc(s, length, max);
  const data = strData(s, p);
  if (max < 0x100) {
    for (let i = 0; i < n; i++) s.u8[data + i] = js.charCodeAt(i);
  } else if (pairs === 0) {
    const h = data >> 1;
    for (let i = 0; i < n; i++) s.u16[h + i] = js.charCodeAt(i);
  } else {
    const w = data >> 2;
    for (let i = 0, j = 0; i < n; j++) {
      const cp = js.codePointAt(i)!;
      s.u32[w + j] = cp;
      i += cp > 0xffff ? 2 : 1;
    }
  }
  return p;
}

/** PyUnicode_FromOrdinal: the str of one code point. New reference. */
export function strFromCodePoint(s: ObjSpace, cp: number): number {
  if (cp < 0x100) return s.i32[OBJ.LATIN1 + cp]!;
  const p = strAlloc(s, 1, cp);
  writeCodePoint(s, strData(s, p), kindFor(cp), 0, cp);
  return p;
}

/** The JS string for a str. Immortal strs are cached per thread. */
export function strToJs(s: ObjSpace, p: number): string {
  const immortal = s.i32[p >> 2]! >= IMMORTAL_MIN;
  if (immortal) {
    const hit = s.strCache.get(p);
    if (hit !== undefined) return hit;
  }
  const n = strLen(s, p);
  const kind = strKind(s, p);
  const data = strData(s, p);
  let out = "";
  if (kind === 4) {
    for (let i = 0; i < n; i++) out += String.fromCodePoint(s.u32[(data >> 2) + i]!);
  } else {
    const CHUNK = 4096;
    const buf: number[] = [];
    for (let i = 0; i < n; i += CHUNK) {
      const end = Math.min(n, i + CHUNK);
      buf.length = 0;
      for (let j = i; j < end; j++) buf.push(kind === 1 ? s.u8[data + j]! : s.u16[(data >> 1) + j]!);
      out += String.fromCharCode(...buf);
    }
  }
  if (immortal) s.strCache.set(p, out);
  return out;
}

/** gilsim's string hash over a JS string; equals strHash of the same text. */
export function hashJs(js: string): number {
  if (js.length === 0) return 0; // unicode_hash: the empty string's is 0, as CPython's
  let h = FNV_OFFSET;
  for (let i = 0; i < js.length; i++) {
    const cp = js.codePointAt(i)!;
    if (cp > 0xffff) i++;
    h = Math.imul(h ^ cp, FNV_PRIME);
  }
  return h === -1 ? -2 : h;
}

/** unicode_hash: computed once, cached in the object. Never -1. */
export function strHash(s: ObjSpace, p: number): number {
  const w = p >> 2;
  const cached = s.i32[w + STR.HASH]!;
  if (cached !== -1) return cached;
  const n = s.i32[w + STR.LENGTH]!;
  const kind = strKind(s, p);
  const data = strData(s, p);
  let h = n === 0 ? 0 : FNV_OFFSET; // the empty string hashes to 0, as in CPython
  if (kind === 1) {
    for (let i = 0; i < n; i++) h = Math.imul(h ^ s.u8[data + i]!, FNV_PRIME);
  } else {
    for (let i = 0; i < n; i++) h = Math.imul(h ^ readCodePoint(s, data, kind, i), FNV_PRIME);
  }
  if (h === -1) h = -2;
  s.i32[w + STR.HASH] = h;
  return h;
}

/** unicode_eq: same text. */
export function strEq(s: ObjSpace, a: number, b: number): boolean {
  if (a === b) return true;
  const wa = a >> 2, wb = b >> 2;
  const n = s.i32[wa + STR.LENGTH]!;
  if (n !== s.i32[wb + STR.LENGTH]!) return false;
  const ha = s.i32[wa + STR.HASH]!, hb = s.i32[wb + STR.HASH]!;
  if (ha !== -1 && hb !== -1 && ha !== hb) return false;
  const kind = strKind(s, a);
  if (kind !== strKind(s, b)) return false;
  const da = strData(s, a), db = strData(s, b);
  const u8 = s.u8;
  for (let i = 0, nb = n * kind; i < nb; i++) if (u8[da + i] !== u8[db + i]) return false;
  return true;
}

/** True iff the str has the same text as a JS string. No allocation. */
export function strEqJs(s: ObjSpace, p: number, js: string): boolean {
  const n = strLen(s, p);
  const kind = strKind(s, p);
  const data = strData(s, p);
  let j = 0;
  for (let i = 0; i < n; i++) {
    if (j >= js.length) return false;
    const cp = js.codePointAt(j)!;
    // A surrogate pair in `js` is one code point; a narrower str cannot hold it.
    if (readCodePoint(s, data, kind, i) !== cp) return false;
    j += cp > 0xffff ? 2 : 1;
  }
  return j === js.length;
}

/** PyUnicode_Concat. New reference. */
export function strConcat(s: ObjSpace, a: number, b: number): number {
  const na = strLen(s, a), nb = strLen(s, b);
  if (nb === 0) {
    s.incref(a);
    return a;
  }
  if (na === 0) {
    s.incref(b);
    return b;
  }
  const ka = strKind(s, a), kb = strKind(s, b);
  const kind = ka > kb ? ka : kb;
  const maxchar = kind === 4 ? 0x10ffff : kind === 2 ? 0xffff : strIsAscii(s, a) && strIsAscii(s, b) ? 0x7f : 0xff;
  const p = strAlloc(s, na + nb, maxchar);
  const data = strData(s, p);
  const da = strData(s, a), db = strData(s, b);
  if (ka === kind) s.heap.copyBytes(data, da, na * kind);
  else for (let i = 0; i < na; i++) writeCodePoint(s, data, kind, i, readCodePoint(s, da, ka, i));
  if (kb === kind) s.heap.copyBytes(data + na * kind, db, nb * kind);
  else for (let i = 0; i < nb; i++) writeCodePoint(s, data, kind, na + i, readCodePoint(s, db, kb, i));
  return p;
}

/** PyUnicode_InternInPlace (3.12 style: interned strings are immortal). Consumes the
 *  caller's reference to `p` and returns the interned str with the same text. */
export function strInternInPlace(s: ObjSpace, p: number): number {
  const w = p >> 2;
  if ((s.u32[w + STR.STATE]! & SSTATE.INTERNED_MASK) !== 0) return p;
  const interned = s.interned;
  let existing: number;
  try {
    existing = dictGetItem(s, interned, p);
    if (existing === 0) dictSetItem(s, interned, p, p);
  } catch (e) {
    s.decref(p);
    throw e;
  }
  if (existing !== 0) {
    s.decref(p);
    return existing;
  }
  s.i32[w] = IMMORTAL_REFCNT;
  s.u32[w + STR.STATE] = s.u32[w + STR.STATE]! | SSTATE.INTERNED_IMMORTAL;
  return p;
}

/** PyUnicode_InternFromString: the interned str for `js` (immortal; per-thread cache). */
export function strIntern(s: ObjSpace, js: string): number {
  const hit = s.internCache.get(js);
  if (hit !== undefined) return hit;
  const p = strInternInPlace(s, strFromJs(s, js));
  s.internCache.set(js, p);
  return p;
}

/** True iff `p` is interned. */
export function strIsInterned(s: ObjSpace, p: number): boolean {
  return (s.u32[(p >> 2) + STR.STATE]! & SSTATE.INTERNED_MASK) !== 0;
}

/** unicode_dealloc for a mortal str. */
export function strRelease(s: ObjSpace, p: number): void {
  s.retire(p);
  s.free(p);
}
