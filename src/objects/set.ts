/**
 * set (Objects/setobject.c, 3.11).
 *
 *   PySetObject, 16 (GC head) + 200 bytes
 *   ┌──────────┬─────────────┬──────┬──────┬──────┬───────┬──────┬────────┬───────────────────┬──────────┐
 *   │ PyGC_Head│ header 16 B │ fill │ used │ mask │ table │ hash │ finger │ smalltable[8]     │ weakref  │
 *   └──────────┴─────────────┴──────┴──────┴──────┴───────┴──────┴────────┴───────────────────┴──────────┘
 *    -16        0             16     24     32     40      48     56       64 (16 B entries)   192
 *
 *   setentry {key @0, hash @8}. `table` points at the smalltable until the set outgrows
 *   8 slots, then at a separate block of 16 B · (mask + 1). A deleted entry has key
 *   SET_DUMMY and hash -1 (CPython's `dummy` object). fill counts active + dummy entries.
 *   Probing: LINEAR_PROBES (9) neighbours, then i = (5·i + 1 + perturb) & mask, with
 *   CPython's 64-bit perturb (the hash sign-extended, shifted as 64 bits: shiftPerturb), so a
 *   set of ints iterates in CPython's order.
 *   Grows when fill·5 >= mask·3, to the smallest power of two above used·4 (used·2 past
 *   50,000). No free list in 3.11.
 */
import { HeapCorruption } from "../errors.js";
import { lock2, unlock2 } from "./critical.js";
import { hash32, keyEq, keyed, maybeUserKey } from "./hash.js";
import { GC_HEAD, SET, SET_DUMMY, SET_MINSIZE, SET_SMALLTABLE, SETENTRY, SIZE, TID, zeroWords } from "./layout.js";
import { clearWeakrefs } from "./weakref.js";
import type { ObjSpace } from "./space.js";

const LINEAR_PROBES = 9;
const PERTURB_SHIFT = 5;

/** The low 32 bits of CPython's `perturb` (size_t, 64-bit) after one more
 *  `perturb >>= PERTURB_SHIFT`, from its low and high halves (the hash sign-extended to
 *  start with: ints and the other hashes that fit 32 bits are CPython's). Only the low
 *  half reaches `i & mask`; a 32-bit perturb would run out of bits sooner for a negative
 *  hash and probe other slots (s.add(-1); s.add(-2) iterated {-2, -1}, CPython {-1, -2}). */
function shiftPerturb(lo: number, hi: number): number {
  return ((lo >>> PERTURB_SHIFT) | (hi << (32 - PERTURB_SHIFT))) >>> 0;
}

const table = (s: ObjSpace, so: number): number => s.i32[(so >> 2) + SET.TABLE]!;
const mask = (s: ObjSpace, so: number): number => s.i32[(so >> 2) + SET.MASK]!;
const eKey = (s: ObjSpace, e: number): number => s.i32[(e + SETENTRY.KEY) >> 2]!;
const eHash = (s: ObjSpace, e: number): number => s.i32[(e + SETENTRY.HASH) >> 2]!;

/** make_new_set (PySet_New(NULL)). New reference. */
export function setNew(s: ObjSpace): number {
  const p = s.newGcObject(TID.SET, GC_HEAD + SIZE.SET);
  const w = p >> 2;
  zeroWords(s.i32, w + 4, w + (SIZE.SET >> 2));
  s.i32[w + SET.MASK] = SET_MINSIZE - 1;
  s.i32[w + SET.TABLE] = p + SET_SMALLTABLE;
  s.i32[w + SET.HASH] = -1;
  s.gcTrack(p);
  return p;
}

/** set_clear_internal (set.clear()): the set goes back to its empty small table (no
 *  dummies left behind), then its keys are dropped, in table order. */
export function setClear(s: ObjSpace, so: number): void {
  const i32 = s.i32;
  const w = so >> 2;
  const keys: number[] = [];
  s.lockObject(so);
  try {
    const t = table(s, so), m = mask(s, so), small = so + SET_SMALLTABLE;
    for (let j = 0; j <= m; j++) {
      const k = eKey(s, t + j * SETENTRY.BYTES);
      if (k !== 0 && k !== SET_DUMMY) keys.push(k);
    }
    if (t !== small) s.free(t);
    zeroWords(i32, small >> 2, (small >> 2) + SET_MINSIZE * (SETENTRY.BYTES >> 2));
    i32[w + SET.TABLE] = small;
    i32[w + SET.MASK] = SET_MINSIZE - 1;
    i32[w + SET.FILL] = 0;
    i32[w + SET.USED] = 0;
  } finally {
    s.unlockObject(so);
  }
  for (const k of keys) s.decref(k);
}

/** set_swap_bodies, as set_intersection_update uses it: `so` takes `other`'s keys in
 *  its table order (emptied, then `other` copied in slot for slot where the sizes match). */
export function setSwapBodies(s: ObjSpace, so: number, other: number): void {
  setClear(s, so);
  setMerge(s, so, other);
}

/** PySet_GET_SIZE. */
export function setLen(s: ObjSpace, so: number): number {
  return s.i32[(so >> 2) + SET.USED]!;
}

/** set_lookkey: the entry holding `key`, or the empty entry that ends the walk (key 0). */
function lookkey(s: ObjSpace, so: number, key: number, hash: number): number {
  const m = mask(s, so);
  const t = table(s, so);
  let perturb = hash >>> 0, perturbHi = hash < 0 ? 0xffffffff : 0;
  let i = hash & m;
  for (let n = (m + 1) * 2 + 16; n > 0; n--) {
    let e = t + i * SETENTRY.BYTES;
    let probes = i + LINEAR_PROBES <= m ? LINEAR_PROBES : 0;
    do {
      const k = eKey(s, e);
      if (k === 0 && eHash(s, e) === 0) return e;
      if (eHash(s, e) === hash && (k === key || keyEq(s, k, key))) return e;
      e += SETENTRY.BYTES;
    } while (probes-- > 0);
    perturb = shiftPerturb(perturb, perturbHi);
    perturbHi >>>= PERTURB_SHIFT;
    i = (i * 5 + 1 + perturb) & m;
  }
  throw new HeapCorruption(t, "set table has no empty slot");
}

/** set_insert_clean: `key` is known to be absent and the table has no dummies. */
function insertClean(s: ObjSpace, t: number, m: number, key: number, hash: number): void {
  let perturb = hash >>> 0, perturbHi = hash < 0 ? 0xffffffff : 0;
  let i = hash & m;
  for (let n = (m + 1) * 2 + 16; n > 0; n--) {
    let e = t + i * SETENTRY.BYTES;
    if (eKey(s, e) === 0) return setEntry(s, e, key, hash);
    if (i + LINEAR_PROBES <= m) {
      for (let j = 0; j < LINEAR_PROBES; j++) {
        e += SETENTRY.BYTES;
        if (eKey(s, e) === 0) return setEntry(s, e, key, hash);
      }
    }
    perturb = shiftPerturb(perturb, perturbHi);
    perturbHi >>>= PERTURB_SHIFT;
    i = (i * 5 + 1 + perturb) & m;
  }
  throw new HeapCorruption(t, "set table has no empty slot");
}

function setEntry(s: ObjSpace, e: number, key: number, hash: number): void {
  s.i32[(e + SETENTRY.KEY) >> 2] = key;
  s.i32[(e + SETENTRY.HASH) >> 2] = hash;
}

/** set_table_resize. Throws HeapExhausted with the set unchanged. */
function tableResize(s: ObjSpace, so: number, minused: number): void {
  const w = so >> 2;
  const i32 = s.i32;
  let newsize = SET_MINSIZE;
  while (newsize <= minused) newsize <<= 1;
  const small = so + SET_SMALLTABLE;
  const oldmask = mask(s, so);
  const oldtable = table(s, so);
  const oldMalloced = oldtable !== small;
  let newtable: number;
  let smallCopy: Int32Array | null = null;
  if (newsize === SET_MINSIZE) {
    newtable = small;
    if (newtable === oldtable) {
      if (i32[w + SET.FILL] === i32[w + SET.USED]) return; // no dummies: nothing to do
      // Rebuilding the smalltable in place: read the entries from a copy (small_copy).
      smallCopy = i32.slice(small >> 2, (small >> 2) + SET_MINSIZE * (SETENTRY.BYTES >> 2));
    }
  } else {
    newtable = s.malloc(newsize * SETENTRY.BYTES);
  }
  i32.fill(0, newtable >> 2, (newtable >> 2) + newsize * (SETENTRY.BYTES >> 2));
  i32[w + SET.MASK] = newsize - 1;
  i32[w + SET.TABLE] = newtable;
  i32[w + SET.FILL] = i32[w + SET.USED]!; // dummies are not copied
  const stride = SETENTRY.BYTES >> 2;
  for (let j = 0; j <= oldmask; j++) {
    const k = smallCopy !== null ? smallCopy[j * stride]! : eKey(s, oldtable + j * SETENTRY.BYTES);
    if (k === 0 || k === SET_DUMMY) continue;
    const h = smallCopy !== null ? smallCopy[j * stride + (SETENTRY.HASH >> 2)]! : eHash(s, oldtable + j * SETENTRY.BYTES);
    insertClean(s, newtable, newsize - 1, k, h);
  }
  if (oldMalloced) s.free(oldtable);
}

/** set_add_entry. Consumes the reference to `key` (also on HeapExhausted). */
function addEntry(s: ObjSpace, so: number, key: number, hash: number): void {
  const w = so >> 2;
  const i32 = s.i32;
  const m = mask(s, so);
  const t = table(s, so);
  let perturb = hash >>> 0, perturbHi = hash < 0 ? 0xffffffff : 0;
  let i = hash & m;
  let freeslot = 0;
  for (let n = (m + 1) * 2 + 16; n > 0; n--) {
    let e = t + i * SETENTRY.BYTES;
    let probes = i + LINEAR_PROBES <= m ? LINEAR_PROBES : 0;
    do {
      const h = eHash(s, e);
      const k = eKey(s, e);
      if (h === 0 && k === 0) {
        // found_unused_or_dummy
        if (freeslot !== 0) {
          i32[w + SET.USED] = i32[w + SET.USED]! + 1;
          setEntry(s, freeslot, key, hash);
          return;
        }
        i32[w + SET.FILL] = i32[w + SET.FILL]! + 1;
        i32[w + SET.USED] = i32[w + SET.USED]! + 1;
        setEntry(s, e, key, hash);
        if (i32[w + SET.FILL]! * 5 < m * 3) return;
        const used = i32[w + SET.USED]!;
        try {
          tableResize(s, so, used > 50000 ? used * 2 : used * 4);
        } catch (err) {
          // Undo the insert: the set must come out as it went in.
          setEntry(s, e, 0, 0);
          i32[w + SET.FILL] = i32[w + SET.FILL]! - 1;
          i32[w + SET.USED] = used - 1;
          s.decref(key);
          throw err;
        }
        return;
      }
      if (h === hash) {
        if (k === key || keyEq(s, k, key)) {
          s.decref(key); // found_active
          return;
        }
      } else if (h === -1) {
        freeslot = e;
      }
      e += SETENTRY.BYTES;
    } while (probes-- > 0);
    perturb = shiftPerturb(perturb, perturbHi);
    perturbHi >>>= PERTURB_SHIFT;
    i = (i * 5 + 1 + perturb) & m;
  }
  throw new HeapCorruption(t, "set table has no empty slot");
}

/** The keys of `so` stored with hash `hash` (new references), in probe order, read in its
 *  critical section: those set_lookkey compares a key of that hash with. */
function hashMatches(s: ObjSpace, so: number, hash: number): number[] {
  const out: number[] = [];
  s.lockObject(so);
  try {
    const m = mask(s, so);
    const t = table(s, so);
    let perturb = hash >>> 0, perturbHi = hash < 0 ? 0xffffffff : 0;
    let i = hash & m;
    walk: for (let n = (m + 1) * 2 + 16; n > 0; n--) {
      let e = t + i * SETENTRY.BYTES;
      let probes = i + LINEAR_PROBES <= m ? LINEAR_PROBES : 0;
      do {
        const k = eKey(s, e);
        if (k === 0 && eHash(s, e) === 0) break walk;
        if (k !== SET_DUMMY && k !== 0 && eHash(s, e) === hash && !out.includes(k)) { // (a walk may pass an entry twice)
          s.incref(k);
          out.push(k);
        }
        e += SETENTRY.BYTES;
      } while (probes-- > 0);
      perturb = shiftPerturb(perturb, perturbHi);
      perturbHi >>>= PERTURB_SHIFT;
      i = (i * 5 + 1 + perturb) & m;
    }
  } finally {
    s.unlockObject(so);
  }
  return out;
}

/** `so`'s keys (new references, read in its critical section), if one of them may compare
 *  by a Python __eq__ (maybeUserKey); else null. */
function userKeysOf(s: ObjSpace, so: number): number[] | null {
  s.lockObject(so);
  try {
    const t = table(s, so), m = mask(s, so);
    let any = false;
    for (let j = 0; j <= m && !any; j++) {
      const k = eKey(s, t + j * SETENTRY.BYTES);
      any = k !== 0 && k !== SET_DUMMY && maybeUserKey(s, k);
    }
    if (!any) return null;
    const keys: number[] = [];
    for (let j = 0; j <= m; j++) {
      const k = eKey(s, t + j * SETENTRY.BYTES);
      if (k === 0 || k === SET_DUMMY) continue;
      s.incref(k);
      keys.push(k);
    }
    return keys;
  } finally {
    s.unlockObject(so);
  }
}

/** PySet_Add: increfs `key`. Throws PyError (unhashable) or HeapExhausted. */
export function setAdd(s: ObjSpace, so: number, key: number): void {
  const hash = hash32(s, key);
  if (s.keyHooks !== null && maybeUserKey(s, key)) keyed(s, key, () => hashMatches(s, so, hash), (k) => addKnownHash(s, so, k, hash));
  else addKnownHash(s, so, key, hash);
}

function addKnownHash(s: ObjSpace, so: number, key: number, hash: number): void {
  s.incref(key);
  // In the set's critical section (critical.ts); the caller holds `key`, so a duplicate's
  // decref inside cannot be its last.
  s.lockObject(so);
  try {
    addEntry(s, so, key, hash);
  } finally {
    s.unlockObject(so);
  }
}

/** set_merge (set_update_internal with a set): every key of `other` into `so`, increfed,
 *  as CPython does it, so the result iterates in CPython's order: one resize first for
 *  all of them, then the table copied slot for slot (`so` empty, the same size, `other`
 *  without dummies), or set_insert_clean (`so` empty), or set_add_entry. Throws
 *  HeapExhausted from the resize with `so` unchanged. */
export function setMerge(s: ObjSpace, so: number, other: number): void {
  if (so === other) return;
  if (s.keyHooks !== null && s.i32[(so >> 2) + SET.USED]! > 0) {
    // A key of `other` may equal one of `so` by a Python __eq__, which cannot run in the
    // critical sections: each is added as set.add adds it.
    const keys = userKeysOf(s, other);
    if (keys !== null) {
      try {
        for (const k of keys) setAdd(s, so, k);
      } finally {
        for (const k of keys) s.decref(k);
      }
      return;
    }
  }
  lock2(s, so, other);
  try {
    const i32 = s.i32, w = so >> 2, ow = other >> 2;
    const oused = i32[ow + SET.USED]!;
    if (oused === 0) return;
    if ((i32[w + SET.FILL]! + oused) * 5 >= mask(s, so) * 3) tableResize(s, so, (i32[w + SET.USED]! + oused) * 2);
    const t = table(s, so), m = mask(s, so), ot = table(s, other), om = mask(s, other);
    const empty = i32[w + SET.FILL] === 0;
    const copy = empty && m === om && i32[ow + SET.FILL] === oused;
    if (empty) {
      i32[w + SET.FILL] = oused;
      i32[w + SET.USED] = oused;
    }
    for (let j = 0; j <= om; j++) {
      const e = ot + j * SETENTRY.BYTES, k = eKey(s, e);
      if (k === 0 || k === SET_DUMMY) continue;
      s.incref(k);
      if (copy) setEntry(s, t + j * SETENTRY.BYTES, k, eHash(s, e));
      else if (empty) insertClean(s, t, m, k, eHash(s, e));
      else addEntry(s, so, k, eHash(s, e)); // consumes the reference
    }
  } finally {
    unlock2(s, so, other);
  }
}

/** PySet_Contains. */
export function setContains(s: ObjSpace, so: number, key: number): boolean {
  const hash = hash32(s, key);
  if (s.keyHooks !== null && maybeUserKey(s, key)) return keyed(s, key, () => hashMatches(s, so, hash), (k) => containsKnownHash(s, so, k, hash));
  return containsKnownHash(s, so, key, hash);
}

function containsKnownHash(s: ObjSpace, so: number, key: number, hash: number): boolean {
  s.lockObject(so);
  const found = eKey(s, lookkey(s, so, key, hash)) !== 0;
  s.unlockObject(so);
  return found;
}

/** PySet_Discard (set_discard_entry): true iff the key was there. */
export function setDiscard(s: ObjSpace, so: number, key: number): boolean {
  const hash = hash32(s, key);
  if (s.keyHooks !== null && maybeUserKey(s, key)) return keyed(s, key, () => hashMatches(s, so, hash), (k) => discardKnownHash(s, so, k, hash));
  return discardKnownHash(s, so, key, hash);
}

function discardKnownHash(s: ObjSpace, so: number, key: number, hash: number): boolean {
  s.lockObject(so);
  const e = lookkey(s, so, key, hash);
  const old = eKey(s, e);
  if (old !== 0) {
    setEntry(s, e, SET_DUMMY, -1);
    s.i32[(so >> 2) + SET.USED] = s.i32[(so >> 2) + SET.USED]! - 1;
  }
  s.unlockObject(so);
  if (old === 0) return false;
  s.decref(old);
  return true;
}

/** The first table position >= pos holding a key, or -1 (set_next). */
export function setNextIndex(s: ObjSpace, so: number, pos: number): number {
  const m = mask(s, so);
  const t = table(s, so);
  for (let i = pos; i <= m; i++) {
    const k = eKey(s, t + i * SETENTRY.BYTES);
    if (k !== 0 && k !== SET_DUMMY) return i;
  }
  return -1;
}

/** The key at table position i (borrowed). */
export function setKeyAt(s: ObjSpace, so: number, i: number): number {
  return eKey(s, table(s, so) + i * SETENTRY.BYTES);
}

/** set.__sizeof__ + the GC head. */
export function setSizeof(s: ObjSpace, so: number): number {
  const t = table(s, so);
  return GC_HEAD + SIZE.SET + (t !== so + SET_SMALLTABLE ? (mask(s, so) + 1) * SETENTRY.BYTES : 0);
}

/** set_dealloc, phase 1: drop the keys (backwards, so the stack frees them in table order). */
export function setClearForDealloc(s: ObjSpace, so: number): void {
  clearWeakrefs(s, so);
  s.gcUntrack(so);
  s.pushRelease(so);
  const t = table(s, so);
  for (let i = mask(s, so); i >= 0; i--) {
    const k = eKey(s, t + i * SETENTRY.BYTES);
    if (k !== 0 && k !== SET_DUMMY) s.decref(k);
  }
}

/** set_dealloc, phase 2. */
export function setRelease(s: ObjSpace, so: number): void {
  const t = table(s, so);
  if (t !== so + SET_SMALLTABLE) s.free(t);
  s.retire(so);
  s.free(so - GC_HEAD);
}
