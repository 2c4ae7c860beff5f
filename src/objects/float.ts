/**
 * float (Objects/floatobject.c).
 *
 *   PyFloatObject, 24 bytes
 *   ┌──────────────┬──────────────────┐
 *   │ header 16 B  │ ob_fval (f64)    │   on the free list the first payload word links
 *   └──────────────┴──────────────────┘   to the next free float (CPython links via ob_type,
 *     0              16                   which we poison with TYPE_FREED instead)
 *
 * Free list: up to PyFloat_MAXFREELIST (100) dead floats, head and count in the object
 * globals (OBJ.FLOAT_FREE, OBJ.FLOAT_NUMFREE), shared by all threads as the GIL allows.
 */
import { FLOAT, FLOAT_MAXFREELIST, OBJ, SIZE, TID } from "./layout.js";
import type { ObjSpace } from "./space.js";

/** PyFloat_FromDouble. New reference. */
export function floatNew(s: ObjSpace, v: number): number {
  const i32 = s.i32;
  let p = i32[s.fl + OBJ.FLOAT_FREE]!;
  if (p !== 0) {
    i32[s.fl + OBJ.FLOAT_FREE] = i32[(p >> 2) + FLOAT.FREE_NEXT]!;
    i32[s.fl + OBJ.FLOAT_NUMFREE] = i32[s.fl + OBJ.FLOAT_NUMFREE]! - 1;
    s.revive(p, TID.FLOAT, false);
  } else {
    p = s.newObject(TID.FLOAT, SIZE.FLOAT);
  }
  s.f64[(p + FLOAT.FVAL_BYTE) >> 3] = v;
  return p;
}

/** PyFloat_AS_DOUBLE. */
export function floatValue(s: ObjSpace, p: number): number {
  return s.f64[(p + FLOAT.FVAL_BYTE) >> 3]!;
}

/** floatobject.c: float_dealloc (exact floats). */
export function floatRelease(s: ObjSpace, p: number): void {
  s.retire(p);
  const i32 = s.i32;
  const n = i32[s.fl + OBJ.FLOAT_NUMFREE]!;
  if (n >= FLOAT_MAXFREELIST || !s.freeLists) {
    s.free(p);
    return;
  }
  i32[(p >> 2) + FLOAT.FREE_NEXT] = i32[s.fl + OBJ.FLOAT_FREE]!;
  i32[s.fl + OBJ.FLOAT_FREE] = p;
  i32[s.fl + OBJ.FLOAT_NUMFREE] = n + 1;
}

/** floatobject.c: _PyFloat_ClearFreeList. */
export function floatClearFreeList(s: ObjSpace): void {
  const i32 = s.i32;
  let p = i32[s.fl + OBJ.FLOAT_FREE]!;
  for (let n = i32[s.fl + OBJ.FLOAT_NUMFREE]!; p !== 0 && n > 0; n--) {
    const next = i32[(p >> 2) + FLOAT.FREE_NEXT]!;
    s.free(p);
    p = next;
  }
  i32[s.fl + OBJ.FLOAT_FREE] = 0;
  i32[s.fl + OBJ.FLOAT_NUMFREE] = 0;
}
