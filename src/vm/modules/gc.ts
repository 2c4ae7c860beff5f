/**
 * The `gc` module (Modules/gcmodule.c's Python surface) and the points where the
 * interpreter runs a collection:
 *   - automatically: gcTrack (space.ts) sets EB.GC_SCHEDULED in the allocating thread's
 *     eval breaker past gen 0's threshold; the thread's handleEvalBreaker calls
 *     serviceGcRequest, which collects the oldest generation due (gc_collect_generations),
 *     holding the GIL, with gc.callbacks called around it;
 *   - gc.collect(generation=2);
 *   - at exit (lifecycle.ts: finalizeMain), a full collection with __main__'s dict as
 *     garbage unless something reaches it, then one after the dicts still alive are
 *     cleared, as Py_FinalizeEx's _PyGC_CollectNoFail calls do.
 * The collector itself is src/gc/collect.ts; its state lives in the heap (src/gc/layout.ts).
 */
import { Collector, type GcResult } from "../../gc/collect.js";
import { DEBUG_SAVEALL, GC_HEAD_ADDR, GC_STAT, GCS, GEN_HEADS, NUM_GENERATIONS } from "../../gc/layout.js";
import { listMerge, listSize } from "../../gc/lists.js";
import { EB, GCH, OB } from "../../heap/layout.js";
import {
  dictNew, dictSetItem, IMMORTAL_REFCNT, intFromNumber, listAppend, listGet, listLen, listNew, strFromJs, strIntern, strToJs, tupleFromArray, tupleGet,
} from "../../objects/index.js";
import type { ObjSpace } from "../../objects/space.js";
import { traverse, type Visitor } from "../../objects/traverse.js";
import { GC_FLAG_FINALIZED } from "../../objects/layout.js";
import type { NativeImpl } from "../api.js";
import { PyRaise } from "../api.js";
import { kwArg, positionalCount } from "../core.js";
import type { Interp } from "../interp.js";
import { writeUnraisable } from "../lifecycle.js";
import { defModule } from "../modules.js";
import { defModuleFunction } from "../natives.js";

const collectors = new WeakMap<ObjSpace, Collector>();

/** This thread's collector (one per ObjSpace; the state it works on is the heap's). */
export function collectorFor(s: ObjSpace): Collector {
  let c = collectors.get(s);
  if (c === undefined) collectors.set(s, (c = new Collector(s)));
  return c;
}

/** d[key] = value for a JS key; consumes the reference to `value`. (Keys made at run time
 *  are plain strs, not interned: an interned str would outlive the program.) */
function setItemJs(s: ObjSpace, d: number, key: string, value: number): void {
  const k = strFromJs(s, key);
  try {
    dictSetItem(s, d, k, value);
  } finally {
    s.decref(k);
    s.decref(value);
  }
}

/** gcmodule.c: invoke_gc_callback. Each callback in a copy of gc.callbacks gets
 *  (phase, {"generation", "collected", "uncollectable"}); an exception is unraisable. */
function invokeCallbacks(vm: Interp, phase: "start" | "stop", r: GcResult): void {
  const s = vm.s;
  const list = s.i32[GCS.CALLBACKS]!;
  if (list === 0 || listLen(s, list) === 0) return;
  const info = dictNew(s);
  const callbacks: number[] = [];
  let phaseStr = 0;
  try {
    for (const [k, v] of [["generation", r.generation], ["collected", r.collected], ["uncollectable", r.uncollectable]] as const) {
      setItemJs(s, info, k, intFromNumber(s, v));
    }
    for (let i = 0, n = listLen(s, list); i < n; i++) {
      const cb = listGet(s, list, i);
      s.incref(cb);
      callbacks.push(cb);
    }
    phaseStr = strFromJs(s, phase);
    for (const cb of callbacks) {
      try {
        s.decref(vm.call(cb, phaseStr, info));
      } catch (e) {
        if (!(e instanceof PyRaise)) throw e;
        writeUnraisable(vm, cb, e.exc);
      }
    }
  } finally {
    for (const cb of callbacks) s.decref(cb);
    s.decref(info);
    if (phaseStr !== 0) s.decref(phaseStr);
  }
}

/** collect_with_callback (callbacks = true) or the bare gc_collect_main the runtime's
 *  finalization uses. The caller checked that no collection is running. */
export function collectGeneration(vm: Interp, generation: number, callbacks: boolean, orphans: readonly number[] = []): GcResult {
  const i32 = vm.i32;
  // `collecting` covers the callbacks too: code they run must not start a collection.
  i32[GCS.COLLECTING] = 1;
  try {
    if (callbacks) invokeCallbacks(vm, "start", { generation, collected: 0, uncollectable: 0 });
    const t0 = performance.now();
    vm.hooks.stopTheWorld();
    let r: GcResult;
    try {
      r = collectorFor(vm.s).collect(generation, orphans);
    } finally {
      vm.hooks.startTheWorld();
    }
    vm.hooks.onGcCollection?.(generation, r.collected, t0, performance.now());
    if (callbacks) invokeCallbacks(vm, "stop", r);
    return r;
  } finally {
    i32[GCS.COLLECTING] = 0;
  }
}

/** _Py_RunGC, from the eval breaker: if a collection was scheduled (EB.GC_SCHEDULED in
 *  this thread's eval breaker), clear the request and collect what is due. */
export function serviceGcRequest(vm: Interp): void {
  const i32 = vm.i32;
  const eb = vm.hooks.evalBreaker;
  if ((Atomics.load(i32, eb) & EB.GC_SCHEDULED) === 0) return;
  Atomics.and(i32, eb, ~EB.GC_SCHEDULED);
  if (i32[GCS.ENABLED] === 0 || i32[GCS.COLLECTING] !== 0) return;
  const g = collectorFor(vm.s).generationDue();
  if (g >= 0) collectGeneration(vm, g, true);
}

/** _PyGC_CollectNoFail: a full collection at finalization, enabled or not (`orphans`:
 *  see Collector.collect). */
export function collectNoFail(vm: Interp, orphans: readonly number[] = []): void {
  if (vm.i32[GCS.COLLECTING] === 0) collectGeneration(vm, NUM_GENERATIONS - 1, false, orphans);
}

// ── the module's functions ───────────────────────────────────────────────────

function noArgs(vm: Interp, n: number, name: string): void {
  if (n !== 0) throw vm.error("TypeError", `gc.${name}() takes no arguments (${n} given)`);
}

const int = (vm: Interp, v: number): number => intFromNumber(vm.s, v);

const collect: NativeImpl = (v, a, n, kw) => {
  const vm = v as Interp;
  const npos = positionalCount(vm, n, kw);
  if (n > 1) throw vm.error("TypeError", `collect() takes at most 1 argument (${n} given)`);
  const arg = npos === 1 ? vm.i32[a]! : kwArg(vm, a, n, kw, "generation");
  if (n === 1 && arg === 0) {
    throw vm.error("TypeError", `'${strToJs(vm.s, tupleGet(vm.s, kw, 0))}' is an invalid keyword argument for collect()`);
  }
  const g = arg === 0 ? NUM_GENERATIONS - 1 : vm.indexValue(arg, "");
  if (g < 0 || g >= NUM_GENERATIONS) throw vm.error("ValueError", "invalid generation");
  if (vm.i32[GCS.COLLECTING] !== 0) return int(vm, 0);
  const r = collectGeneration(vm, g, true);
  return int(vm, r.collected + r.uncollectable);
};

const getCount: NativeImpl = (v, _a, n) => {
  const vm = v as Interp;
  noArgs(vm, n, "get_count");
  vm.s.gcFlushCount();
  const c = GCS.COUNT;
  return tupleOfInts(vm, [vm.i32[c]!, vm.i32[c + 1]!, vm.i32[c + 2]!]);
};

const getThreshold: NativeImpl = (v, _a, n) => {
  const vm = v as Interp;
  noArgs(vm, n, "get_threshold");
  const t = GCS.THRESHOLD;
  return tupleOfInts(vm, [vm.i32[t]!, vm.i32[t + 1]!, vm.i32[t + 2]!]);
};

function tupleOfInts(vm: Interp, values: number[]): number {
  const s = vm.s;
  const items = values.map((x) => intFromNumber(s, x));
  try {
    return tupleFromArray(s, items);
  } finally {
    for (const p of items) s.decref(p);
  }
}

const setThreshold: NativeImpl = (v, a, n, kw) => {
  const vm = v as Interp;
  if (kw !== 0) throw vm.error("TypeError", "set_threshold() takes no keyword arguments");
  if (n < 1) throw vm.error("TypeError", `set_threshold() takes at least 1 argument (${n} given)`);
  if (n > 3) throw vm.error("TypeError", `set_threshold() takes at most 3 arguments (${n} given)`);
  const values: number[] = [];
  for (let i = 0; i < n; i++) values.push(vm.indexValue(vm.i32[a + i]!, ""));
  values.forEach((x, i) => (vm.i32[GCS.THRESHOLD + i] = x | 0));
  return vm.None;
};

const setEnabled = (on: number, name: string): NativeImpl => (v, _a, n) => {
  const vm = v as Interp;
  noArgs(vm, n, name);
  vm.i32[GCS.ENABLED] = on;
  return vm.None;
};

const isEnabled: NativeImpl = (v, _a, n) => {
  const vm = v as Interp;
  noArgs(vm, n, "isenabled");
  return vm.i32[GCS.ENABLED] !== 0 ? vm.True : vm.False;
};

const isTracked: NativeImpl = (v, a, n) => {
  const vm = v as Interp;
  if (n !== 1) throw vm.error("TypeError", `gc.is_tracked() takes exactly one argument (${n} given)`);
  return collectorFor(vm.s).isTracked(vm.i32[a]!) ? vm.True : vm.False;
};

const getObjects: NativeImpl = (v, a, n, kw) => {
  const vm = v as Interp;
  const s = vm.s;
  if (n > 1) throw vm.error("TypeError", `get_objects() takes at most 1 argument (${n} given)`);
  const arg = positionalCount(vm, n, kw) === 1 ? vm.i32[a]! : kwArg(vm, a, n, kw, "generation");
  let g = -1;
  if (arg !== 0 && arg !== vm.None) {
    g = vm.indexValue(arg, "");
    if (g >= NUM_GENERATIONS) {
      throw vm.error("ValueError", `generation parameter must be less than the number of available generations (${NUM_GENERATIONS})`);
    }
    if (g < -1) throw vm.error("ValueError", "generation parameter cannot be negative");
  }
  const objects = collectorFor(s).objects(g);
  const result = listNew(s, 0);
  for (const p of objects) listAppend(s, result, p);
  return result;
};

const getStats: NativeImpl = (v, _a, n) => {
  const vm = v as Interp;
  noArgs(vm, n, "get_stats");
  const s = vm.s;
  const result = listNew(s, 0);
  for (let g = 0; g < NUM_GENERATIONS; g++) {
    const d = dictNew(s);
    const st = GCS.STATS + 3 * g;
    for (const [k, off] of [["collections", GC_STAT.COLLECTIONS], ["collected", GC_STAT.COLLECTED], ["uncollectable", GC_STAT.UNCOLLECTABLE]] as const) {
      setItemJs(s, d, k, intFromNumber(s, vm.i32[st + off]!));
    }
    listAppend(s, result, d);
    s.decref(d);
  }
  return result;
};

/** gc.get_referents(*objs): what each object's tp_traverse visits, in order. */
const getReferents: NativeImpl = (v, a, n, kw) => {
  const vm = v as Interp;
  if (kw !== 0) throw vm.error("TypeError", "gc.get_referents() takes no keyword arguments");
  const s = vm.s;
  const result = listNew(s, 0);
  const visitor: Visitor = { visit: (t) => listAppend(s, result, t) };
  for (let i = 0; i < n; i++) {
    const p = vm.i32[a + i]!;
    if (collectorFor(s).isGc(p)) traverse(s, p, visitor);
  }
  return result;
};

/** Whether a tracked object refers to `target` (gc.get_referrers(target) is not empty). */
export function isReferred(vm: Interp, target: number): boolean {
  const s = vm.s;
  let hit = false;
  const visitor: Visitor = { visit: (t) => void (hit ||= t === target) };
  for (const p of collectorFor(s).objects(-1)) {
    traverse(s, p, visitor);
    if (hit) return true;
  }
  return false;
}

/** gc.get_referrers(*objs): every tracked object (in generation order) one of whose
 *  references is to one of `objs`. */
const getReferrers: NativeImpl = (v, a, n, kw) => {
  const vm = v as Interp;
  if (kw !== 0) throw vm.error("TypeError", "gc.get_referrers() takes no keyword arguments");
  const s = vm.s;
  const targets = new Set<number>();
  for (let i = 0; i < n; i++) targets.add(vm.i32[a + i]!);
  const found: number[] = [];
  let hit = false;
  const visitor: Visitor = { visit: (t) => void (hit ||= targets.has(t)) };
  for (const p of collectorFor(s).objects(-1)) {
    hit = false;
    traverse(s, p, visitor);
    if (hit) found.push(p);
  }
  const result = listNew(s, 0);
  for (const p of found) listAppend(s, result, p);
  return result;
};

const isFinalized: NativeImpl = (v, a, n) => {
  const vm = v as Interp;
  if (n !== 1) throw vm.error("TypeError", `gc.is_finalized() takes exactly one argument (${n} given)`);
  const p = vm.i32[a]!;
  const done = collectorFor(vm.s).isGc(p) && (vm.i32[(p >> 2) + GCH.FLAGS]! & GC_FLAG_FINALIZED) !== 0;
  return done ? vm.True : vm.False;
};

const freeze: NativeImpl = (v, _a, n) => {
  const vm = v as Interp;
  noArgs(vm, n, "freeze");
  vm.s.gcGatherYoung();
  for (let g = 0; g < NUM_GENERATIONS; g++) listMerge(vm.i32, GEN_HEADS[g]!, GC_HEAD_ADDR.PERMANENT);
  vm.i32[GCS.COUNT] = 0;
  return vm.None;
};

const unfreeze: NativeImpl = (v, _a, n) => {
  const vm = v as Interp;
  noArgs(vm, n, "unfreeze");
  listMerge(vm.i32, GC_HEAD_ADDR.PERMANENT, GEN_HEADS[NUM_GENERATIONS - 1]!);
  return vm.None;
};

const getFreezeCount: NativeImpl = (v, _a, n) => {
  const vm = v as Interp;
  noArgs(vm, n, "get_freeze_count");
  return int(vm, listSize(vm.i32, GC_HEAD_ADDR.PERMANENT, vm.i32.length));
};

const setDebug: NativeImpl = (v, a, n) => {
  const vm = v as Interp;
  if (n !== 1) throw vm.error("TypeError", `set_debug() takes exactly one argument (${n} given)`);
  vm.i32[GCS.DEBUG] = vm.indexValue(vm.i32[a]!, "") | 0;
  return vm.None;
};

const getDebug: NativeImpl = (v, _a, n) => {
  const vm = v as Interp;
  noArgs(vm, n, "get_debug");
  return int(vm, vm.i32[GCS.DEBUG]!);
};

/** An immortal empty list, as module state the heap keeps for the run. */
function immortalList(s: ObjSpace): number {
  const l = listNew(s, 0);
  s.i32[(l >> 2) + OB.REFCNT] = IMMORTAL_REFCNT;
  return l;
}

defModule("gc", (s, dict, ctx) => {
  const garbage = immortalList(s);
  const callbacks = immortalList(s);
  s.i32[GCS.GARBAGE] = garbage;
  s.i32[GCS.CALLBACKS] = callbacks;
  dictSetItem(s, dict, strIntern(s, "garbage"), garbage);
  dictSetItem(s, dict, strIntern(s, "callbacks"), callbacks);
  for (const [name, value] of [["DEBUG_STATS", 1], ["DEBUG_COLLECTABLE", 2], ["DEBUG_UNCOLLECTABLE", 4],
    ["DEBUG_SAVEALL", DEBUG_SAVEALL], ["DEBUG_LEAK", 2 | 4 | DEBUG_SAVEALL]] as const) {
    ctx.set(dict, name, BigInt(value));
  }
});
defModuleFunction("gc", "collect", collect);
defModuleFunction("gc", "get_count", getCount);
defModuleFunction("gc", "get_threshold", getThreshold);
defModuleFunction("gc", "set_threshold", setThreshold);
defModuleFunction("gc", "enable", setEnabled(1, "enable"));
defModuleFunction("gc", "disable", setEnabled(0, "disable"));
defModuleFunction("gc", "isenabled", isEnabled);
defModuleFunction("gc", "is_tracked", isTracked);
defModuleFunction("gc", "get_objects", getObjects);
defModuleFunction("gc", "get_stats", getStats);
defModuleFunction("gc", "get_referents", getReferents);
defModuleFunction("gc", "get_referrers", getReferrers);
defModuleFunction("gc", "is_finalized", isFinalized);
defModuleFunction("gc", "freeze", freeze);
defModuleFunction("gc", "unfreeze", unfreeze);
defModuleFunction("gc", "get_freeze_count", getFreezeCount);
defModuleFunction("gc", "set_debug", setDebug);
defModuleFunction("gc", "get_debug", getDebug);
