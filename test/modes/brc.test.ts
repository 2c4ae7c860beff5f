/**
 * Biased reference counting's state machine (biased.ts, brc.ts), in one JS thread: two
 * object spaces of different thread ids over one heap play the owner and another thread.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { EB, OB, THREAD_SLOT_BYTES, THREADS_OFF, TS } from "../../src/heap/layout.js";
import { BiasedObjSpace, REF } from "../../src/modes/biased.js";
import { floatNew, IMMORTAL_MIN, TID } from "../../src/objects/index.js";
import { twoThreads } from "./spaces.js";

let A: BiasedObjSpace; // thread 0: the owner of what it allocates
let B: BiasedObjSpace; // thread 1
const evalBreaker = (tid: number): number => ((THREADS_OFF + tid * THREAD_SLOT_BYTES) >> 2) + TS.EVAL_BREAKER;

beforeEach(() => {
  [A, B] = twoThreads();
});

const local = (p: number): number => A.i32[(p >> 2) + OB.REFCNT]!;
const shared = (p: number): number => A.i32[(p >> 2) + OB.REF_SHARED]!;
const owner = (p: number): number => A.i32[(p >> 2) + OB.TID]! & 0xffff;
const freed = (p: number): boolean => A.i32[(p >> 2) + OB.TYPE] === TID.FREED;

describe("biased reference counting", () => {
  it("counts the owner's references locally and the others' in the shared word", () => {
    const x = floatNew(A, 1.5);
    expect([local(x), shared(x), owner(x)]).toEqual([1, 0, 1]);
    A.incref(x);
    B.incref(x);
    B.incref(x);
    expect([local(x), shared(x) >> 2]).toEqual([2, 2]);
    expect(A.refcount(x)).toBe(4);
    expect(B.refcount(x)).toBe(4);
    expect(B.sharedOps).toBe(2);
  });

  it("merges when the owner's count reaches zero, and frees at the last shared decref", () => {
    const x = floatNew(A, 1.5);
    B.incref(x);
    A.decref(x); // _Py_MergeZeroLocalRefcount: shared > 0, so give up ownership
    expect(freed(x)).toBe(false);
    expect([local(x), owner(x), shared(x) & 3, shared(x) >> 2]).toEqual([0, 0, REF.MERGED, 1]);
    expect(B.refcount(x)).toBe(1);
    B.decref(x); // merged and now zero: B deallocates
    expect(freed(x)).toBe(true);
  });

  it("frees at once when the owner drops the last reference and no other thread has one", () => {
    const x = floatNew(A, 2.5);
    A.decref(x);
    expect(freed(x)).toBe(true);
  });

  it("queues an object whose shared count would go negative, and the owner merges it at its eval breaker", () => {
    const x = floatNew(A, 3.5); // A's reference is handed to B (as a list pop would)
    B.decref(x);
    expect(freed(x)).toBe(false);
    expect(shared(x)).toBe(REF.QUEUED);
    expect(B.brcQueued).toBe(1);
    expect(A.i32[evalBreaker(0)]! & EB.EXPLICIT_MERGE).toBe(EB.EXPLICIT_MERGE);
    A.handlePending(); // _Py_brc_merge_refcounts: local 1 + shared 0 - the queue's 1 = 0
    expect(freed(x)).toBe(true);
    expect(A.brcMerged).toBe(1);
    expect(A.i32[evalBreaker(0)]! & EB.EXPLICIT_MERGE).toBe(0);
  });

  it("keeps a queued object alive if the owner still holds it, merged into the shared count", () => {
    const x = floatNew(A, 4.5);
    A.incref(x); // local 2: one reference is A's, one goes to B
    B.decref(x);
    B.incref(x); // B takes another reference while x is queued
    A.handlePending(); // 2 local + 1 shared - 1 = 2
    expect(freed(x)).toBe(false);
    expect([owner(x), shared(x) & 3, shared(x) >> 2, local(x)]).toEqual([0, REF.MERGED, 2, 0]);
    A.decref(x); // no longer the owner: a shared decref
    B.decref(x);
    expect(freed(x)).toBe(true);
  });

  it("merges the queue when the owner exits, and then merges abandoned objects at once", () => {
    const x = floatNew(A, 5.5);
    const y = floatNew(A, 6.5);
    A.incref(x);
    B.decref(x); // queued for A
    A.threadExit(); // _Py_brc_remove_thread: merges x (2 - 1 = 1), unregisters A
    expect(A.brcMerged).toBe(1);
    expect([freed(x), shared(x) >> 2, shared(x) & 3]).toEqual([false, 1, REF.MERGED]);
    B.decref(x);
    expect(freed(x)).toBe(true);
    // y still names exited thread 0 as its owner: B merges it itself (brc.c: owner not found).
    expect(owner(y)).toBe(1);
    B.decref(y);
    expect(freed(y)).toBe(true);
    expect(B.explicitMerges).toBe(1);
  });

  it("immortalizes functions and classes once the first thread starts (_PyGC_ImmortalizeDeferredObjects)", () => {
    const f = A.newGcObject(TID.FUNCTION, 16 + 136);
    const t0 = A.newGcObject(TID.TUPLE, 16 + 24);
    A.incref(f);
    B.incref(f);
    expect(A.refcount(f)).toBe(3);
    A.beforeThreadStart();
    expect(A.refcount(f)).toBeGreaterThanOrEqual(IMMORTAL_MIN);
    B.decref(f);
    A.decref(f);
    expect(A.refcount(f)).toBeGreaterThanOrEqual(IMMORTAL_MIN);
    expect(A.refcount(t0)).toBe(1); // a tuple is not deferred
    const g = B.newGcObject(TID.FUNCTION, 16 + 136); // made after the flag: immortal at once
    expect(B.refcount(g)).toBeGreaterThanOrEqual(IMMORTAL_MIN);
  });
});
