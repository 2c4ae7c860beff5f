/**
 * tuple (Objects/tupleobject.c).
 *
 *   PyTupleObject, 16 (GC head) + 24 + 8·n bytes
 *   ┌──────────┬──────────────┬──────────────┬─────────┬─────────┬─────┐
 *   │ PyGC_Head│ header 16 B  │ ob_size i32  │ item[0] │ item[1] │ ... │  items: our 4-byte
 *   └──────────┴──────────────┴──────────────┴─────────┴─────────┴─────┘  pointers, packed
 *    -16        0              16             24        28                 (CPython's: 8)
 *
 * Free lists (3.11): one per size 1..20 (PyTuple_MAXSAVESIZE), up to 2000 each, linked
 * through item[0] as CPython does; heads and counts in the object globals. The empty
 * tuple is an immortal static.
 */
import { GC_HEAD, OBJ, SIZE, TID, TUPLE, TUPLE_MAXFREELIST, TUPLE_MAXSAVESIZE, zeroWords } from "./layout.js";
import type { ObjSpace } from "./space.js";

/** Bytes PyObject_GC_NewVar(PyTupleObject, n) asks for. */
export function tupleBytes(n: number): number {
  return GC_HEAD + SIZE.TUPLE_BASE + 8 * n;
}

/** tupleobject.c: tuple_alloc (maybe_freelist_pop, else PyObject_GC_NewVar). n > 0. */
function tupleAlloc(s: ObjSpace, n: number): number {
  const i32 = s.i32;
  if (n <= TUPLE_MAXSAVESIZE) {
    const p = i32[s.fl + OBJ.TUPLE_FREE + n - 1]!;
    if (p !== 0) {
      i32[s.fl + OBJ.TUPLE_FREE + n - 1] = i32[(p >> 2) + TUPLE.ITEMS]!;
      i32[s.fl + OBJ.TUPLE_NUMFREE + n - 1] = i32[s.fl + OBJ.TUPLE_NUMFREE + n - 1]! - 1;
      s.revive(p, TID.TUPLE, true);
      return p;
    }
  }
  const p = s.newGcObject(TID.TUPLE, tupleBytes(n));
  s.i32[(p >> 2) + TUPLE.SIZE] = n;
  return p;
}

/** PyTuple_New: n NULL items, to be filled with tupleInit before anyone sees the tuple.
 *  New reference; n == 0 gives the immortal empty tuple. */
export function tupleNew(s: ObjSpace, n: number): number {
  if (n === 0) return s.emptyTuple;
  const p = tupleAlloc(s, n);
  const w = (p >> 2) + TUPLE.ITEMS;
  zeroWords(s.i32, w, w + n);
  s.gcTrack(p);
  return p;
}

/** PyTuple_SET_ITEM on a new tuple: steals the reference to `v`. */
export function tupleInit(s: ObjSpace, t: number, i: number, v: number): void {
  s.i32[(t >> 2) + TUPLE.ITEMS + i] = v;
}

/** PyTuple_GET_ITEM: borrowed reference; no bounds check. */
export function tupleGet(s: ObjSpace, t: number, i: number): number {
  return s.i32[(t >> 2) + TUPLE.ITEMS + i]!;
}

/** PyTuple_GET_SIZE. */
export function tupleLen(s: ObjSpace, t: number): number {
  return s.i32[(t >> 2) + TUPLE.SIZE]!;
}

/** _PyTuple_FromArray: a tuple of the first n pointers (each increfed). New reference. */
export function tupleFromArray(s: ObjSpace, items: ArrayLike<number>, n: number = items.length): number {
  if (n === 0) return s.emptyTuple;
  const p = tupleAlloc(s, n);
  const w = (p >> 2) + TUPLE.ITEMS;
  for (let i = 0; i < n; i++) {
    const v = items[i]!;
    s.incref(v);
    s.i32[w + i] = v;
  }
  s.gcTrack(p);
  return p;
}

/** PyTuple_Pack(2, a, b). New reference. */
export function tuplePack2(s: ObjSpace, a: number, b: number): number {
  const p = tupleAlloc(s, 2);
  const w = (p >> 2) + TUPLE.ITEMS;
  s.incref(a);
  s.incref(b);
  s.i32[w] = a;
  s.i32[w + 1] = b;
  s.gcTrack(p);
  return p;
}

/** tupledealloc, phase 1: decref the items. CPython decrefs from the last item down, each
 *  freed depth-first; we decref upwards so the LIFO dealloc stack frees in CPython's order. */
export function tupleClear(s: ObjSpace, p: number): void {
  s.gcUntrack(p);
  s.pushRelease(p);
  const w = (p >> 2) + TUPLE.ITEMS;
  const n = s.i32[(p >> 2) + TUPLE.SIZE]!;
  for (let i = 0; i < n; i++) s.xdecref(s.i32[w + i]!);
}

/** tupledealloc, phase 2: maybe_freelist_push, else PyObject_GC_Del. */
export function tupleRelease(s: ObjSpace, p: number): void {
  s.retire(p);
  const i32 = s.i32;
  const n = i32[(p >> 2) + TUPLE.SIZE]!;
  if (n <= TUPLE_MAXSAVESIZE && i32[s.fl + OBJ.TUPLE_NUMFREE + n - 1]! < TUPLE_MAXFREELIST && s.freeLists) {
    i32[(p >> 2) + TUPLE.ITEMS] = i32[s.fl + OBJ.TUPLE_FREE + n - 1]!;
    i32[s.fl + OBJ.TUPLE_FREE + n - 1] = p;
    i32[s.fl + OBJ.TUPLE_NUMFREE + n - 1] = i32[s.fl + OBJ.TUPLE_NUMFREE + n - 1]! + 1;
    return;
  }
  s.free(p - GC_HEAD);
}

/** tupleobject.c: maybe_freelist_clear. */
export function tupleClearFreeLists(s: ObjSpace): void {
  const i32 = s.i32;
  for (let k = 1; k <= TUPLE_MAXSAVESIZE; k++) {
    let p = i32[s.fl + OBJ.TUPLE_FREE + k - 1]!;
    for (let n = i32[s.fl + OBJ.TUPLE_NUMFREE + k - 1]!; p !== 0 && n > 0; n--) {
      const next = i32[(p >> 2) + TUPLE.ITEMS]!;
      s.free(p - GC_HEAD);
      p = next;
    }
    i32[s.fl + OBJ.TUPLE_FREE + k - 1] = 0;
    i32[s.fl + OBJ.TUPLE_NUMFREE + k - 1] = 0;
  }
}
