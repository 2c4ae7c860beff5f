/**
 * The object layer's layout: type ids, the object-globals region, and every object's
 * fields — all by name, never as literals elsewhere.
 *
 * Principle: each object asks the allocator for exactly the bytes 64-bit CPython 3.11
 * asks for (tp_basicsize + n·tp_itemsize, plus the 16-byte PyGC_Head for containers), so
 * pymalloc's size-class statistics look like CPython's. Our fields are 32-bit and sit in
 * the low half of the 8-byte slot CPython uses for the same field, so byte offsets match
 * CPython's wherever a field exists in both. Offsets below are WORD offsets from the
 * object's word index (`p >> 2`), as `OB` in src/heap/layout.ts.
 */
import { MAX_TYPES } from "../heap/config.js";
import { OBJ_BYTES, OBJ_OFF, TYPES_OFF } from "../heap/layout.js";
import { fillWords } from "../heap/words.js";

// ── reference counts ─────────────────────────────────────────────────────────

export { IMMORTAL_REFCNT, IMMORTAL_MIN, FIRST_USER_TYPE, SMALL_INT_STRIDE } from "./consts.js";

// ── type ids ─────────────────────────────────────────────────────────────────

/** Type ids: the value in ob_type, an index into the type table at TYPES_OFF.
 *  0 and 1 are never types: 0 catches NULL/zeroed memory, 1 marks a freed object. */
export enum TID {
  INVALID = 0,
  FREED = 1,
  TYPE = 2,
  OBJECT = 3,
  NONE = 4,
  BOOL = 5,
  INT = 6,
  FLOAT = 7,
  STR = 8,
  TUPLE = 9,
  LIST = 10,
  DICT = 11,
  SET = 12,
  FUNCTION = 13,
  CODE = 14,
  CELL = 15,
  METHOD = 16,
  RANGE = 17,
  RANGE_ITER = 18,
  LIST_ITER = 19,
  TUPLE_ITER = 20,
  STR_ASCII_ITER = 21,
  STR_ITER = 22,
  DICT_KEYITER = 23,
  DICT_VALUEITER = 24,
  DICT_ITEMITER = 25,
  DICT_KEYS = 26,
  DICT_VALUES = 27,
  DICT_ITEMS = 28,
  SET_ITER = 29,
}

/** Layout kinds: what dealloc, sizeof and the GC need to know about a type's instances.
 *  Each type object records its kind; user classes all have KIND.INSTANCE. */
export enum KIND {
  UNKNOWN = 0,
  TYPE = 1,
  OBJECT = 2, // object(): a bare header
  NONE = 3,
  INT = 4, // int and bool
  FLOAT = 5,
  STR = 6,
  TUPLE = 7,
  LIST = 8,
  DICT = 9,
  SET = 10,
  FUNCTION = 11,
  CODE = 12,
  CELL = 13,
  METHOD = 14,
  RANGE = 15,
  RANGE_ITER = 16,
  SEQ_ITER = 17, // list, tuple and str iterators
  DICT_ITER = 18,
  DICT_VIEW = 19,
  SET_ITER = 20,
  INSTANCE = 21,
  /** The interpreter's own types (src/vm/layout.ts): after the header, 8-byte slots whose
   *  low word is an owned reference or 0, up to tp_basicsize (BUILTIN's INDEX word is a
   *  number, not a reference, and is skipped by the `skipFirst` flag below). */
  REFS = 22,
  /** weakref handles (src/objects/weakref.ts): a borrowed referent, an owned callback. */
  WEAKREF = 23,
}

/** Built-in types: id, __name__, kind, and whether instances carry a PyGC_Head. */
export const BUILTIN_TYPES: readonly { id: number; name: string; kind: number; gc: boolean }[] = [
  { id: TID.TYPE, name: "type", kind: KIND.TYPE, gc: true },
  { id: TID.OBJECT, name: "object", kind: KIND.OBJECT, gc: false },
  { id: TID.NONE, name: "NoneType", kind: KIND.NONE, gc: false },
  { id: TID.BOOL, name: "bool", kind: KIND.INT, gc: false },
  { id: TID.INT, name: "int", kind: KIND.INT, gc: false },
  { id: TID.FLOAT, name: "float", kind: KIND.FLOAT, gc: false },
  { id: TID.STR, name: "str", kind: KIND.STR, gc: false },
  { id: TID.TUPLE, name: "tuple", kind: KIND.TUPLE, gc: true },
  { id: TID.LIST, name: "list", kind: KIND.LIST, gc: true },
  { id: TID.DICT, name: "dict", kind: KIND.DICT, gc: true },
  { id: TID.SET, name: "set", kind: KIND.SET, gc: true },
  { id: TID.FUNCTION, name: "function", kind: KIND.FUNCTION, gc: true },
  { id: TID.CODE, name: "code", kind: KIND.CODE, gc: false },
  { id: TID.CELL, name: "cell", kind: KIND.CELL, gc: true },
  { id: TID.METHOD, name: "method", kind: KIND.METHOD, gc: true },
  { id: TID.RANGE, name: "range", kind: KIND.RANGE, gc: false },
  { id: TID.RANGE_ITER, name: "range_iterator", kind: KIND.RANGE_ITER, gc: false },
  { id: TID.LIST_ITER, name: "list_iterator", kind: KIND.SEQ_ITER, gc: true },
  { id: TID.TUPLE_ITER, name: "tuple_iterator", kind: KIND.SEQ_ITER, gc: true },
  { id: TID.STR_ASCII_ITER, name: "str_ascii_iterator", kind: KIND.SEQ_ITER, gc: true },
  { id: TID.STR_ITER, name: "str_iterator", kind: KIND.SEQ_ITER, gc: true },
  { id: TID.DICT_KEYITER, name: "dict_keyiterator", kind: KIND.DICT_ITER, gc: true },
  { id: TID.DICT_VALUEITER, name: "dict_valueiterator", kind: KIND.DICT_ITER, gc: true },
  { id: TID.DICT_ITEMITER, name: "dict_itemiterator", kind: KIND.DICT_ITER, gc: true },
  { id: TID.DICT_KEYS, name: "dict_keys", kind: KIND.DICT_VIEW, gc: true },
  { id: TID.DICT_VALUES, name: "dict_values", kind: KIND.DICT_VIEW, gc: true },
  { id: TID.DICT_ITEMS, name: "dict_items", kind: KIND.DICT_VIEW, gc: true },
  { id: TID.SET_ITER, name: "set_iterator", kind: KIND.SET_ITER, gc: true },
];

// ── the type table and the object-globals region ─────────────────────────────

/** Word index of type table entry 0: `i32[TYPE_TABLE + tid]` is the type object pointer. */
export const TYPE_TABLE = TYPES_OFF >> 2;
export { MAX_TYPES };

/** obmalloc-style free-list capacities, CPython 3.11 (Include/internal/pycore_*.h). */
export const FLOAT_MAXFREELIST = 100; // PyFloat_MAXFREELIST
export const TUPLE_MAXSAVESIZE = 20; // PyTuple_MAXSAVESIZE: sizes 1..20 (3.11; 3.13 made it 1..19)
export const TUPLE_MAXFREELIST = 2000; // PyTuple_MAXFREELIST, per size
export const LIST_MAXFREELIST = 80; // PyList_MAXFREELIST
export const DICT_MAXFREELIST = 80; // PyDict_MAXFREELIST, for dicts and for keys

/** The small-int cache: _PY_NSMALLNEGINTS, _PY_NSMALLPOSINTS (-5..256). */
export const NSMALLNEGINTS = 5;
export const NSMALLPOSINTS = 257;

/** The object-globals region: word indices (absolute). Shared by every thread; written
 *  only by the thread holding the GIL (in `nogil` mode these writes race, on purpose). */
export enum OBJ {
  /** OBJ_OFF >> 2, as a literal: esbuild inlines an enum's members only when it can
   *  compute them, so every member counts from this one (checked below). */
  BASE = 5760,
  MAGIC = BASE + 0, // OBJ_MAGIC once formatObjects has run
  NEXT_TYPE_ID = BASE + 1, // next user-class type id
  STATIC_SEG = BASE + 2, // the "data segment" holding static objects (one raw block)
  STATIC_BYTES = BASE + 3,
  NONE = BASE + 4, // _Py_NoneStruct
  TRUE = BASE + 5, // _Py_TrueStruct
  FALSE = BASE + 6,
  EMPTY_TUPLE = BASE + 7, // _Py_SINGLETON(tuple_empty)
  EMPTY_STR = BASE + 8, // _Py_SINGLETON(strings).empty? (3.11: unicode_empty)
  SMALL_INTS = BASE + 9, // address of small_ints[0] (the int -5); the rest follow at SMALL_INT_STRIDE
  INTERNED = BASE + 10, // the interned-strings dict (unicodeobject.c: interned)
  EMPTY_KEYS = BASE + 11, // byte address of Py_EMPTY_KEYS (inside this region, see EMPTY_KEYS_WORD)
  FLOAT_FREE = BASE + 12, // floatobject.c: state->free_list (linked via the payload word)
  FLOAT_NUMFREE = BASE + 13,
  LIST_NUMFREE = BASE + 14,
  DICT_NUMFREE = BASE + 15,
  KEYS_NUMFREE = BASE + 16,
  TUPLE_FREE = BASE + 32, // [20]: head of the free list for size k at TUPLE_FREE + k - 1
  TUPLE_NUMFREE = BASE + 52, // [20]
  LIST_FREE = BASE + 72, // [80] listobject.c: state->free_list (a stack)
  DICT_FREE = BASE + 152, // [80] dictobject.c: state->free_list
  KEYS_FREE = BASE + 232, // [80] dictobject.c: state->keys_free_list
  LATIN1 = BASE + 312, // [256] one-character strings U+0000..U+00FF (immortal)
  /** dictobject.c: interp->dict_state.next_keys_version, for dictKeysVersion (from 2:
   *  Py_EMPTY_KEYS has version 1). */
  NEXT_KEYS_VERSION = BASE + 568,
  /** [MEMERRORS_SAVE] exceptions.c: memerrors_freelist, MemoryErrors made at boot for when
   *  the heap cannot hold a new one (Interp.convert takes one; 0 = taken). After
   *  EMPTY_KEYS_WORD's ten words. */
  MEMERRORS = BASE + 586,
  /** sys.setrecursionlimit's value (the interpreter's, shared by its threads); 0: the
   *  default (vm/interp.ts RECURSION_LIMIT). */
  RECURSION_LIMIT = BASE + 602,
}
if ((OBJ.BASE as number) !== OBJ_OFF >> 2) throw new Error("objects/layout.ts: OBJ.BASE must be OBJ_OFF >> 2");
/** The free-list words (OBJ.FLOAT_FREE up to LATIN1): what a thread with its own free
 *  lists keeps a copy of (ObjSpace.fl). */
export const FREE_LISTS_FIRST = OBJ.FLOAT_FREE;
export const FREE_LISTS_WORDS = OBJ.LATIN1 - OBJ.FLOAT_FREE;
export const OBJ_MAGIC = 0x6f626a73; // "objs"
/** Py_EMPTY_KEYS lives inside the globals region (it is a static struct in CPython):
 *  a 32-byte keys header and 8 index bytes. Word index of its first word. */
export const EMPTY_KEYS_WORD = OBJ.BASE + 576;
/** exceptions.c: MEMERRORS_SAVE. */
export const MEMERRORS_SAVE = 16;
const OBJ_WORDS_USED = 586 + MEMERRORS_SAVE + 1;
if (OBJ_WORDS_USED * 4 > OBJ_BYTES) throw new Error("objects/layout.ts: object globals overflow OBJ_BYTES");

// ── CPython 3.11 sizes (64-bit), for allocation requests and sys.getsizeof ────

export const GC_HEAD = 16; // sizeof(PyGC_Head)
export enum SIZE {
  OBJECT = 16, // sizeof(PyObject)
  INT_BASE = 24, // offsetof(PyLongObject, ob_digit); + 4 per digit, at least one digit
  FLOAT = 24, // sizeof(PyFloatObject)
  ASCII = 48, // sizeof(PyASCIIObject) (3.11 still has the wstr pointer)
  COMPACT = 72, // sizeof(PyCompactUnicodeObject)
  TUPLE_BASE = 24, // sizeof(PyTupleObject) - sizeof(PyObject *); + 8 per item
  LIST = 40, // sizeof(PyListObject); items are a separate block of 8 bytes per slot
  DICT = 48, // sizeof(PyDictObject)
  KEYS_HEADER = 32, // sizeof(PyDictKeysObject) without the indices
  SET = 200, // sizeof(PySetObject)
  STATIC_TYPE = 408, // sizeof(PyTypeObject)
  HEAP_TYPE = 904, // sizeof(PyHeapTypeObject), type.__basicsize__
  MEMBER_DEF = 40, // sizeof(PyMemberDef), type.__itemsize__
  FUNCTION = 136, // sizeof(PyFunctionObject)
  CODE_BASE = 184, // code.__basicsize__; + 2 per code unit, rounded up to 8
  CELL = 24,
  METHOD = 48,
  RANGE = 48,
  RANGE_ITER = 48, // rangeiterobject: index, start, step, len
  SEQ_ITER = 32, // listiterobject / tupleiterobject / unicodeiterobject
  DICT_ITER = 56, // dictiterobject
  DICT_VIEW = 24, // _PyDictViewObject
  SET_ITER = 48, // setiterobject
  OBJECT_WEAKLIST = 8, // the __weakref__ slot a plain class adds
  MANAGED_DICT = 16, // 3.11 Py_TPFLAGS_MANAGED_DICT pre-header (dict + values pointers)
  SLOT = 8, // one __slots__ member
}
/** ht_cached_keys of a class whose instances have a __dict__: 3.11 allocates a shared
 *  keys object of NEXT_LOG2_SHARED_KEYS_MAX_SIZE (6) slots: 32 + 64 + 42 * 16 bytes. */
export const CACHED_KEYS_LOG2 = 6;

// ── field offsets (words from the object's word index) ───────────────────────

/** PyLongObject. ob_size is the signed digit count; digits are 30-bit, least significant first. */
export enum INT { SIZE = 4, DIGITS = 6 }
export const DIGIT_BITS = 30;
export const DIGIT_BASE = 2 ** 30;
export const DIGIT_MASK = 0x3fffffff;
/** PyFloatObject: ob_fval, an f64 at byte 16. FREE_NEXT links a free-listed float. */
export enum FLOAT { FVAL_BYTE = 16, FREE_NEXT = 4 }
/** PyASCIIObject / PyCompactUnicodeObject. */
export enum STR { LENGTH = 4, HASH = 6, STATE = 8 }
export const STR_ASCII_DATA = 48; // bytes from the object
export const STR_COMPACT_DATA = 72;
/** The `state` bitfield, as CPython's: interned:2, kind:3, compact:1, ascii:1, ready:1. */
export enum SSTATE {
  INTERNED_MASK = 3,
  INTERNED_IMMORTAL = 2, // SSTATE_INTERNED_IMMORTAL
  KIND_SHIFT = 2,
  KIND_MASK = 7 << 2,
  COMPACT = 1 << 5,
  ASCII = 1 << 6,
  READY = 1 << 7,
}
/** PyTupleObject: ob_size, then ob_item[] (our 4-byte pointers inside CPython's 8-byte slots). */
export enum TUPLE { SIZE = 4, ITEMS = 6 }
/** PyListObject: ob_size, ob_item (a separate block), allocated. */
export enum LIST { SIZE = 4, ITEMS = 6, ALLOCATED = 8 }
/** PyDictObject. */
export enum DICT { USED = 4, VERSION = 6, KEYS = 8, VALUES = 10 }
/** PyDictKeysObject: words, plus the three byte fields at bytes 8, 9, 10. */
export enum KEYS { REFCNT = 0, VERSION = 3, USABLE = 4, NENTRIES = 6 }
export enum KEYS_BYTE { LOG2_SIZE = 8, LOG2_INDEX_BYTES = 9, KIND = 10 }
export const DICT_KEYS_GENERAL = 0; // DictKeysKind
export const DICT_KEYS_UNICODE = 1;
export const DKIX_EMPTY = -1;
export const DKIX_DUMMY = -2;
/** Entry layouts (bytes from the entry): PyDictUnicodeEntry {key, value} is 16 bytes,
 *  PyDictKeyEntry {hash, key, value} is 24, as in CPython. */
export enum UENTRY { BYTES = 16, KEY = 0, VALUE = 8 }
export enum GENTRY { BYTES = 24, HASH = 0, KEY = 8, VALUE = 16 }
export const PyDict_LOG_MINSIZE = 3;
/** PySetObject; the smalltable holds 8 setentry {key, hash} of 16 bytes from byte 64. */
export enum SET { FILL = 4, USED = 6, MASK = 8, TABLE = 10, HASH = 12, FINGER = 14 }
export const SET_SMALLTABLE = 64; // bytes from the object
export const SET_MINSIZE = 8;
export enum SETENTRY { BYTES = 16, KEY = 0, HASH = 8 }
/** A deleted set entry: CPython's `dummy` object; ours is a key no pointer can equal. */
export const SET_DUMMY = -1;

/** Type objects. Ours are 32-bit fields inside PyTypeObject's 408 / PyHeapTypeObject's 904 bytes. */
export enum TYPE {
  ID = 4, // this type's id (its index in the type table)
  NAME = 5, // str
  QUALNAME = 6, // str
  BASE = 7, // tp_base
  BASES = 8, // tp_bases (tuple)
  MRO = 9, // tp_mro (tuple)
  DICT = 10, // tp_dict
  SLOTS = 11, // ht_slots: tuple of the named __slots__ (this class's own)
  FLAGS = 12, // tp_flags
  KIND = 13, // KIND.* of instances
  BASICSIZE = 14, // tp_basicsize, CPython bytes
  ITEMSIZE = 15,
  INST_BYTES = 16, // bytes an instance asks the allocator for (incl. pre-header)
  NSLOTS = 17, // slots in an instance, inherited ones first
  DICTOFFSET = 18, // word offset of the instance __dict__ pointer, 0 if none
  CACHED_KEYS = 19, // ht_cached_keys (user classes with a __dict__)
  WEAKREF = 20, // 1 iff instances have a __weakref__ slot (tp_weaklistoffset != 0)
  WEAKLIST = 21, // tp_weaklist: the first weakref to this type object (0 if none)
}
/** tp_flags bits (CPython's values), plus one of gilsim's in a bit CPython leaves unused. */
export enum TPFLAGS {
  GILSIM_HAS_DEL = 1 << 0, // some class in the MRO defines __del__
  GILSIM_FIRST_NOT_REF = 1 << 1, // KIND.REFS: the first slot is a plain number (a native's index)
  GILSIM_NO_REFS = 1 << 2, // KIND.REFS: no slot is a reference (a lock's state words)
  MANAGED_DICT = 1 << 4,
  HEAPTYPE = 1 << 9,
  BASETYPE = 1 << 10,
  READY = 1 << 12,
  HAVE_GC = 1 << 14,
}
/** PyFunctionObject (3.11 offsets). */
export enum FUNC {
  GLOBALS = 4,
  BUILTINS = 6,
  NAME = 8,
  QUALNAME = 10,
  CODE = 12,
  DEFAULTS = 14,
  KWDEFAULTS = 16,
  CLOSURE = 18,
  DOC = 20,
  DICT = 22,
  MODULE = 26,
  ANNOTATIONS = 28,
}
/** Code objects: an index into the interpreter's JS-side code table plus what tracebacks need. */
export enum CODE { INDEX = 4, NAME = 5, QUALNAME = 6, FILENAME = 7, FIRSTLINENO = 8, NCODEUNITS = 9 }
export enum CELL { REF = 4 }
export enum METHOD { FUNC = 4, SELF = 6 }
/** rangeobject: start, stop, step, length (int objects). */
export enum RANGE { START = 4, STOP = 6, STEP = 8, LENGTH = 10 }
/** rangeiterobject: index, start, step, len as C longs; ours are f64 at these byte offsets. */
export enum RANGE_ITER_BYTE { INDEX = 16, START = 24, STEP = 32, LEN = 40 }
/** listiterobject / tupleiterobject / unicodeiterobject. */
export enum SEQ_ITER { INDEX = 4, SEQ = 6 }
/** dictiterobject. */
export enum DICT_ITER { DICT = 4, USED = 6, POS = 8, RESULT = 10, LEN = 12 }
export enum DICT_VIEW { DICT = 4 }
export enum SET_ITER { SET = 4, USED = 6, POS = 8, LEN = 10 }
/** Instances of user classes: slot i at word SLOTS0 + i; the __dict__ at the type's DICTOFFSET. */
export const INST_SLOTS0 = 4;
/** PyGC_Head FLAGS bit: the finalizer (__del__) has run (PEP 442, _PyGC_FINALIZED). */
export const GC_FLAG_FINALIZED = 1;
/** PyGC_Head FLAGS bits the collector uses during a collection (src/gc/collect.ts):
 *  in the generation being collected (PREV_MASK_COLLECTING), and tentatively
 *  unreachable (NEXT_MASK_UNREACHABLE). */
export const GC_FLAG_COLLECTING = 2;
export const GC_FLAG_UNREACHABLE = 4;

/** The entries of a space's type attribute cache (objects/type.ts typeLookup; a power of
 *  two, as CPython's MCACHE_SIZE_EXP 12). */
export const TYPE_CACHE_SIZE = 4096;

/** Zero words [from, to) of `i32` (heap/words.ts: stores in a loop for the few words of
 *  an object's fields). */
export function zeroWords(i32: Int32Array, from: number, to: number): void {
  fillWords(i32, 0, from, to);
}
