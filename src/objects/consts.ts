/**
 * Object-layer constants the eval loop uses on its hot paths, in a module that imports
 * nothing (layout.ts re-exports them): esbuild inlines a `const` across modules only from
 * such a module (scripts/bundle.mjs), as it does every enum member. Elsewhere the optimized
 * loop would load each from a closure context and check it, on every use.
 */

/** Immortal objects (PEP 683) carry this refcount. CPython 3.12 uses 0xFFFFFFFF in a
 *  64-bit field; ours is an i32, so we pick a value far from both the overflow edge and
 *  the IMMORTAL_MIN test, which racy increments and decrements cannot cross. */
export const IMMORTAL_REFCNT = 0x60000000;
/** An object is immortal iff its refcount is at least this (one i32 compare). */
export const IMMORTAL_MIN = 0x40000000;
/** Ids below this are built-in types (30..63 are free for the interpreter's own built-ins);
 *  user classes are numbered from here by OBJ.NEXT_TYPE_ID. */
export const FIRST_USER_TYPE = 64;
/** Bytes between consecutive small ints in the static segment (28 rounded to 16). */
export const SMALL_INT_STRIDE = 32;
