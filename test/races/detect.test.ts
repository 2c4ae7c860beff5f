/**
 * The race detector, one planted corruption at a time, in one JS thread: each test breaks
 * the heap by hand the way a race would and asserts the exact finding.
 */
import { describe, expect, it } from "vitest";
import { checkHeap, createHeap, type Heap } from "../../src/heap/index.js";
import { POOL, USEDPOOL_HEAD_BYTES, USEDPOOLS_OFF } from "../../src/heap/layout.js";
import { ObMalloc } from "../../src/heap/obmalloc.js";
import {
  dictNew, dictSetItem, formatObjects, IMMORTAL_REFCNT, intFromNumber, LIST, listAppend, listNew, type ObjSpace, strFromJs,
} from "../../src/objects/index.js";
import {
  auditHeap, bootDetecting, DetectingObjSpace, DetectingObMalloc, readRaces, ReportedCorruption, type RaceReport,
} from "../../src/races/index.js";

interface World { heap: Heap; boot: ObjSpace; ob: DetectingObMalloc; s: DetectingObjSpace }

function world(): World {
  const heap = createHeap({ heapBytes: 8 * 1024 * 1024 });
  const boot = formatObjects(heap, bootDetecting(heap));
  const ob = new DetectingObMalloc(heap, 1);
  return { heap, boot, ob, s: DetectingObjSpace.attach(heap, ob) };
}

const report = (w: World): RaceReport => readRaces(w.heap, w.boot, () => null);

/** A dict no one will free (immortal), holding `v` under `key`: a root for the audit. */
function pin(s: ObjSpace, key: string, v: number): number {
  const d = dictNew(s);
  s.i32[d >> 2] = IMMORTAL_REFCNT;
  const k = strFromJs(s, key);
  dictSetItem(s, d, k, v);
  s.decref(k);
  return d;
}

describe("the race detector", () => {
  it("finds nothing in a heap nobody corrupted", () => {
    const w = world();
    const l = listNew(w.s, 0);
    for (let i = 0; i < 10; i++) {
      const x = intFromNumber(w.s, 1000 + i);
      listAppend(w.s, l, x);
      w.s.decref(x);
    }
    pin(w.s, "l", l);
    w.s.decref(l);
    auditHeap(w.s, w.s.log);
    expect(report(w).total).toBe(0);
  });

  it("reports an incref of a freed object as a use after free, without writing to it", () => {
    const w = world();
    const l = listNew(w.s, 0);
    w.s.decref(l); // freed (or free-listed): ob_type poisoned
    const before = w.s.i32[l >> 2];
    w.s.incref(l);
    expect(w.s.i32[l >> 2]).toBe(before);
    const r = report(w);
    expect(r.byKind.useAfterFree).toBe(1);
    expect(r.total).toBe(1);
    expect(r.examples[0]).toMatchObject({ kind: "useAfterFree", thread: 1, type: "freed", address: `0x${l.toString(16)}` });
  });

  it("reports a block handed out twice", () => {
    const w = world();
    const b = w.ob.malloc(64);
    ObMalloc.prototype.free.call(w.ob, b); // freed behind the shadow's back: as a racing pop would
    const again = w.ob.malloc(64);
    expect(again).toBe(b);
    const r = report(w);
    expect(r.byKind.doubleAllocation).toBe(1);
    expect(r.examples[0]).toMatchObject({ kind: "doubleAllocation", address: `0x${b.toString(16)}`, detail: { a: 64, b: 0 } });
  });

  it("reports a double free and refuses it, so the free list stays sound", () => {
    const w = world();
    const b = w.ob.malloc(32);
    w.ob.free(b);
    w.ob.free(b);
    const r = report(w);
    expect(r.byKind.doubleFree).toBe(1);
    expect(r.examples[0]).toMatchObject({ kind: "doubleFree", address: `0x${b.toString(16)}` });
    expect(checkHeap(w.ob).problems).toEqual([]);
  });

  it("reports a corrupted free-list pointer and stops the allocation", () => {
    const w = world();
    const size = 5; // 96-byte blocks
    w.ob.malloc(96);
    const pool = w.heap.i32[((USEDPOOLS_OFF + size * USEDPOOL_HEAD_BYTES) >> 2) + POOL.NEXTPOOL]!;
    const wild = pool + 7; // inside the pool, but not a block
    w.heap.i32[(pool >> 2) + POOL.FREEBLOCK] = wild;
    expect(() => w.ob.malloc(96)).toThrow(ReportedCorruption);
    const r = report(w);
    expect(r.byKind.freeListCorruption).toBe(1);
    expect(r.total).toBe(1);
    expect(r.examples[0]).toMatchObject({ kind: "freeListCorruption", address: `0x${wild.toString(16)}`, detail: { a: size, b: 0 } });
  });

  it("reports a list whose size exceeds its allocation", () => {
    const w = world();
    const l = listNew(w.s, 0);
    listAppend(w.s, l, w.s.None);
    pin(w.s, "l", l);
    w.s.decref(l);
    w.s.i32[(l >> 2) + LIST.SIZE] = w.s.i32[(l >> 2) + LIST.ALLOCATED]! + 1;
    auditHeap(w.s, w.s.log);
    const r = report(w);
    expect(r.byKind.containerCorruption).toBe(1);
    expect(r.total).toBe(1);
    expect(r.examples[0]).toMatchObject({ kind: "containerCorruption", type: "list", address: `0x${l.toString(16)}` });
  });

  it("reports a list item that is not a live object", () => {
    const w = world();
    const l = listNew(w.s, 0);
    const x = intFromNumber(w.s, 12345);
    listAppend(w.s, l, x);
    w.s.decref(x);
    pin(w.s, "l", l);
    w.s.decref(l);
    const items = w.s.i32[(l >> 2) + LIST.ITEMS]!;
    w.s.i32[items >> 2] = 0x40; // a wild pointer, below the heap's blocks
    auditHeap(w.s, w.s.log);
    const r = report(w);
    expect(r.byKind.containerCorruption).toBe(1);
    expect(r.examples[0]).toMatchObject({ kind: "containerCorruption", type: "list", detail: { a: 0x40, b: 0 } });
  });

  it("reports a refcount off by one either way, with the stored and the true count", () => {
    const w = world();
    const l = listNew(w.s, 0);
    const leaked = intFromNumber(w.s, 777_777);
    const early = intFromNumber(w.s, 888_888);
    listAppend(w.s, l, leaked);
    listAppend(w.s, l, early);
    listAppend(w.s, l, early);
    w.s.decref(leaked);
    w.s.decref(early);
    pin(w.s, "l", l);
    w.s.decref(l);
    w.s.i32[leaked >> 2]! += 1; // a lost decrement: it would leak
    w.s.i32[early >> 2]! -= 1; // a lost increment: it would be freed while still in the list
    auditHeap(w.s, w.s.log);
    const r = report(w);
    expect(r.byKind.refcountDrift).toBe(2);
    expect(r.total).toBe(2);
    const byAddr = new Map(r.examples.map((f) => [f.address, f]));
    expect(byAddr.get(`0x${leaked.toString(16)}`)).toMatchObject({ type: "int", detail: { stored: 2, true: 1 } });
    expect(byAddr.get(`0x${early.toString(16)}`)).toMatchObject({ type: "int", detail: { stored: 1, true: 2 } });
  });
});
