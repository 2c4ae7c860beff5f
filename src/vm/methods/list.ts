/**
 * Methods of list (Objects/listobject.c, CPython 3.11). Items are compared with vm.eq and
 * vm.lt, so user __eq__/__lt__ run exactly where CPython's PyObject_RichCompare would
 * call them, and the list's length is re-read after every such call (the callee may
 * mutate the list).
 *
 * list.sort models listobject.c's listsort: keys computed first, the list left empty
 * while it sorts (user code sees []), count_run + binarysort on runs of `minrun`, so for
 * fewer than 64 items the sequence of __lt__ calls is CPython's; longer runs are merged
 * with a plain stable merge instead of timsort's galloping (same result, different calls).
 */
import { LIST, TID } from "../../objects/layout.js";
import {
  listAppend, listAssSlice, listClear, listGet, listGetSlice, listInsert, listLen, listPop,
} from "../../objects/list.js";
import { intFromNumber } from "../../objects/int.js";
import type { VM } from "../api.js";
import { defMethod } from "../natives.js";
import { indexArg, isInt, keywords, noArgs, none, oneArg, positional } from "./args.js";


defMethod(TID.LIST, "append", (vm, a, n, kw) => {
  oneArg(vm, "list.append", n, kw, 1);
  listAppend(vm.s, vm.i32[a]!, vm.i32[a + 1]!);
  return none(vm);
});

defMethod(TID.LIST, "extend", (vm, a, n, kw) => {
  oneArg(vm, "list.extend", n, kw, 1);
  vm.listExtendAny(vm.i32[a]!, vm.i32[a + 1]!);
  return none(vm);
});

// list += x as a method (list_inplace_concat): list_extend, then the list itself.
defMethod(TID.LIST, "__iadd__", (vm, a, n, kw) => {
  oneArg(vm, "list.__iadd__", n, kw, 1);
  const l = vm.i32[a]!;
  vm.listExtendAny(l, vm.i32[a + 1]!);
  vm.s.incref(l);
  return l;
});

defMethod(TID.LIST, "pop", (vm, a, n, kw) => {
  positional(vm, "list.pop", n - 1, kw, 0, 1);
  const index = n > 1 ? indexArg(vm, vm.i32[a + 1]!) : -1;
  return listPop(vm.s, vm.i32[a]!, index);
});

defMethod(TID.LIST, "insert", (vm, a, n, kw) => {
  positional(vm, "list.insert", n - 1, kw, 2, 2);
  const where = indexArg(vm, vm.i32[a + 1]!);
  listInsert(vm.s, vm.i32[a]!, where, vm.i32[a + 2]!);
  return none(vm);
});

/** _PyEval_SliceIndexNotNone, as list.index's and tuple.index's start/stop converter. */
export function sliceIndexNotNone(vm: VM, p: number): number {
  if (!isInt(vm, p)) throw vm.error("TypeError", "slice indices must be integers or have an __index__ method");
  const v = vm.indexValue(p, "");
  return v;
}

/** The [start, stop) window of list.index / tuple.index (args at a+2, a+3), clamped as CPython. */
export function indexWindow(vm: VM, a: number, n: number, len: number): [number, number] {
  let start = n > 2 ? sliceIndexNotNone(vm, vm.i32[a + 2]!) : 0;
  let stop = n > 3 ? sliceIndexNotNone(vm, vm.i32[a + 3]!) : Number.MAX_SAFE_INTEGER;
  if (start < 0) {
    start += len;
    if (start < 0) start = 0;
  }
  if (stop < 0) {
    stop += len;
    if (stop < 0) stop = 0;
  }
  return [start, stop];
}

defMethod(TID.LIST, "index", (vm, a, n, kw) => {
  positional(vm, "list.index", n - 1, kw, 1, 3);
  const s = vm.s;
  const l = vm.i32[a]!;
  const x = vm.i32[a + 1]!;
  const [start, stop] = indexWindow(vm, a, n, listLen(s, l));
  for (let i = start; i < stop && i < listLen(s, l); i++) {
    if (vm.eq(listGet(s, l, i), x)) return intFromNumber(s, i);
  }
  throw vm.error("ValueError", `${vm.repr(x)} is not in list`);
});

defMethod(TID.LIST, "count", (vm, a, n, kw) => {
  oneArg(vm, "list.count", n, kw, 1);
  const s = vm.s;
  const l = vm.i32[a]!;
  const x = vm.i32[a + 1]!;
  let c = 0;
  for (let i = 0; i < listLen(s, l); i++) if (vm.eq(listGet(s, l, i), x)) c++;
  return intFromNumber(s, c);
});

defMethod(TID.LIST, "remove", (vm, a, n, kw) => {
  oneArg(vm, "list.remove", n, kw, 1);
  const s = vm.s;
  const l = vm.i32[a]!;
  const x = vm.i32[a + 1]!;
  for (let i = 0; i < listLen(s, l); i++) {
    if (vm.eq(listGet(s, l, i), x)) {
      // list_ass_slice(self, i, i + 1, NULL): clamped to the length __eq__ left, and the
      // last item's removal frees the array as _list_clear does.
      listAssSlice(s, l, i, i + 1, 0);
      return none(vm);
    }
  }
  throw vm.error("ValueError", "list.remove(x): x not in list");
});

defMethod(TID.LIST, "reverse", (vm, a, n, kw) => {
  noArgs(vm, "list.reverse", n, kw);
  const l = vm.i32[a]!;
  const len = listLen(vm.s, l);
  if (len > 1) {
    const items = vm.i32[(l >> 2) + LIST.ITEMS]! >> 2;
    vm.i32.subarray(items, items + len).reverse();
  }
  return none(vm);
});

defMethod(TID.LIST, "copy", (vm, a, n, kw) => {
  noArgs(vm, "list.copy", n, kw);
  // list_copy_impl: list_slice(self, 0, len), exactly len slots.
  return listGetSlice(vm.s, vm.i32[a]!, (len) => [0, 1, len]);
});

defMethod(TID.LIST, "clear", (vm, a, n, kw) => {
  noArgs(vm, "list.clear", n, kw);
  listClear(vm.s, vm.i32[a]!);
  return none(vm);
});

// ── sort ────────────────────────────────────────────────────────────────────

/** listobject.c: merge_compute_minrun. */
function minrunFor(n: number): number {
  let r = 0;
  while (n >= 64) {
    r |= n & 1;
    n >>= 1;
  }
  return n + r;
}

/** Sorts `perm` (indices into `keys`) stably by vm.lt on the keys. */
class Sorter {
  constructor(private readonly vm: VM, private readonly keys: readonly number[], readonly perm: number[]) {}

  private lt(i: number, j: number): boolean {
    return this.vm.lt(this.keys[i]!, this.keys[j]!);
  }

  /** count_run: the length of the run at lo (reversed in place when strictly descending). */
  private countRun(lo: number, hi: number): number {
    const p = this.perm;
    if (lo + 1 === hi) return 1;
    let n = 2;
    let k = lo + 2;
    if (this.lt(p[lo + 1]!, p[lo]!)) {
      for (; k < hi; k++, n++) if (!this.lt(p[k]!, p[k - 1]!)) break;
      reverse(p, lo, lo + n);
    } else {
      for (; k < hi; k++, n++) if (this.lt(p[k]!, p[k - 1]!)) break;
    }
    return n;
  }

  /** binarysort: [lo, start) is sorted; insert start..hi-1. */
  private binarySort(lo: number, hi: number, start: number): void {
    const p = this.perm;
    if (lo === start) start++;
    for (; start < hi; start++) {
      const pivot = p[start]!;
      let l = lo, r = start;
      do {
        const m = l + ((r - l) >> 1);
        if (this.lt(pivot, p[m]!)) r = m;
        else l = m + 1;
      } while (l < r);
      p.copyWithin(l + 1, l, start);
      p[l] = pivot;
    }
  }

  private merge(lo: number, mid: number, hi: number): void {
    const p = this.perm;
    const left = p.slice(lo, mid);
    const merged: number[] = [];
    let i = 0, j = mid;
    while (i < left.length && j < hi) {
      if (this.lt(p[j]!, left[i]!)) merged.push(p[j++]!);
      else merged.push(left[i++]!);
    }
    while (i < left.length) merged.push(left[i++]!);
    while (j < hi) merged.push(p[j++]!);
    for (let k = 0; k < merged.length; k++) p[lo + k] = merged[k]!;
  }

  sort(): void {
    const n = this.perm.length;
    if (n < 2) return;
    const minrun = minrunFor(n);
    const runs: number[] = [0];
    for (let lo = 0; lo < n;) {
      const remaining = n - lo;
      let len = this.countRun(lo, n);
      if (len < minrun) {
        const force = remaining <= minrun ? remaining : minrun;
        this.binarySort(lo, lo + force, lo + len);
        len = force;
      }
      lo += len;
      runs.push(lo);
    }
    while (runs.length > 2) {
      const next: number[] = [0];
      for (let r = 0; r + 2 < runs.length; r += 2) {
        this.merge(runs[r]!, runs[r + 1]!, runs[r + 2]!);
        next.push(runs[r + 2]!);
      }
      if ((runs.length - 1) % 2 === 1) next.push(runs[runs.length - 1]!);
      runs.length = 0;
      runs.push(...next);
    }
  }
}

function reverse(p: number[], lo: number, hi: number): void {
  for (hi--; lo < hi; lo++, hi--) {
    const t = p[lo]!;
    p[lo] = p[hi]!;
    p[hi] = t;
  }
}

/** list.sort(*, key=None, reverse=False) on list `l`. */
export function sortList(vm: VM, l: number, key: number, rev: boolean): void {
  const s = vm.s;
  const i32 = vm.i32;
  const w = l >> 2;
  // The list is empty while it sorts: user code (key, __lt__) sees [] (listsort's
  // "The list is temporarily made empty, so that mutations performed by comparison
  // functions can't affect the slice of memory we're sorting"). Emptying it and putting
  // it back are each done in the list's critical section (3.13t holds it in listsort),
  // so another thread's append never interleaves with them (it did, and a free-threaded
  // run could spin forever); comparisons that may run Python code run outside it.
  s.lockObject(l);
  const n = listLen(s, l);
  const items: number[] = [];
  for (let i = 0; i < n; i++) items.push(listGet(s, l, i));
  const savedItems = i32[w + LIST.ITEMS]!;
  const savedAlloc = i32[w + LIST.ALLOCATED]!;
  i32[w + LIST.SIZE] = 0;
  i32[w + LIST.ITEMS] = 0;
  i32[w + LIST.ALLOCATED] = -1;
  // Items whose comparisons run no Python code (no key, ints, floats, strs): the whole
  // sort in the critical section, as 3.13t's, so another thread's append waits for it.
  const atomic = key === 0 && items.every((v) => { const t = s.typeId(v); return t === TID.INT || t === TID.FLOAT || t === TID.STR || t === TID.BOOL; });
  if (!atomic) s.unlockObject(l);
  const keys: number[] = [];
  const perm = items.map((_, i) => i);
  let failure: unknown = null;
  try {
    if (key !== 0) for (const v of items) keys.push(vm.call(key, v));
    const sorter = new Sorter(vm, key !== 0 ? keys : items, perm);
    if (rev) reverse(perm, 0, n);
    sorter.sort();
    if (rev) reverse(perm, 0, n);
  } catch (e) {
    failure = e;
  }
  for (const k of keys) s.decref(k);
  // The items come back; whatever other code put in the list meanwhile is dropped after
  // the critical section (listsort's final_ob_item loop: its decrefs may run code).
  if (!atomic) s.lockObject(l);
  const modified = i32[w + LIST.ALLOCATED] !== -1 || i32[w + LIST.ITEMS] !== 0;
  const foreign = i32[w + LIST.ITEMS]!, foreignSize = i32[w + LIST.SIZE]!;
  i32[w + LIST.ITEMS] = savedItems;
  i32[w + LIST.ALLOCATED] = savedAlloc;
  i32[w + LIST.SIZE] = n;
  const base = savedItems >> 2;
  // a key failure leaves the order as it was; a comparison failure leaves a permutation
  const order = failure !== null && keys.length < n && key !== 0 ? items.map((_, i) => i) : perm;
  for (let i = 0; i < n; i++) i32[base + i] = items[order[i]!]!;
  s.unlockObject(l);
  if (foreign !== 0) {
    for (let i = foreignSize - 1; i >= 0; i--) s.xdecref(i32[(foreign >> 2) + i]!);
    s.free(foreign);
  }
  if (failure !== null) throw failure;
  if (modified) throw vm.error("ValueError", "list modified during sort");
}

defMethod(TID.LIST, "sort", (vm, a, n, kw) => {
  const [key, reverseP] = keywords(vm, "sort", a, n, kw, 1, ["key", "reverse"], 0, 0, 0);
  const k = key === 0 || key === vm.None ? 0 : key!;
  const rev = reverseP !== 0 && vm.indexValue(reverseP!, "") !== 0;
  sortList(vm, vm.i32[a]!, k, rev);
  return none(vm);
});
