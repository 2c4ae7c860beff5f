/**
 * The object layer's public surface (see README.md in this folder):
 *   layout.ts   type ids, the object globals, every field offset, CPython's sizes
 *   space.ts    ObjSpace: per-thread views, refcounting, dealloc, counters
 *   init.ts     formatObjects: statics, built-in types, the interned dict
 *   int.ts float.ts str.ts tuple.ts list.ts dict.ts set.ts type.ts func.ts range.ts iter.ts
 *   hash.ts     hash() and the key equality of dict/set
 *   sizeof.ts   sys.getsizeof
 *   debug.ts    checkObject, typeName, toJs / fromJs / repr
 *   traverse.ts tp_traverse (the GC, a refcount audit); weakref.ts weakref handles
 */
export * from "./layout.js";
export { ObjSpace, type Finalizer } from "./space.js";
export { formatObjects } from "./init.js";
export { clearFreeLists } from "./dealloc.js";
export { traverse, type Visitor } from "./traverse.js";
export { PyError, type PyErrorType } from "./errors.js";
export * from "./int.js";
export * from "./float.js";
export * from "./str.js";
export * from "./tuple.js";
export * from "./list.js";
export * from "./dict.js";
export * from "./set.js";
export * from "./type.js";
export * from "./func.js";
export * from "./range.js";
export * from "./iter.js";
export { hash32, hashFromPy, pyHash, pyHashInt, keyEq, HASH_MODULUS, type KeyHooks } from "./hash.js";
export { sizeof } from "./sizeof.js";
export * from "./debug.js";
