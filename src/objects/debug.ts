/**
 * Debugging aids: checkObject (bounds and tag checks), typeName, and toJs / fromJs / repr
 * for tests. The interpreter owns Python's real repr() and str().
 */
import { HeapCorruption } from "../errors.js";
import { OB } from "../heap/layout.js";
import { dictLen, dictKeyAt, dictNew, dictNextIndex, dictSetItem, dictValueAt } from "./dict.js";
import { floatNew, floatValue } from "./float.js";
import { intAsNumber, intFromBigInt, intFromNumber, intToBigInt } from "./int.js";
import { MAX_TYPES, OBJ, TID, TYPE_TABLE } from "./layout.js";
import { listAppend, listGet, listLen, listNew } from "./list.js";
import { setAdd, setKeyAt, setNew, setNextIndex } from "./set.js";
import { ObjSpace } from "./space.js";
import { strFromJs, strToJs } from "./str.js";
import { tupleGet, tupleInit, tupleLen, tupleNew } from "./tuple.js";
import { typeNameOf } from "./type.js";
import { floatRepr, strRepr } from "../util/pyformat.js";

/** Verify that `p` can be a live object: in bounds, 16-byte aligned, a valid type id
 *  (not 0, not TYPE_FREED, below the next type id, with a type object), and a positive
 *  refcount. Throws HeapCorruption naming what is wrong. */
export function checkObject(s: ObjSpace, p: number): void {
  if (!Number.isInteger(p) || p <= 0 || (p & 15) !== 0 || !s.heap.inBounds(p, 16)) {
    throw new HeapCorruption(p, "not an object pointer (out of bounds or misaligned)");
  }
  const tid = s.i32[(p >> 2) + OB.TYPE]!;
  if (tid === TID.FREED) throw new HeapCorruption(p, "use after free: the object has been deallocated");
  if (tid <= TID.FREED || tid >= MAX_TYPES || tid >= s.i32[OBJ.NEXT_TYPE_ID]! || s.i32[TYPE_TABLE + tid] === 0) {
    throw new HeapCorruption(p, `invalid type id ${tid}`);
  }
  const rc = s.i32[(p >> 2) + OB.REFCNT]!;
  if (rc <= 0) throw new HeapCorruption(p, `live object with refcount ${rc}`);
}

/** A refcount policy for debugging and tests: every incref and decref first checks its
 *  object with checkObject, so a use after free (on a freed block pymalloc has already
 *  reused its first word for the free-list link) is reported instead of corrupting the
 *  allocator. The plain ObjSpace does not pay for this. */
export class CheckedObjSpace extends ObjSpace {
  override incref(p: number): void {
    checkObject(this, p);
    super.incref(p);
  }

  override decref(p: number): void {
    checkObject(this, p);
    super.decref(p);
  }
}

/** type(p).__name__. */
export function typeName(s: ObjSpace, p: number): string {
  return typeNameOf(s, s.typeObject(s.typeId(p)));
}

/** A tuple in JS form (toJs / fromJs). */
export class JsTuple {
  constructor(readonly items: JsValue[]) {}
}
/** Forces fromJs to make a float of an integral number. */
export class JsFloat {
  constructor(readonly value: number) {}
}
export type JsValue =
  | null | boolean | number | bigint | string | JsValue[] | JsTuple | JsFloat | Map<JsValue, JsValue> | Set<JsValue>;

/** A JS rendering of an object graph: None → null, bool, int → number (bigint beyond
 *  2**53), float → number, str → string, list → array, tuple → JsTuple, dict → Map,
 *  set → Set; anything else → its repr. Shared and cyclic parts are rendered each time
 *  they are met, cycles as "<cycle>". */
export function toJs(s: ObjSpace, p: number, seen: Set<number> = new Set()): JsValue {
  switch (s.typeId(p)) {
    case TID.NONE:
      return null;
    case TID.BOOL:
      return p === s.True;
    case TID.INT: {
      const n = intAsNumber(s, p);
      return n === n ? n : intToBigInt(s, p);
    }
    case TID.FLOAT:
      return floatValue(s, p);
    case TID.STR:
      return strToJs(s, p);
  }
  if (seen.has(p)) return "<cycle>";
  seen.add(p);
  try {
    switch (s.typeId(p)) {
      case TID.LIST: {
        const out: JsValue[] = [];
        for (let i = 0; i < listLen(s, p); i++) out.push(toJs(s, listGet(s, p, i), seen));
        return out;
      }
      case TID.TUPLE: {
        const out: JsValue[] = [];
        for (let i = 0; i < tupleLen(s, p); i++) out.push(toJs(s, tupleGet(s, p, i), seen));
        return new JsTuple(out);
      }
      case TID.DICT: {
        const out = new Map<JsValue, JsValue>();
        for (let i = dictNextIndex(s, p, 0); i >= 0; i = dictNextIndex(s, p, i + 1)) {
          out.set(toJs(s, dictKeyAt(s, p, i), seen), toJs(s, dictValueAt(s, p, i), seen));
        }
        return out;
      }
      case TID.SET: {
        const out = new Set<JsValue>();
        for (let i = setNextIndex(s, p, 0); i >= 0; i = setNextIndex(s, p, i + 1)) out.add(toJs(s, setKeyAt(s, p, i), seen));
        return out;
      }
      default:
        return repr(s, p);
    }
  } finally {
    seen.delete(p);
  }
}

/** Build objects from a JS value (the inverse of toJs; integral numbers become ints,
 *  use JsFloat for an integral float). New reference; on failure nothing is left behind. */
export function fromJs(s: ObjSpace, v: JsValue): number {
  if (v === null) return s.None;
  if (typeof v === "boolean") return v ? s.True : s.False;
  if (typeof v === "number") return Number.isInteger(v) && !Object.is(v, -0) ? intFromNumber(s, v) : floatNew(s, v);
  if (typeof v === "bigint") return intFromBigInt(s, v);
  if (typeof v === "string") return strFromJs(s, v);
  if (v instanceof JsFloat) return floatNew(s, v.value);
  if (v instanceof JsTuple) {
    const items = buildAll(s, v.items);
    let t: number;
    try {
      t = tupleNew(s, items.length);
    } catch (e) {
      for (const p of items) s.decref(p);
      throw e;
    }
    items.forEach((p, i) => tupleInit(s, t, i, p));
    return t;
  }
  const container = Array.isArray(v) ? listNew(s, 0) : v instanceof Map ? dictNew(s) : setNew(s);
  try {
    if (Array.isArray(v)) {
      for (const x of v) withNew(s, fromJs(s, x), (p) => listAppend(s, container, p));
    } else if (v instanceof Map) {
      for (const [k, x] of v) {
        withNew(s, fromJs(s, k), (kp) => withNew(s, fromJs(s, x), (xp) => dictSetItem(s, container, kp, xp)));
      }
    } else {
      for (const x of v) withNew(s, fromJs(s, x), (p) => setAdd(s, container, p));
    }
  } catch (e) {
    s.decref(container);
    throw e;
  }
  return container;
}

function withNew(s: ObjSpace, p: number, use: (p: number) => void): void {
  try {
    use(p);
  } finally {
    s.decref(p);
  }
}

function buildAll(s: ObjSpace, items: JsValue[]): number[] {
  const out: number[] = [];
  try {
    for (const x of items) out.push(fromJs(s, x));
  } catch (e) {
    for (const p of out) s.decref(p);
    throw e;
  }
  return out;
}

/** A simple repr for tests and debugging (no cycle handling beyond depth). */
export function repr(s: ObjSpace, p: number, depth = 0): string {
  if (depth > 50) return "...";
  const tid = s.typeId(p);
  const sub = (q: number): string => repr(s, q, depth + 1);
  switch (tid) {
    case TID.NONE:
      return "None";
    case TID.BOOL:
      return p === s.True ? "True" : "False";
    case TID.INT:
      return intToBigInt(s, p).toString();
    case TID.FLOAT:
      return floatRepr(floatValue(s, p));
    case TID.STR:
      return strRepr(strToJs(s, p));
    case TID.TUPLE: {
      const items: string[] = [];
      for (let i = 0; i < tupleLen(s, p); i++) items.push(sub(tupleGet(s, p, i)));
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
    }
    case TID.LIST: {
      const items: string[] = [];
      for (let i = 0; i < listLen(s, p); i++) items.push(sub(listGet(s, p, i)));
      return `[${items.join(", ")}]`;
    }
    case TID.DICT: {
      const items: string[] = [];
      for (let i = dictNextIndex(s, p, 0); i >= 0; i = dictNextIndex(s, p, i + 1)) {
        items.push(`${sub(dictKeyAt(s, p, i))}: ${sub(dictValueAt(s, p, i))}`);
      }
      return dictLen(s, p) === 0 ? "{}" : `{${items.join(", ")}}`;
    }
    case TID.SET: {
      const items: string[] = [];
      for (let i = setNextIndex(s, p, 0); i >= 0; i = setNextIndex(s, p, i + 1)) items.push(sub(setKeyAt(s, p, i)));
      return items.length === 0 ? "set()" : `{${items.join(", ")}}`;
    }
    case TID.TYPE:
      return `<class '${typeNameOf(s, p)}'>`;
    default:
      return `<${typeName(s, p)} object at 0x${p.toString(16)}>`;
  }
}
