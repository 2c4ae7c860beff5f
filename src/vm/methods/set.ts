/**
 * Methods of set (Objects/setobject.c, CPython 3.11) over the object layer's table:
 * setAdd / setContains / setDiscard and position walks (setNextIndex / setKeyAt).
 * Arguments that are not sets are read through their iterator.
 */
import { TID } from "../../objects/layout.js";
import { strFromJs } from "../../objects/str.js";
import { setAdd, setClear, setSwapBodies, setContains, setDiscard, setKeyAt, setLen, setMerge, setNew, setNextIndex } from "../../objects/set.js";
import type { NativeImpl, VM } from "../api.js";
import { setDifference, setIntersection, setSymmetricDifference, setSymmetricUpdate } from "../ops.js";
import { defMethod } from "../natives.js";
import { bool, collect, decrefAll, noArgs, none, oneArg, tupleArgs } from "./args.js";


/** The keys of a set (borrowed), in table order. */
function keysOf(vm: VM, so: number): number[] {
  const s = vm.s;
  const keys: number[] = [];
  for (let i = setNextIndex(s, so, 0); i >= 0; i = setNextIndex(s, so, i + 1)) keys.push(setKeyAt(s, so, i));
  return keys;
}

/** A new set of the keys of `so`. */
function copyOf(vm: VM, so: number): number {
  const r = setNew(vm.s);
  setMerge(vm.s, r, so);
  return r;
}

/** set_update_internal: the items of any iterable into `so`; a set's by set_merge. */
function addAll(vm: VM, so: number, iterable: number): void {
  if (vm.s.typeId(iterable) === TID.SET) {
    setMerge(vm.s, so, iterable);
    return;
  }
  eachItem(vm, iterable, (v) => {
    vm.checkHashable(v);
    setAdd(vm.s, so, v);
  });
}

/** Run f over the items of any iterable (owned for the duration of the call). */
function eachItem(vm: VM, iterable: number, f: (item: number) => void): void {
  if (vm.s.typeId(iterable) === TID.SET) {
    for (const k of keysOf(vm, iterable)) f(k);
    return;
  }
  const items = collect(vm, iterable);
  try {
    for (const v of items) f(v);
  } finally {
    decrefAll(vm, items);
  }
}

/** A set holding the items of any iterable (new reference). */
function toSet(vm: VM, iterable: number): number {
  if (vm.s.typeId(iterable) === TID.SET) {
    vm.s.incref(iterable);
    return iterable;
  }
  const r = setNew(vm.s);
  try {
    eachItem(vm, iterable, (v) => {
      vm.checkHashable(v);
      setAdd(vm.s, r, v);
    });
  } catch (e) {
    vm.s.decref(r);
    throw e;
  }
  return r;
}

defMethod(TID.SET, "add", (vm, a, n, kw) => {
  oneArg(vm, "set.add", n, kw, 1);
  vm.checkHashable(vm.i32[a + 1]!);
  setAdd(vm.s, vm.i32[a]!, vm.i32[a + 1]!);
  return none(vm);
});

defMethod(TID.SET, "discard", (vm, a, n, kw) => {
  oneArg(vm, "set.discard", n, kw, 1);
  vm.checkHashable(vm.i32[a + 1]!);
  setDiscard(vm.s, vm.i32[a]!, vm.i32[a + 1]!);
  return none(vm);
});

defMethod(TID.SET, "remove", (vm, a, n, kw) => {
  oneArg(vm, "set.remove", n, kw, 1);
  const key = vm.i32[a + 1]!;
  vm.checkHashable(key);
  if (!setDiscard(vm.s, vm.i32[a]!, key)) throw vm.keyError(key);
  return none(vm);
});

defMethod(TID.SET, "pop", (vm, a, n, kw) => {
  noArgs(vm, "set.pop", n, kw);
  const s = vm.s;
  const so = vm.i32[a]!;
  const i = setNextIndex(s, so, 0);
  if (i < 0) keyErrorText(vm, "pop from an empty set");
  const key = setKeyAt(s, so, i);
  s.incref(key);
  setDiscard(s, so, key);
  return key;
});

function keyErrorText(vm: VM, text: string): never {
  const s = vm.s;
  const msg = strFromJs(s, text);
  try {
    throw vm.keyError(msg);
  } finally {
    s.decref(msg);
  }
}

defMethod(TID.SET, "clear", (vm, a, n, kw) => {
  noArgs(vm, "set.clear", n, kw);
  setClear(vm.s, vm.i32[a]!);
  return none(vm);
});

defMethod(TID.SET, "copy", (vm, a, n, kw) => {
  noArgs(vm, "set.copy", n, kw);
  return copyOf(vm, vm.i32[a]!);
});

defMethod(TID.SET, "update", (vm, a, n, kw) => {
  tupleArgs(vm, "set.update", n - 1, kw, 0, Infinity);
  const so = vm.i32[a]!;
  for (let j = 1; j < n; j++) addAll(vm, so, vm.i32[a + j]!);
  return none(vm);
});

const union: NativeImpl = (vm, a, n, kw) => {
  tupleArgs(vm, "set.union", n - 1, kw, 0, Infinity);
  const r = copyOf(vm, vm.i32[a]!);
  try {
    for (let j = 1; j < n; j++) addAll(vm, r, vm.i32[a + j]!);
  } catch (e) {
    vm.s.decref(r);
    throw e;
  }
  return r;
};
defMethod(TID.SET, "union", union);

/** set_intersection(so, other) (new reference): with a set, setIntersection's order;
 *  with another iterable, its items that `so` holds, in its order. */
function intersection(vm: VM, so: number, other: number): number {
  const s = vm.s;
  if (s.typeId(other) === TID.SET) return setIntersection(s, so, other);
  const r = setNew(s);
  try {
    eachItem(vm, other, (v) => {
      vm.checkHashable(v);
      if (setContains(s, so, v)) setAdd(s, r, v);
    });
  } catch (e) {
    s.decref(r);
    throw e;
  }
  return r;
}

/** set_intersection_multi (new reference). */
function intersectionMulti(vm: VM, a: number, n: number): number {
  const s = vm.s;
  let r = copyOf(vm, vm.i32[a]!);
  for (let j = 1; j < n; j++) {
    try {
      const next = intersection(vm, r, vm.i32[a + j]!);
      s.decref(r);
      r = next;
    } catch (e) {
      s.decref(r);
      throw e;
    }
  }
  return r;
}

defMethod(TID.SET, "intersection", (vm, a, n, kw) => {
  tupleArgs(vm, "set.intersection", n - 1, kw, 0, Infinity);
  return intersectionMulti(vm, a, n);
});

/** set_difference_update_internal: each item of `other` discarded from `so`. */
function discardAll(vm: VM, so: number, other: number): void {
  if (other === so) {
    setClear(vm.s, so);
    return;
  }
  eachItem(vm, other, (v) => {
    vm.checkHashable(v);
    setDiscard(vm.s, so, v);
  });
}

defMethod(TID.SET, "difference", (vm, a, n, kw) => {
  tupleArgs(vm, "set.difference", n - 1, kw, 0, Infinity);
  const s = vm.s;
  const so = vm.i32[a]!;
  if (n === 2 && s.typeId(vm.i32[a + 1]!) === TID.SET) return setDifference(s, so, vm.i32[a + 1]!);
  const r = copyOf(vm, so);
  try {
    for (let j = 1; j < n; j++) discardAll(vm, r, vm.i32[a + j]!);
  } catch (e) {
    s.decref(r);
    throw e;
  }
  return r;
});

defMethod(TID.SET, "symmetric_difference", (vm, a, n, kw) => {
  oneArg(vm, "set.symmetric_difference", n, kw, 1);
  const s = vm.s;
  const other = toSet(vm, vm.i32[a + 1]!);
  try {
    return setSymmetricDifference(s, vm.i32[a]!, other);
  } finally {
    s.decref(other);
  }
});

defMethod(TID.SET, "symmetric_difference_update", (vm, a, n, kw) => {
  oneArg(vm, "set.symmetric_difference_update", n, kw, 1);
  const s = vm.s;
  const so = vm.i32[a]!;
  if (vm.i32[a + 1] === so) {
    setClear(s, so);
    return none(vm);
  }
  const other = toSet(vm, vm.i32[a + 1]!);
  try {
    setSymmetricUpdate(s, so, other);
  } finally {
    s.decref(other);
  }
  return none(vm);
});

defMethod(TID.SET, "difference_update", (vm, a, n, kw) => {
  tupleArgs(vm, "set.difference_update", n - 1, kw, 0, Infinity);
  for (let j = 1; j < n; j++) discardAll(vm, vm.i32[a]!, vm.i32[a + j]!);
  return none(vm);
});

defMethod(TID.SET, "intersection_update", (vm, a, n, kw) => {
  tupleArgs(vm, "set.intersection_update", n - 1, kw, 0, Infinity);
  // set_intersection_update_multi: the intersection, then set_swap_bodies (the result's
  // table becomes so's: copied slot for slot into the emptied set).
  const s = vm.s;
  const so = vm.i32[a]!;
  const r = intersectionMulti(vm, a, n);
  try {
    setSwapBodies(s, so, r);
  } finally {
    s.decref(r);
  }
  return none(vm);
});

function relation(name: string, test: (vm: VM, self: number, other: number) => boolean): void {
  defMethod(TID.SET, name, (vm, a, n, kw) => {
    oneArg(vm, `set.${name}`, n, kw, 1);
    const other = toSet(vm, vm.i32[a + 1]!);
    try {
      return bool(vm, test(vm, vm.i32[a]!, other));
    } finally {
      vm.s.decref(other);
    }
  });
}
const subset = (vm: VM, x: number, y: number): boolean =>
  setLen(vm.s, x) <= setLen(vm.s, y) && keysOf(vm, x).every((k) => setContains(vm.s, y, k));
relation("issubset", subset);
relation("issuperset", (vm, x, y) => subset(vm, y, x));
relation("isdisjoint", (vm, x, y) => keysOf(vm, x).every((k) => !setContains(vm.s, y, k)));
