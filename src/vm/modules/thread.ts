/**
 * `_thread`: the low-level threading primitives CPython's Modules/_threadmodule.c gives
 * threading.py — start_new_thread, the lock type, RLock, get_ident — plus the two helpers
 * our threading.py needs for join and for reporting an exception in a thread.
 *
 * Locks are words in the heap. acquire() tries a compare-exchange first (no GIL release
 * when the lock is free, as CPython's acquire_timed first tries without blocking); when
 * it must wait, it releases the GIL (the thread's hooks.waitUntil) and sleeps on the lock
 * word with Atomics.wait, so a Python thread blocked on a lock lets others run.
 */
import { MAX_THREADS } from "../../heap/config.js";
import { RT, START_ENTRY, START_ENTRY_WORDS, THREAD_SLOT_BYTES, THREADS_OFF, TS, ThreadSlotState } from "../../heap/layout.js";
import { floatValue, intAsNumber, intFromNumber, TID } from "../../objects/index.js";
import type { NativeImpl, VM } from "../api.js";
import type { Interp } from "../interp.js";
import { LOCK, LOCK_BYTES, VTID } from "../layout.js";
import { defModule } from "../modules.js";
import { defMethod, defModuleFunction } from "../natives.js";
import { kwArg, positionalCount } from "../core.js";
import { formatException } from "../traceback.js";

const slotWord = (tid: number, field: number): number => ((THREADS_OFF + tid * THREAD_SLOT_BYTES) >> 2) + field;

function newLock(vm: VM, tid: number): number {
  const p = vm.s.newObject(tid, LOCK_BYTES);
  vm.i32.fill(0, (p >> 2) + 4, (p >> 2) + (LOCK_BYTES >> 2));
  return p;
}

/** Seconds (int or float) as ms; -1 (or None) means forever. */
function timeoutMs(vm: VM, p: number): number {
  if (p === 0 || p === vm.None) return -1;
  const t = vm.s.typeId(p);
  const secs = t === TID.FLOAT ? floatValue(vm.s, p) : t === TID.INT || t === TID.BOOL ? intAsNumber(vm.s, p) : NaN;
  if (Number.isNaN(secs)) throw vm.error("TypeError", `'${vm.typeName(p)}' object cannot be interpreted as an integer`);
  if (secs < 0 && secs !== -1) throw vm.error("ValueError", "timeout value must be a non-negative number");
  return secs < 0 ? -1 : secs * 1000;
}

/** Take lock word `w`, waiting (GIL released) up to `ms` (-1: forever). */
function acquireWord(vm: Interp, w: number, blocking: boolean, ms: number): boolean {
  const i32 = vm.i32;
  if (Atomics.compareExchange(i32, w, 0, 1) === 0) return true;
  if (!blocking) return false;
  return vm.hooks.waitUntil("lock", () => Atomics.compareExchange(i32, w, 0, 1) === 0, w, 1, ms);
}

function releaseWord(vm: VM, w: number): void {
  Atomics.store(vm.i32, w, 0);
  Atomics.notify(vm.i32, w, 1);
}

/** acquire(blocking=True, timeout=-1) arguments. */
function acquireArgs(vm: Interp, a: number, n: number, kw: number): [boolean, number] {
  const np = positionalCount(vm, n, kw);
  const b = np > 1 ? vm.i32[a + 1]! : kwArg(vm, a, n, kw, "blocking");
  const t = np > 2 ? vm.i32[a + 2]! : kwArg(vm, a, n, kw, "timeout");
  const blocking = b === 0 ? true : vm.isTrue(b);
  const ms = t === 0 ? -1 : timeoutMs(vm, t);
  if (!blocking && ms !== -1) throw vm.error("ValueError", "can't specify a timeout for a non-blocking call");
  return [blocking, ms];
}

// ── _thread.lock ────────────────────────────────────────────────────────────

const lockAcquire: NativeImpl = (vm, a, n, kw) => {
  const iv = vm as Interp;
  const [blocking, ms] = acquireArgs(iv, a, n, kw);
  return acquireWord(iv, (vm.i32[a]! >> 2) + LOCK.STATE, blocking, ms) ? vm.True : vm.False;
};

const lockRelease: NativeImpl = (vm, a) => {
  const w = (vm.i32[a]! >> 2) + LOCK.STATE;
  if (Atomics.load(vm.i32, w) === 0) throw vm.error("RuntimeError", "release unlocked lock");
  releaseWord(vm, w);
  return vm.None;
};

const lockLocked: NativeImpl = (vm, a) => (Atomics.load(vm.i32, (vm.i32[a]! >> 2) + LOCK.STATE) !== 0 ? vm.True : vm.False);

const lockEnter: NativeImpl = (vm, a) => {
  acquireWord(vm as Interp, (vm.i32[a]! >> 2) + LOCK.STATE, true, -1);
  return vm.True;
};

for (const [name, impl] of [
  ["acquire", lockAcquire], ["acquire_lock", lockAcquire], ["release", lockRelease], ["release_lock", lockRelease],
  ["locked", lockLocked], ["locked_lock", lockLocked], ["__enter__", lockEnter], ["__exit__", lockRelease],
] as const) defMethod(VTID.LOCK, name, impl);

// ── _thread.RLock ───────────────────────────────────────────────────────────

/** The ident of the thread in slot `tid` (threading's ident: unique for the run). */
export function threadIdent(i32: Int32Array, tid: number): number {
  const table = i32[RT.START_TABLE]!;
  return table === 0 ? tid + 1 : Atomics.load(i32, (table >> 2) + tid * START_ENTRY_WORDS + START_ENTRY.IDENT);
}

/** The slot of the running thread with `ident`, or -1 if it has finished (its slot
 *  may since hold another thread). */
function slotOfIdent(i32: Int32Array, ident: number): number {
  for (let tid = 0; tid < MAX_THREADS; tid++) {
    if (threadIdent(i32, tid) === ident) return Atomics.load(i32, slotWord(tid, TS.STATE)) === ThreadSlotState.RUNNING ? tid : -1;
  }
  return -1;
}

const me = (vm: Interp): number => threadIdent(vm.i32, vm.tid);

function rlockAcquire(vm: Interp, r: number, blocking: boolean, ms: number): boolean {
  const w = r >> 2;
  if (vm.i32[w + LOCK.OWNER] === me(vm)) {
    vm.i32[w + LOCK.COUNT] = vm.i32[w + LOCK.COUNT]! + 1;
    return true;
  }
  if (!acquireWord(vm, w + LOCK.STATE, blocking, ms)) return false;
  vm.i32[w + LOCK.OWNER] = me(vm);
  vm.i32[w + LOCK.COUNT] = 1;
  return true;
}

function rlockRelease(vm: Interp, r: number): void {
  const w = r >> 2;
  if (vm.i32[w + LOCK.OWNER] !== me(vm) || vm.i32[w + LOCK.COUNT] === 0) {
    throw vm.error("RuntimeError", "cannot release un-acquired lock");
  }
  const count = vm.i32[w + LOCK.COUNT]! - 1;
  vm.i32[w + LOCK.COUNT] = count;
  if (count === 0) {
    vm.i32[w + LOCK.OWNER] = 0;
    releaseWord(vm, w + LOCK.STATE);
  }
}

defMethod(VTID.RLOCK, "acquire", (vm, a, n, kw) => {
  const iv = vm as Interp;
  const [blocking, ms] = acquireArgs(iv, a, n, kw);
  return rlockAcquire(iv, vm.i32[a]!, blocking, ms) ? vm.True : vm.False;
});
defMethod(VTID.RLOCK, "__enter__", (vm, a) => (rlockAcquire(vm as Interp, vm.i32[a]!, true, -1) ? vm.True : vm.False));
defMethod(VTID.RLOCK, "release", (vm, a) => {
  rlockRelease(vm as Interp, vm.i32[a]!);
  return vm.None;
});
defMethod(VTID.RLOCK, "__exit__", (vm, a) => {
  rlockRelease(vm as Interp, vm.i32[a]!);
  return vm.None;
});
defMethod(VTID.RLOCK, "_is_owned", (vm, a) => (vm.i32[(vm.i32[a]! >> 2) + LOCK.OWNER] === me(vm as Interp) ? vm.True : vm.False));
/** Condition.wait's helpers: release completely, remembering the count; take it back. */
defMethod(VTID.RLOCK, "_release_save", (vm, a) => {
  const iv = vm as Interp;
  const w = vm.i32[a]! >> 2;
  if (vm.i32[w + LOCK.OWNER] !== me(iv)) throw vm.error("RuntimeError", "cannot release un-acquired lock");
  const count = vm.i32[w + LOCK.COUNT]!;
  vm.i32[w + LOCK.COUNT] = 0;
  vm.i32[w + LOCK.OWNER] = 0;
  releaseWord(vm, w + LOCK.STATE);
  return intFromNumber(vm.s, count);
});
defMethod(VTID.RLOCK, "_acquire_restore", (vm, a) => {
  const iv = vm as Interp;
  const r = vm.i32[a]!;
  acquireWord(iv, (r >> 2) + LOCK.STATE, true, -1);
  vm.i32[(r >> 2) + LOCK.OWNER] = me(iv);
  vm.i32[(r >> 2) + LOCK.COUNT] = intAsNumber(vm.s, vm.i32[a + 1]!);
  return vm.None;
});

// ── module functions ────────────────────────────────────────────────────────

const startNewThread: NativeImpl = (vm, a, n) => {
  const iv = vm as Interp;
  if (n < 2) throw vm.error("TypeError", `start_new_thread expected at least 2 arguments, got ${n}`);
  const fn = vm.i32[a]!;
  const args = vm.i32[a + 1]!;
  if (vm.s.typeId(args) !== TID.TUPLE) throw vm.error("TypeError", "2nd arg must be a tuple");
  vm.s.incref(fn);
  vm.s.incref(args);
  let tid: number;
  try {
    tid = iv.hooks.startThread(fn, args);
  } catch (e) {
    vm.s.decref(fn);
    vm.s.decref(args);
    throw vm.error("RuntimeError", `can't start new thread: ${e instanceof Error ? e.message : String(e)}`);
  }
  return intFromNumber(vm.s, threadIdent(vm.i32, tid));
};

/** threading's join: wait (GIL released) until thread `ident` finishes or `timeout` passes. */
const waitThread: NativeImpl = (vm, a, n) => {
  const iv = vm as Interp;
  if (n !== 2) throw vm.error("TypeError", "_wait expected 2 arguments");
  const ident = intAsNumber(vm.s, vm.i32[a]!);
  const ms = timeoutMs(vm, vm.i32[a + 1]!);
  const tid = slotOfIdent(vm.i32, ident);
  if (tid < 0) return vm.True;
  const w = slotWord(tid, TS.STATE);
  const finished = (): boolean => Atomics.load(vm.i32, w) !== ThreadSlotState.RUNNING || threadIdent(vm.i32, tid) !== ident;
  const done = iv.hooks.waitUntil("join", finished, w, ThreadSlotState.RUNNING, ms);
  return done ? vm.True : vm.False;
};

const finished: NativeImpl = (vm, a) => (slotOfIdent(vm.i32, intAsNumber(vm.s, vm.i32[a]!)) < 0 ? vm.True : vm.False);

/** threading.excepthook's default: "Exception in thread NAME:" and the traceback of the
 *  exception being handled, on stderr. */
const excepthook: NativeImpl = (vm, a, n) => {
  const iv = vm as Interp;
  const name = n > 0 ? vm.str(vm.i32[a]!) : "?";
  const exc = iv.excInfo;
  if (exc === 0 || exc === vm.None) return vm.None;
  if (iv.isInstance(exc, iv.builtinType("SystemExit"))) return vm.None;
  iv.hooks.writeErr(`Exception in thread ${name}:\n${formatException(iv, exc)}`);
  return vm.None;
};

defModule("_thread");
defModuleFunction("_thread", "start_new_thread", startNewThread);
defModuleFunction("_thread", "allocate_lock", (vm) => newLock(vm, VTID.LOCK));
defModuleFunction("_thread", "RLock", (vm) => newLock(vm, VTID.RLOCK));
defModuleFunction("_thread", "get_ident", (vm) => intFromNumber(vm.s, threadIdent(vm.i32, (vm as Interp).tid)));
// The threads _thread started that are still running (the main thread, counted in
// LIVE_THREADS, is not one of them), as interp->threads.count.
defModuleFunction("_thread", "_count", (vm) => intFromNumber(vm.s, Atomics.load(vm.i32, RT.LIVE_THREADS) - 1));
defModuleFunction("_thread", "_wait", waitThread);
defModuleFunction("_thread", "_finished", finished);
defModuleFunction("_thread", "_excepthook", excepthook);
