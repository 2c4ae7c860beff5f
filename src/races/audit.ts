/**
 * The end-of-run audit (main thread, every other thread finished, before __main__ is
 * finalized): recompute each live object's true number of references and compare it
 * with the refcount the racing threads left in its header.
 *
 *   1. the objects: every granule whose object bit is set and whose ob_type is a live
 *      type (leaked, unreachable objects included), plus everything reachable from the
 *      runtime's roots (sys.modules, builtins, __main__, the code table, the interned
 *      strings, the type table: the immortal objects made at boot, before the detector's
 *      space existed, are found this way)
 *   2. containers first: a list whose size exceeds its allocation, a dict whose entry
 *      count exceeds its keys' capacity, an item that is not a live object →
 *      containerCorruption (and the container is not traversed: every walk stays bounded)
 *   3. true count of p = the number of owned references to p from the objects of 1.
 *      (tp_traverse, objects/traverse.ts), and from the header for the spare MemoryErrors
 *      (OBJ.MEMERRORS); frames hold none: no thread is running
 *   4. every mortal object whose ob_refcnt differs → refcountDrift (A = stored, B = true):
 *      stored < true means lost increments (it will be freed while still referenced),
 *      stored > true lost decrements (it leaks)
 */
import { HeapCorruption } from "../errors.js";
import { OB } from "../heap/layout.js";
import { IMMORTAL_MIN, KEYS, KEYS_BYTE, KIND, LIST, DICT, MAX_TYPES, MEMERRORS_SAVE, OBJ, TID, TYPE_TABLE } from "../objects/layout.js";
import type { ObjSpace } from "../objects/space.js";
import { traverse, type Visitor } from "../objects/traverse.js";
import { CODE_CONSTS, CODE_NAMES } from "../vm/code.js";
import { VMG } from "../vm/globals.js";
import { RaceKind } from "./layout.js";
import type { RaceLog } from "./log.js";

export interface AuditResult {
  objects: number;
  drift: number;
  corrupt: number;
}

/** Is `p` a readable object with a live type? (no finding: the caller decides). */
function isObject(s: ObjSpace, p: number): boolean {
  if (p < s.heap.layout.rawStart || p + 16 > s.heap.config.heapBytes || (p & 15) !== 0) return false;
  const tid = s.i32[(p >> 2) + OB.TYPE]!;
  return tid > TID.FREED && tid < MAX_TYPES && tid < s.i32[OBJ.NEXT_TYPE_ID]! && s.i32[TYPE_TABLE + tid] !== 0;
}

/** A container's own bookkeeping is sane enough to walk: a finding names it otherwise. */
function containerOk(s: ObjSpace, p: number): boolean {
  const i32 = s.i32;
  const w = p >> 2;
  const heapWords = s.heap.config.heapBytes >> 2;
  switch (s.kindOf(s.i32[w + OB.TYPE]!)) {
    case KIND.LIST: {
      const n = i32[w + LIST.SIZE]!, alloc = i32[w + LIST.ALLOCATED]!, items = i32[w + LIST.ITEMS]!;
      if (n < 0 || n > alloc) return false;
      return alloc === 0 || (items > 0 && (items >> 2) + 2 * alloc <= heapWords);
    }
    case KIND.DICT: {
      const k = i32[w + DICT.KEYS]!;
      if (k <= 0 || (k & 3) !== 0 || k >= s.heap.config.heapBytes) return false;
      // dk_usable counts the entries still free: capacity = dk_usable + dk_nentries <= 2^log2_size.
      const usable = i32[(k >> 2) + KEYS.USABLE]!, nentries = i32[(k >> 2) + KEYS.NENTRIES]!, used = i32[w + DICT.USED]!;
      const log2 = s.u8[k + KEYS_BYTE.LOG2_SIZE]!;
      const capacity = usable + nentries;
      return used >= 0 && nentries >= 0 && usable >= 0 && log2 < 30 && capacity <= 1 << log2 && used <= nentries &&
        (k >> 2) + 6 * capacity + (1 << log2) <= heapWords;
    }
    default:
      return true;
  }
}

class Counter implements Visitor {
  readonly refs = new Map<number, number>();
  bad = 0; // first reference to something that is not a live object
  constructor(private readonly s: ObjSpace, private readonly queue: number[], private readonly seen: Set<number>) {}

  visit(target: number, _from: number): void {
    if (!isObject(this.s, target)) {
      if (this.bad === 0) this.bad = target === 0 ? 1 : target;
      return;
    }
    this.refs.set(target, (this.refs.get(target) ?? 0) + 1);
    if (!this.seen.has(target)) {
      this.seen.add(target);
      this.queue.push(target);
    }
  }
}

/** The runtime's roots: objects the heap header and the VM's globals point at. */
function roots(s: ObjSpace): number[] {
  const i32 = s.i32;
  const out = [i32[OBJ.INTERNED]!, i32[VMG.BUILTINS]!, i32[VMG.MODULES]!, i32[VMG.CODE_TABLE]!, i32[VMG.MAIN]!, i32[VMG.NOT_IMPLEMENTED]!, i32[VMG.ELLIPSIS]!];
  for (let t = TID.FREED + 1, n = Math.min(MAX_TYPES, i32[OBJ.NEXT_TYPE_ID]!); t < n; t++) out.push(i32[TYPE_TABLE + t]!);
  return out.filter((p) => p !== 0 && isObject(s, p));
}

export function auditHeap(s: ObjSpace, log: RaceLog): AuditResult {
  const seen = new Set<number>();
  const queue: number[] = [];
  const add = (p: number): void => {
    if (!seen.has(p) && isObject(s, p)) {
      seen.add(p);
      queue.push(p);
    }
  };
  log.forEachObjectStart(add);
  for (const r of roots(s)) add(r);
  const counter = new Counter(s, queue, seen);
  // The one reference of the header's to a mortal object: each spare MemoryError's (OBJ.MEMERRORS).
  for (let k = 0; k < MEMERRORS_SAVE; k++) {
    const p = s.i32[OBJ.MEMERRORS + k]!;
    if (p !== 0) counter.visit(p, 0);
  }
  let corrupt = 0;
  // Each object is traversed once; what it reaches joins the queue, so the walk is
  // bounded by the number of granules in the heap.
  for (let i = 0; i < queue.length; i++) {
    const p = queue[i]!;
    try {
      if (!containerOk(s, p)) {
        log.record(RaceKind.containerCorruption, p, s.i32[(p >> 2) + OB.TYPE]!);
        corrupt++;
        continue;
      }
      counter.bad = 0;
      traverse(s, p, counter, true);
      if (s.kindOf(s.i32[(p >> 2) + OB.TYPE]!) === KIND.CODE) {
        // The interpreter's fields of a code object (vm/code.ts): co_consts and co_names.
        const w = p >> 2;
        for (const f of [CODE_CONSTS, CODE_NAMES]) if (s.i32[w + f] !== 0) counter.visit(s.i32[w + f]!, p);
      }
      if (counter.bad !== 0) {
        log.record(RaceKind.containerCorruption, p, s.i32[(p >> 2) + OB.TYPE]!, counter.bad);
        corrupt++;
      }
    } catch (e) {
      if (!(e instanceof HeapCorruption)) throw e;
      log.record(RaceKind.containerCorruption, p, s.i32[(p >> 2) + OB.TYPE]!, e.address);
      corrupt++;
    }
  }
  let drift = 0;
  for (const p of queue) {
    const rc = s.i32[(p >> 2) + OB.REFCNT]!;
    if (rc >= IMMORTAL_MIN) continue;
    const truth = counter.refs.get(p) ?? 0;
    if (rc !== truth) {
      log.record(RaceKind.refcountDrift, p, s.i32[(p >> 2) + OB.TYPE]!, rc, truth);
      drift++;
    }
  }
  return { objects: queue.length, drift, corrupt };
}
