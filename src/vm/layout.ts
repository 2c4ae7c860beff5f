/**
 * The interpreter's own heap layouts: the frame, and the built-in types the interpreter
 * adds to the object layer's (type ids 30..63, which objects/layout.ts leaves free).
 *
 * A frame lives on its thread's data stack, a raw block in the heap (so the refcount
 * audit and the GC can see every reference a frame holds, as CPython's
 * `_PyInterpreterFrame`s live in the thread's data stack chunks):
 *
 *   f ─► ┌ code index │ func │ globals │ builtins │ locals │ prev │ pc │ sp │ flags │ ret sp ┐
 *        ├ localsplus[0 .. nlocalsplus)   fast locals, cells, free variables      ┤
 *        └ value stack[0 .. stacksize)                                            ┘
 *
 * Every word of localsplus and of the value stack below `sp` is 0 or an owned reference.
 */

/** Frame header: word offsets from the frame's word index. */
export enum F {
  CODE = 0, // index into the interpreter's code table
  FUNC = 1, // the function object (owned), 0 for a module or class body
  GLOBALS = 2, // borrowed from the function (or owned by the caller for a module)
  BUILTINS = 3,
  LOCALS = 4, // the locals dict of a module or class body (borrowed), else 0
  PREV = 5, // word index of the calling frame, 0 for none
  PC = 6, // index of the instruction being executed (saved on calls)
  SP = 7, // value-stack top, absolute word index (saved on calls)
  FLAGS = 8,
  RET_SP = 9, // the caller's stack top to return to (its CALL's callable slot), 0 for an entry frame
}
export const FRAME_HEADER_WORDS = 10;
/** FLAGS: the frame was entered from JS (eval returns to its JS caller when it returns). */
export const FRAME_ENTRY = 1;

/** Data stack per thread. Words. */
export const DATA_STACK_WORDS = 64 * 1024;

/** Built-in type ids the interpreter defines (objects/layout.ts keeps 30..63 free). */
export enum VTID {
  MODULE = 30,
  BUILTIN = 31, // builtin_function_or_method: a native, maybe bound to self
  METHOD_DESCR = 32, // method_descriptor: a native method of a built-in type, unbound
  SLICE = 33,
  ENUMERATE = 34,
  ZIP = 35,
  MAP = 36,
  FILTER = 37,
  REVERSED = 38,
  PROPERTY = 39,
  STATICMETHOD = 40,
  CLASSMETHOD = 41,
  NOTIMPLEMENTED = 42,
  ELLIPSIS = 43,
  LOCK = 44, // _thread.lock
  RLOCK = 45, // _thread.RLock
  SUPER = 46, // super(type, obj): SUPER_FIELDS
  TEXTIO = 47, // sys.stdout / sys.stderr: TEXTIO_FD
  CALLITER = 48, // iter(callable, sentinel): VITER.ITER the callable, VITER.FUNC the sentinel
  WEAKREF = 63, // a weakref handle (objects/weakref.ts, KIND.WEAKREF), owned by a weakref.ref
}

/** _thread.lock / _thread.RLock: state words, no references. STATE is the lock word
 *  threads wait on (0 free, 1 held); OWNER and COUNT are the RLock's (owner = tid + 1). */
export enum LOCK { STATE = 4, OWNER = 5, COUNT = 6 }
export const LOCK_BYTES = 32;

/** The layout kind of every interpreter type: after the header, CPython-sized 8-byte
 *  slots whose low word is an owned reference or 0 (BUILTIN.INDEX, a plain number, is the
 *  exception the object layer's dealloc knows about). Must match objects/layout.ts KIND.REFS. */
export const KIND_REFS = 22;

/** Fields (word offsets from the object) of the interpreter's types. Every field is an
 *  owned reference or 0 unless marked. */
export enum MODULE { DICT = 4, NAME = 6 }
export const MODULE_BYTES = 32;
export enum BUILTIN { INDEX = 4 /* native table index, not a ref */, SELF = 6, NAME = 8 }
export const BUILTIN_BYTES = 40;
export enum SLICE { START = 4, STOP = 6, STEP = 8 }
export const SLICE_BYTES = 40;
/** enumerate / zip / map / filter / reversed: `ITER` is the underlying iterator (or a
 *  tuple of them for zip and map), `FUNC` the function, `COUNT` an int object.
 *  callable_iterator: `ITER` the callable, `FUNC` the sentinel (both 0 once exhausted). */
export enum VITER { ITER = 4, FUNC = 6, COUNT = 8 }
export const VITER_BYTES = 40;
export enum WRAPPER { FUNC = 4 } // property (fget), staticmethod, classmethod
/** super: the class whose MRO successors are searched, the object bound to, its type. */
export enum SUPER_FIELDS { TYPE = 4, OBJ = 6, OBJ_TYPE = 8 }
export const SUPER_BYTES = 40;
/** sys.stdout / sys.stderr (io.TextIOWrapper): the file descriptor written to (not a ref). */
export const TEXTIO_FD = 4;
export const TEXTIO_BYTES = 24;
export const WRAPPER_BYTES = 24;
/** property: fget, fset, fdel (each a callable, None or 0). */
export enum PROPERTY_FIELDS { FGET = 4, FSET = 6, FDEL = 8 }
export const PROPERTY_BYTES = 40;
