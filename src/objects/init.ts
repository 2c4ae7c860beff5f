/**
 * formatObjects: the object layer's part of making a heap (CPython's static objects and
 * _PyTypes_InitTypes / _PyUnicode_InitGlobalObjects), run once on the main thread.
 *
 * CPython's static objects (None, True, False, the small ints, the empty tuple and string,
 * the one-character latin-1 strings, the built-in type objects) live in its data segment,
 * not in pymalloc. Ours live in one raw block, the "static segment", carved here, so they
 * do not show up in pymalloc's size classes either. Every one is immortal.
 *
 *   static segment (each object 16-byte aligned; GC types have their PyGC_Head in front)
 *   ┌──────┬──────┬───────┬──────────────────┬────┬────┬──────────────────────┬──────────────┐
 *   │ None │ True │ False │ small ints -5..256│ () │ '' │ latin-1 chars 0..255 │ type objects │
 *   └──────┴──────┴───────┴──────────────────┴────┴────┴──────────────────────┴──────────────┘
 * Then, through the allocator like CPython's: the interned dict, and each built-in type's
 * name (interned), tp_dict, tp_bases and tp_mro — all made immortal.
 */
import { formatGc } from "../gc/layout.js";
import type { Allocator } from "../heap/allocator.js";
import { OB } from "../heap/layout.js";
import type { Heap } from "../heap/heap.js";
import { dictNew, formatEmptyKeys } from "./dict.js";
import {
  BUILTIN_TYPES, EMPTY_KEYS_WORD, FIRST_USER_TYPE, GC_HEAD, IMMORTAL_REFCNT, INT, KIND, NSMALLNEGINTS, NSMALLPOSINTS,
  OBJ, OBJ_MAGIC, SIZE, SMALL_INT_STRIDE, SSTATE, STR, STR_ASCII_DATA, STR_COMPACT_DATA, TID, TPFLAGS, TUPLE, TYPE,
  TYPE_TABLE,
} from "./layout.js";
import { ObjSpace } from "./space.js";
import { strIntern } from "./str.js";
import { tupleFromArray } from "./tuple.js";

const align16 = (n: number): number => (n + 15) & ~15;

/** Format the object layer of a heap whose allocator is formatted; returns this thread's
 *  ObjSpace. Other threads use ObjSpace.attach. */
export function formatObjects(heap: Heap, alloc: Allocator): ObjSpace {
  const i32 = heap.i32;
  formatGc(i32);
  const nsmall = NSMALLNEGINTS + NSMALLPOSINTS;
  const intBytes = align16(SIZE.INT_BASE + 4);
  const typeBytes = align16(GC_HEAD + SIZE.STATIC_TYPE);
  const latinAscii = align16(SIZE.ASCII + 2);
  const latinOther = align16(SIZE.COMPACT + 2);
  const total = SIZE.OBJECT + 2 * intBytes + nsmall * SMALL_INT_STRIDE + align16(GC_HEAD + SIZE.TUPLE_BASE) +
    align16(SIZE.ASCII + 1) + 128 * latinAscii + 128 * latinOther + BUILTIN_TYPES.length * typeBytes;
  const seg = alloc.malloc(total);
  heap.u8.fill(0, seg, seg + total);
  i32[OBJ.STATIC_SEG] = seg;
  i32[OBJ.STATIC_BYTES] = total;
  let at = seg;
  const place = (bytes: number, gc: boolean, tid: number): number => {
    const p = at + (gc ? GC_HEAD : 0);
    at += align16(bytes + (gc ? GC_HEAD : 0));
    i32[(p >> 2) + OB.REFCNT] = IMMORTAL_REFCNT;
    i32[(p >> 2) + OB.TYPE] = tid;
    return p;
  };
  const int = (tid: number, v: number): number => {
    const p = place(SIZE.INT_BASE + 4, false, tid);
    i32[(p >> 2) + INT.SIZE] = Math.sign(v);
    heap.u32[(p >> 2) + INT.DIGITS] = Math.abs(v);
    return p;
  };
  i32[OBJ.NONE] = place(SIZE.OBJECT, false, TID.NONE);
  i32[OBJ.TRUE] = int(TID.BOOL, 1);
  i32[OBJ.FALSE] = int(TID.BOOL, 0);
  i32[OBJ.SMALL_INTS] = at;
  for (let v = -NSMALLNEGINTS; v < NSMALLPOSINTS; v++) {
    const p = int(TID.INT, v);
    if (p !== i32[OBJ.SMALL_INTS]! + (v + NSMALLNEGINTS) * SMALL_INT_STRIDE) throw new Error("small int stride");
  }
  const empty = place(SIZE.TUPLE_BASE, true, TID.TUPLE);
  i32[(empty >> 2) + TUPLE.SIZE] = 0;
  i32[OBJ.EMPTY_TUPLE] = empty;
  const str = (cps: number[]): number => {
    const ascii = cps.every((c) => c < 0x80);
    const p = place((ascii ? SIZE.ASCII : SIZE.COMPACT) + cps.length + 1, false, TID.STR);
    const w = p >> 2;
    i32[w + STR.LENGTH] = cps.length;
    i32[w + STR.HASH] = -1;
    heap.u32[w + STR.STATE] = (1 << SSTATE.KIND_SHIFT) | SSTATE.COMPACT | (ascii ? SSTATE.ASCII : 0) | SSTATE.READY;
    cps.forEach((c, i) => (heap.u8[p + (ascii ? STR_ASCII_DATA : STR_COMPACT_DATA) + i] = c));
    return p;
  };
  i32[OBJ.EMPTY_STR] = str([]);
  for (let c = 0; c < 256; c++) i32[OBJ.LATIN1 + c] = str([c]);
  const types = new Map<number, number>();
  for (const t of BUILTIN_TYPES) {
    const p = place(SIZE.STATIC_TYPE, true, TID.TYPE);
    const w = p >> 2;
    i32[w + TYPE.ID] = t.id;
    i32[w + TYPE.KIND] = t.kind;
    i32[w + TYPE.FLAGS] = TPFLAGS.READY | (t.gc ? TPFLAGS.HAVE_GC : 0) | (t.id === TID.OBJECT ? TPFLAGS.BASETYPE : 0);
    if (t.id === TID.OBJECT) i32[w + TYPE.BASICSIZE] = SIZE.OBJECT;
    i32[TYPE_TABLE + t.id] = p;
    types.set(t.id, p);
  }
  if (at > seg + total) throw new Error("formatObjects: static segment overflow");
  const emptyKeys = EMPTY_KEYS_WORD << 2;
  i32[OBJ.EMPTY_KEYS] = emptyKeys;
  for (const w of [OBJ.FLOAT_FREE, OBJ.FLOAT_NUMFREE, OBJ.LIST_NUMFREE, OBJ.DICT_NUMFREE, OBJ.KEYS_NUMFREE]) i32[w] = 0;
  i32.fill(0, OBJ.TUPLE_FREE, OBJ.TUPLE_NUMFREE + 20);
  i32[OBJ.NEXT_TYPE_ID] = FIRST_USER_TYPE;

  const s = new ObjSpace(heap, alloc);
  formatEmptyKeys(s, emptyKeys);
  const immortal = (p: number): number => {
    i32[(p >> 2) + OB.REFCNT] = IMMORTAL_REFCNT;
    return p;
  };
  i32[OBJ.INTERNED] = immortal(dictNew(s));
  // PyType_Ready for the built-in types: name, tp_base, tp_bases, tp_mro, tp_dict.
  const objectType = types.get(TID.OBJECT)!;
  const intType = types.get(TID.INT)!;
  for (const t of BUILTIN_TYPES) {
    const p = types.get(t.id)!;
    const w = p >> 2;
    const base = t.id === TID.OBJECT ? 0 : t.id === TID.BOOL ? intType : objectType;
    const mro = t.id === TID.OBJECT ? [p] : t.id === TID.BOOL ? [p, intType, objectType] : [p, objectType];
    i32[w + TYPE.NAME] = strIntern(s, t.name);
    i32[w + TYPE.QUALNAME] = i32[w + TYPE.NAME]!;
    i32[w + TYPE.BASE] = base;
    i32[w + TYPE.BASES] = immortal(tupleFromArray(s, base === 0 ? [] : [base]));
    i32[w + TYPE.MRO] = immortal(tupleFromArray(s, mro));
    i32[w + TYPE.DICT] = immortal(dictNew(s));
    i32[w + TYPE.SLOTS] = s.emptyTuple;
    if (t.kind === KIND.INSTANCE) throw new Error("a built-in type cannot have the instance kind");
  }
  Atomics.store(i32, OBJ.MAGIC, OBJ_MAGIC);
  return s;
}
