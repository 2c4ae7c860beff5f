/**
 * Deallocation, dispatched on the layout KIND of the object's type (one table lookup per
 * object: ObjSpace.kindOf). Each kind has two phases, run by ObjSpace.dealloc's work
 * stack (see space.ts):
 *   clearObject    phase 1: untrack, schedule phase 2, drop the references it holds
 *                  (leaf kinds — int, float, str, object, range_iterator — free at once)
 *   releaseObject  phase 2: free the object's blocks, or put it on its free list
 * User-class instances share one pair (subtype_dealloc), as CPython's heap types do.
 */
import { HeapCorruption } from "../errors.js";
import { dictClearForDealloc, dictClearFreeLists, dictRelease } from "./dict.js";
import { floatClearFreeList, floatRelease } from "./float.js";
import { cellClear, codeClear, codeRelease, funcClear, gcObjectRelease, methodClear } from "./func.js";
import { intRelease } from "./int.js";
import { dictIterClear, oneRefClear } from "./iter.js";
import { DICT_VIEW, GC_HEAD, KIND, SEQ_ITER, SET_ITER, TPFLAGS, TYPE } from "./layout.js";
import { listClearForDealloc, listClearFreeList, listRelease } from "./list.js";
import { rangeClear } from "./range.js";
import { setClearForDealloc, setRelease } from "./set.js";
import type { ObjSpace } from "./space.js";
import { strRelease } from "./str.js";
import { tupleClear, tupleClearFreeLists, tupleRelease } from "./tuple.js";
import { instanceClear, instanceRelease, typeClear, typeRelease } from "./type.js";
import { weakrefClear } from "./weakref.js";

/** Retire and free an object without a GC head or free list. */
function plainRelease(s: ObjSpace, p: number): void {
  s.retire(p);
  s.free(p);
}

/** Phase 1 of `p`'s dealloc (its refcount is 0). */
export function clearObject(s: ObjSpace, p: number): void {
  const tid = s.typeId(p);
  switch (s.kindOf(tid)) {
    case KIND.INT:
      return intRelease(s, p);
    case KIND.FLOAT:
      return floatRelease(s, p);
    case KIND.STR:
      return strRelease(s, p);
    case KIND.OBJECT:
    case KIND.RANGE_ITER:
      return plainRelease(s, p);
    case KIND.TUPLE:
      return tupleClear(s, p);
    case KIND.LIST:
      return listClearForDealloc(s, p);
    case KIND.DICT:
      return dictClearForDealloc(s, p);
    case KIND.SET:
      return setClearForDealloc(s, p);
    case KIND.FUNCTION:
      return funcClear(s, p);
    case KIND.CODE:
      return codeClear(s, p);
    case KIND.CELL:
      return cellClear(s, p);
    case KIND.METHOD:
      return methodClear(s, p);
    case KIND.RANGE:
      return rangeClear(s, p);
    case KIND.SEQ_ITER:
      return oneRefClear(s, p, SEQ_ITER.SEQ);
    case KIND.DICT_VIEW:
      return oneRefClear(s, p, DICT_VIEW.DICT);
    case KIND.SET_ITER:
      return oneRefClear(s, p, SET_ITER.SET);
    case KIND.DICT_ITER:
      return dictIterClear(s, p);
    case KIND.INSTANCE:
      return instanceClear(s, p);
    case KIND.TYPE:
      return typeClear(s, p);
    case KIND.REFS:
      return refsClear(s, p);
    case KIND.WEAKREF:
      return weakrefClear(s, p);
    default:
      throw new HeapCorruption(p, `dealloc of an object of type id ${tid}, which is never deallocated`);
  }
}

/** Phase 2 of `p`'s dealloc. */
export function releaseObject(s: ObjSpace, p: number): void {
  const tid = s.typeId(p);
  switch (s.kindOf(tid)) {
    case KIND.TUPLE:
      return tupleRelease(s, p);
    case KIND.LIST:
      return listRelease(s, p);
    case KIND.DICT:
      return dictRelease(s, p);
    case KIND.SET:
      return setRelease(s, p);
    case KIND.FUNCTION:
    case KIND.CELL:
    case KIND.METHOD:
    case KIND.SEQ_ITER:
    case KIND.DICT_ITER:
    case KIND.DICT_VIEW:
    case KIND.SET_ITER:
    case KIND.WEAKREF:
      return gcObjectRelease(s, p);
    case KIND.CODE:
      return codeRelease(s, p);
    case KIND.RANGE:
      return plainRelease(s, p);
    case KIND.INSTANCE:
      return instanceRelease(s, p);
    case KIND.TYPE:
      return typeRelease(s, p);
    case KIND.REFS:
      return refsRelease(s, p);
    default:
      throw new HeapCorruption(p, `release of an object of type id ${tid}`);
  }
}

/** gcmodule.c: _PyGC_ClearAllFreeLists (what a full collection does): return every
 *  free-listed float, tuple, list, dict and keys block to the allocator. */
export function clearFreeLists(s: ObjSpace): void {
  floatClearFreeList(s);
  tupleClearFreeLists(s);
  listClearFreeList(s);
  dictClearFreeLists(s);
}

/** The interpreter's objects (KIND.REFS): tp_basicsize bytes (plus a PyGC_Head if the
 *  type has HAVE_GC); every 8-byte slot after the header holds an owned reference or 0,
 *  except a native's index (the first slot, when the type has GILSIM_FIRST_NOT_REF). */
function refsClear(s: ObjSpace, p: number): void {
  const t = s.typeObject(s.typeId(p));
  const gc = (s.i32[(t >> 2) + TYPE.FLAGS]! & TPFLAGS.HAVE_GC) !== 0;
  if (gc) s.gcUntrack(p);
  s.pushRelease(p);
  for (let w = refsEndWord(s, p) - 2; w >= refsFirstWord(s, p); w -= 2) {
    const v = s.i32[w]!;
    s.i32[w] = 0;
    s.xdecref(v);
  }
}

/** The word index of a KIND.REFS object's first reference slot (one 8-byte slot each). */
export function refsFirstWord(s: ObjSpace, p: number): number {
  const t = s.typeObject(s.typeId(p));
  return (p >> 2) + ((s.i32[(t >> 2) + TYPE.FLAGS]! & TPFLAGS.GILSIM_FIRST_NOT_REF) !== 0 ? 6 : 4);
}

/** The word index just past a KIND.REFS object's reference slots. */
export function refsEndWord(s: ObjSpace, p: number): number {
  const t = s.typeObject(s.typeId(p));
  const flags = s.i32[(t >> 2) + TYPE.FLAGS]!;
  return (flags & TPFLAGS.GILSIM_NO_REFS) !== 0 ? p >> 2 : (p + s.i32[(t >> 2) + TYPE.BASICSIZE]!) >> 2;
}

function refsRelease(s: ObjSpace, p: number): void {
  const t = s.typeObject(s.typeId(p));
  const gc = (s.i32[(t >> 2) + TYPE.FLAGS]! & TPFLAGS.HAVE_GC) !== 0;
  s.retire(p);
  s.free(gc ? p - GC_HEAD : p);
}
