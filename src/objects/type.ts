/**
 * Type objects, user-class instances and object() (Objects/typeobject.c).
 *
 *   type object: built-in types are immortal statics of sizeof(PyTypeObject) = 408 bytes;
 *   a class is a heap type of sizeof(PyHeapTypeObject) + 40 · (own slots + 1) = 904 + ...
 *   bytes (PyType_GenericAlloc(type, nslots)), both with a PyGC_Head in front. Our fields
 *   (TYPE.* in layout.ts) sit at the start of the body:
 *   ┌──────────┬────────────┬────┬──────┬──────────┬──────┬───────┬─────┬──────┬───────┬───────┬──────┬─────
 *   │ PyGC_Head│ header     │ id │ name │ qualname │ base │ bases │ mro │ dict │ slots │ flags │ kind │ ...
 *   └──────────┴────────────┴────┴──────┴──────────┴──────┴───────┴─────┴──────┴───────┴───────┴──────┴─────
 *   Each type has a type id (its index in the type table); a class takes the next id from
 *   OBJ.NEXT_TYPE_ID. Ids are never reused, so a freed class's id stays invalid.
 *   A class whose instances have a __dict__ also gets ht_cached_keys (3.11 allocates a
 *   64-slot shared-keys object; ours is allocated and formatted as empty keys, but instance
 *   dicts are ordinary combined dicts — split tables are not modelled).
 *
 *   instance of a class, CPython's request: GC head + tp_basicsize (+ 16 for the 3.11
 *   managed-dict pre-header); we keep our fields after the header:
 *   ┌──────────┬────────────┬─────────┬─────────┬─────┬──────────┐
 *   │ PyGC_Head│ header     │ slot[0] │ slot[1] │ ... │ __dict__ │   slots inherited first;
 *   └──────────┴────────────┴─────────┴─────────┴─────┴──────────┘   __dict__ only if the class
 *    -16        0            16                                       has one (CPython keeps it
 *                                                                     in a pre-header instead)
 * Instances hold a reference to their class (as heap-type instances do since 3.8).
 */
import { HeapCorruption } from "../errors.js";
import { RT } from "../heap/layout.js";
import { PyError } from "./errors.js";
import { dictCopy, dictDelItem, dictGetItemStr, dictNew, dictSetItem, formatEmptyKeys, keysBytes } from "./dict.js";
import {
  CACHED_KEYS_LOG2, FIRST_USER_TYPE, GC_HEAD, INST_SLOTS0, KIND, MAX_TYPES, OBJ, SIZE, TID, TPFLAGS, TYPE,
  TYPE_CACHE_SIZE, TYPE_TABLE, zeroWords,
} from "./layout.js";
import type { ObjSpace } from "./space.js";
import { strEqJs, strIntern, strIsInterned, strToJs } from "./str.js";
import { tupleFromArray, tupleGet, tupleLen } from "./tuple.js";
import { listGet, listLen } from "./list.js";
import { clearWeakrefs } from "./weakref.js";

const field = (s: ObjSpace, t: number, f: number): number => s.i32[(t >> 2) + f]!;

/** The type object of `p`. */
export function typeOf(s: ObjSpace, p: number): number {
  return s.typeObject(s.typeId(p));
}

/** __name__ of a type object, as a JS string. */
export function typeNameOf(s: ObjSpace, t: number): string {
  return strToJs(s, field(s, t, TYPE.NAME));
}

/** tp_mro. */
export function typeMro(s: ObjSpace, t: number): number {
  return field(s, t, TYPE.MRO);
}

/** tp_dict. */
export function typeDict(s: ObjSpace, t: number): number {
  return field(s, t, TYPE.DICT);
}

export function typeFlags(s: ObjSpace, t: number): number {
  return field(s, t, TYPE.FLAGS);
}

/** PyType_IsSubtype: b is in a's MRO. */
export function isSubtype(s: ObjSpace, a: number, b: number): boolean {
  if (a === b) return true;
  const mro = field(s, a, TYPE.MRO);
  for (let i = 0, n = tupleLen(s, mro); i < n; i++) if (tupleGet(s, mro, i) === b) return true;
  return false;
}

/** _PyType_Lookup: the first definition of `name` (a str) along the MRO. Borrowed, or 0.
 *  Through the type attribute cache, as CPython's (typeobject.c, MCACHE): s.typeCache,
 *  TYPE_CACHE_SIZE entries of [type id, name, RT.TYPE_VERSION, result], a miss cached too.
 *  An entry holds while the version is what it was (typeModified bumps it at every change
 *  to a class's attributes) for an interned name (immortal, so its address names it); a
 *  type id is never reused. One cache per space, so per thread, each checked against the
 *  one version in the heap. */
export function typeLookup(s: ObjSpace, t: number, name: number): number {
  const i32 = s.i32, tid = i32[(t >> 2) + TYPE.ID]!, version = i32[RT.TYPE_VERSION]!;
  const c = s.typeCache, e = ((tid ^ (name >>> 3)) & (TYPE_CACHE_SIZE - 1)) << 2;
  if (c[e] === tid && c[e + 1] === name && c[e + 2] === version) return c[e + 3]!;
  const v = lookupMro(s, t, name);
  if (strIsInterned(s, name)) {
    c[e] = tid;
    c[e + 1] = name;
    c[e + 2] = version;
    c[e + 3] = v;
  }
  return v;
}

/** PyType_Modified: a class's attributes changed (or its dict was cleared); every type
 *  attribute cache entry is stale. */
export function typeModified(s: ObjSpace): void {
  Atomics.add(s.i32, RT.TYPE_VERSION, 1);
}

function lookupMro(s: ObjSpace, t: number, name: number): number {
  const mro = field(s, t, TYPE.MRO);
  for (let i = 0, n = tupleLen(s, mro); i < n; i++) {
    const v = dictGetItemStr(s, field(s, tupleGet(s, mro, i), TYPE.DICT), name);
    if (v !== 0) return v;
  }
  return 0;
}

/** type_setattro for a class: set (value != 0) or delete (value == 0) `name` in its dict,
 *  keeping the has-__del__ flag right for this class (subclasses are not revisited). */
export function typeSetAttr(s: ObjSpace, t: number, name: number, value: number): boolean {
  const d = field(s, t, TYPE.DICT);
  let ok = true;
  if (value !== 0) dictSetItem(s, d, name, value);
  else ok = dictDelItem(s, d, name);
  typeModified(s);
  if (s.typeId(name) === TID.STR && strEqJs(s, name, "__del__")) updateHasDel(s, t);
  return ok;
}

function updateHasDel(s: ObjSpace, t: number): void {
  const del = strIntern(s, "__del__");
  const w = (t >> 2) + TYPE.FLAGS;
  s.i32[w] = typeLookup(s, t, del) !== 0 ? s.i32[w]! | TPFLAGS.GILSIM_HAS_DEL : s.i32[w]! & ~TPFLAGS.GILSIM_HAS_DEL;
}

/** mro_implementation: C3 linearisation of `t` over its bases. */
function c3(s: ObjSpace, t: number, bases: number[]): number[] {
  const seqs: number[][] = bases.map((b) => {
    const mro = field(s, b, TYPE.MRO);
    const out: number[] = [];
    for (let i = 0, n = tupleLen(s, mro); i < n; i++) out.push(tupleGet(s, mro, i));
    return out;
  });
  seqs.push([...bases]);
  const result = [t];
  for (;;) {
    const live = seqs.filter((q) => q.length > 0);
    if (live.length === 0) return result;
    const head = live.map((q) => q[0]!).find((c) => live.every((q) => q.indexOf(c) <= 0));
    if (head === undefined) {
      const names = bases.map((b) => typeNameOf(s, b)).join(", ");
      throw new PyError("TypeError", `Cannot create a consistent method resolution\norder (MRO) for bases ${names}`);
    }
    result.push(head);
    for (const q of live) if (q[0] === head) q.shift();
  }
}

/** The names in a __slots__ value: a str, or a tuple or list of str. */
function slotNames(s: ObjSpace, v: number): string[] {
  const tid = s.typeId(v);
  if (tid === TID.STR) return [strToJs(s, v)];
  const n = tid === TID.TUPLE ? tupleLen(s, v) : tid === TID.LIST ? listLen(s, v) : -1;
  if (n < 0) throw new PyError("TypeError", "gilsim: __slots__ must be a str, tuple or list of str");
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const item = tid === TID.TUPLE ? tupleGet(s, v, i) : listGet(s, v, i);
    if (s.typeId(item) !== TID.STR) throw new PyError("TypeError", "__slots__ items must be strings");
    out.push(strToJs(s, item));
  }
  return out;
}

/** type_new (type(name, bases, dict)): a new class. `name` is a str, `bases` a tuple of
 *  classes (empty means (object,)), `dict` the class namespace (copied, as type_new does;
 *  `__qualname__` is taken out of the copy, `__slots__` and `__del__` read from it).
 *  New reference. Throws PyError for what CPython rejects with TypeError, and for
 *  built-in bases other than object (gilsim does not model subclassing them). */
export function typeNew(s: ObjSpace, name: number, bases: number, dict: number): number {
  const objectType = s.typeObject(TID.OBJECT);
  const baseList: number[] = [];
  for (let i = 0, n = tupleLen(s, bases); i < n; i++) baseList.push(tupleGet(s, bases, i));
  if (baseList.length === 0) baseList.push(objectType);
  for (const b of baseList) {
    if (s.typeId(b) !== TID.TYPE) throw new PyError("TypeError", "bases must be types");
    if (b !== objectType && field(s, b, TYPE.KIND) !== KIND.INSTANCE) {
      throw new PyError("TypeError", `gilsim does not support subclassing the built-in type '${typeNameOf(s, b)}'`);
    }
  }
  // best_base: the base with instance slots (its layout must extend every other's).
  let base = baseList[0]!;
  for (const b of baseList) {
    if (field(s, b, TYPE.NSLOTS) === 0) continue;
    if (field(s, base, TYPE.NSLOTS) === 0 || isSubtype(s, b, base)) base = b;
    else if (!isSubtype(s, base, b)) throw new PyError("TypeError", "multiple bases have instance lay-out conflict");
  }
  const tid = s.i32[OBJ.NEXT_TYPE_ID]!;
  if (tid >= MAX_TYPES) throw new PyError("RuntimeError", `gilsim: too many classes (the type table holds ${MAX_TYPES} types)`);

  const slotsKey = strIntern(s, "__slots__");
  const slotsValue = dictGetItemStr(s, dict, slotsKey);
  const baseHasDict = field(s, base, TYPE.DICTOFFSET) !== 0;
  const baseHasWeak = field(s, base, TYPE.WEAKREF) !== 0;
  let own: string[] = [];
  let addDict: boolean, addWeak: boolean;
  if (slotsValue === 0) {
    addDict = !baseHasDict;
    addWeak = !baseHasWeak;
  } else {
    const names = slotNames(s, slotsValue);
    addDict = names.includes("__dict__");
    addWeak = names.includes("__weakref__");
    if (addDict && baseHasDict) throw new PyError("TypeError", "__dict__ slot disallowed: we already got one");
    if (addWeak && baseHasWeak) throw new PyError("TypeError", "__weakref__ slot disallowed: we already got one");
    own = names.filter((x) => x !== "__dict__" && x !== "__weakref__");
  }
  const hasDict = baseHasDict || addDict;
  const basicsize = field(s, base, TYPE.BASICSIZE) + SIZE.SLOT * own.length + (addWeak ? SIZE.OBJECT_WEAKLIST : 0);
  const nslots = field(s, base, TYPE.NSLOTS) + own.length;
  const mro = c3(s, 0, baseList); // [0, ...bases' linearisation]; 0 stands for the new class

  // Allocate everything that can fail before anything is published; unwind on failure.
  const made: number[] = []; // new references to drop if we fail
  let t = 0;
  let cachedKeys = 0;
  let qualname = 0;
  try {
    const nsCopy = dictCopy(s, dict);
    made.push(nsCopy);
    const qualKey = strIntern(s, "__qualname__");
    qualname = dictGetItemStr(s, nsCopy, qualKey);
    if (qualname !== 0) {
      if (s.typeId(qualname) !== TID.STR) throw new PyError("TypeError", "type __qualname__ must be a str");
      s.incref(qualname);
      made.push(qualname);
      dictDelItem(s, nsCopy, qualKey);
    } else {
      qualname = name;
      s.incref(name);
      made.push(name);
    }
    // type_new_set_hash... (typeobject.c: inherit_slots / type_ready_set_hash): a class that
    // defines __eq__ and not __hash__ gets __hash__ = None, and so is unhashable.
    const hashKey = strIntern(s, "__hash__");
    if (dictGetItemStr(s, nsCopy, strIntern(s, "__eq__")) !== 0 && dictGetItemStr(s, nsCopy, hashKey) === 0) {
      dictSetItem(s, nsCopy, hashKey, s.None);
    }
    const slotStrs = own.map((x) => strIntern(s, x));
    const slotsTuple = tupleFromArray(s, slotStrs);
    made.push(slotsTuple);
    if (hasDict) {
      cachedKeys = s.malloc(keysBytes(CACHED_KEYS_LOG2, true));
      formatEmptyKeys(s, cachedKeys);
    }
    t = s.newGcObject(TID.TYPE, GC_HEAD + SIZE.HEAP_TYPE + SIZE.MEMBER_DEF * (own.length + 1));
    const w = t >> 2;
    s.i32.fill(0, w + 4, w + 32);
    mro[0] = t;
    const mroTuple = tupleFromArray(s, mro); // increfs t and the bases
    s.i32[w + TYPE.MRO] = mroTuple;
    s.incref(name);
    s.incref(base);
    s.incref(bases);
    s.i32[w + TYPE.ID] = tid;
    s.i32[w + TYPE.NAME] = name;
    s.i32[w + TYPE.QUALNAME] = qualname;
    s.i32[w + TYPE.BASE] = base;
    s.i32[w + TYPE.BASES] = bases;
    s.i32[w + TYPE.DICT] = nsCopy;
    s.i32[w + TYPE.SLOTS] = slotsTuple;
    s.i32[w + TYPE.FLAGS] = TPFLAGS.HEAPTYPE | TPFLAGS.BASETYPE | TPFLAGS.READY | TPFLAGS.HAVE_GC |
      (hasDict ? TPFLAGS.MANAGED_DICT : 0);
    s.i32[w + TYPE.KIND] = KIND.INSTANCE;
    s.i32[w + TYPE.BASICSIZE] = basicsize;
    s.i32[w + TYPE.ITEMSIZE] = 0;
    s.i32[w + TYPE.INST_BYTES] = GC_HEAD + basicsize + (hasDict ? SIZE.MANAGED_DICT : 0);
    s.i32[w + TYPE.NSLOTS] = nslots;
    s.i32[w + TYPE.DICTOFFSET] = hasDict ? INST_SLOTS0 + nslots : 0;
    s.i32[w + TYPE.CACHED_KEYS] = cachedKeys;
    s.i32[w + TYPE.WEAKREF] = baseHasWeak || addWeak ? 1 : 0;
  } catch (e) {
    for (const p of made) s.decref(p);
    if (cachedKeys !== 0) s.free(cachedKeys);
    if (t !== 0) {
      s.retire(t);
      s.free(t - GC_HEAD);
    }
    throw e;
  }
  updateHasDel(s, t);
  s.i32[TYPE_TABLE + tid] = t;
  s.i32[OBJ.NEXT_TYPE_ID] = tid + 1;
  s.gcTrack(t);
  return t;
}

/** object.__new__ for a class: every slot and the __dict__ NULL. New reference. */
export function instanceNew(s: ObjSpace, t: number): number {
  if (field(s, t, TYPE.KIND) !== KIND.INSTANCE) {
    throw new PyError("TypeError", `gilsim: instanceNew needs a class, got '${typeNameOf(s, t)}'`);
  }
  const p = s.newGcObject(field(s, t, TYPE.ID), field(s, t, TYPE.INST_BYTES));
  const w = p >> 2;
  const n = field(s, t, TYPE.NSLOTS) + (field(s, t, TYPE.DICTOFFSET) !== 0 ? 1 : 0) + field(s, t, TYPE.WEAKREF);
  zeroWords(s.i32, w + INST_SLOTS0, w + INST_SLOTS0 + n);
  s.incref(t);
  s.gcTrack(p);
  return p;
}

/** The instance's __dict__, created on first use (borrowed); 0 if the class has none. */
export function instanceDict(s: ObjSpace, o: number): number {
  const off = field(s, typeOf(s, o), TYPE.DICTOFFSET);
  if (off === 0) return 0;
  const w = (o >> 2) + off;
  let d = s.i32[w]!;
  if (d === 0) {
    d = dictNew(s);
    s.i32[w] = d;
  }
  return d;
}

/** Slot i of an instance (borrowed; 0 if unset). */
export function instanceGetSlot(s: ObjSpace, o: number, i: number): number {
  return s.i32[(o >> 2) + INST_SLOTS0 + i]!;
}

/** Set slot i (increfs `v`; v == 0 deletes), dropping the old value. */
export function instanceSetSlot(s: ObjSpace, o: number, i: number, v: number): void {
  const w = (o >> 2) + INST_SLOTS0 + i;
  const old = s.i32[w]!;
  s.xincref(v);
  s.i32[w] = v;
  s.xdecref(old);
}

/** The index of slot `name` (a JS string) in instances of `t`, or -1. */
export function slotIndex(s: ObjSpace, t: number, name: string): number {
  const mro = field(s, t, TYPE.MRO);
  for (let i = 0, n = tupleLen(s, mro); i < n; i++) {
    const c = tupleGet(s, mro, i);
    if (field(s, c, TYPE.KIND) !== KIND.INSTANCE) continue;
    const slots = field(s, c, TYPE.SLOTS);
    const first = field(s, c, TYPE.NSLOTS) - tupleLen(s, slots);
    for (let j = 0, m = tupleLen(s, slots); j < m; j++) if (strToJs(s, tupleGet(s, slots, j)) === name) return first + j;
  }
  return -1;
}

/** object(): a bare 16-byte object. New reference. */
export function objectNew(s: ObjSpace): number {
  return s.newObject(TID.OBJECT, SIZE.OBJECT);
}

/** subtype_dealloc, phase 1: __del__ (once, may resurrect), then the slots and __dict__. */
export function instanceClear(s: ObjSpace, p: number): void {
  const t = typeOf(s, p);
  if ((field(s, t, TYPE.FLAGS) & TPFLAGS.GILSIM_HAS_DEL) !== 0 && s.callFinalizer(p)) return;
  if (field(s, t, TYPE.WEAKREF) !== 0) clearWeakrefs(s, p);
  s.gcUntrack(p);
  s.pushRelease(p);
  const w = p >> 2;
  const off = field(s, t, TYPE.DICTOFFSET);
  if (off !== 0) s.xdecref(s.i32[w + off]!);
  for (let i = field(s, t, TYPE.NSLOTS) - 1; i >= 0; i--) s.xdecref(s.i32[w + INST_SLOTS0 + i]!);
}

/** subtype_dealloc, phase 2: free the instance, then drop its class. */
export function instanceRelease(s: ObjSpace, p: number): void {
  const tid = s.retire(p);
  s.free(p - GC_HEAD);
  s.decref(s.typeObject(tid));
}

/** The owned references of a type object, in the order type_dealloc drops them. */
export const TYPE_REF_FIELDS: readonly number[] = [TYPE.SLOTS, TYPE.DICT, TYPE.MRO, TYPE.BASES, TYPE.BASE, TYPE.QUALNAME, TYPE.NAME];

/** type_dealloc, phase 1 (heap types only; built-in types are immortal). A class is in its
 *  own MRO, so only the cyclic GC (or a test that breaks the cycle) gets it here. */
export function typeClear(s: ObjSpace, t: number): void {
  if ((field(s, t, TYPE.FLAGS) & TPFLAGS.HEAPTYPE) === 0) throw new HeapCorruption(t, "dealloc of a static type");
  clearWeakrefs(s, t);
  s.gcUntrack(t);
  s.pushRelease(t);
  const w = t >> 2;
  for (const f of TYPE_REF_FIELDS) {
    const v = s.i32[w + f]!;
    s.i32[w + f] = 0;
    s.xdecref(v);
  }
}

/** type_dealloc, phase 2: ht_cached_keys, the type table entry, the object. */
export function typeRelease(s: ObjSpace, t: number): void {
  const w = t >> 2;
  const keys = s.i32[w + TYPE.CACHED_KEYS]!;
  if (keys !== 0) s.free(keys);
  const tid = s.i32[w + TYPE.ID]!;
  if (tid >= FIRST_USER_TYPE && s.i32[TYPE_TABLE + tid] === t) s.i32[TYPE_TABLE + tid] = 0;
  s.retire(t);
  s.free(t - GC_HEAD);
}

/** type.__sizeof__ + the GC head: 3.11 counts PyHeapTypeObject plus ht_cached_keys. */
export function typeSizeof(s: ObjSpace, t: number): number {
  if ((field(s, t, TYPE.FLAGS) & TPFLAGS.HEAPTYPE) === 0) return GC_HEAD + SIZE.STATIC_TYPE;
  return GC_HEAD + SIZE.HEAP_TYPE + (field(s, t, TYPE.CACHED_KEYS) !== 0 ? keysBytes(CACHED_KEYS_LOG2, true) : 0);
}
