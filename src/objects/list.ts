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
 * Threads (critical.ts): mutations and listGetRef run inside the list's critical section
 * (a no-op under the GIL); a dropped item is decref'd after it. listGet is a borrowed,
 * unlocked read (PyList_GET_ITEM), for code that owns the list or holds the GIL.
 */
import { PyError } from "./errors.js";
import { lock2, unlock2 } from "./critical.js";
import { GC_HEAD, LIST, LIST_MAXFREELIST, OBJ, SIZE, TID, TUPLE, zeroWords } from "./layout.js";
import type { ObjSpace } from "./space.js";
import { copyWords } from "../heap/words.js";

const PTR = 8; // sizeof(PyObject *) in the CPython being modelled

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

/** listobject.c: list_preallocate_exact (an empty list about to receive n items). */
function listPreallocateExact(s: ObjSpace, l: number, n: number): void {
  const size = (n + 1) & ~1; // pymalloc's 16-byte granularity makes an odd count free
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

/** `del l[i]` (listobject.c: list_ass_item with NULL), in the list's critical section,
 *  `i` taken against the length there (a negative one from the end). Returns the item
 *  (the list's reference), for the caller to drop after the critical section. */
export function listDelAt(s: ObjSpace, l: number, i: number): number {
  s.lockObject(l);
  try {
    const n = s.i32[(l >> 2) + LIST.SIZE]!;
    if (i < 0) i += n;
    if (i < 0 || i >= n) throw new PyError("IndexError", "list assignment index out of range");
    return popLocked(s, l, i);
  } finally {
    s.unlockObject(l);
  }
}

/** `del l[slice]` (listobject.c: list_ass_subscript with NULL), in the list's critical
 *  section: `bounds` gives [start, step, count] for the length there (PySlice_AdjustIndices),
 *  as 3.13t unpacks the slice under the lock. Returns the removed items (the list's
 *  references) in the order CPython drops them after the critical section: a step of 1
 *  (list_ass_slice's recycle array) from the last, any other step (its garbage array) from
 *  the lowest index. */
export function listDelSlice(s: ObjSpace, l: number, bounds: (len: number) => readonly [number, number, number]): number[] {
  const i32 = s.i32;
  const w = l >> 2;
  s.lockObject(l);
  try {
    const size = i32[w + LIST.SIZE]!;
    let [start, step, n] = bounds(size);
    if (n <= 0) return [];
    const plain = step === 1;
    if (step < 0) {
      // The same items, from the lowest index up.
      start += step * (n - 1);
      step = -step;
    }
    const items = i32[w + LIST.ITEMS]! >> 2;
    const removed = new Array<number>(n);
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
    listResize(s, l, size - n);
    if (plain) removed.reverse();
    return removed;
  } finally {
    s.unlockObject(l);
  }
}

/** listobject.c: _list_clear (list.clear()). */
export function listClear(s: ObjSpace, l: number): void {
  const w = l >> 2;
  s.lockObject(l);
  const items = s.i32[w + LIST.ITEMS]!;
  // Set the list empty first: a decref below may run code that looks at it.
  let i = s.i32[w + LIST.SIZE]!;
  s.i32[w + LIST.SIZE] = 0;
  s.i32[w + LIST.ITEMS] = 0;
  s.i32[w + LIST.ALLOCATED] = 0;
  s.unlockObject(l);
  if (items === 0) return;
  while (--i >= 0) s.xdecref(s.i32[(items >> 2) + i]!);
  s.free(items);
}

/** list.extend(seq) for a list or tuple `seq` (listobject.c: list_extend's fast path):
 *  an empty list is allocated exactly (rounded to even), else list_resize. */
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
