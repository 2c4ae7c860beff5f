/**
 * repr(), str() and format() of heap objects (the tp_repr / tp_str / __format__ slots of
 * the built-in types), with user __repr__/__str__ where a class defines them. The text
 * rules themselves (float digits, str quoting, the format-spec mini-language) live in
 * src/util/pyformat.ts.
 */
import {
  KIND, TID, TYPE, dictKeyAt, dictNextIndex, dictValueAt, floatValue, intAsNumber, intToBigInt, listGet, listLen,
  setKeyAt, setNextIndex, strToJs, tupleGet, tupleLen, typeNameOf, typeOf, FUNC, funcGet, methodFunc, methodSelf,
  rangeField, RANGE, dictViewDict, instanceDict, dictGetItemStr, strIntern,
} from "../objects/index.js";
import { FormatError, floatRepr, formatFloat, formatInt, formatStr, strRepr } from "../util/pyformat.js";
import type { Interp } from "./interp.js";
import { BUILTIN, MODULE, SLICE, VTID } from "./layout.js";

/** Objects whose repr is being computed on this thread (Py_ReprEnter), to print `[...]`. */
const inRepr = new Set<number>();

function hexAddr(p: number): string {
  return "0x" + (0x7f0000000000 + p).toString(16);
}

function guarded(p: number, open: string, close: string, body: () => string): string {
  if (inRepr.has(p)) return `${open}...${close}`;
  inRepr.add(p);
  try {
    return body();
  } finally {
    inRepr.delete(p);
  }
}

/** The args tuple of an exception instance (borrowed), or 0. */
export function excArgs(vm: Interp, exc: number): number {
  const d = instanceDict(vm.s, exc);
  return d === 0 ? 0 : dictGetItemStr(vm.s, d, vm.n.args!);
}

function isException(vm: Interp, p: number): boolean {
  return vm.isInstance(p, vm.baseException);
}

/** BaseException.__str__. */
export function excStr(vm: Interp, exc: number): string {
  if (vm.isInstance(exc, vm.osError)) {
    const os = oserrorStr(vm, exc);
    if (os !== null) return os;
  }
  const args = excArgs(vm, exc);
  const n = args === 0 ? 0 : tupleLen(vm.s, args);
  if (n === 0) return "";
  if (n === 1) {
    const a0 = tupleGet(vm.s, args, 0);
    // KeyError shows the key's repr.
    if (vm.isInstance(exc, vm.builtinType("KeyError"))) return reprOf(vm, a0);
    return strOf(vm, a0);
  }
  return reprOf(vm, args);
}

/** OSError_str: "[Errno N] strerror", with ": 'filename'" and " -> 'filename2'" when set;
 *  null (BaseException's str) unless errno and strerror are both set. */
function oserrorStr(vm: Interp, exc: number): string | null {
  const s = vm.s;
  const d = instanceDict(s, exc);
  if (d === 0) return null;
  const attr = (name: string): number => dictGetItemStr(s, d, strIntern(s, name)) || vm.None;
  const errno = attr("errno"), strerror = attr("strerror"), filename = attr("filename"), filename2 = attr("filename2");
  if (filename !== vm.None) {
    const head = `[Errno ${strOf(vm, errno)}] ${strOf(vm, strerror)}: ${reprOf(vm, filename)}`;
    return filename2 !== vm.None ? `${head} -> ${reprOf(vm, filename2)}` : head;
  }
  if (errno !== vm.None && strerror !== vm.None) return `[Errno ${strOf(vm, errno)}] ${strOf(vm, strerror)}`;
  return null;
}

export function reprOf(vm: Interp, p: number): string {
  const s = vm.s;
  const tid = s.typeId(p);
  switch (tid) {
    case TID.NONE: return "None";
    case TID.BOOL: return p === vm.True ? "True" : "False";
    case TID.INT: {
      const v = intAsNumber(s, p);
      return v === v ? String(v) : intToBigInt(s, p).toString();
    }
    case TID.FLOAT: return floatRepr(floatValue(s, p));
    case TID.STR: return strRepr(strToJs(s, p));
    case TID.LIST:
      return guarded(p, "[", "]", () => {
        const parts: string[] = [];
        for (let i = 0; i < listLen(s, p); i++) parts.push(reprOf(vm, listGet(s, p, i)));
        return `[${parts.join(", ")}]`;
      });
    case TID.TUPLE: {
      const n = tupleLen(s, p);
      if (n === 1) return guarded(p, "(", ")", () => `(${reprOf(vm, tupleGet(s, p, 0))},)`);
      return guarded(p, "(", ")", () => {
        const parts: string[] = [];
        for (let i = 0; i < n; i++) parts.push(reprOf(vm, tupleGet(s, p, i)));
        return `(${parts.join(", ")})`;
      });
    }
    case TID.DICT:
      return guarded(p, "{", "}", () => {
        const parts: string[] = [];
        for (let ix = dictNextIndex(s, p, 0); ix >= 0; ix = dictNextIndex(s, p, ix + 1)) {
          parts.push(`${reprOf(vm, dictKeyAt(s, p, ix))}: ${reprOf(vm, dictValueAt(s, p, ix))}`);
        }
        return `{${parts.join(", ")}}`;
      });
    case TID.SET: {
      const parts: string[] = [];
      for (let i = setNextIndex(s, p, 0); i >= 0; i = setNextIndex(s, p, i + 1)) parts.push(reprOf(vm, setKeyAt(s, p, i)));
      if (parts.length === 0) return "set()";
      return guarded(p, "{", "}", () => `{${parts.join(", ")}}`);
    }
    case TID.DICT_KEYS:
    case TID.DICT_VALUES:
    case TID.DICT_ITEMS: {
      const d = dictViewDict(s, p);
      const parts: string[] = [];
      for (let ix = dictNextIndex(s, d, 0); ix >= 0; ix = dictNextIndex(s, d, ix + 1)) {
        const k = dictKeyAt(s, d, ix), v = dictValueAt(s, d, ix);
        parts.push(tid === TID.DICT_KEYS ? reprOf(vm, k) : tid === TID.DICT_VALUES ? reprOf(vm, v) : `(${reprOf(vm, k)}, ${reprOf(vm, v)})`);
      }
      const name = tid === TID.DICT_KEYS ? "dict_keys" : tid === TID.DICT_VALUES ? "dict_values" : "dict_items";
      return `${name}([${parts.join(", ")}])`;
    }
    case TID.RANGE: {
      const start = rangeField(s, p, RANGE.START), stop = rangeField(s, p, RANGE.STOP), step = rangeField(s, p, RANGE.STEP);
      return step === 1 ? `range(${start}, ${stop})` : `range(${start}, ${stop}, ${step})`;
    }
    case TID.FUNCTION:
      return `<function ${strToJs(s, funcGet(s, p, FUNC.QUALNAME))} at ${hexAddr(p)}>`;
    case TID.METHOD: {
      const fn = methodFunc(s, p);
      const q = s.typeId(fn) === TID.FUNCTION ? strToJs(s, funcGet(s, fn, FUNC.QUALNAME)) : "?";
      return `<bound method ${q} of ${reprOf(vm, methodSelf(s, p))}>`;
    }
    case VTID.BUILTIN: {
      const self = s.i32[(p >> 2) + BUILTIN.SELF]!;
      const name = strToJs(s, s.i32[(p >> 2) + BUILTIN.NAME]!);
      if (self === 0 || s.typeId(self) === VTID.MODULE) return `<built-in function ${name}>`;
      return `<built-in method ${name} of ${vm.typeName(self)} object at ${hexAddr(self)}>`;
    }
    case VTID.METHOD_DESCR:
      return `<method '${strToJs(s, s.i32[(p >> 2) + BUILTIN.NAME]!)}' objects>`;
    case VTID.MODULE:
      return `<module '${strToJs(s, s.i32[(p >> 2) + MODULE.NAME]!)}' (built-in)>`;
    case VTID.SLICE: {
      const w = p >> 2;
      return `slice(${reprOf(vm, s.i32[w + SLICE.START]!)}, ${reprOf(vm, s.i32[w + SLICE.STOP]!)}, ${reprOf(vm, s.i32[w + SLICE.STEP]!)})`;
    }
    case VTID.NOTIMPLEMENTED: return "NotImplemented";
    case VTID.ELLIPSIS: return "Ellipsis";
  }
  const kind = s.kindOf(tid);
  if (kind === KIND.TYPE) {
    const mod = dictGetItemStr(s, s.i32[(p >> 2) + TYPE.DICT]!, vm.n.__module__!);
    const name = typeNameOf(s, p);
    if (mod !== 0 && s.typeId(mod) === TID.STR && strToJs(s, mod) !== "builtins") return `<class '${strToJs(s, mod)}.${strToJs(s, s.i32[(p >> 2) + TYPE.QUALNAME]!)}'>`;
    return `<class '${name}'>`;
  }
  if (kind === KIND.INSTANCE) {
    const m = vm.lookupSpecial(p, "__repr__");
    if (m !== 0 && s.typeId(m) === TID.FUNCTION) return callText(vm, m, p, "__repr__");
    if (isException(vm, p)) {
      const args = excArgs(vm, p);
      const name = vm.typeName(p);
      if (args === 0 || tupleLen(s, args) === 0) return `${name}()`;
      if (tupleLen(s, args) === 1) return `${name}(${reprOf(vm, tupleGet(s, args, 0))})`;
      return `${name}${reprOf(vm, args)}`;
    }
    const t = typeOf(s, p);
    const mod = dictGetItemStr(s, s.i32[(t >> 2) + TYPE.DICT]!, vm.n.__module__!);
    const modName = mod !== 0 && s.typeId(mod) === TID.STR ? strToJs(s, mod) + "." : "";
    return `<${modName}${strToJs(s, s.i32[(t >> 2) + TYPE.QUALNAME]!)} object at ${hexAddr(p)}>`;
  }
  return `<${vm.typeName(p)} object at ${hexAddr(p)}>`;
}

function callText(vm: Interp, m: number, p: number, what: string): string {
  const r = vm.callMethod(m, p);
  try {
    if (vm.s.typeId(r) !== TID.STR) throw vm.error("TypeError", `${what} returned non-string (type ${vm.typeName(r)})`);
    return strToJs(vm.s, r);
  } finally {
    vm.s.decref(r);
  }
}

export function strOf(vm: Interp, p: number): string {
  const s = vm.s;
  const tid = s.typeId(p);
  if (tid === TID.STR) return strToJs(s, p);
  if (s.kindOf(tid) === KIND.INSTANCE) {
    const m = vm.lookupSpecial(p, "__str__");
    if (m !== 0 && s.typeId(m) === TID.FUNCTION) return callText(vm, m, p, "__str__");
    if (isException(vm, p)) return excStr(vm, p);
  }
  return reprOf(vm, p);
}

/** format(p, spec): PyObject_Format for the built-in types and user __format__. */
export function formatValue(vm: Interp, p: number, spec: string): string {
  const s = vm.s;
  const tid = s.typeId(p);
  try {
    switch (tid) {
      case TID.INT:
        return formatInt(intToBigInt(s, p), spec);
      case TID.BOOL:
        if (spec === "") return p === vm.True ? "True" : "False";
        return formatInt(p === vm.True ? 1n : 0n, spec, "bool");
      case TID.FLOAT:
        return formatFloat(floatValue(s, p), spec);
      case TID.STR:
        return formatStr(strToJs(s, p), spec);
    }
    if (s.kindOf(tid) === KIND.INSTANCE) {
      const m = vm.lookupSpecial(p, "__format__");
      if (m !== 0 && s.typeId(m) === TID.FUNCTION) {
        const sp = strIntern(s, spec);
        const r = vm.callMethod(m, p, sp);
        try {
          return strOf(vm, r);
        } finally {
          s.decref(r);
        }
      }
    }
    if (spec !== "") throw vm.error("TypeError", `unsupported format string passed to ${vm.typeName(p)}.__format__`);
    return strOf(vm, p);
  } catch (e) {
    if (e instanceof FormatError) throw vm.error(e.pyType, e.message);
    throw e;
  }
}
