/**
 * Weak references (Objects/weakrefobject.c): the handle object and the referent's list.
 *
 *   referent ─ weaklist word ─► wr ◄──► wr ◄──► wr      doubly linked through PREV/NEXT,
 *                                │                      newest first; every handle points
 *                                └ OBJECT ─► referent   back at the referent (borrowed)
 *
 * A handle (KIND.WEAKREF, 16 + sizeof(PyWeakReference) = 80 bytes, as CPython's) holds:
 *   OBJECT    the referent, borrowed; 0 once it died (CPython sets Py_None)
 *   CALLBACK  owned, or 0; dropped when it has been called (callbacks fire once)
 *   WRAPPER   the Python-level `weakref.ref` object this handle belongs to, borrowed (the
 *             wrapper owns the handle, so the wrapper outlives it); it is what a callback
 *             gets as argument. (This word is CPython's `hash`, kept by the wrapper here.)
 *   PREV/NEXT the list links, borrowed
 *
 * Which objects can be weakly referenced (their weaklist word): instances of classes with a
 * __weakref__ slot (after the slots and __dict__), functions (func_weakreflist, byte 96),
 * classes (TYPE.WEAKLIST), sets (byte 192) and bound methods (im_weakreflist, byte 32), as
 * in CPython. Everything else raises CPython's TypeError (int, str, tuple, list, dict...).
 *
 * When the referent dies by refcount, its dealloc calls clearWeakrefs (PyObject_ClearWeakRefs):
 * every handle is detached and the callbacks are called. When the cyclic GC finds it
 * unreachable, the collector detaches them itself (gcmodule.c: handle_weakrefs).
 */
import { FUNC, GC_HEAD, INST_SLOTS0, KIND, METHOD, SET_MINSIZE, SET_SMALLTABLE, SETENTRY, TYPE } from "./layout.js";
import type { ObjSpace } from "./space.js";

/** Handle fields: word offsets from the handle. */
export enum WR { OBJECT = 4, CALLBACK = 6, WRAPPER = 8, PREV = 10, NEXT = 12 }
/** sizeof(PyWeakReference), 64-bit 3.11. */
export const WR_BYTES = 64;
/** func_weakreflist: the 8-byte slot between func_dict and func_module. */
const FUNC_WEAKLIST = FUNC.DICT + 2;
/** PySetObject.weakreflist, byte 192 (after the smalltable). */
const SET_WEAKLIST = (SET_SMALLTABLE + SET_MINSIZE * SETENTRY.BYTES) >> 2;
/** PyMethodObject.im_weakreflist, after im_func and im_self. */
const METHOD_WEAKLIST = METHOD.SELF + 2;

/** Word index of `p`'s weaklist head, or -1 if its type does not support weak references. */
export function weaklistWord(s: ObjSpace, p: number): number {
  const tid = s.typeId(p);
  switch (s.kindOf(tid)) {
    case KIND.INSTANCE: {
      const tw = s.typeObject(tid) >> 2;
      if (s.i32[tw + TYPE.WEAKREF] === 0) return -1;
      return (p >> 2) + INST_SLOTS0 + s.i32[tw + TYPE.NSLOTS]! + (s.i32[tw + TYPE.DICTOFFSET] !== 0 ? 1 : 0);
    }
    case KIND.FUNCTION:
      return (p >> 2) + FUNC_WEAKLIST;
    case KIND.TYPE:
      return (p >> 2) + TYPE.WEAKLIST;
    case KIND.SET:
      return (p >> 2) + SET_WEAKLIST;
    case KIND.METHOD:
      return (p >> 2) + METHOD_WEAKLIST;
    default:
      return -1;
  }
}

/** A new handle to `obj` (which must support weakrefs), linked first in its list; increfs
 *  `callback` (0 for none). `tid` is the handle type's id. New reference; the caller tracks
 *  it with gcTrack once WRAPPER is set. */
export function weakrefNew(s: ObjSpace, tid: number, obj: number, callback: number, wrapper: number): number {
  const lw = weaklistWord(s, obj);
  const wr = s.newGcObject(tid, GC_HEAD + WR_BYTES);
  const w = wr >> 2;
  s.i32.fill(0, w + 4, w + (WR_BYTES >> 2));
  s.xincref(callback);
  s.i32[w + WR.OBJECT] = obj;
  s.i32[w + WR.CALLBACK] = callback;
  s.i32[w + WR.WRAPPER] = wrapper;
  const head = s.i32[lw]!;
  s.i32[w + WR.NEXT] = head;
  if (head !== 0) s.i32[(head >> 2) + WR.PREV] = wr;
  s.i32[lw] = wr;
  s.gcTrack(wr);
  return wr;
}

/** The referent (borrowed), or 0 if it died. */
export function weakrefObject(s: ObjSpace, wr: number): number {
  return s.i32[(wr >> 2) + WR.OBJECT]!;
}

/** weakrefobject.c: clear_weakref without the callback: unlink `wr` from its referent's
 *  list; it is dead from now on. */
export function weakrefDetach(s: ObjSpace, wr: number): void {
  const i32 = s.i32;
  const w = wr >> 2;
  const obj = i32[w + WR.OBJECT]!;
  if (obj === 0) return;
  const prev = i32[w + WR.PREV]!;
  const next = i32[w + WR.NEXT]!;
  if (prev !== 0) i32[(prev >> 2) + WR.NEXT] = next;
  else i32[weaklistWord(s, obj)] = next;
  if (next !== 0) i32[(next >> 2) + WR.PREV] = prev;
  i32[w + WR.OBJECT] = 0;
  i32[w + WR.PREV] = 0;
  i32[w + WR.NEXT] = 0;
}

/** Take the callback out of a detached handle whose wrapper is alive: returns the wrapper
 *  (increfed) and leaves the callback (owned) in `out[0]`; 0 if there is nothing to call. */
export function weakrefTakeCallback(s: ObjSpace, wr: number, out: number[]): number {
  const w = wr >> 2;
  const cb = s.i32[w + WR.CALLBACK]!;
  const wrapper = s.i32[w + WR.WRAPPER]!;
  if (cb === 0) return 0;
  s.i32[w + WR.CALLBACK] = 0;
  if (wrapper === 0) {
    s.decref(cb);
    return 0;
  }
  s.incref(wrapper);
  out[0] = cb;
  return wrapper;
}

/** PyObject_ClearWeakRefs, from a dealloc: detach every handle to `p`, then call the
 *  callbacks, newest weakref first, each once. */
export function clearWeakrefs(s: ObjSpace, p: number): void {
  const lw = weaklistWord(s, p);
  if (lw < 0 || s.i32[lw] === 0) return;
  const calls: number[] = []; // wrapper, callback pairs (owned)
  const cb = [0];
  for (let wr = s.i32[lw]!; wr !== 0; ) {
    const next = s.i32[(wr >> 2) + WR.NEXT]!;
    weakrefDetach(s, wr);
    const wrapper = weakrefTakeCallback(s, wr, cb);
    if (wrapper !== 0) calls.push(wrapper, cb[0]!);
    wr = next;
  }
  callWeakrefCallbacks(s, calls);
}

/** Call each (ref, callback) pair's callback(ref), in order, dropping both references. */
export function callWeakrefCallbacks(s: ObjSpace, calls: readonly number[]): void {
  for (let i = 0; i < calls.length; i += 2) {
    s.callWeakrefCallback(calls[i + 1]!, calls[i]!);
    s.decref(calls[i + 1]!);
    s.decref(calls[i]!);
  }
}

/** Dealloc of a handle, phase 1: unlink, drop the callback. */
export function weakrefClear(s: ObjSpace, wr: number): void {
  s.gcUntrack(wr);
  s.pushRelease(wr);
  weakrefDetach(s, wr);
  const w = wr >> 2;
  const cb = s.i32[w + WR.CALLBACK]!;
  s.i32[w + WR.CALLBACK] = 0;
  s.xdecref(cb);
}
