/**
 * The `sys` module: the memory manager's windows into itself (getrefcount, getsizeof,
 * _debugmallocstats), the GIL's switch interval, argv and exit.
 */
import { GIL } from "../../heap/layout.js";
import { formatMallocStats } from "../../heap/stats.js";
import { mallocStatsOf } from "../../heap/inspect.js";
import { dictSetItem, tupleFromArray, typeOf, floatNew, floatValue, IMMORTAL_REFCNT, OBJ, intAsNumber, intFromNumber, sizeof, strIntern, strLen, strToJs, TID } from "../../objects/index.js";
import type { ObjSpace } from "../../objects/space.js";
import { TEXTIO_BYTES, TEXTIO_FD, VTID } from "../layout.js";
import { noArgs, oneArg } from "../methods/args.js";
import type { NativeImpl } from "../api.js";
import type { Interp } from "../interp.js";
import { RECURSION_LIMIT } from "../interp.js";
import { defModule } from "../modules.js";
import { defMethod, defModuleFunction } from "../natives.js";

function exactly(vm: Interp, n: number, want: number, name: string): void {
  if (n !== want) {
    throw vm.error("TypeError", want === 1 ? `${name}() takes exactly one argument (${n} given)` : `${name}() takes exactly ${want} arguments (${n} given)`);
  }
}

const getrefcount: NativeImpl = (vm, a, n) => {
  exactly(vm as Interp, n, 1, "getrefcount");
  return intFromNumber(vm.s, vm.s.refcount(vm.i32[a]!));
};

const getsizeof: NativeImpl = (vm, a, n) => {
  if (n < 1 || n > 2) throw vm.error("TypeError", `getsizeof() takes at most 2 arguments (${n} given)`);
  return intFromNumber(vm.s, sizeof(vm.s, vm.i32[a]!));
};

const getswitchinterval: NativeImpl = (vm, _a, n) => {
  exactly(vm as Interp, n, 0, "getswitchinterval");
  return floatNew(vm.s, Atomics.load(vm.i32, GIL.INTERVAL_US) / 1e6);
};

const setswitchinterval: NativeImpl = (vm, a, n) => {
  exactly(vm as Interp, n, 1, "setswitchinterval");
  const p = vm.i32[a]!;
  const t = vm.s.typeId(p);
  const secs = t === TID.FLOAT ? floatValue(vm.s, p) : t === TID.INT || t === TID.BOOL ? intAsNumber(vm.s, p) : NaN;
  if (Number.isNaN(secs)) throw vm.error("TypeError", `must be real number, not ${vm.typeName(p)}`);
  if (secs <= 0) throw vm.error("ValueError", "switch interval must be strictly positive");
  Atomics.store(vm.i32, GIL.INTERVAL_US, Math.max(1, Math.round(secs * 1e6)));
  return vm.None;
};

const debugmallocstats: NativeImpl = (vm) => {
  const iv = vm as Interp;
  const alloc = vm.s.alloc;
  const stats = mallocStatsOf(alloc);
  if (stats !== null) iv.hooks.writeErr(formatMallocStats(stats));
  return vm.None;
};

const exit: NativeImpl = (vm, a, n) => {
  const iv = vm as Interp;
  if (n > 1) throw vm.error("TypeError", `exit expected at most 1 argument, got ${n}`);
  throw iv.raiseNew("SystemExit", n === 1 ? [vm.i32[a]!] : []);
};

/** sys.exc_info() (sys_exc_info_impl): (type, value, traceback) of the exception being
 *  handled, (None, None, None) when there is none. The traceback is the exception's
 *  __traceback__, as _PyErr_StackItem's exc_value carries it. */
const excInfo: NativeImpl = (vm, _a, n, kw) => {
  const iv = vm as Interp;
  noArgs(vm, "sys.exc_info", n + 1, kw); // METH_NOARGS (no self here)
  const s = vm.s;
  const exc = iv.excInfo;
  if (exc === 0 || exc === vm.None) return tupleFromArray(s, [vm.None, vm.None, vm.None]);
  const tb = iv.lookupAttr(exc, "__traceback__");
  try {
    return tupleFromArray(s, [typeOf(s, exc), exc, tb === 0 ? vm.None : tb]);
  } finally {
    if (tb !== 0) s.decref(tb);
  }
};

const getrecursionlimit: NativeImpl = (vm) => intFromNumber(vm.s, vm.i32[OBJ.RECURSION_LIMIT] || RECURSION_LIMIT);

/** sys.setrecursionlimit(n): the depth at which RecursionError comes, for every thread (a
 *  depth past what the thread's data stack holds still ends there). */
const setrecursionlimit: NativeImpl = (vm, a, n, kw) => {
  const iv = vm as Interp;
  if (kw !== 0 || n !== 1) throw vm.error("TypeError", `setrecursionlimit() takes exactly one argument (${n} given)`);
  const limit = iv.indexValue(vm.i32[a]!, "");
  if (limit < 1) throw vm.error("ValueError", "recursion limit must be greater or equal than 1");
  vm.i32[OBJ.RECURSION_LIMIT] = Math.min(limit, 0x7fffffff);
  return vm.None;
};

/** sys.stdout / sys.stderr (and __stdout__ / __stderr__): text streams on the run's
 *  output, with write, flush, isatty, fileno (print(..., file=sys.stderr) writes there). */
function textStream(s: ObjSpace, fd: number): number {
  const p = s.newObject(VTID.TEXTIO, TEXTIO_BYTES);
  s.i32.fill(0, (p >> 2) + 4, (p >> 2) + (TEXTIO_BYTES >> 2));
  s.i32[(p >> 2) + TEXTIO_FD] = fd;
  s.i32[p >> 2] = IMMORTAL_REFCNT; // made at boot, as the interpreter's own objects are
  return p;
}

const streamFd = (vm: { i32: Int32Array }, a: number): number => vm.i32[(vm.i32[a]! >> 2) + TEXTIO_FD]!;

defMethod(VTID.TEXTIO, "write", (vm, a, n, kw) => {
  oneArg(vm, "write", n, kw, 1);
  const t = vm.i32[a + 1]!;
  if (vm.s.typeId(t) !== TID.STR) throw vm.error("TypeError", `write() argument must be str, not ${vm.typeName(t)}`);
  const text = strToJs(vm.s, t);
  if (streamFd(vm, a) === 2) (vm as Interp).hooks.writeErr(text);
  else vm.write(text);
  return intFromNumber(vm.s, strLen(vm.s, t));
});
defMethod(VTID.TEXTIO, "flush", (vm, _a, n, kw) => {
  noArgs(vm, "flush", n, kw);
  return vm.None;
});
defMethod(VTID.TEXTIO, "isatty", (vm, _a, n, kw) => {
  noArgs(vm, "isatty", n, kw);
  return vm.False;
});
defMethod(VTID.TEXTIO, "fileno", (vm, a, n, kw) => {
  noArgs(vm, "fileno", n, kw);
  return intFromNumber(vm.s, streamFd(vm, a));
});

defModule("sys", (s, dict, ctx) => {
  const stdout = textStream(s, 1), stderr = textStream(s, 2);
  for (const [name, stream] of [["stdout", stdout], ["stderr", stderr], ["__stdout__", stdout], ["__stderr__", stderr]] as const) {
    dictSetItem(s, dict, strIntern(s, name), stream);
  }
  ctx.set(dict, "argv", ctx.argv);
  ctx.set(dict, "maxsize", 9223372036854775807n);
  // gilsim models CPython 3.11.7 (sys.version as Py_GetVersion gives it, without the build
  // date and compiler; PY_VERSION_HEX).
  ctx.set(dict, "version", "3.11.7 (main, gilsim)");
  ctx.set(dict, "hexversion", 0x030b07f0n);
  ctx.set(dict, "platform", "gilsim");
  ctx.set(dict, "byteorder", "little");
});
defModuleFunction("sys", "getrefcount", getrefcount);
defModuleFunction("sys", "setrecursionlimit", setrecursionlimit);
defModuleFunction("sys", "getsizeof", getsizeof);
defModuleFunction("sys", "getswitchinterval", getswitchinterval);
defModuleFunction("sys", "setswitchinterval", setswitchinterval);
defModuleFunction("sys", "_debugmallocstats", debugmallocstats);
defModuleFunction("sys", "exit", exit);
defModuleFunction("sys", "exc_info", excInfo);
defModuleFunction("sys", "getrecursionlimit", getrecursionlimit);
