/**
 * dict (Objects/dictobject.c, CPython 3.11's compact, insertion-ordered dict).
 *
 *   PyDictObject, 16 (GC head) + 48 bytes
 *   ┌──────────┬─────────────┬─────────┬────────────┬─────────┬───────────┐
 *   │ PyGC_Head│ header 16 B │ ma_used │ ma_version │ ma_keys │ ma_values │  (ma_values: always
 *   └──────────┴─────────────┴─────────┴────────────┴─────────┴───────────┘   NULL; split tables
 *    -16        0             16        24           32        40             are not modelled)
 *
 *   PyDictKeysObject, one block: 32 + 2**log2_index_bytes + usable · entry_size bytes
 *   ┌───────────┬──────┬──────┬──────┬──────────┬───────────┬─────────────┬─────────────────────┐
 *   │ dk_refcnt │log2_ │log2_ │ kind │dk_version│ dk_usable │ dk_nentries │ dk_indices[2**log2] │
 *   │           │size  │ibytes│      │          │           │             │ 1/2/4 B each        │
 *   └───────────┴──────┴──────┴──────┴──────────┴───────────┴─────────────┴─────────────────────┘
 *    0           8      9      10     12         16          24            32
 *   followed by the entries, in insertion order:
 *     unicode kind (all keys str)  {me_key @0, me_value @8}              16 B
 *     general kind                 {me_hash @0, me_key @8, me_value @16} 24 B
 *
 *   usable = USABLE_FRACTION(size) = 2·size/3. An index is DKIX_EMPTY (-1), DKIX_DUMMY (-2,
 *   a deleted entry's slot) or an entry number. Lookups probe i = hash & mask, then
 *   i = (5·i + perturb + 1) & mask with perturb >>= 5 each step (lookdict's scheme).
 *   A deletion leaves a DUMMY index and a NULL entry; only a resize compacts.
 *
 * Hashes are gilsim's 32-bit hashes (hash.ts), so `perturb` runs out after 7 shifts where
 * CPython's 64-bit one runs 13; the probe sequence equals CPython's for hashes below 2**32.
 * ma_version_tag and dk_version are not maintained (0). Free lists (3.11): up to 80 dict
 * objects, and up to 80 keys blocks of the smallest (log2 3) unicode kind.
 *
 * Threads (critical.ts): the exported functions that read or write a dict's table do it
 * inside the dict's critical section (a no-op under the GIL); hashes are computed before
 * it, references dropped after it. Reads return borrowed references, which only the GIL
 * keeps valid: code that keeps the value uses dictGetItemRef / dictGetItemStrRef, which
 * incref it inside the section (3.13's PyDict_GetItemRef).
 */
import { HeapCorruption } from "../errors.js";
import { dropLater, dropPending, lock2, pendingMark, unlock2 } from "./critical.js";
import { hash32, intHash32, keyEq, keyed, maybeUserKey } from "./hash.js";
import {
  DICT, DICT_KEYS_GENERAL, DICT_KEYS_UNICODE, DICT_MAXFREELIST, DKIX_DUMMY, DKIX_EMPTY, GC_HEAD, GENTRY, KEYS,
  IMMORTAL_MIN, KEYS_BYTE, OBJ, PyDict_LOG_MINSIZE, SIZE, STR, TID, UENTRY,
} from "./layout.js";
import type { ObjSpace } from "./space.js";
import type { Visitor } from "./traverse.js";
import { strEq, strHash } from "./str.js";
import { copyWords, fillWords } from "../heap/words.js";

const PERTURB_SHIFT = 5;
const MAX_PRESIZE_LOG2 = 17; // dict_new_presized: max_presize = 128 * 1024

// ── sizes ────────────────────────────────────────────────────────────────────

/** USABLE_FRACTION(n): (n << 1) / 3. */
export function usableFraction(n: number): number {
  return ((n << 1) / 3) | 0;
}

/** calculate_log2_keysize (3.11, verbatim, quirks included: 1..7 gives 4, 16 gives 5). */
export function calculateLog2Keysize(minsize: number): number {
  minsize = (minsize | 8) - 1;
  return 32 - Math.clz32(minsize | 7);
}

/** estimate_log2_keysize: ESTIMATE_SIZE(n) = (n * 3 + 1) >> 1. */
export function estimateLog2Keysize(n: number): number {
  return calculateLog2Keysize((n * 3 + 1) >> 1);
}

function log2IndexBytes(log2size: number): number {
  return log2size < 8 ? log2size : log2size < 16 ? log2size + 1 : log2size + 2;
}

/** _PyDict_KeysSize: the bytes of a keys block. */
export function keysBytes(log2size: number, unicode: boolean): number {
  return SIZE.KEYS_HEADER + (1 << log2IndexBytes(log2size)) +
    usableFraction(1 << log2size) * (unicode ? UENTRY.BYTES : GENTRY.BYTES);
}

// ── keys objects ─────────────────────────────────────────────────────────────

const dkLog2Size = (s: ObjSpace, k: number): number => s.u8[k + KEYS_BYTE.LOG2_SIZE]!;
const dkIsUnicode = (s: ObjSpace, k: number): boolean => s.u8[k + KEYS_BYTE.KIND] === DICT_KEYS_UNICODE;
/** DK_ENTRIES / DK_UNICODE_ENTRIES: byte address of entry 0. */
const dkEntries = (s: ObjSpace, k: number): number => k + SIZE.KEYS_HEADER + (1 << s.u8[k + KEYS_BYTE.LOG2_INDEX_BYTES]!);

/** dictkeys_get_index. */
function getIndex(s: ObjSpace, k: number, log2size: number, i: number): number {
  // One word read and shifts for every width (1, 2 or 4 bytes, signed, little-endian), the
  // same operations whatever the dict's size: a lookup V8 had optimized for small dicts
  // would otherwise meet its first 16- or 32-bit index as code without type feedback (a
  // deopt of it and of the code it is inlined in).
  const q = log2size >> 3;
  const shift = q > 2 ? 2 : q; // log2 of the index width in bytes
  const byte = k + SIZE.KEYS_HEADER + (i << shift);
  const bits = 8 << shift;
  return (s.i32[byte >> 2]! << (32 - bits - ((byte & 3) << 3))) >> (32 - bits);
}

/** dictkeys_set_index. */
function setIndex(s: ObjSpace, k: number, log2size: number, i: number, ix: number): void {
  const base = k + SIZE.KEYS_HEADER;
  if (s.quick) {
    // Under the GIL (ObjSpace.quick: gil, untraced), where no other thread writes the
    // index meanwhile: one word read-modify-write for every width, as getIndex reads, so
    // a dict's first 16- or 32-bit index is no code V8 has not seen run. Elsewhere a
    // thread may write a neighbouring index entry (nogil): a store of the entry's width.
    const q = log2size >> 3;
    const shift = q > 2 ? 2 : q;
    const byte = base + (i << shift);
    const at = (byte & 3) << 3;
    const mask = (-1 >>> (32 - (8 << shift))) << at;
    const w = byte >> 2;
    s.i32[w] = (s.i32[w]! & ~mask) | ((ix << at) & mask);
    return;
  }
  if (log2size < 8) s.u8[base + i] = ix;
  else if (log2size < 16) s.u16[(base >> 1) + i] = ix;
  else s.i32[(base >> 2) + i] = ix;
}

/** dictobject.c: new_keys_object. Throws HeapExhausted (nothing changed). */
function newKeysObject(s: ObjSpace, log2size: number, unicode: boolean): number {
  const log2bytes = log2IndexBytes(log2size);
  const usable = usableFraction(1 << log2size);
  const entrySize = unicode ? UENTRY.BYTES : GENTRY.BYTES;
  const i32 = s.i32;
  let k: number;
  const nfree = i32[s.fl + OBJ.KEYS_NUMFREE]!;
  if (log2size === PyDict_LOG_MINSIZE && unicode && nfree > 0) {
    i32[s.fl + OBJ.KEYS_NUMFREE] = nfree - 1;
    k = i32[s.fl + OBJ.KEYS_FREE + nfree - 1]!;
  } else {
    k = s.malloc(SIZE.KEYS_HEADER + (1 << log2bytes) + entrySize * usable);
  }
  const w = k >> 2;
  fillWords(i32, 0, w, w + (SIZE.KEYS_HEADER >> 2));
  i32[w + KEYS.REFCNT] = 1;
  s.u8[k + KEYS_BYTE.LOG2_SIZE] = log2size;
  s.u8[k + KEYS_BYTE.LOG2_INDEX_BYTES] = log2bytes;
  s.u8[k + KEYS_BYTE.KIND] = unicode ? DICT_KEYS_UNICODE : DICT_KEYS_GENERAL;
  i32[w + KEYS.USABLE] = usable;
  // The indices to DKIX_EMPTY, the entries to zeros, as whole words: both are (at least
  // 8 bytes of indices, entries of 16 or 24), and a byte fill of shared memory is several
  // times slower than a word fill.
  const indices = w + (SIZE.KEYS_HEADER >> 2), indexWords = (1 << log2bytes) >> 2;
  fillWords(i32, -1, indices, indices + indexWords);
  fillWords(i32, 0, indices + indexWords, indices + indexWords + ((entrySize * usable) >> 2));
  return k;
}

/** The block part of free_keys_object: the keys free list, else PyObject_Free. The
 *  entries' references must have been dropped or moved already. */
function freeKeysBlock(s: ObjSpace, k: number): void {
  const i32 = s.i32;
  const n = i32[s.fl + OBJ.KEYS_NUMFREE]!;
  if (dkLog2Size(s, k) === PyDict_LOG_MINSIZE && n < DICT_MAXFREELIST && dkIsUnicode(s, k) && s.freeLists) {
    i32[s.fl + OBJ.KEYS_FREE + n] = k;
    i32[s.fl + OBJ.KEYS_NUMFREE] = n + 1;
    return;
  }
  s.free(k);
}

/** Write Py_EMPTY_KEYS (3.11's empty_keys_struct: log2 size 0, no usable entries) at `k`. */
export function formatEmptyKeys(s: ObjSpace, k: number): void {
  const w = k >> 2;
  s.i32.fill(0, w, w + 10);
  s.i32[w + KEYS.REFCNT] = 1;
  s.u8[k + KEYS_BYTE.KIND] = DICT_KEYS_UNICODE;
  s.i32[w + KEYS.VERSION] = 1;
  s.u8.fill(0xff, k + SIZE.KEYS_HEADER, k + SIZE.KEYS_HEADER + 8);
}

// ── probing ──────────────────────────────────────────────────────────────────

function probeLimit(log2size: number): number {
  return (2 << log2size) + 16; // the perturbed walk reaches every slot well within this
}

function corrupt(k: number): never {
  throw new HeapCorruption(k, "dict keys table has no empty slot (probe walk did not end)");
}

/** _Py_dict_lookup on a combined table: the entry number of `key`, or DKIX_EMPTY. */
function lookup(s: ObjSpace, k: number, key: number, hash: number): number {
  // A str-only table: only a str can equal one of its keys (gilsim compares non-str keys
  // by identity or value, never equal to a str).
  if (dkIsUnicode(s, k)) return s.typeId(key) === TID.STR ? doLookup(s, k, key, hash, true) : DKIX_EMPTY;
  return doLookup(s, k, key, hash, false);
}

/** 3.12's do_lookup: the probe walk, comparing as unicodekeys_lookup_unicode (`unicode`: a
 *  str key in a str-only table) or dictkeys_generic_lookup does. */
function doLookup(s: ObjSpace, k: number, key: number, hash: number, unicode: boolean): number {
  const log2 = dkLog2Size(s, k);
  const mask = (1 << log2) - 1;
  const entries = dkEntries(s, k);
  const i32 = s.i32;
  let perturb = hash >>> 0;
  let i = hash & mask;
  for (let n = probeLimit(log2); n > 0; n--) {
    const ix = getIndex(s, k, log2, i);
    if (ix >= 0) {
      if (unicode) {
        const ek = i32[(entries + ix * UENTRY.BYTES + UENTRY.KEY) >> 2]!;
        if (ek === key || (strHash(s, ek) === hash && strEq(s, ek, key))) return ix;
      } else {
        const e = (entries + ix * GENTRY.BYTES) >> 2;
        const ek = i32[e + (GENTRY.KEY >> 2)]!;
        if (ek === key || (i32[e + (GENTRY.HASH >> 2)] === hash && keyEq(s, ek, key))) return ix;
      }
    } else if (ix === DKIX_EMPTY) {
      return DKIX_EMPTY;
    }
    perturb >>>= PERTURB_SHIFT;
    i = (i * 5 + perturb + 1) & mask;
  }
  return corrupt(k);
}

/** dictobject.c: find_empty_slot — the first EMPTY or DUMMY slot on the probe walk. */
function findEmptySlot(s: ObjSpace, k: number, hash: number): number {
  const log2 = dkLog2Size(s, k);
  const mask = (1 << log2) - 1;
  let i = hash & mask;
  let perturb = hash >>> 0;
  for (let n = probeLimit(log2); n > 0; n--) {
    if (getIndex(s, k, log2, i) < 0) return i;
    perturb >>>= PERTURB_SHIFT;
    i = (i * 5 + perturb + 1) & mask;
  }
  return corrupt(k);
}

/** dictobject.c: lookdict_index — the slot holding entry number `index`. */
function lookdictIndex(s: ObjSpace, k: number, hash: number, index: number): number {
  const log2 = dkLog2Size(s, k);
  const mask = (1 << log2) - 1;
  let i = hash & mask;
  let perturb = hash >>> 0;
  for (let n = probeLimit(log2); n > 0; n--) {
    const ix = getIndex(s, k, log2, i);
    if (ix === index) return i;
    if (ix === DKIX_EMPTY) break;
    perturb >>>= PERTURB_SHIFT;
    i = (i * 5 + perturb + 1) & mask;
  }
  return corrupt(k);
}

/** build_indices_generic / build_indices_unicode: index entries 0..n-1 into fresh indices. */
function buildIndices(s: ObjSpace, k: number, n: number): void {
  const log2 = dkLog2Size(s, k);
  const mask = (1 << log2) - 1;
  const unicode = dkIsUnicode(s, k);
  const entries = dkEntries(s, k);
  for (let ix = 0; ix < n; ix++) {
    const hash = unicode
      ? strHash(s, s.i32[(entries + ix * UENTRY.BYTES) >> 2]!)
      : s.i32[(entries + ix * GENTRY.BYTES) >> 2]!;
    let i = hash & mask;
    let perturb = hash >>> 0;
    for (let m = probeLimit(log2); getIndex(s, k, log2, i) !== DKIX_EMPTY; m--) {
      if (m === 0) corrupt(k);
      perturb >>>= PERTURB_SHIFT;
      i = (i * 5 + perturb + 1) & mask;
    }
    setIndex(s, k, log2, i, ix);
  }
}

// ── dict objects ─────────────────────────────────────────────────────────────

const dKeys = (s: ObjSpace, d: number): number => s.i32[(d >> 2) + DICT.KEYS]!;

/** new_dict's allocation: the dict free list, else PyObject_GC_New. */
function dictAlloc(s: ObjSpace): number {
  const i32 = s.i32;
  const n = i32[s.fl + OBJ.DICT_NUMFREE]!;
  if (n > 0) {
    i32[s.fl + OBJ.DICT_NUMFREE] = n - 1;
    const p = i32[s.fl + OBJ.DICT_FREE + n - 1]!;
    s.revive(p, TID.DICT, true);
    return p;
  }
  return s.newGcObject(TID.DICT, GC_HEAD + SIZE.DICT);
}

/** dictobject.c: new_dict. Takes over `keys`; drops it (entries and block) if the dict
 *  cannot be allocated. */
function newDict(s: ObjSpace, keys: number, used: number): number {
  let p: number;
  try {
    p = dictAlloc(s);
  } catch (e) {
    if (keys !== s.emptyKeys) keysDecref(s, keys);
    throw e;
  }
  const w = p >> 2;
  s.i32[w + DICT.USED] = used;
  s.i32[w + DICT.USED + 1] = 0;
  s.i32[w + DICT.VERSION] = 0;
  s.i32[w + DICT.KEYS] = keys;
  s.i32[w + DICT.VALUES] = 0;
  s.gcTrack(p);
  return p;
}

/** PyDict_New: an empty dict sharing Py_EMPTY_KEYS. New reference. */
export function dictNew(s: ObjSpace): number {
  return newDict(s, s.emptyKeys, 0);
}

/** dict_new_presized (3.11; _PyDict_FromItems passes unicode = all keys are str). */
export function dictNewPresized(s: ObjSpace, minused: number, unicode: boolean): number {
  if (minused <= usableFraction(8)) return dictNew(s);
  let log2 = estimateLog2Keysize(minused);
  if (log2 > MAX_PRESIZE_LOG2) log2 = MAX_PRESIZE_LOG2;
  return newDict(s, newKeysObject(s, log2, unicode), 0);
}

/** PyDict_GET_SIZE. */
export function dictLen(s: ObjSpace, d: number): number {
  return s.i32[(d >> 2) + DICT.USED]!;
}

/** dictobject.c: dictresize (combined tables). Throws HeapExhausted with `d` unchanged. */
function dictResize(s: ObjSpace, d: number, log2newsize: number, unicode: boolean): void {
  const oldkeys = dKeys(s, d);
  if (!dkIsUnicode(s, oldkeys)) unicode = false;
  const newkeys = newKeysObject(s, log2newsize, unicode);
  const numentries = dictLen(s, d);
  const i32 = s.i32;
  const oldUnicode = dkIsUnicode(s, oldkeys);
  const oldStride = oldUnicode ? UENTRY.BYTES : GENTRY.BYTES;
  let src = dkEntries(s, oldkeys);
  let dst = dkEntries(s, newkeys);
  const nold = i32[(oldkeys >> 2) + KEYS.NENTRIES]!;
  if (nold === numentries && oldUnicode === unicode) {
    // dictresize's memcpy: no deleted entry to skip, the same entry layout.
    copyWords(i32, dst >> 2, src >> 2, (src + numentries * oldStride) >> 2);
  } else for (let i = 0, copied = 0; i < nold && copied < numentries; i++, src += oldStride) {
    const key = i32[(src + (oldUnicode ? UENTRY.KEY : GENTRY.KEY)) >> 2]!;
    const value = i32[(src + (oldUnicode ? UENTRY.VALUE : GENTRY.VALUE)) >> 2]!;
    if (value === 0) continue;
    if (unicode) {
      i32[(dst + UENTRY.KEY) >> 2] = key;
      i32[(dst + UENTRY.VALUE) >> 2] = value;
      dst += UENTRY.BYTES;
    } else {
      i32[(dst + GENTRY.HASH) >> 2] = oldUnicode ? strHash(s, key) : i32[(src + GENTRY.HASH) >> 2]!;
      i32[(dst + GENTRY.KEY) >> 2] = key;
      i32[(dst + GENTRY.VALUE) >> 2] = value;
      dst += GENTRY.BYTES;
    }
    copied++;
  }
  buildIndices(s, newkeys, numentries);
  i32[(d >> 2) + DICT.KEYS] = newkeys;
  // The references moved with the entries: free only the old block.
  if (oldkeys !== s.emptyKeys) freeKeysBlock(s, oldkeys);
  i32[(newkeys >> 2) + KEYS.USABLE] = i32[(newkeys >> 2) + KEYS.USABLE]! - numentries;
  i32[(newkeys >> 2) + KEYS.NENTRIES] = numentries;
}

/** insertion_resize: GROWTH_RATE(d) = used * 3. */
function insertionResize(s: ObjSpace, d: number, unicode: boolean): void {
  dictResize(s, d, calculateLog2Keysize(dictLen(s, d) * 3), unicode);
}

/** dictobject.c: insertdict. Consumes the references to `key` and `value` (also when it
 *  throws HeapExhausted, in which case the dict is unchanged). */
function insertdict(s: ObjSpace, d: number, key: number, hash: number, value: number): void {
  const i32 = s.i32;
  const keyIsStr = s.typeId(key) === TID.STR;
  let k = dKeys(s, d);
  let ix: number;
  try {
    if (dkIsUnicode(s, k) && !keyIsStr) {
      insertionResize(s, d, false);
      k = dKeys(s, d);
    }
    ix = lookup(s, k, key, hash);
    if (ix === DKIX_EMPTY && i32[(k >> 2) + KEYS.USABLE]! <= 0) {
      insertionResize(s, d, true);
      k = dKeys(s, d);
    }
  } catch (e) {
    s.decref(value);
    s.decref(key);
    throw e;
  }
  if (ix === DKIX_EMPTY) {
    addEntry(s, i32, d, k, dkLog2Size(s, k), findEmptySlot(s, k, hash), hash, key, value);
    return;
  }
  const slot = (dkEntries(s, k) + ix * (dkIsUnicode(s, k) ? UENTRY.BYTES : GENTRY.BYTES) +
    (dkIsUnicode(s, k) ? UENTRY.VALUE : GENTRY.VALUE)) >> 2;
  const old = i32[slot]!;
  i32[slot] = value;
  if (s.plainContainers) {
    // Py_XDECREF(old_value), which may run a finalizer: the dict is consistent by now.
    if (!s.quick) s.xdecref(old);
    else dropReplaced(s, i32, old);
    s.decref(key);
  } else {
    dropLater(old); // may run a finalizer: after the critical section
    dropLater(key);
  }
}

/** insertdict's new key: entry number dk_nentries, at index slot `i` (a free one on the
 *  key's probe walk), the dict's and the table's counts moved. Takes the references. */
function addEntry(s: ObjSpace, i32: Int32Array, d: number, k: number, log2: number, i: number, hash: number, key: number, value: number): void {
  const kw = k >> 2, n = i32[kw + KEYS.NENTRIES]!;
  setIndex(s, k, log2, i, n);
  if (dkIsUnicode(s, k)) {
    const e = dkEntries(s, k) + n * UENTRY.BYTES;
    i32[(e + UENTRY.KEY) >> 2] = key;
    i32[(e + UENTRY.VALUE) >> 2] = value;
  } else {
    const e = dkEntries(s, k) + n * GENTRY.BYTES;
    i32[(e + GENTRY.HASH) >> 2] = hash;
    i32[(e + GENTRY.KEY) >> 2] = key;
    i32[(e + GENTRY.VALUE) >> 2] = value;
  }
  i32[(d >> 2) + DICT.USED] = i32[(d >> 2) + DICT.USED]! + 1;
  i32[kw + KEYS.USABLE] = i32[kw + KEYS.USABLE]! - 1;
  i32[kw + KEYS.NENTRIES] = n + 1;
  i32[kw + KEYS.VERSION] = 0; // a new key: the table's version no longer holds
}

/** Py_XDECREF of the value a store replaced, in gil inline: the last reference through the
 *  quick paths (a counter a loop keeps in a dict is an int dropped here at every update). */
function dropReplaced(s: ObjSpace, i32: Int32Array, old: number): void {
  if (old === 0) return;
  const rc = i32[old >> 2]!;
  if (rc > 1 && rc < IMMORTAL_MIN) {
    i32[old >> 2] = rc - 1;
    s.decrefs++;
  } else s.quickPaths.release(s, i32, old);
}

/** The entry (byte address) of `key`, a str, in a str-only table; 0 if it is absent
 *  there; -1 if the table holds other keys too. For the str-key entry points below, which
 *  read or replace the value there without the general path's calls (a key used again: a
 *  loop's counter, a name), the general path doing the rest. */
function strEntry(s: ObjSpace, k: number, key: number): number {
  // doLookup's unicode walk, written out for the hot callers: the table's three layout
  // bytes come in one word read (KEYS_BYTE: log2 size, log2 index bytes, kind; the heap
  // is little-endian, as getIndex reads it), a cached hash and a stored key's hash are
  // read in place, and a stored key is compared only when its hash is the same. 24 -> 13
  // ns a lookup of 8 str keys, measured; some of them take several probes.
  const i32 = s.i32;
  const layout = i32[(k + KEYS_BYTE.LOG2_SIZE) >> 2]!;
  if (((layout >>> 16) & 0xff) !== DICT_KEYS_UNICODE) return -1;
  let hash = i32[(key >> 2) + STR.HASH]!;
  if (hash === -1) hash = strHash(s, key);
  const log2 = layout & 0xff, mask = (1 << log2) - 1, q = log2 >> 3, shift = q > 2 ? 2 : q, bits = 8 << shift;
  const indices = k + SIZE.KEYS_HEADER, entries = indices + (1 << ((layout >>> 8) & 0xff));
  let perturb = hash >>> 0;
  let i = hash & mask;
  for (let n = probeLimit(log2); n > 0; n--) {
    const byte = indices + (i << shift);
    const ix = (i32[byte >> 2]! << (32 - bits - ((byte & 3) << 3))) >> (32 - bits); // getIndex
    if (ix >= 0) {
      const e = entries + ix * UENTRY.BYTES, ek = i32[(e + UENTRY.KEY) >> 2]!;
      if (ek === key || (i32[(ek >> 2) + STR.HASH] === hash && strEq(s, ek, key))) return e;
    } else if (ix === DKIX_EMPTY) {
      return 0;
    }
    perturb >>>= PERTURB_SHIFT;
    i = (i * 5 + perturb + 1) & mask;
  }
  return corrupt(k);
}

/** dictobject.c: insert_to_emptydict. Consumes the references (as insertdict). */
function insertToEmptyDict(s: ObjSpace, d: number, key: number, hash: number, value: number): void {
  const unicode = s.typeId(key) === TID.STR;
  let k: number;
  try {
    k = newKeysObject(s, PyDict_LOG_MINSIZE, unicode);
  } catch (e) {
    s.decref(value);
    s.decref(key);
    throw e;
  }
  const i32 = s.i32;
  i32[(d >> 2) + DICT.KEYS] = k;
  setIndex(s, k, PyDict_LOG_MINSIZE, hash & 7, 0);
  const e = dkEntries(s, k);
  if (unicode) {
    i32[(e + UENTRY.KEY) >> 2] = key;
    i32[(e + UENTRY.VALUE) >> 2] = value;
  } else {
    i32[(e + GENTRY.HASH) >> 2] = hash;
    i32[(e + GENTRY.KEY) >> 2] = key;
    i32[(e + GENTRY.VALUE) >> 2] = value;
  }
  i32[(d >> 2) + DICT.USED] = i32[(d >> 2) + DICT.USED]! + 1;
  i32[(k >> 2) + KEYS.USABLE] = i32[(k >> 2) + KEYS.USABLE]! - 1;
  i32[(k >> 2) + KEYS.NENTRIES] = 1;
}

/** insertdict's end for a key the table holds, in gil (the entry points below): the value
 *  at word `word` replaced by `value` (increfed), the old one dropped; the key's incref
 *  and decref (insertdict takes a reference, then drops the one it did not store) only
 *  counted. */
function replaceValue(s: ObjSpace, i32: Int32Array, key: number, word: number, value: number): void {
  if (i32[key >> 2]! >= IMMORTAL_MIN) s.immortalSkips += 2;
  else {
    s.increfs++;
    s.decrefs++;
  }
  s.incref(value);
  const old = i32[word]!;
  i32[word] = value;
  dropReplaced(s, i32, old);
}

/** PyDict_SetItem for a str key (translated code's STORE_SUBSCR): a key the dict holds has
 *  its value replaced here, as insertdict does it (the same references and
 *  counts: the key's incref and decref counted, not done) without its calls. */
export function dictSetItemStr(s: ObjSpace, d: number, key: number, value: number): void {
  if (s.quick) {
    const e = strEntry(s, dKeys(s, d), key);
    if (e > 0) {
      replaceValue(s, s.i32, key, (e + UENTRY.VALUE) >> 2, value);
      return;
    }
  }
  dictSetItem(s, d, key, value);
}

/** PyDict_SetItem for an int key (translated code's STORE_SUBSCR), in gil: insertdict on a
 *  general table done in one probe walk. The walk that looks the key up also notes the
 *  first free slot on the way (what find_empty_slot's second walk from the start would
 *  find: the same slots in the same order), so a new key is placed where CPython places
 *  it. The same references and counts as insertdict: a new key and its value increfed; a
 *  held key's value replaced, the key's incref and decref counted, not done. What it does
 *  not do (a str-only or empty table, a resize, another mode) goes the general way. */
export function dictSetItemInt(s: ObjSpace, d: number, key: number, value: number): void {
  if (s.quick) {
    const i32 = s.i32, k = dKeys(s, d), kw = k >> 2;
    const layout = i32[(k + KEYS_BYTE.LOG2_SIZE) >> 2]!;
    if (((layout >>> 16) & 0xff) === DICT_KEYS_GENERAL) {
      const hash = intHash32(s, key);
      const log2 = layout & 0xff, mask = (1 << log2) - 1, q = log2 >> 3, shift = q > 2 ? 2 : q, bits = 8 << shift;
      const indices = k + SIZE.KEYS_HEADER, entries = indices + (1 << ((layout >>> 8) & 0xff));
      let perturb = hash >>> 0;
      let i = hash & mask, free = -1, absent = false;
      for (let n = probeLimit(log2); n > 0 && !absent; n--) {
        const byte = indices + (i << shift);
        const ix = (i32[byte >> 2]! << (32 - bits - ((byte & 3) << 3))) >> (32 - bits); // getIndex
        if (ix >= 0) {
          const e = entries + ix * GENTRY.BYTES, ek = i32[(e + GENTRY.KEY) >> 2]!;
          if (ek === key || (i32[(e + GENTRY.HASH) >> 2] === hash && keyEq(s, ek, key))) {
            replaceValue(s, i32, key, (e + GENTRY.VALUE) >> 2, value);
            return;
          }
        } else {
          if (free < 0) free = i;
          absent = ix === DKIX_EMPTY;
        }
        perturb >>>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
      }
      // Absent, and room for it (else insertion_resize, the general way; a walk that never
      // met an empty slot is a corrupt table, which the general way reports).
      if (absent && i32[kw + KEYS.USABLE]! > 0) {
        s.incref(key);
        s.incref(value);
        addEntry(s, i32, d, k, log2, free, hash, key, value);
        return;
      }
    }
  }
  dictSetItem(s, d, key, value);
}

/** The keys of `d` stored with hash `hash` (new references), in probe order, read in its
 *  critical section: those a lookup of a key of that hash compares it with. */
function hashMatches(s: ObjSpace, d: number, hash: number): number[] {
  const out: number[] = [];
  const i32 = s.i32;
  s.lockObject(d);
  try {
    const k = dKeys(s, d);
    if (dkIsUnicode(s, k)) return out; // str keys only: equal to no instance of a user class
    const log2 = dkLog2Size(s, k);
    const mask = (1 << log2) - 1;
    const entries = dkEntries(s, k);
    let perturb = hash >>> 0;
    let i = hash & mask;
    for (let n = probeLimit(log2); n > 0; n--) {
      const ix = getIndex(s, k, log2, i);
      if (ix >= 0) {
        const e = (entries + ix * GENTRY.BYTES) >> 2;
        const ek = i32[e + (GENTRY.KEY >> 2)]!;
        // (A probe walk may pass an entry twice.)
        if (i32[e + (GENTRY.HASH >> 2)] === hash && !out.includes(ek)) {
          s.incref(ek);
          out.push(ek);
        }
      } else if (ix === DKIX_EMPTY) {
        break;
      }
      perturb >>>= PERTURB_SHIFT;
      i = (i * 5 + perturb + 1) & mask;
    }
  } finally {
    s.unlockObject(d);
  }
  return out;
}

/** PyDict_SetItem: increfs `key` and `value`. Throws PyError (unhashable key) or
 *  HeapExhausted, leaving the dict unchanged. */
export function dictSetItem(s: ObjSpace, d: number, key: number, value: number): void {
  const hash = hash32(s, key);
  if (s.keyHooks !== null && maybeUserKey(s, key)) keyed(s, key, () => hashMatches(s, d, hash), (k) => setItemKnownHash(s, d, k, hash, value));
  else setItemKnownHash(s, d, key, hash, value);
}

function setItemKnownHash(s: ObjSpace, d: number, key: number, hash: number, value: number): void {
  s.incref(key);
  s.incref(value);
  const mark = pendingMark();
  if (s.plainContainers) {
    // No lock to take (gil, nogil): the hot path stays as short as it was.
    if (dKeys(s, d) === s.emptyKeys) insertToEmptyDict(s, d, key, hash, value);
    else insertdict(s, d, key, hash, value);
    dropPending(s, mark);
    return;
  }
  s.lockObject(d);
  try {
    if (dKeys(s, d) === s.emptyKeys) insertToEmptyDict(s, d, key, hash, value);
    else insertdict(s, d, key, hash, value);
  } finally {
    s.unlockObject(d);
    dropPending(s, mark);
  }
}

/** The value slot (word index) of entry `ix`. */
function valueWord(s: ObjSpace, k: number, ix: number): number {
  return dkIsUnicode(s, k)
    ? (dkEntries(s, k) + ix * UENTRY.BYTES + UENTRY.VALUE) >> 2
    : (dkEntries(s, k) + ix * GENTRY.BYTES + GENTRY.VALUE) >> 2;
}

/** PyDict_GetItemWithError: borrowed reference, or 0 if absent. Throws PyError for an
 *  unhashable key. */
export function dictGetItem(s: ObjSpace, d: number, key: number): number {
  const hash = hash32(s, key);
  if (s.keyHooks !== null && maybeUserKey(s, key)) return keyed(s, key, () => hashMatches(s, d, hash), (k) => lookupValue(s, d, k, hash, false));
  return lookupValue(s, d, key, hash, false);
}

/** _PyDict_GetItem_KnownHash for a str key (interned or not): borrowed, or 0. In a str-only
 *  table, found (or not) here, without the general lookup's calls. */
export function dictGetItemStr(s: ObjSpace, d: number, key: number): number {
  if (s.quick) {
    const e = strEntry(s, dKeys(s, d), key);
    if (e >= 0) return e === 0 ? 0 : s.i32[(e + UENTRY.VALUE) >> 2]!;
  }
  return lookupValue(s, d, key, strHash(s, key), false);
}

/** PyDict_GetItemRef: a new reference, or 0 if absent. Throws PyError for an unhashable key. */
export function dictGetItemRef(s: ObjSpace, d: number, key: number): number {
  const hash = hash32(s, key);
  if (s.keyHooks !== null && maybeUserKey(s, key)) return keyed(s, key, () => hashMatches(s, d, hash), (k) => lookupValue(s, d, k, hash, true));
  return lookupValue(s, d, key, hash, true);
}

/** dictGetItemStr as a new reference (or 0). */
export function dictGetItemStrRef(s: ObjSpace, d: number, key: number): number {
  if (s.quick) {
    // No lock to hold while the count goes up (gil).
    const v = dictGetItemStr(s, d, key);
    if (v !== 0) s.incref(v);
    return v;
  }
  return lookupValue(s, d, key, strHash(s, key), true);
}

/** PyDict_GetItemRef for a dict read far more often than written (module globals, the
 *  builtins, a module's attributes), as LOAD_GLOBAL and LOAD_ATTR on a module read it.
 *  Where the mode reads such dicts without their lock (free-threaded), an optimistic read
 *  comes first; it gives up to the locked lookup whenever it cannot be sure. */
export function dictGetGlobalRef(s: ObjSpace, d: number, key: number): number {
  const hash = strHash(s, key);
  if (s.lockFreeDictReads) {
    const v = dictLookupUnlocked(s, d, key, hash);
    if (v >= 0) return v;
  }
  return lookupValue(s, d, key, hash, true);
}

/** _PyDictKeys_GetVersionForCurrentState: the keys object's version, given it from
 *  OBJ.NEXT_KEYS_VERSION if it has none. A version names one state of one keys object's
 *  keys (which key is in which entry): every new key and every deletion sets it to 0
 *  (a value replaced in place keeps it). */
export function dictKeysVersion(s: ObjSpace, k: number): number {
  const w = (k >> 2) + KEYS.VERSION;
  let v = s.i32[w]!;
  if (v === 0) {
    v = Atomics.add(s.i32, OBJ.NEXT_KEYS_VERSION, 1) + 2;
    s.i32[w] = v;
  }
  return v;
}

/** LOAD_GLOBAL for translated code with 3.12's specializations (LOAD_GLOBAL_MODULE,
 *  LOAD_GLOBAL_BUILTIN): `name` (interned) in `globals`, else in `builtins`; a new
 *  reference, or 0 if absent. Found in a str-only table, it records in cache[ci], [ci + 1],
 *  [ci + 2] the globals' keys version, the builtins' (0: found in the globals) and the
 *  value's word, which the caller reads while both versions hold (then the name is
 *  where it was, in a table that has had no key added or deleted since). */
export function dictLoadGlobal(s: ObjSpace, globals: number, builtins: number, name: number, cache: Int32Array, ci: number): number {
  const i32 = s.i32, gk = dKeys(s, globals);
  const e = strEntry(s, gk, name);
  if (e < 0) return dictGetGlobalRef(s, globals, name) || dictGetGlobalRef(s, builtins, name);
  let word = 0, bver = 0;
  if (e > 0) word = (e + UENTRY.VALUE) >> 2;
  else {
    const bk = dKeys(s, builtins), be = strEntry(s, bk, name);
    if (be < 0) return dictGetGlobalRef(s, builtins, name);
    if (be === 0) return 0;
    word = (be + UENTRY.VALUE) >> 2;
    bver = dictKeysVersion(s, bk);
  }
  const v = i32[word]!;
  if (v === 0) return 0;
  cache[ci] = dictKeysVersion(s, gk);
  cache[ci + 1] = bver;
  cache[ci + 2] = word;
  s.incref(v);
  return v;
}

/** Probes an optimistic read makes before it gives up (a table it reads may be one a
 *  resize is freeing: it must end on garbage too). */
const UNLOCKED_PROBES = 32;

/**
 * 3.13t's lock-free dict read (Objects/dictobject.c: _Py_dict_lookup_threadsafe), cut to
 * what is safe without QSBR: a str key found by identity (interned names are), whose value
 * is immortal, so it needs no incref (3.13t's _Py_TryXGetRef: a mortal value could be
 * freed between the read and the incref). Returns the value, 0 if the key is absent, or
 * -1: take the lock. It reads with plain loads between two checks of the dict's mutex
 * (a writer holds it for the whole mutation) and then checks that the table and the value
 * are still the ones it read; no read can throw or run long, whatever it finds.
 */
export function dictLookupUnlocked(s: ObjSpace, d: number, key: number, hash: number): number {
  const i32 = s.i32;
  const dw = d >> 2;
  if (s.objectLocked(d) || i32[dw + DICT.VALUES] !== 0) return -1;
  const k = i32[dw + DICT.KEYS]!;
  if (!dkIsUnicode(s, k)) return -1;
  const log2 = dkLog2Size(s, k);
  if (log2 > 30) return -1;
  const mask = (1 << log2) - 1;
  const entries = dkEntries(s, k);
  let perturb = hash >>> 0;
  let i = hash & mask;
  let vw = 0; // the value's word, or -1: absent
  for (let n = 0; n < UNLOCKED_PROBES && vw === 0; n++) {
    const ix = getIndex(s, k, log2, i);
    if (ix >= 0) {
      const ek = i32[(entries + ix * UENTRY.BYTES + UENTRY.KEY) >> 2]!;
      if (ek === key) vw = (entries + ix * UENTRY.BYTES + UENTRY.VALUE) >> 2;
      // An equal str that is another object: compare them under the lock. (The cached
      // hash, not strHash: a garbage key must not be hashed.)
      else if (i32[(ek >> 2) + STR.HASH] === hash) return -1;
    } else if (ix === DKIX_EMPTY) {
      vw = -1;
    }
    perturb >>>= PERTURB_SHIFT;
    i = (i * 5 + perturb + 1) & mask;
  }
  if (vw === 0) return -1;
  const v = vw < 0 ? 0 : i32[vw]!;
  if (v !== 0 && !(i32[v >> 2]! >= IMMORTAL_MIN)) return -1;
  if (s.objectLocked(d) || i32[dw + DICT.KEYS] !== k || (vw > 0 && i32[vw] !== v)) return -1;
  return v;
}

/** The value for `key` (0 if absent), inside the dict's critical section; increfed there
 *  if `ref`. Only a corrupt table throws in here, so there is no finally to pay for. */
function lookupValue(s: ObjSpace, d: number, key: number, hash: number, ref: boolean): number {
  s.lockObject(d);
  const k = dKeys(s, d);
  const ix = lookup(s, k, key, hash);
  const v = ix < 0 ? 0 : s.i32[valueWord(s, k, ix)]!;
  if (ref && v !== 0) s.incref(v);
  s.unlockObject(d);
  return v;
}

/** True iff `key` is in the dict (PyDict_Contains). */
export function dictContains(s: ObjSpace, d: number, key: number): boolean {
  const hash = hash32(s, key);
  if (s.keyHooks !== null && maybeUserKey(s, key)) return keyed(s, key, () => hashMatches(s, d, hash), (k) => containsKnownHash(s, d, k, hash));
  return containsKnownHash(s, d, key, hash);
}

function containsKnownHash(s: ObjSpace, d: number, key: number, hash: number): boolean {
  s.lockObject(d);
  const found = lookup(s, dKeys(s, d), key, hash) >= 0;
  s.unlockObject(d);
  return found;
}

/** PyDict_DelItem (delitem_common). False if the key is absent (the caller raises
 *  KeyError). */
export function dictDelItem(s: ObjSpace, d: number, key: number): boolean {
  const hash = hash32(s, key);
  if (s.keyHooks !== null && maybeUserKey(s, key)) return keyed(s, key, () => hashMatches(s, d, hash), (k) => delItemKnownHash(s, d, k, hash));
  return delItemKnownHash(s, d, key, hash);
}

function delItemKnownHash(s: ObjSpace, d: number, key: number, hash: number): boolean {
  s.lockObject(d);
  const k = dKeys(s, d);
  const ix = lookup(s, k, key, hash);
  if (ix < 0) {
    s.unlockObject(d);
    return false;
  }
  const i32 = s.i32;
  const hashpos = lookdictIndex(s, k, hash, ix);
  i32[(d >> 2) + DICT.USED] = i32[(d >> 2) + DICT.USED]! - 1;
  i32[(k >> 2) + KEYS.VERSION] = 0;
  setIndex(s, k, dkLog2Size(s, k), hashpos, DKIX_DUMMY);
  const unicode = dkIsUnicode(s, k);
  const e = dkEntries(s, k) + ix * (unicode ? UENTRY.BYTES : GENTRY.BYTES);
  const kw = (e + (unicode ? UENTRY.KEY : GENTRY.KEY)) >> 2;
  const vw = (e + (unicode ? UENTRY.VALUE : GENTRY.VALUE)) >> 2;
  const oldKey = i32[kw]!;
  const oldValue = i32[vw]!;
  i32[kw] = 0;
  i32[vw] = 0;
  s.unlockObject(d);
  s.decref(oldKey);
  s.decref(oldValue);
  return true;
}

/** free_keys_object outside a dealloc: drop every entry's references, then the block. */
function keysDecref(s: ObjSpace, k: number): void {
  const unicode = dkIsUnicode(s, k);
  const stride = unicode ? UENTRY.BYTES : GENTRY.BYTES;
  const kOff = unicode ? UENTRY.KEY : GENTRY.KEY;
  const n = s.i32[(k >> 2) + KEYS.NENTRIES]!;
  for (let i = 0, e = dkEntries(s, k); i < n; i++, e += stride) {
    s.xdecref(s.i32[(e + kOff) >> 2]!);
    s.xdecref(s.i32[(e + kOff + 8) >> 2]!);
  }
  freeKeysBlock(s, k);
}

/** PyDict_Clear: the dict goes back to Py_EMPTY_KEYS before any reference is dropped. */
export function dictClear(s: ObjSpace, d: number): void {
  s.lockObject(d);
  const oldkeys = dKeys(s, d);
  const w = d >> 2;
  s.i32[w + DICT.KEYS] = s.emptyKeys;
  s.i32[w + DICT.USED] = 0;
  s.unlockObject(d);
  if (oldkeys !== s.emptyKeys) keysDecref(s, oldkeys);
}

/** dictobject.c: clone_combined_dict_keys — a byte copy of the keys block, with every
 *  live key and value increfed. */
function cloneKeys(s: ObjSpace, src: number): number {
  const log2 = dkLog2Size(s, src);
  const unicode = dkIsUnicode(s, src);
  const nbytes = keysBytes(log2, unicode);
  const k = s.malloc(nbytes);
  s.heap.copyBytes(k, src, nbytes);
  const stride = unicode ? UENTRY.BYTES : GENTRY.BYTES;
  const kOff = unicode ? UENTRY.KEY : GENTRY.KEY;
  const n = s.i32[(k >> 2) + KEYS.NENTRIES]!;
  for (let i = 0, e = dkEntries(s, k); i < n; i++, e += stride) {
    const value = s.i32[(e + kOff + 8) >> 2]!;
    if (value !== 0) {
      s.incref(value);
      s.incref(s.i32[(e + kOff) >> 2]!);
    }
  }
  s.i32[(k >> 2) + KEYS.REFCNT] = 1;
  s.i32[(k >> 2) + KEYS.VERSION] = 0;
  return k;
}

/** dictobject.c: dict_merge(a, b, override=1) for a dict `b` (dict.update). */
export function dictMerge(s: ObjSpace, a: number, b: number): void {
  if (a === b) return;
  // A key of `b` may equal one of `a` by a Python __eq__, which cannot run in the
  // critical sections: each item is then stored as d[key] = value stores it.
  const items = s.keyHooks !== null && dictLen(s, a) > 0 ? userKeysOf(s, b) : null;
  if (items !== null) {
    try {
      for (let j = 0; j < items.length; j += 2) dictSetItem(s, a, items[j]!, items[j + 1]!);
    } finally {
      for (const p of items) s.decref(p);
    }
    return;
  }
  const mark = pendingMark();
  lock2(s, a, b);
  try {
    mergeLocked(s, a, b);
  } finally {
    unlock2(s, a, b);
    dropPending(s, mark);
  }
}

/** `d`'s keys and values, alternating (new references, read in its critical section), if
 *  one of its keys may compare by a Python __eq__ (maybeUserKey); else null. */
function userKeysOf(s: ObjSpace, d: number): number[] | null {
  const i32 = s.i32;
  s.lockObject(d);
  try {
    const k = dKeys(s, d);
    if (dkIsUnicode(s, k)) return null;
    const n = i32[(k >> 2) + KEYS.NENTRIES]!;
    let any = false;
    for (let i = 0, e = dkEntries(s, k) >> 2; i < n && !any; i++, e += GENTRY.BYTES >> 2) {
      const key = i32[e + (GENTRY.KEY >> 2)]!;
      any = key !== 0 && maybeUserKey(s, key);
    }
    if (!any) return null;
    const items: number[] = [];
    for (let i = 0, e = dkEntries(s, k) >> 2; i < n; i++, e += GENTRY.BYTES >> 2) {
      const key = i32[e + (GENTRY.KEY >> 2)]!, value = i32[e + (GENTRY.VALUE >> 2)]!;
      if (value === 0) continue;
      s.incref(key);
      s.incref(value);
      items.push(key, value);
    }
    return items;
  } finally {
    s.unlockObject(d);
  }
}

function mergeLocked(s: ObjSpace, a: number, b: number): void {
  const i32 = s.i32;
  const usedB = dictLen(s, b);
  if (a === b || usedB === 0) return;
  const okeys = dKeys(s, b);
  if (dictLen(s, a) === 0) {
    // If other is clean, combined, and just allocated, just clone it.
    const log2 = dkLog2Size(s, okeys);
    if (usedB === i32[(okeys >> 2) + KEYS.NENTRIES] &&
      (log2 === PyDict_LOG_MINSIZE || usableFraction((1 << log2) >> 1) < usedB)) {
      const k = cloneKeys(s, okeys);
      const old = dKeys(s, a);
      i32[(a >> 2) + DICT.KEYS] = k;
      i32[(a >> 2) + DICT.USED] = usedB;
      if (old !== s.emptyKeys) keysDecref(s, old); // its entries are all deleted
      return;
    }
  }
  // Do one big resize at the start, rather than incrementally resizing.
  if (usableFraction(1 << dkLog2Size(s, dKeys(s, a))) < usedB) {
    dictResize(s, a, estimateLog2Keysize(dictLen(s, a) + usedB), dkIsUnicode(s, okeys));
  }
  const unicode = dkIsUnicode(s, okeys);
  const stride = unicode ? UENTRY.BYTES : GENTRY.BYTES;
  const kOff = unicode ? UENTRY.KEY : GENTRY.KEY;
  const n = i32[(okeys >> 2) + KEYS.NENTRIES]!;
  for (let i = 0; i < n; i++) {
    const e = dkEntries(s, okeys) + i * stride;
    const value = i32[(e + kOff + 8) >> 2]!;
    if (value === 0) continue;
    const key = i32[(e + kOff) >> 2]!;
    const hash = unicode ? strHash(s, key) : i32[(e + GENTRY.HASH) >> 2]!;
    s.incref(key);
    s.incref(value);
    if (dKeys(s, a) === s.emptyKeys) insertToEmptyDict(s, a, key, hash, value);
    else insertdict(s, a, key, hash, value);
  }
}

/** PyDict_Copy (3.11): a clone of the keys block if at most a third of its entries are
 *  deleted, else a new dict and dict_merge. New reference. */
export function dictCopy(s: ObjSpace, o: number): number {
  const used = dictLen(s, o);
  if (used === 0) return dictNew(s);
  s.lockObject(o);
  const k = dKeys(s, o);
  let clone = 0;
  try {
    if (used >= ((s.i32[(k >> 2) + KEYS.NENTRIES]! * 2) / 3 | 0)) clone = cloneKeys(s, k);
  } finally {
    s.unlockObject(o);
  }
  if (clone !== 0) return newDict(s, clone, used);
  const d = dictNew(s);
  try {
    dictMerge(s, d, o);
  } catch (e) {
    s.decref(d);
    throw e;
  }
  return d;
}

// ── iteration by position (PyDict_Next) ──────────────────────────────────────

/** The first entry number >= pos holding a value, or -1. */
export function dictNextIndex(s: ObjSpace, d: number, pos: number): number {
  const k = dKeys(s, d);
  const n = s.i32[(k >> 2) + KEYS.NENTRIES]!;
  for (let i = pos; i < n; i++) if (s.i32[valueWord(s, k, i)] !== 0) return i;
  return -1;
}

/** dict_traverse: `visit` each live entry's value, then its key, in entry order; a
 *  str-only table's keys only with `strKeys` (CPython skips them: a str is in no cycle; a
 *  refcount audit counts them). Read in place, not with a call per entry: a program's first
 *  collection, at its exit for most, runs this before V8 has compiled it. */
export function dictTraverse(s: ObjSpace, d: number, v: Visitor, strKeys: boolean): void {
  const i32 = s.i32;
  const k = dKeys(s, d);
  const n = i32[(k >> 2) + KEYS.NENTRIES]!;
  const unicode = dkIsUnicode(s, k);
  const keys = strKeys || !unicode;
  const stride = (unicode ? UENTRY.BYTES : GENTRY.BYTES) >> 2;
  for (let i = 0, w = valueWord(s, k, 0); i < n; i++, w += stride) {
    const value = i32[w]!;
    if (value !== 0) {
      v.visit(value, d);
      if (keys) v.visit(i32[w - 2]!, d);
    }
  }
}

/** Key of entry `ix` (borrowed). */
export function dictKeyAt(s: ObjSpace, d: number, ix: number): number {
  const k = dKeys(s, d);
  return s.i32[valueWord(s, k, ix) - 2]!;
}

/** Value of entry `ix` (borrowed; 0 for a deleted entry). */
export function dictValueAt(s: ObjSpace, d: number, ix: number): number {
  return s.i32[valueWord(s, dKeys(s, d), ix)]!;
}

/** dk_nentries: entries used so far, deleted ones included. */
export function dictNentries(s: ObjSpace, d: number): number {
  return s.i32[(dKeys(s, d) >> 2) + KEYS.NENTRIES]!;
}

/** _PyDict_SizeOf. */
export function dictSizeof(s: ObjSpace, d: number): number {
  const k = dKeys(s, d);
  const base = GC_HEAD + SIZE.DICT;
  return k === s.emptyKeys ? base : base + keysBytes(dkLog2Size(s, k), dkIsUnicode(s, k));
}

/** The index table, for tests (compared byte for byte with CPython's dk_indices). */
export function dictIndices(s: ObjSpace, d: number): number[] {
  const k = dKeys(s, d);
  const log2 = dkLog2Size(s, k);
  return Array.from({ length: 1 << log2 }, (_, i) => getIndex(s, k, log2, i));
}

/** For tests and the GC: log2 of the table size and whether it is the unicode kind. */
export function dictKeysInfo(s: ObjSpace, d: number): { log2size: number; unicode: boolean; usable: number; empty: boolean } {
  const k = dKeys(s, d);
  return { log2size: dkLog2Size(s, k), unicode: dkIsUnicode(s, k), usable: s.i32[(k >> 2) + KEYS.USABLE]!, empty: k === s.emptyKeys };
}

// ── dealloc ──────────────────────────────────────────────────────────────────

/** dict_dealloc, phase 1: drop every key and value. CPython goes key0, value0, key1, ...
 *  freeing each depth-first; we go backwards so the LIFO stack frees in that order. */
export function dictClearForDealloc(s: ObjSpace, d: number): void {
  s.gcUntrack(d);
  s.pushRelease(d);
  const k = dKeys(s, d);
  if (k === s.emptyKeys) return;
  const unicode = dkIsUnicode(s, k);
  const stride = unicode ? UENTRY.BYTES : GENTRY.BYTES;
  const key = unicode ? UENTRY.KEY : GENTRY.KEY;
  s.quickPaths.dropEntries(s, s.i32, dkEntries(s, k) >> 2, s.i32[(k >> 2) + KEYS.NENTRIES]!, stride >> 2, key >> 2);
}

/** dict_dealloc, phase 2: the keys block, then the dict (free list or PyObject_GC_Del). */
export function dictRelease(s: ObjSpace, d: number): void {
  const k = dKeys(s, d);
  if (k !== s.emptyKeys) freeKeysBlock(s, k);
  s.retire(d);
  const i32 = s.i32;
  const n = i32[s.fl + OBJ.DICT_NUMFREE]!;
  if (n < DICT_MAXFREELIST && s.freeLists) {
    i32[s.fl + OBJ.DICT_FREE + n] = d;
    i32[s.fl + OBJ.DICT_NUMFREE] = n + 1;
    return;
  }
  s.free(d - GC_HEAD);
}

/** dictobject.c: _PyDict_ClearFreeList (dicts and keys). */
export function dictClearFreeLists(s: ObjSpace): void {
  const i32 = s.i32;
  for (let n = i32[s.fl + OBJ.DICT_NUMFREE]!; n > 0; n--) s.free(i32[s.fl + OBJ.DICT_FREE + n - 1]! - GC_HEAD);
  i32[s.fl + OBJ.DICT_NUMFREE] = 0;
  for (let n = i32[s.fl + OBJ.KEYS_NUMFREE]!; n > 0; n--) s.free(i32[s.fl + OBJ.KEYS_FREE + n - 1]!);
  i32[s.fl + OBJ.KEYS_NUMFREE] = 0;
}
