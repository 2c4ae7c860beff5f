/**
 * Iterators and dict views (listobject.c: listiterobject, tupleobject.c, unicodeobject.c:
 * unicodeiterobject, dictobject.c: dictiterobject / _PyDictViewObject, setobject.c:
 * setiterobject), and the generic getIter / iterNext the interpreter's GET_ITER and
 * FOR_ITER use.
 *
 *   list/tuple/str iterator (16 GC + 32 B): it_index at 16, it_seq at 24 (NULL once exhausted)
 *   dict iterator (16 GC + 56 B): di_dict 16, di_used 24, di_pos 32, di_result 40, len 48
 *     (the item iterator reuses its result tuple while nobody else holds it, as CPython does)
 *   dict view (16 GC + 24 B): dv_dict at 16
 *   set iterator (16 GC + 48 B): si_set 16, si_used 24, si_pos 32, len 40
 *
 * iterNext returns a new reference, or 0 when the iterator is exhausted; a dict or set
 * that changed size during iteration raises PyError RuntimeError, as CPython does.
 */
import { PyError } from "./errors.js";
import { dictKeyAt, dictLen, dictNextIndex, dictValueAt } from "./dict.js";
import { DICT_ITER, DICT_VIEW, GC_HEAD, SEQ_ITER, SET_ITER, SIZE, TID, TUPLE, zeroWords } from "./layout.js";
import { listGetRef } from "./list.js";
import { rangeIterNew, rangeIterNext } from "./range.js";
import { setKeyAt, setLen, setNextIndex } from "./set.js";
import type { ObjSpace } from "./space.js";
import { strCodePointAt, strFromCodePoint, strIsAscii, strLen } from "./str.js";
import { tupleLen, tupleNew, tuplePack2 } from "./tuple.js";
import { typeNameOf, typeOf } from "./type.js";

// ── list, tuple and str iterators ────────────────────────────────────────────

function seqIterNew(s: ObjSpace, tid: number, seq: number): number {
  const p = s.newGcObject(tid, GC_HEAD + SIZE.SEQ_ITER);
  const w = p >> 2;
  zeroWords(s.i32, w + 4, w + (SIZE.SEQ_ITER >> 2));
  s.incref(seq);
  s.i32[w + SEQ_ITER.SEQ] = seq;
  s.gcTrack(p);
  return p;
}

/** listiter_next / tupleiter_next / unicodeiter_next. */
function seqIterNext(s: ObjSpace, it: number, tid: number): number {
  const w = it >> 2;
  const seq = s.i32[w + SEQ_ITER.SEQ]!;
  if (seq === 0) return 0;
  const i = s.i32[w + SEQ_ITER.INDEX]!;
  if (tid === TID.LIST_ITER) {
    // The bounds check and the incref in the list's critical section (another thread
    // may be shrinking it).
    const item = listGetRef(s, seq, i);
    if (item !== 0) {
      s.i32[w + SEQ_ITER.INDEX] = i + 1;
      return item;
    }
  } else if (i < (tid === TID.TUPLE_ITER ? tupleLen(s, seq) : strLen(s, seq))) {
    s.i32[w + SEQ_ITER.INDEX] = i + 1;
    if (tid === TID.TUPLE_ITER) {
      const item = s.i32[(seq >> 2) + TUPLE.ITEMS + i]!;
      s.incref(item);
      return item;
    }
    return strFromCodePoint(s, strCodePointAt(s, seq, i));
  }
  s.i32[w + SEQ_ITER.SEQ] = 0;
  s.decref(seq);
  return 0;
}

// ── dict iterators and views ─────────────────────────────────────────────────

/** dictiter_new. `tid` is TID.DICT_KEYITER, DICT_VALUEITER or DICT_ITEMITER. New reference. */
export function dictIterNew(s: ObjSpace, d: number, tid: number): number {
  let result = 0;
  if (tid === TID.DICT_ITEMITER) result = tuplePack2(s, s.None, s.None);
  let p: number;
  try {
    p = s.newGcObject(tid, GC_HEAD + SIZE.DICT_ITER);
  } catch (e) {
    if (result !== 0) s.decref(result);
    throw e;
  }
  const w = p >> 2;
  zeroWords(s.i32, w + 4, w + (SIZE.DICT_ITER >> 2));
  s.incref(d);
  const used = dictLen(s, d);
  s.i32[w + DICT_ITER.DICT] = d;
  s.i32[w + DICT_ITER.USED] = used;
  s.i32[w + DICT_ITER.LEN] = used;
  s.i32[w + DICT_ITER.RESULT] = result;
  s.gcTrack(p);
  return p;
}

/** dictiter_iternextkey / value / item. */
function dictIterNext(s: ObjSpace, it: number, tid: number): number {
  const w = it >> 2;
  const i32 = s.i32;
  const d = i32[w + DICT_ITER.DICT]!;
  if (d === 0) return 0;
  // The step reads the table and increfs what it returns inside the dict's critical section.
  let ix = -2, key = 0, value = 0;
  s.lockObject(d);
  if (i32[w + DICT_ITER.USED] === dictLen(s, d)) {
    ix = dictNextIndex(s, d, i32[w + DICT_ITER.POS]!);
    if (ix >= 0 && i32[w + DICT_ITER.LEN] !== 0) {
      key = dictKeyAt(s, d, ix);
      value = dictValueAt(s, d, ix);
      if (tid !== TID.DICT_VALUEITER) s.incref(key);
      if (tid !== TID.DICT_KEYITER) s.incref(value);
    }
  }
  s.unlockObject(d);
  if (ix === -2) {
    i32[w + DICT_ITER.USED] = -1; // make this state sticky
    throw new PyError("RuntimeError", "dictionary changed size during iteration");
  }
  if (ix < 0) {
    i32[w + DICT_ITER.DICT] = 0;
    s.decref(d);
    return 0;
  }
  if (i32[w + DICT_ITER.LEN] === 0) {
    i32[w + DICT_ITER.DICT] = 0;
    s.decref(d);
    throw new PyError("RuntimeError", "dictionary keys changed during iteration");
  }
  i32[w + DICT_ITER.POS] = ix + 1;
  i32[w + DICT_ITER.LEN] = i32[w + DICT_ITER.LEN]! - 1;
  if (tid === TID.DICT_KEYITER) return key;
  if (tid === TID.DICT_VALUEITER) return value;
  const result = i32[w + DICT_ITER.RESULT]!;
  if (i32[result >> 2] === 1) {
    // Nobody else holds the result tuple: reuse it.
    const items = (result >> 2) + TUPLE.ITEMS;
    const oldKey = i32[items]!, oldValue = i32[items + 1]!;
    i32[items] = key;
    i32[items + 1] = value;
    s.incref(result);
    s.decref(oldKey);
    s.decref(oldValue);
    return result;
  }
  let t: number;
  try {
    t = tupleNew(s, 2);
  } catch (e) {
    s.decref(value);
    s.decref(key);
    throw e;
  }
  i32[(t >> 2) + TUPLE.ITEMS] = key;
  i32[(t >> 2) + TUPLE.ITEMS + 1] = value;
  return t;
}

/** dictiter_dealloc, phase 1: di_dict, then di_result. */
export function dictIterClear(s: ObjSpace, it: number): void {
  s.gcUntrack(it);
  s.pushRelease(it);
  const w = it >> 2;
  s.xdecref(s.i32[w + DICT_ITER.RESULT]!);
  s.xdecref(s.i32[w + DICT_ITER.DICT]!);
}

/** dictview_new: `tid` is TID.DICT_KEYS, DICT_VALUES or DICT_ITEMS. New reference. */
export function dictViewNew(s: ObjSpace, d: number, tid: number): number {
  const p = s.newGcObject(tid, GC_HEAD + SIZE.DICT_VIEW);
  const w = p >> 2;
  s.i32[w + DICT_VIEW.DICT + 1] = 0;
  s.incref(d);
  s.i32[w + DICT_VIEW.DICT] = d;
  s.gcTrack(p);
  return p;
}

/** The dict a view shows (borrowed). */
export function dictViewDict(s: ObjSpace, v: number): number {
  return s.i32[(v >> 2) + DICT_VIEW.DICT]!;
}

/** Phase 1 for objects holding one reference: it_seq of a list/tuple/str iterator
 *  (listiter_dealloc), dv_dict of a view, si_set of a set iterator. */
export function oneRefClear(s: ObjSpace, p: number, word: number): void {
  s.gcUntrack(p);
  s.pushRelease(p);
  s.xdecref(s.i32[(p >> 2) + word]!);
}

// ── set iterator ─────────────────────────────────────────────────────────────

export function setIterNew(s: ObjSpace, so: number): number {
  const p = s.newGcObject(TID.SET_ITER, GC_HEAD + SIZE.SET_ITER);
  const w = p >> 2;
  zeroWords(s.i32, w + 4, w + (SIZE.SET_ITER >> 2));
  s.incref(so);
  s.i32[w + SET_ITER.SET] = so;
  s.i32[w + SET_ITER.USED] = setLen(s, so);
  s.i32[w + SET_ITER.LEN] = setLen(s, so);
  s.gcTrack(p);
  return p;
}

/** setiter_iternext. */
function setIterNext(s: ObjSpace, it: number): number {
  const w = it >> 2;
  const i32 = s.i32;
  const so = i32[w + SET_ITER.SET]!;
  if (so === 0) return 0;
  if (i32[w + SET_ITER.USED] !== setLen(s, so)) {
    i32[w + SET_ITER.USED] = -1;
    throw new PyError("RuntimeError", "Set changed size during iteration");
  }
  s.lockObject(so);
  const i = setNextIndex(s, so, i32[w + SET_ITER.POS]!);
  const key = i < 0 ? 0 : setKeyAt(s, so, i);
  if (key !== 0) s.incref(key);
  s.unlockObject(so);
  if (i < 0) {
    i32[w + SET_ITER.SET] = 0;
    s.decref(so);
    return 0;
  }
  i32[w + SET_ITER.POS] = i + 1;
  i32[w + SET_ITER.LEN] = i32[w + SET_ITER.LEN]! - 1;
  return key;
}

// ── generic ──────────────────────────────────────────────────────────────────

/** PyObject_GetIter for the built-in iterables. New reference. Throws PyError TypeError
 *  for anything else. */
export function getIter(s: ObjSpace, o: number): number {
  const tid = s.typeId(o);
  switch (tid) {
    case TID.LIST:
      return seqIterNew(s, TID.LIST_ITER, o);
    case TID.TUPLE:
      return seqIterNew(s, TID.TUPLE_ITER, o);
    case TID.STR:
      return seqIterNew(s, strIsAscii(s, o) ? TID.STR_ASCII_ITER : TID.STR_ITER, o);
    case TID.DICT:
      return dictIterNew(s, o, TID.DICT_KEYITER);
    case TID.DICT_KEYS:
      return dictIterNew(s, dictViewDict(s, o), TID.DICT_KEYITER);
    case TID.DICT_VALUES:
      return dictIterNew(s, dictViewDict(s, o), TID.DICT_VALUEITER);
    case TID.DICT_ITEMS:
      return dictIterNew(s, dictViewDict(s, o), TID.DICT_ITEMITER);
    case TID.SET:
      return setIterNew(s, o);
    case TID.RANGE:
      return rangeIterNew(s, o);
    case TID.LIST_ITER:
    case TID.TUPLE_ITER:
    case TID.STR_ASCII_ITER:
    case TID.STR_ITER:
    case TID.DICT_KEYITER:
    case TID.DICT_VALUEITER:
    case TID.DICT_ITEMITER:
    case TID.SET_ITER:
    case TID.RANGE_ITER:
      s.incref(o); // iter(it) is it
      return o;
    default:
      throw new PyError("TypeError", `'${typeNameOf(s, typeOf(s, o))}' object is not iterable`);
  }
}

/** tp_iternext of a built-in iterator: the next item (new reference) or 0 at the end. */
export function iterNext(s: ObjSpace, it: number): number {
  const tid = s.typeId(it);
  switch (tid) {
    case TID.LIST_ITER:
    case TID.TUPLE_ITER:
    case TID.STR_ASCII_ITER:
    case TID.STR_ITER:
      return seqIterNext(s, it, tid);
    case TID.RANGE_ITER:
      return rangeIterNext(s, it);
    case TID.DICT_KEYITER:
    case TID.DICT_VALUEITER:
    case TID.DICT_ITEMITER:
      return dictIterNext(s, it, tid);
    case TID.SET_ITER:
      return setIterNext(s, it);
    default:
      throw new PyError("TypeError", `'${typeNameOf(s, typeOf(s, it))}' object is not an iterator`);
  }
}
