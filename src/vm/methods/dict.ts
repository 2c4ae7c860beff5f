/**
 * Methods of dict (Objects/dictobject.c, CPython 3.11). Keys are hashed through vm.hash
 * first, so an unhashable key raises CPython's "unhashable type: 'list'" before the
 * object layer looks at it.
 */
import {
  dictClear, dictCopy, dictDelItem, dictGetItem, dictKeyAt, dictMerge, dictNew, dictNextIndex,
  dictSetItem, dictValueAt,
} from "../../objects/dict.js";
import { dictViewNew } from "../../objects/iter.js";
import { TID } from "../../objects/layout.js";
import { strFromJs } from "../../objects/str.js";
import { tupleGet, tuplePack2 } from "../../objects/tuple.js";
import type { VM } from "../api.js";
import { defMethod } from "../natives.js";
import { collect, decrefAll, kwCount, maybeIterable, noArgs, none, positional } from "./args.js";


function view(name: string, tid: number): void {
  defMethod(TID.DICT, name, (vm, a, n, kw) => {
    noArgs(vm, `dict.${name}`, n, kw);
    return dictViewNew(vm.s, vm.i32[a]!, tid);
  });
}
view("keys", TID.DICT_KEYS);
view("values", TID.DICT_VALUES);
view("items", TID.DICT_ITEMS);

defMethod(TID.DICT, "get", (vm, a, n, kw) => {
  positional(vm, "dict.get", n - 1, kw, 1, 2);
  const key = vm.i32[a + 1]!;
  vm.checkHashable(key);
  const v = dictGetItem(vm.s, vm.i32[a]!, key);
  const r = v !== 0 ? v : n > 2 ? vm.i32[a + 2]! : vm.None;
  vm.s.incref(r);
  return r;
});

defMethod(TID.DICT, "setdefault", (vm, a, n, kw) => {
  positional(vm, "dict.setdefault", n - 1, kw, 1, 2);
  const d = vm.i32[a]!;
  const key = vm.i32[a + 1]!;
  vm.checkHashable(key);
  let v = dictGetItem(vm.s, d, key);
  if (v === 0) {
    v = n > 2 ? vm.i32[a + 2]! : vm.None;
    dictSetItem(vm.s, d, key, v);
  }
  vm.s.incref(v);
  return v;
});

defMethod(TID.DICT, "pop", (vm, a, n, kw) => {
  positional(vm, "dict.pop", n - 1, kw, 1, 2);
  const s = vm.s;
  const d = vm.i32[a]!;
  const key = vm.i32[a + 1]!;
  vm.checkHashable(key);
  const v = dictGetItem(s, d, key);
  if (v === 0) {
    if (n > 2) {
      s.incref(vm.i32[a + 2]!);
      return vm.i32[a + 2]!;
    }
    throw vm.keyError(key);
  }
  s.incref(v); // the dict's reference goes with the entry
  dictDelItem(s, d, key);
  return v;
});

defMethod(TID.DICT, "popitem", (vm, a, n, kw) => {
  noArgs(vm, "dict.popitem", n, kw);
  const s = vm.s;
  const d = vm.i32[a]!;
  // LIFO order: the last live entry
  let last = -1;
  for (let i = dictNextIndex(s, d, 0); i >= 0; i = dictNextIndex(s, d, i + 1)) last = i;
  if (last < 0) {
    const msg = strFromJs(s, "popitem(): dictionary is empty");
    try {
      throw vm.keyError(msg);
    } finally {
      s.decref(msg);
    }
  }
  const pair = tuplePack2(s, dictKeyAt(s, d, last), dictValueAt(s, d, last));
  dictDelItem(s, d, tupleGet(s, pair, 0));
  return pair;
});

/** dict.fromkeys(iterable, value=None), a classmethod (boot.ts CLASS_METHODS wraps it):
 *  self is the class. */
defMethod(TID.DICT, "fromkeys", (vm, a, n, kw) => {
  if (kw !== 0) throw vm.error("TypeError", "dict.fromkeys() takes no keyword arguments");
  if (n < 2) throw vm.error("TypeError", `fromkeys expected at least 1 argument, got ${n - 1}`);
  if (n > 3) throw vm.error("TypeError", `fromkeys expected at most 2 arguments, got ${n - 1}`);
  const s = vm.s;
  const value = n > 2 ? vm.i32[a + 2]! : vm.None;
  const keys = collect(vm, vm.i32[a + 1]!);
  const d = dictNew(s);
  try {
    for (const k of keys) {
      vm.checkHashable(k);
      dictSetItem(s, d, k, value);
    }
  } catch (e) {
    s.decref(d);
    throw e;
  } finally {
    decrefAll(vm, keys);
  }
  return d;
});

defMethod(TID.DICT, "copy", (vm, a, n, kw) => {
  noArgs(vm, "dict.copy", n, kw);
  return dictCopy(vm.s, vm.i32[a]!);
});

defMethod(TID.DICT, "clear", (vm, a, n, kw) => {
  noArgs(vm, "dict.clear", n, kw);
  dictClear(vm.s, vm.i32[a]!);
  return none(vm);
});

defMethod(TID.DICT, "update", (vm, a, n, kw) => {
  const s = vm.s;
  const nkw = kwCount(vm, kw);
  const npos = n - 1 - nkw;
  if (npos > 1) throw vm.error("TypeError", `update expected at most 1 argument, got ${npos}`);
  const d = vm.i32[a]!;
  if (npos === 1) updateFrom(vm, d, vm.i32[a + 1]!);
  for (let j = 0; j < nkw; j++) dictSetItem(s, d, tupleGet(s, kw, j), vm.i32[a + n - nkw + j]!);
  return none(vm);
});

/** dict_update_arg: a dict, a mapping with keys(), or an iterable of pairs. */
export function updateFrom(vm: VM, d: number, other: number): void {
  const s = vm.s;
  if (s.typeId(other) === TID.DICT) {
    dictMerge(s, d, other);
    return;
  }
  const keysFn = vm.lookupAttr(other, "keys");
  if (keysFn !== 0) {
    let keys: number[];
    try {
      const ks = vm.call(keysFn);
      try {
        keys = collect(vm, ks);
      } finally {
        s.decref(ks);
      }
    } finally {
      s.decref(keysFn);
    }
    try {
      const getitem = vm.getAttr(other, "__getitem__");
      try {
        for (const k of keys) {
          const v = vm.call(getitem, k);
          try {
            vm.checkHashable(k);
            dictSetItem(s, d, k, v);
          } finally {
            s.decref(v);
          }
        }
      } finally {
        s.decref(getitem);
      }
    } finally {
      decrefAll(vm, keys);
    }
    return;
  }
  mergeFromSeq2(vm, d, other);
}

/** dictobject.c: PyDict_MergeFromSeq2 (each element goes through PySequence_Fast). */
function mergeFromSeq2(vm: VM, d: number, seq: number): void {
  const s = vm.s;
  const it = vm.getIter(seq);
  try {
    for (let i = 0; ; i++) {
      const item = vm.iterNext(it);
      if (item === 0) break;
      let pair: number[] = [];
      try {
        if (!maybeIterable(vm, item)) {
          throw vm.error("TypeError", `cannot convert dictionary update sequence element #${i} to a sequence`);
        }
        pair = collect(vm, item);
        if (pair.length !== 2) {
          throw vm.error("ValueError", `dictionary update sequence element #${i} has length ${pair.length}; 2 is required`);
        }
        vm.checkHashable(pair[0]!);
        dictSetItem(s, d, pair[0]!, pair[1]!);
      } finally {
        decrefAll(vm, pair);
        s.decref(item);
      }
    }
  } finally {
    s.decref(it);
  }
}
