/**
 * list (Objects/listobject.c, 3.11).
 *
 *   PyListObject, 16 (GC head) + 40 bytes          ob_item: a separate block of
 *   ┌──────────┬─────────────┬─────────┬─────────┬───────────┐   8 · allocated bytes (CPython's
 *   │ PyGC_Head│ header 16 B │ ob_size │ ob_item │ allocated │   pointer size, so pymalloc sees
 *   └──────────┴─────────────┴─────────┴─────────┴───────────┘   CPython's requests); we store
 *    -16        0             16        24        32             4-byte pointers in its front half
 *
 * Over-allocation is list_resize's: new_allocated = (n + (n >> 3) + 6) & ~3, so appending
 * gives capacities 0, 4, 8, 16, 24, 32, 40, 52, ... Free list: up to 80 list objects (not
 * their item blocks), a stack in the object globals.
 *
 * Every way of building a list allocates its item array as CPython 3.11's own path does, so
 * getsizeof, sys._debugmallocstats and tracemalloc see CPython's requests in CPython's order:
 *
 *   PyList_New(n)            exactly n (BUILD_LIST, str.split's 12 slots)
 *   list_new_prealloc(n)     exactly n: slices, list.copy, +, * (listGetSlice, listConcat, listRepeat)
 *   list_preallocate_exact   n rounded up to even: extend of a list whose ob_item is NULL
 *   list_resize              the growth formula: append, insert, extend of a non-empty list,
 *                            *=, slice assignment; a shrink below half reallocates
 *   _list_clear              frees the array (ob_item NULL again): clear(), emptying by slice
 *                            deletion or assignment, *= 0. list_resize(0) (pop() of the last
 *                            item) keeps a 0-byte block instead, so the next extend grows by
 *                            the formula, not exactly
 *
 * list_extend's iterator path (a length hint, then a final shrink) needs the interpreter and
 * is Interp.listExtendAny.
 *
 * Threads (critical.ts): mutations and listGetRef run inside the list's critical section
 * (a no-op under the GIL); a dropped item is decref'd after it. listGet is a borrowed,
 * unlocked read (PyList_GET_ITEM), for code that owns the list or holds the GIL.
 */
import { HeapExhausted } from "../errors.js";
import { PyError } from "./errors.js";
import { lock2, unlock2 } from "./critical.js";
import { GC_HEAD, LIST, LIST_MAXFREELIST, OBJ, SIZE, TID, TUPLE, zeroWords } from "./layout.js";
import type { ObjSpace } from "./space.js";
import { copyWords } from "../heap/words.js";

const PTR = 8; // sizeof(PyObject *) in the CPython being modelled

/** The most items an item array may have. CPython refuses more than PY_SSIZE_T_MAX /
 *  sizeof(PyObject *) with MemoryError (list_resize, PyMem_New); no heap here (31-bit
 *  offsets) holds 2**28 pointers, and past that list_resize's 32-bit arithmetic would
 *  wrap, so a larger count is refused the same way before it reaches the allocator. */
const MAX_ITEMS = 0x0fffffff;

const PY_SSIZE_T_MAX = 2 ** 63 - 1;

/** PyErr_NoMemory for an item array of `n` slots. */
function noMemory(n: number): HeapExhausted {
  return new HeapExhausted(n * PTR, "raw");
}

/** PyList_New's object part: the free list, else PyObject_GC_New. */
function listAlloc(s: ObjSpace): number {
  const i32 = s.i32;
  const n = i32[s.fl + OBJ.LIST_NUMFREE]!;
  if (n > 0) {
    i32[s.fl + OBJ.LIST_NUMFREE] = n - 1;
    const p = i32[s.fl + OBJ.LIST_FREE + n - 1]!;
    s.revive(p, TID.LIST, true);
    return p;
  }
  return s.newGcObject(TID.LIST, GC_HEAD + SIZE.LIST);
}

/** Give a list object (its items already freed) back: the free list, else PyObject_GC_Del. */
function listFreeObject(s: ObjSpace, p: number): void {
  s.retire(p);
  const i32 = s.i32;
  const n = i32[s.fl + OBJ.LIST_NUMFREE]!;
  if (n < LIST_MAXFREELIST && s.freeLists) {
    i32[s.fl + OBJ.LIST_FREE + n] = p;
    i32[s.fl + OBJ.LIST_NUMFREE] = n + 1;
    return;
  }
  s.free(p - GC_HEAD);
}

/** list(...)'s object (listobject.c: list_vectorcall): PyType_GenericAlloc, a fresh block
 *  and never the free list (only PyList_New takes from it), empty and tracked. New
 *  reference. */
export function listGenericNew(s: ObjSpace): number {
  const p = s.newGcObject(TID.LIST, GC_HEAD + SIZE.LIST);
  zeroWords(s.i32, (p >> 2) + LIST.SIZE, (p >> 2) + (SIZE.LIST >> 2));
  s.gcTrack(p);
  return p;
}

/** PyList_New: a list of n NULL items (allocated exactly n), to be filled with
 *  listSetItem. New reference. */
export function listNew(s: ObjSpace, n: number): number {
  const p = listAlloc(s);
  const w = p >> 2;
  let items = 0;
  if (n > 0) {
    try {
      items = s.malloc(n * PTR);
    } catch (e) {
      s.i32[w + LIST.SIZE] = 0;
      s.i32[w + LIST.ITEMS] = 0;
      listFreeObject(s, p);
      throw e;
    }
    zeroWords(s.i32, items >> 2, (items >> 2) + n);
  }
  s.i32[w + LIST.SIZE] = n;
  s.i32[w + LIST.ITEMS] = items;
  s.i32[w + LIST.ALLOCATED] = n;
  s.gcTrack(p);
  return p;
}

/** PyList_GET_SIZE. */
export function listLen(s: ObjSpace, l: number): number {
  return s.i32[(l >> 2) + LIST.SIZE]!;
}

/** self->allocated. */
export function listAllocated(s: ObjSpace, l: number): number {
  return s.i32[(l >> 2) + LIST.ALLOCATED]!;
}

/** PyList_GET_ITEM: borrowed reference; the caller checks 0 <= i < len. */
export function listGet(s: ObjSpace, l: number, i: number): number {
  return s.i32[(s.i32[(l >> 2) + LIST.ITEMS]! >> 2) + i]!;
}

/** PyList_GetItemRef (3.13): item `i` as a new reference, or 0 if `i` is out of range
 *  (negative indexes are not adjusted). In the list's critical section. */
export function listGetRef(s: ObjSpace, l: number, i: number): number {
  s.lockObject(l);
  const w = l >> 2;
  let v = 0;
  if (i >= 0 && i < s.i32[w + LIST.SIZE]!) {
    v = s.i32[(s.i32[w + LIST.ITEMS]! >> 2) + i]!;
    s.incref(v);
  }
  s.unlockObject(l);
  return v;
}

/** PyList_SetItem: steals `v`, drops the old item (after the critical section). */
export function listSetItem(s: ObjSpace, l: number, i: number, v: number): void {
  const w = l >> 2;
  s.lockObject(l);
  if (i < 0 || i >= s.i32[w + LIST.SIZE]!) {
    s.unlockObject(l);
    s.xdecref(v);
    throw new PyError("IndexError", "list assignment index out of range");
  }
  const slot = (s.i32[w + LIST.ITEMS]! >> 2) + i;
  const old = s.i32[slot]!;
  s.i32[slot] = v;
  s.unlockObject(l);
  s.xdecref(old);
}

/** listobject.c: list_resize. Sets ob_size; reallocates ob_item when the new size is
 *  above `allocated` or below half of it. Throws HeapExhausted leaving the list as it was. */
export function listResize(s: ObjSpace, l: number, newsize: number): void {
  const w = l >> 2;
  const i32 = s.i32;
  const allocated = i32[w + LIST.ALLOCATED]!;
  if (allocated >= newsize && newsize >= allocated >> 1) {
    i32[w + LIST.SIZE] = newsize;
    return;
  }
  if (newsize > MAX_ITEMS) throw noMemory(newsize);
  // Over-allocate proportionally to the list size, making room for additional growth.
  let newAllocated = (newsize + (newsize >> 3) + 6) & ~3;
  // Do not overallocate if the new size is closer to the overallocated size than to the old size.
  if (newsize - i32[w + LIST.SIZE]! > newAllocated - newsize) newAllocated = (newsize + 3) & ~3;
  if (newsize === 0) newAllocated = 0;
  let items: number;
  try {
    items = s.realloc(i32[w + LIST.ITEMS]!, newAllocated * PTR);
  } catch (e) {
    if (newsize > allocated) throw e;
    // Shrinking may move the block (pymalloc_realloc) and so can fail in a full heap;
    // the old block is still big enough, so keep it.
    i32[w + LIST.SIZE] = newsize;
    return;
  }
  i32[w + LIST.ITEMS] = items;
  i32[w + LIST.SIZE] = newsize;
  i32[w + LIST.ALLOCATED] = newAllocated;
}

/** listobject.c: list_preallocate_exact (3.11): a list whose ob_item is NULL about to
 *  receive n > 0 items gets exactly n slots, rounded up to even (pymalloc's 16-byte
 *  granularity makes the odd one free); ob_size is left as it was. */
export function listPreallocateExact(s: ObjSpace, l: number, n: number): void {
  if (n > MAX_ITEMS) throw noMemory(n);
  const size = (n + 1) & ~1;
  const items = s.malloc(size * PTR);
  const w = l >> 2;
  s.i32[w + LIST.ITEMS] = items;
  s.i32[w + LIST.ALLOCATED] = size;
}

/** PyList_Append: increfs `v`. */
export function listAppend(s: ObjSpace, l: number, v: number): void {
  const w = l >> 2;
  const i32 = s.i32;
  s.lockObject(l);
  const n = i32[w + LIST.SIZE]!;
  if (i32[w + LIST.ALLOCATED]! > n) {
    // _PyList_AppendTakeRef's fast path
    i32[w + LIST.SIZE] = n + 1;
  } else {
    try {
      listResize(s, l, n + 1);
    } catch (e) {
      s.unlockObject(l);
      throw e;
    }
  }
  s.incref(v);
  i32[(i32[w + LIST.ITEMS]! >> 2) + n] = v;
  s.unlockObject(l);
}

/** PyList_Insert (listobject.c: ins1): increfs `v`. `where` is clamped as list.insert does. */
export function listInsert(s: ObjSpace, l: number, where: number, v: number): void {
  s.lockObject(l);
  try {
    insertLocked(s, l, where, v);
  } finally {
    s.unlockObject(l);
  }
}

function insertLocked(s: ObjSpace, l: number, where: number, v: number): void {
  const w = l >> 2;
  const n = s.i32[w + LIST.SIZE]!;
  listResize(s, l, n + 1);
  if (where < 0) {
    where += n;
    if (where < 0) where = 0;
  }
  if (where > n) where = n;
  const items = s.i32[w + LIST.ITEMS]! >> 2;
  copyWords(s.i32, items + where + 1, items + where, items + n);
  s.incref(v);
  s.i32[items + where] = v;
}

/** list.pop([index]) (listobject.c: list_pop_impl, 3.11). Returns the item (a new
 *  reference: the list's reference is handed over). */
export function listPop(s: ObjSpace, l: number, index: number = -1): number {
  s.lockObject(l);
  try {
    return popLocked(s, l, index);
  } finally {
    s.unlockObject(l);
  }
}

function popLocked(s: ObjSpace, l: number, index: number): number {
  const w = l >> 2;
  const n = s.i32[w + LIST.SIZE]!;
  if (n === 0) throw new PyError("IndexError", "pop from empty list");
  if (index < 0) index += n;
  if (index < 0 || index >= n) throw new PyError("IndexError", "pop index out of range");
  const items = s.i32[w + LIST.ITEMS]! >> 2;
  const v = s.i32[items + index]!;
  if (index !== n - 1) {
    // list_ass_slice(self, index, index + 1, NULL): close the gap, then shrink.
    copyWords(s.i32, items + index, items + index + 1, items + n);
  }
  listResize(s, l, n - 1);
  return v;
}

/** `del l[i]` (listobject.c: list_ass_item with NULL, that is list_ass_slice(a, i, i + 1,
 *  NULL)), in the list's critical section, `i` taken against the length there (a negative
 *  one from the end); the item is dropped after it. Deleting the only item empties the
 *  list as _list_clear does (the item array freed, ob_item NULL), where pop() keeps a
 *  0-byte block. */
export function listDelAt(s: ObjSpace, l: number, i: number): void {
  s.lockObject(l);
  let r: Removed;
  try {
    const n = s.i32[(l >> 2) + LIST.SIZE]!;
    if (i < 0) i += n;
    if (i < 0 || i >= n) throw new PyError("IndexError", "list assignment index out of range");
    r = assSliceLocked(s, l, i, i + 1, 0);
  } finally {
    s.unlockObject(l);
  }
  dropRemoved(s, r);
}

/** What a slice deletion or assignment leaves for after the critical section: the removed
 *  items (the list's references) to drop, the last first or the first first, then `block`
 *  to free (list_ass_slice's recycle array, the deletion's garbage array, or the item
 *  array _list_clear took; 0 for none). */
class Removed {
  constructor(readonly items: Int32Array, readonly lastFirst: boolean, readonly block: number) {}
}

const NOTHING_REMOVED = new Removed(new Int32Array(0), true, 0);

function dropRemoved(s: ObjSpace, r: Removed): void {
  const items = r.items;
  if (r.lastFirst) for (let k = items.length - 1; k >= 0; k--) s.xdecref(items[k]!);
  else for (let k = 0; k < items.length; k++) s.xdecref(items[k]!);
  if (r.block !== 0) s.free(r.block);
}

/** listobject.c: list_ass_slice — a[ilow:ihigh] = v, where v is 0 (del a[ilow:ihigh]) or a
 *  list or tuple other than `a` (what PySequence_Fast gave the caller; a[i:j] = a assigns a
 *  copy, as there), in the critical sections of both. The bounds are clamped to the length
 *  there. Throws HeapExhausted with the list unchanged. */
export function listAssSlice(s: ObjSpace, a: number, ilow: number, ihigh: number, v: number): void {
  const other = v === 0 ? a : v;
  lock2(s, a, other);
  let r: Removed;
  try {
    r = assSliceLocked(s, a, ilow, ihigh, v);
  } finally {
    unlock2(s, a, other);
  }
  dropRemoved(s, r);
}

/** list_ass_slice's work. A list left empty is _list_clear'ed (its item array freed);
 *  otherwise the removed items are set aside, in a PyMem_Malloc'd recycle array when there
 *  are more than 8 (the size of CPython's buffer on the C stack), the tail moves, the list
 *  is list_resize'd and v's items go in. */
function assSliceLocked(s: ObjSpace, a: number, ilow: number, ihigh: number, v: number): Removed {
  const i32 = s.i32;
  const w = a >> 2;
  const size = i32[w + LIST.SIZE]!;
  const vList = v !== 0 && s.typeId(v) === TID.LIST;
  const n = v === 0 ? 0 : vList ? i32[(v >> 2) + LIST.SIZE]! : i32[(v >> 2) + TUPLE.SIZE]!;
  if (ilow < 0) ilow = 0;
  else if (ilow > size) ilow = size;
  if (ihigh < ilow) ihigh = ilow;
  else if (ihigh > size) ihigh = size;
  const norig = ihigh - ilow;
  const d = n - norig;
  if (size + d === 0) {
    // _list_clear: the list is empty first, its items dropped after (from the last).
    const old = i32[w + LIST.ITEMS]!;
    if (old === 0) return NOTHING_REMOVED;
    i32[w + LIST.SIZE] = 0;
    i32[w + LIST.ITEMS] = 0;
    i32[w + LIST.ALLOCATED] = 0;
    return new Removed(i32.slice(old >> 2, (old >> 2) + size), true, old);
  }
  const recycle = norig > 8 ? s.malloc(norig * PTR) : 0;
  let items = i32[w + LIST.ITEMS]! >> 2;
  const removed = i32.slice(items + ilow, items + ihigh);
  if (recycle !== 0) copyWords(i32, recycle >> 2, items + ilow, items + ihigh);
  if (d < 0) {
    // Delete -d items. A shrinking listResize does not fail (in a full heap it keeps the
    // old block), so nothing has to be put back.
    copyWords(i32, items + ihigh + d, items + ihigh, items + size);
    listResize(s, a, size + d);
    items = i32[w + LIST.ITEMS]! >> 2;
  } else if (d > 0) {
    // Insert d items.
    try {
      listResize(s, a, size + d);
    } catch (e) {
      if (recycle !== 0) s.free(recycle);
      throw e;
    }
    items = i32[w + LIST.ITEMS]! >> 2;
    copyWords(i32, items + ihigh + d, items + ihigh, items + size);
  }
  if (n > 0) {
    const src = vList ? i32[(v >> 2) + LIST.ITEMS]! >> 2 : (v >> 2) + TUPLE.ITEMS;
    for (let k = 0; k < n; k++) {
      const x = i32[src + k]!;
      s.incref(x);
      i32[items + ilow + k] = x;
    }
  }
  return new Removed(removed, true, recycle);
}

/** `del l[slice]` (listobject.c: list_ass_subscript with NULL), in the list's critical
 *  section: `bounds` gives [start, step, count] for the length there (PySlice_AdjustIndices),
 *  as 3.13t unpacks the slice under the lock. A step of 1 is list_ass_slice. Any other
 *  step collects the removed items in a PyMem_Malloc'd garbage array while closing the
 *  gaps, sets ob_size and list_resize's to it (to 0 that keeps a 0-byte block); after the
 *  critical section the items are dropped from the lowest index up, then the garbage
 *  array is freed. */
export function listDelSlice(s: ObjSpace, l: number, bounds: (len: number) => readonly [number, number, number]): void {
  const i32 = s.i32;
  const w = l >> 2;
  s.lockObject(l);
  let r: Removed;
  try {
    const size = i32[w + LIST.SIZE]!;
    let [start, step, n] = bounds(size);
    if (n <= 0) {
      r = NOTHING_REMOVED;
    } else if (step === 1) {
      r = assSliceLocked(s, l, start, start + n, 0);
    } else {
      if (step < 0) {
        // The same items, from the lowest index up.
        start += step * (n - 1);
        step = -step;
      }
      const garbage = s.malloc(n * PTR);
      const items = i32[w + LIST.ITEMS]! >> 2;
      const removed = new Int32Array(n);
      // Each removed item's gap closes as the walk goes: kept items move down by the
      // number removed below them.
      let to = items + start;
      for (let k = 0; k < n; k++) {
        const at = items + start + k * step;
        removed[k] = i32[at]!;
        const nextRemoved = k + 1 < n ? at + step : items + size;
        copyWords(i32, to, at + 1, nextRemoved);
        to += nextRemoved - (at + 1);
      }
      i32.set(removed, garbage >> 2);
      i32[w + LIST.SIZE] = size - n;
      listResize(s, l, size - n);
      r = new Removed(removed, false, garbage);
    }
  } finally {
    s.unlockObject(l);
  }
  dropRemoved(s, r);
}

/** Extended slice assignment (listobject.c: list_ass_subscript, a step other than 1):
 *  `seq` (a list or tuple other than `l`, PySequence_Fast's result) replaces the `n`
 *  items at start, start + step, ...; `bounds` as for listDelSlice. The replaced items go
 *  to a PyMem_Malloc'd garbage array and are dropped after the critical section, in
 *  order, then the array is freed. A length other than the slice's is CPython's
 *  ValueError. */
export function listAssExtSlice(s: ObjSpace, l: number, bounds: (len: number) => readonly [number, number, number], seq: number): void {
  const i32 = s.i32;
  lock2(s, l, seq);
  let r: Removed;
  try {
    const [start, step, n] = bounds(i32[(l >> 2) + LIST.SIZE]!);
    const seqList = s.typeId(seq) === TID.LIST;
    const m = seqList ? i32[(seq >> 2) + LIST.SIZE]! : i32[(seq >> 2) + TUPLE.SIZE]!;
    if (m !== n) throw new PyError("ValueError", `attempt to assign sequence of size ${m} to extended slice of size ${n}`);
    if (n === 0) {
      r = NOTHING_REMOVED;
    } else {
      const garbage = s.malloc(n * PTR);
      const items = i32[(l >> 2) + LIST.ITEMS]! >> 2;
      const src = seqList ? i32[(seq >> 2) + LIST.ITEMS]! >> 2 : (seq >> 2) + TUPLE.ITEMS;
      const removed = new Int32Array(n);
      for (let k = 0, at = items + start; k < n; k++, at += step) {
        removed[k] = i32[at]!;
        const x = i32[src + k]!;
        s.incref(x);
        i32[at] = x;
      }
      i32.set(removed, garbage >> 2);
      r = new Removed(removed, false, garbage);
    }
  } finally {
    unlock2(s, l, seq);
  }
  dropRemoved(s, r);
}

/** listobject.c: _list_clear (list.clear()). */
export function listClear(s: ObjSpace, l: number): void {
  s.lockObject(l);
  const r = clearLocked(s, l);
  s.unlockObject(l);
  dropRemoved(s, r);
}

/** _list_clear's work: the list is set empty first (a decref after may run code that looks
 *  at it), its items are dropped from the last and then the array freed. */
function clearLocked(s: ObjSpace, l: number): Removed {
  const i32 = s.i32;
  const w = l >> 2;
  const items = i32[w + LIST.ITEMS]!;
  if (items === 0) return NOTHING_REMOVED;
  const size = i32[w + LIST.SIZE]!;
  i32[w + LIST.SIZE] = 0;
  i32[w + LIST.ITEMS] = 0;
  i32[w + LIST.ALLOCATED] = 0;
  return new Removed(i32.slice(items >> 2, (items >> 2) + size), true, items);
}

/** list_new_prealloc: PyList_New(0), then an item array of exactly `size` (> 0) slots;
 *  ob_size stays 0 for the caller to set once it has copied the items in. */
function listNewPrealloc(s: ObjSpace, size: number): number {
  const l = listNew(s, 0);
  let items: number;
  try {
    if (size > MAX_ITEMS) throw noMemory(size);
    items = s.malloc(size * PTR);
  } catch (e) {
    s.decref(l);
    throw e;
  }
  s.i32[(l >> 2) + LIST.ITEMS] = items;
  s.i32[(l >> 2) + LIST.ALLOCATED] = size;
  return l;
}

/** a[start::step] for `n` items (listobject.c: list_subscript with a slice, and list_slice
 *  for a step of 1, which list.copy() is for the whole list), in a's critical section with
 *  `bounds` as for listDelSlice: an empty slice is PyList_New(0), else list_new_prealloc
 *  of exactly n. New reference. */
export function listGetSlice(s: ObjSpace, a: number, bounds: (len: number) => readonly [number, number, number]): number {
  const i32 = s.i32;
  s.lockObject(a);
  try {
    const [start, step, n] = bounds(i32[(a >> 2) + LIST.SIZE]!);
    if (n <= 0) return listNew(s, 0);
    const np = listNewPrealloc(s, n);
    const src = (i32[(a >> 2) + LIST.ITEMS]! >> 2) + start;
    const dest = i32[(np >> 2) + LIST.ITEMS]! >> 2;
    for (let k = 0; k < n; k++) {
      const v = i32[src + k * step]!;
      s.incref(v);
      i32[dest + k] = v;
    }
    i32[(np >> 2) + LIST.SIZE] = n;
    return np;
  } finally {
    s.unlockObject(a);
  }
}

/** a + b for two lists (listobject.c: list_concat): PyList_New(0) when both are empty,
 *  else list_new_prealloc of exactly len(a) + len(b). New reference. */
export function listConcat(s: ObjSpace, a: number, b: number): number {
  const i32 = s.i32;
  lock2(s, a, b);
  try {
    const na = i32[(a >> 2) + LIST.SIZE]!, nb = i32[(b >> 2) + LIST.SIZE]!;
    if (na + nb === 0) return listNew(s, 0);
    const np = listNewPrealloc(s, na + nb);
    const dest = i32[(np >> 2) + LIST.ITEMS]! >> 2;
    copyItems(s, i32[(a >> 2) + LIST.ITEMS]! >> 2, dest, na);
    copyItems(s, i32[(b >> 2) + LIST.ITEMS]! >> 2, dest + na, nb);
    i32[(np >> 2) + LIST.SIZE] = na + nb;
    return np;
  } finally {
    unlock2(s, a, b);
  }
}

/** n item pointers from word src to word dest, each incref'd. */
function copyItems(s: ObjSpace, src: number, dest: number, n: number): void {
  const i32 = s.i32;
  for (let i = 0; i < n; i++) {
    const v = i32[src + i]!;
    s.incref(v);
    i32[dest + i] = v;
  }
}

/** a * n (listobject.c: list_repeat): a negative n counts as 0; an empty result is
 *  PyList_New(0), else list_new_prealloc of exactly len(a) * n (a count too large for
 *  the heap is MemoryError). New reference. */
export function listRepeat(s: ObjSpace, a: number, n: number): number {
  const i32 = s.i32;
  if (n < 0) n = 0;
  s.lockObject(a);
  try {
    const len = i32[(a >> 2) + LIST.SIZE]!;
    // Past PY_SSIZE_T_MAX CPython fails before allocating anything.
    if (n > 0 && len > PY_SSIZE_T_MAX / n) throw noMemory(len * n);
    const size = len * n;
    if (size === 0) return listNew(s, 0);
    const np = listNewPrealloc(s, size);
    const src = i32[(a >> 2) + LIST.ITEMS]! >> 2;
    const dest = i32[(np >> 2) + LIST.ITEMS]! >> 2;
    for (let k = 0; k < n; k++) copyItems(s, src, dest + k * len, len);
    i32[(np >> 2) + LIST.SIZE] = size;
    return np;
  } finally {
    s.unlockObject(a);
  }
}

/** l *= n (listobject.c: list_inplace_repeat): nothing for an empty list or n == 1,
 *  _list_clear for n < 1, else list_resize to len * n and the items copied n - 1 times
 *  (MemoryError, the list unchanged, if that is too large). */
export function listInplaceRepeat(s: ObjSpace, l: number, n: number): void {
  const i32 = s.i32;
  const w = l >> 2;
  s.lockObject(l);
  let r = NOTHING_REMOVED;
  try {
    const size = i32[w + LIST.SIZE]!;
    if (size === 0 || n === 1) return;
    if (n < 1) {
      r = clearLocked(s, l);
      return;
    }
    listResize(s, l, size * n);
    const items = i32[w + LIST.ITEMS]! >> 2;
    for (let k = 1; k < n; k++) copyItems(s, items, items + k * size, size);
  } finally {
    s.unlockObject(l);
    dropRemoved(s, r);
  }
}

/** FIX_PREALLOC_SIZE (stringlib/split.h): a list made by PyList_New(n) and filled in
 *  fewer than n slots takes its real length; `allocated` stays n. */
export function listFixSize(s: ObjSpace, l: number, n: number): void {
  s.i32[(l >> 2) + LIST.SIZE] = n;
}

/** list.extend(seq) for a list or tuple `seq` (listobject.c: list_extend's fast path):
 *  nothing for an empty seq; a list whose ob_item is NULL gets list_preallocate_exact
 *  (n rounded up to even), any other list_resize. */
export function listExtend(s: ObjSpace, l: number, seq: number): void {
  const tid = s.typeId(seq);
  if (tid !== TID.LIST && tid !== TID.TUPLE) throw new TypeError(`listExtend: a list or tuple is required, got type id ${tid}`);
  lock2(s, l, seq); // a tuple never changes: locking it is harmless
  try {
    extendLocked(s, l, seq, tid);
  } finally {
    unlock2(s, l, seq);
  }
}

function extendLocked(s: ObjSpace, l: number, seq: number, tid: number): void {
  const n = tid === TID.LIST ? listLen(s, seq) : s.i32[(seq >> 2) + TUPLE.SIZE]!;
  if (n === 0) return;
  const w = l >> 2;
  const m = s.i32[w + LIST.SIZE]!;
  if (s.i32[w + LIST.ITEMS] === 0) {
    listPreallocateExact(s, l, n);
    s.i32[w + LIST.SIZE] = n;
  } else {
    listResize(s, l, m + n);
  }
  // Read the source after resizing: for l.extend(l) the items may have moved.
  const src = tid === TID.LIST ? s.i32[(seq >> 2) + LIST.ITEMS]! >> 2 : (seq >> 2) + TUPLE.ITEMS;
  const dest = (s.i32[w + LIST.ITEMS]! >> 2) + m;
  for (let i = 0; i < n; i++) {
    const v = s.i32[src + i]!;
    s.incref(v);
    s.i32[dest + i] = v;
  }
}

/** list_dealloc, phase 1: decref the items (upwards, so the dealloc stack frees them in
 *  CPython's downward order). */
export function listClearForDealloc(s: ObjSpace, p: number): void {
  s.gcUntrack(p);
  s.pushRelease(p);
  const w = p >> 2;
  const items = s.i32[w + LIST.ITEMS]!;
  if (items === 0) return;
  s.quickPaths.dropRange(s, s.i32, items >> 2, s.i32[w + LIST.SIZE]!);
}

/** list_dealloc, phase 2: PyMem_Free(ob_item), then the free list or PyObject_GC_Del. */
export function listRelease(s: ObjSpace, p: number): void {
  const items = s.i32[(p >> 2) + LIST.ITEMS]!;
  if (items !== 0) s.free(items);
  listFreeObject(s, p);
}

/** listobject.c: _PyList_ClearFreeList. */
export function listClearFreeList(s: ObjSpace): void {
  const i32 = s.i32;
  for (let n = i32[s.fl + OBJ.LIST_NUMFREE]!; n > 0; n--) s.free(i32[s.fl + OBJ.LIST_FREE + n - 1]! - GC_HEAD);
  i32[s.fl + OBJ.LIST_NUMFREE] = 0;
}
