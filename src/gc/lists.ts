/**
 * Doubly linked lists of containers through their PyGC_Head (gcmodule.c: gc_list_*).
 * A list is named by its head, a pseudo object (src/gc/layout.ts); a node is a container
 * object address. Every walk is bounded by `limit` links, so a list corrupted by a race
 * (the `nogil` mode) ends a walk with a HeapCorruption instead of a hang.
 */
import { HeapCorruption } from "../errors.js";
import { GCH } from "../heap/layout.js";


export const gcNext = (i32: Int32Array, p: number): number => i32[(p >> 2) + GCH.NEXT]!;

export function listInit(i32: Int32Array, head: number): void {
  i32[(head >> 2) + GCH.NEXT] = head;
  i32[(head >> 2) + GCH.PREV] = head;
}

export function listIsEmpty(i32: Int32Array, head: number): boolean {
  return i32[(head >> 2) + GCH.NEXT] === head;
}

/** gc_list_append: link `p` (on no list) at the end of `head`'s list. */
export function listAppend(i32: Int32Array, p: number, head: number): void {
  const w = p >> 2;
  const last = i32[(head >> 2) + GCH.PREV]!;
  i32[w + GCH.PREV] = last;
  i32[w + GCH.NEXT] = head;
  i32[(last >> 2) + GCH.NEXT] = p;
  i32[(head >> 2) + GCH.PREV] = p;
}

/** gc_list_remove: unlink `p` from its list and mark it untracked (_gc_next = 0). */
export function listRemove(i32: Int32Array, p: number): void {
  const w = p >> 2;
  const prev = i32[w + GCH.PREV]!;
  const next = i32[w + GCH.NEXT]!;
  i32[(prev >> 2) + GCH.NEXT] = next;
  i32[(next >> 2) + GCH.PREV] = prev;
  i32[w + GCH.NEXT] = 0;
  i32[w + GCH.PREV] = 0;
}

/** gc_list_move: unlink `p` from its list, append it to `head`'s. */
export function listMove(i32: Int32Array, p: number, head: number): void {
  const w = p >> 2;
  const prev = i32[w + GCH.PREV]!;
  const next = i32[w + GCH.NEXT]!;
  i32[(prev >> 2) + GCH.NEXT] = next;
  i32[(next >> 2) + GCH.PREV] = prev;
  listAppend(i32, p, head);
}

/** gc_list_merge: append every node of `from` to `to`; `from` becomes empty. */
export function listMerge(i32: Int32Array, from: number, to: number): void {
  if (listIsEmpty(i32, from)) return;
  const fw = from >> 2;
  const tw = to >> 2;
  const first = i32[fw + GCH.NEXT]!;
  const last = i32[fw + GCH.PREV]!;
  const tail = i32[tw + GCH.PREV]!;
  i32[(tail >> 2) + GCH.NEXT] = first;
  i32[(first >> 2) + GCH.PREV] = tail;
  i32[(last >> 2) + GCH.NEXT] = to;
  i32[tw + GCH.PREV] = last;
  listInit(i32, from);
}

/** gc_list_size, bounded by `limit`. */
export function listSize(i32: Int32Array, head: number, limit: number): number {
  let n = 0;
  for (let p = gcNext(i32, head); p !== head; p = gcNext(i32, p)) {
    if (++n > limit || p === 0) throw new HeapCorruption(head, "a GC generation list is corrupt (cycle or broken link)");
  }
  return n;
}
