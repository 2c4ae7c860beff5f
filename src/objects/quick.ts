/**
 * The quick paths: making and dropping ints with pymalloc's common case written out, the
 * heap's geometry as literals (Objects/obmalloc.c's pymalloc_alloc / pymalloc_free as
 * ObMalloc models them, Objects/longobject.c's _PyLong_New and int_dealloc).
 *
 * Making and dropping an int is most of what arithmetic in a loop costs, and dropping a
 * container's items most of what its dealloc costs. Under ObjSpace.quick (gil: plain
 * pymalloc under ObjSpace itself) these functions do what the calls they stand for would
 * do (the same block, header, counters and free list), a call deep instead of six.
 * Translated code (vm/jit.ts) calls `newInt` and `release`; list and dict deallocs drop
 * their items with `dropRange` and `dropEntries`.
 *
 * Each heap's pymalloc gets its functions made once (quickPathsFor), shared by every
 * translation and container on the thread. V8 inlines them where they are called with
 * their own type feedback, so a branch one loop has not taken yet (a pool that fills, a
 * free into a full pool) has feedback from whatever ran before: V8 compiles a branch
 * that never ran as a deopt, which throws the compiled loop away (then 10-30 ms in V8's
 * slower tiers while it compiles the loop again). And the first big container dealloc
 * calls a `release` V8 has compiled already.
 */
import { HeapExhausted } from "../errors.js";
import { ALIGNMENT_SHIFT } from "../heap/config.js";
import { ARENA_OBJECT_BYTES, OB, POOL, USEDPOOL_HEAD_BYTES } from "../heap/layout.js";
import type { ObMalloc } from "../heap/obmalloc.js";
import { dumpGenerated } from "../util/dump.js";
import { intNewSafe } from "./int.js";
import { DIGIT_BASE, DIGIT_BITS, IMMORTAL_MIN, INT, SIZE, TID } from "./layout.js";
import type { ObjSpace } from "./space.js";

export interface QuickPaths {
  /** PyLong's allocation for v, a safe integer outside the small ints (the caller
   *  checked): a new reference, or 0 when the heap is full (the caller's general path
   *  then raises the MemoryError, with its operands where the interpreter has them). */
  newInt(s: ObjSpace, i32: Int32Array, u32: Uint32Array, v: number): number;
  /** Py_DECREF of `p`, whose count is at most 1. */
  release(s: ObjSpace, i32: Int32Array, p: number): void;
  /** Py_XDECREF of the `n` pointers at words w, w + 1, ..., in that order. */
  dropRange(s: ObjSpace, i32: Int32Array, w: number, n: number): void;
  /** Py_XDECREF of the value then the key of `n` entries of `stride` words at word w, the
   *  key `key` words in and the value two after it, last entry first. */
  dropEntries(s: ObjSpace, i32: Int32Array, w: number, n: number, stride: number, key: number): void;
  /** Add the counts newInt and release keep to s's counters (mallocs, frees, deallocs,
   *  decrefs, by type), and zero them. ObjSpace.settleCounts calls it. */
  settle(s: ObjSpace): void;
}

/** A new int for v, a safe integer outside the small ints (so no intFromNumber, whose
 *  tests would be a call deeper), or 0 when the heap is full. intNewSafe makes one or two
 *  digits on one path: the first two-digit int is no new call site, no deopt. */
function newIntOrZero(s: ObjSpace, v: number): number {
  try {
    return intNewSafe(s, v);
  } catch (e) {
    if (e instanceof HeapExhausted) return 0;
    throw e;
  }
}

/** A space that is not ObjSpace itself on ObMalloc (another mode's refcounts, headers,
 *  allocator): the calls. */
const GENERAL_PATHS: QuickPaths = {
  newInt: (s, _i32, _u32, v) => newIntOrZero(s, v),
  release: (s, _i32, p) => s.decref(p),
  dropRange: (s, i32, w, n) => {
    for (let i = 0; i < n; i++) s.xdecref(i32[w + i]!);
  },
  dropEntries: (s, i32, w, n, stride, key) => {
    for (let i = n - 1; i >= 0; i--) {
      s.xdecref(i32[w + i * stride + key + 2]!);
      s.xdecref(i32[w + i * stride + key]!);
    }
  },
  settle: () => {},
};

/** The first `generalCalls` calls of a heap's newInt and release go the general way, so
 *  that path has type feedback before V8 compiles a loop that calls them. A test sets it
 *  to 0, to run their common case from the first call. */
export const quickTuning = { generalCalls: 64 };

const pathsByHeap = new WeakMap<ObMalloc, QuickPaths>();

/** The quick paths of the space on `pm` (null: a space that is not quickable). */
export function quickPathsFor(pm: ObMalloc | null): QuickPaths {
  if (pm === null) return GENERAL_PATHS;
  let paths = pathsByHeap.get(pm);
  if (paths === undefined) {
    const source = quickPathsSource(pm);
    dumpGenerated("quick_paths.js", source);
    paths = new Function("newIntOrZero", source)(newIntOrZero) as QuickPaths;
    pathsByHeap.set(pm, paths);
  }
  return paths;
}

/** The source of pm's quick paths. newInt and release do inline what pymalloc_alloc and
 *  pymalloc_free do, a pool's moves on and off usedpools included, but for the two cases
 *  that involve its arena: a size class with no used pool (allocate_from_new_pool) and a
 *  pool that empties (insert_to_freepool), which make the calls, as does a space that is
 *  not quick at the moment (tracemalloc traces). test/vm/jit.test.ts checks the heap and
 *  counts they leave against the interpreter's. */
function quickPathsSource(pm: ObMalloc): string {
  const size = (SIZE.INT_BASE + 8 - 1) >> ALIGNMENT_SHIFT;
  const head = pm.usedBase + size * (USEDPOOL_HEAD_BYTES >> 2);
  return `"use strict";
let generalNew = ${quickTuning.generalCalls}, generalRelease = ${quickTuning.generalCalls};
// The ints newInt made and release freed since settle last ran (ObjSpace.settleCounts,
// before a count is read): two counters here for six on s. With each of those a load, an
// add and a store on s, newInt and release were too big for V8 to inline at most of a
// loop's call sites (it inlines up to a total size per function): an int's allocation
// and free 30 -> 23 ns. Past 2**30 an increment is a double's, exact (and slower) to 2**53.
let newCount = 0, releaseCount = 0;
function settle(s) {
  s.mallocs += newCount; s.allocsByType[${TID.INT}] += newCount;
  s.decrefs += releaseCount; s.deallocsByType[${TID.INT}] += releaseCount; s.deallocs += releaseCount; s.frees += releaseCount;
  newCount = 0; releaseCount = 0;
}
function newInt(s, i32, u32, v) {
  let bp = 0;
  if (s.quick && generalNew === 0) {
    // pymalloc_alloc; a size class without a used pool (allocate_from_new_pool) takes the call.
    const pool = i32[${head + POOL.NEXTPOOL}];
    if (pool !== ${head << 2}) {
      const p = pool >> 2;
      bp = i32[p + ${POOL.FREEBLOCK}];
      const next = i32[bp >> 2];
      i32[p + ${POOL.REF_COUNT}] = i32[p + ${POOL.REF_COUNT}] + 1;
      i32[p + ${POOL.FREEBLOCK}] = next;
      if (next === 0) {
        // pymalloc_pool_extend: carve a virgin block, or the pool is full: unlink it.
        const offset = i32[p + ${POOL.NEXTOFFSET}];
        if (offset <= i32[p + ${POOL.MAXNEXTOFFSET}]) {
          i32[p + ${POOL.FREEBLOCK}] = pool + offset; i32[p + ${POOL.NEXTOFFSET}] = offset + ${(size + 1) << ALIGNMENT_SHIFT}; i32[(pool + offset) >> 2] = 0;
        } else {
          const nextpool = i32[p + ${POOL.NEXTPOOL}], prevpool = i32[p + ${POOL.PREVPOOL}];
          i32[(nextpool >> 2) + ${POOL.PREVPOOL}] = prevpool; i32[(prevpool >> 2) + ${POOL.NEXTPOOL}] = nextpool;
        }
      }
    }
  } else if (generalNew > 0) generalNew--;
  if (bp === 0) return newIntOrZero(s, v);
  // _PyObject_Init and the digits: v * 2**-30 is exact, and an operation with a double
  // literal has double type feedback whatever v is (the first two-digit int is no deopt).
  newCount++;
  const w = bp >> 2, q = v * ${2 ** -DIGIT_BITS}, a = q < 0 ? -q : q, d1 = Math.floor(a), n = d1 === 0 ? 1 : 2;
  i32[w + ${OB.REFCNT}] = 1; i32[w + ${OB.TYPE}] = ${TID.INT}; i32[w + ${OB.TID}] = 0; i32[w + ${OB.REF_SHARED}] = 0;
  i32[w + ${INT.SIZE}] = q < 0 ? -n : n; u32[w + ${INT.DIGITS}] = (a - d1) * ${DIGIT_BASE}; u32[w + ${INT.DIGITS + 1}] = d1;
  return bp;
}
function release(s, i32, p) {
  if (s.quick && generalRelease === 0 && i32[(p >> 2) + ${OB.TYPE}] === ${TID.INT} && i32[(p >> 2) + ${OB.REFCNT}] === 1) {
    // Py_DECREF to 0, int_dealloc, pymalloc_free; a pool that empties (insert_to_freepool) takes the call.
    const pool = p & ${pm.poolMask}, q = pool >> 2, arenaindex = i32[q + ${POOL.ARENAINDEX}];
    if (arenaindex >= 0 && arenaindex < ${pm.maxArenas}) {
      const address = i32[${pm.aoAddressBase} + arenaindex * ${ARENA_OBJECT_BYTES >> 2}], count = i32[q + ${POOL.REF_COUNT}];
      if (address !== 0 && p >= address && p - address < ${pm.arenaSize} && count > 1) {
        releaseCount++;
        const lastfree = i32[q + ${POOL.FREEBLOCK}];
        i32[(p >> 2) + ${OB.TYPE}] = ${TID.FREED}; i32[p >> 2] = lastfree; i32[q + ${POOL.FREEBLOCK}] = p; i32[q + ${POOL.REF_COUNT}] = count - 1;
        if (lastfree === 0) {
          // The pool was full: insert_to_usedpool.
          const head = ${pm.usedBase} + i32[q + ${POOL.SZIDX}] * ${USEDPOOL_HEAD_BYTES >> 2}, next = i32[head + ${POOL.NEXTPOOL}];
          i32[q + ${POOL.NEXTPOOL}] = next; i32[q + ${POOL.PREVPOOL}] = head << 2; i32[(next >> 2) + ${POOL.PREVPOOL}] = pool; i32[head + ${POOL.NEXTPOOL}] = pool;
        }
        return;
      }
    }
  } else if (generalRelease > 0) generalRelease--;
  s.decref(p);
}
// Py_XDECREF, n times: ObjSpace.decref's count and test inline, release for the last
// reference (and for an immortal object or a corrupt count, which s.decref counts or
// reports). The loops have no call but release's: a big container's dealloc may be the
// first, run in V8's interpreter until it compiles the loop, where a call costs more than
// the rest of an iteration. And no branch but release's: \`live\` (2 <= rc < IMMORTAL_MIN)
// is arithmetic, the store and the count done whatever it is (rc - 0 stores rc back), so
// a container whose items are all shared after one whose items all died (or the reverse)
// runs no operation the compiled loop has not seen (which would throw it away); nor does
// the end of the first call, which V8 may compile while its loop runs (so the count goes
// to s.decrefs as it goes).
function dropRange(s, i32, w, n) {
  for (let i = 0; i < n; i++) {
    const v = i32[w + i];
    if (v !== 0) {
      const rc = i32[v >> 2], live = (rc > 1) & (rc < ${IMMORTAL_MIN});
      i32[v >> 2] = rc - live; s.decrefs += live;
      if (live === 0) release(s, i32, v);
    }
  }
}
function dropEntries(s, i32, w, n, stride, key) {
  for (let e = w + (n - 1) * stride + key; e >= w; e -= stride) {
    const v = i32[e + 2], k = i32[e];
    if (v !== 0) {
      const rc = i32[v >> 2], live = (rc > 1) & (rc < ${IMMORTAL_MIN});
      i32[v >> 2] = rc - live; s.decrefs += live;
      if (live === 0) release(s, i32, v);
    }
    if (k !== 0) {
      const rc = i32[k >> 2], live = (rc > 1) & (rc < ${IMMORTAL_MIN});
      i32[k >> 2] = rc - live; s.decrefs += live;
      if (live === 0) release(s, i32, k);
    }
  }
}
return { newInt, release, dropRange, dropEntries, settle };`;
}
