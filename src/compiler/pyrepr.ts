/**
 * Python semantics for compile-time constants: `repr()` as CPython prints it (dis shows
 * constants through repr), equality (for frozenset literals and the constant table), and
 * float floor-division/modulo (for constant folding).
 */

import type { CodeObject, PyConst } from "./code.js";
import { floatRepr, strRepr } from "../util/pyformat.js";

/** repr(x) for a constant; `codeRepr` renders nested code objects (dis supplies addresses). */
export function pyRepr(v: PyConst, codeRepr?: (c: CodeObject) => string): string {
  if (v === null) return "None";
  switch (typeof v) {
    case "boolean":
      return v ? "True" : "False";
    case "bigint":
      return v.toString();
    case "number":
      return floatRepr(v);
    case "string":
      return strRepr(v);
    default:
      break;
  }
  switch (v.kind) {
    case "tuple": {
      const items = v.items.map((x) => pyRepr(x, codeRepr));
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
    }
    case "frozenset":
      return v.items.length === 0 ? "frozenset()" : `frozenset({${v.items.map((x) => pyRepr(x, codeRepr)).join(", ")}})`;
    case "ellipsis":
      return "Ellipsis";
    case "bytes":
      return bytesRepr(v.data);
    case "complex":
      return complexRepr(v.real, v.imag);
    case "code":
      return codeRepr ? codeRepr(v) : `<code object ${v.name}, file "${v.filename}", line ${v.firstlineno}>`;
  }
}

function complexRepr(real: number, imag: number): string {
  // complex_repr formats each part as repr does but without repr's ".0" for integral values.
  const part = (x: number): string => floatRepr(x).replace(/\.0$/, "");
  const im = part(imag);
  if (real === 0 && !Object.is(real, -0)) return `${im}j`;
  const re = part(real);
  const sign = imag < 0 || Object.is(imag, -0) || Number.isNaN(imag) ? "" : "+";
  return `(${re}${sign}${im}j)`;
}

function bytesRepr(data: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const b of data) {
    if (b === 0x27) hasSingle = true;
    if (b === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = "b" + quote;
  for (const b of data) {
    const ch = String.fromCharCode(b);
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (b === 9) out += "\\t";
    else if (b === 10) out += "\\n";
    else if (b === 13) out += "\\r";
    else if (b < 0x20 || b >= 0x7f) out += "\\x" + b.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + quote;
}

/** Python `==` between constants (1 == 1.0 == True; tuples elementwise). */
export function pyEquals(a: PyConst, b: PyConst): boolean {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== null && nb !== null) {
    if (typeof na === "bigint" && typeof nb === "bigint") return na === nb;
    if (typeof na === "number" && typeof nb === "number") return na === nb;
    const f = typeof na === "number" ? na : nb;
    const i = typeof na === "bigint" ? na : (nb as bigint);
    return Number.isInteger(f) && BigInt(f as number) === i;
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  if (a.kind === "tuple" && b.kind === "tuple") {
    return a.items.length === b.items.length && a.items.every((x, i) => pyEquals(x, b.items[i]!));
  }
  if (a.kind === "frozenset" && b.kind === "frozenset") {
    return a.items.length === b.items.length && a.items.every((x) => b.items.some((y) => pyEquals(x, y)));
  }
  if (a.kind === "bytes" && b.kind === "bytes") {
    return a.data.length === b.data.length && a.data.every((x, i) => x === b.data[i]);
  }
  if (a.kind === "complex" && b.kind === "complex") return a.real === b.real && a.imag === b.imag;
  return a === b;
}

/**
 * The items of `frozenset(items)` without duplicates, in CPython's iteration order when
 * that is predictable: for ints and bools we replay setobject.c's open addressing
 * (hash(n) = n mod 2**61-1, 8-slot minimum table, 9 linear probes, perturbed probing,
 * resize at 3/5 full). Other items (str hashes are randomized per process) keep their
 * literal order.
 */
export function frozensetItems(items: readonly PyConst[]): PyConst[] {
  const unique: PyConst[] = [];
  for (const v of items) if (!unique.some((u) => pyEquals(u, v))) unique.push(v);
  if (!unique.every((v) => typeof v === "bigint" || typeof v === "boolean")) return unique;
  const M = 2n ** 64n;
  const hashOf = (v: PyConst): bigint => {
    const n = typeof v === "boolean" ? (v ? 1n : 0n) : (v as bigint);
    const P = 2n ** 61n - 1n;
    let h = (n < 0n ? -n : n) % P;
    if (n < 0n) h = -h;
    if (h === -1n) h = -2n;
    return ((h % M) + M) % M; // as size_t
  };
  type Slot = { key: PyConst; hash: bigint } | null;
  let table: Slot[] = new Array<Slot>(8).fill(null);
  let fill = 0;
  const insert = (tbl: Slot[], key: PyConst, hash: bigint): void => {
    const mask = BigInt(tbl.length - 1);
    let i = hash & mask;
    let perturb = hash;
    for (;;) {
      const probes = i + 9n <= mask ? 9 : 0;
      for (let p = 0, j = i; p <= probes; p++, j++) {
        if (tbl[Number(j)] === null) {
          tbl[Number(j)] = { key, hash };
          return;
        }
      }
      perturb >>= 5n;
      i = (i * 5n + 1n + perturb) & mask;
    }
  };
  for (const v of unique) {
    insert(table, v, hashOf(v));
    fill++;
    const mask = table.length - 1;
    if (fill * 5 >= mask * 3) {
      let newsize = 8;
      const minused = fill * 4;
      while (newsize <= minused) newsize <<= 1;
      const old = table;
      table = new Array<Slot>(newsize).fill(null);
      for (const s of old) if (s !== null) insert(table, s.key, s.hash);
    }
  }
  return table.flatMap((s) => (s === null ? [] : [s.key]));
}

const codeIds = new WeakMap<CodeObject, number>();
let nextCodeId = 0;

/**
 * Identity key of a constant for the constant table (`_PyCode_ConstantKey`): equal keys
 * share one co_consts slot. Types are kept apart (1, 1.0 and True are distinct), as are
 * 0.0 and -0.0; tuples compare by their items; code objects by identity.
 */
export function constKey(v: PyConst): string {
  if (v === null) return "N";
  switch (typeof v) {
    case "boolean":
      return v ? "T" : "F";
    case "bigint":
      return `i${v}`;
    case "number":
      return `f${Object.is(v, -0) ? "-0" : String(v)}`;
    case "string":
      return `s${v.length}:${v}`;
    default:
      break;
  }
  switch (v.kind) {
    case "tuple":
      return `t(${v.items.map(constKey).join(",")})`;
    case "frozenset":
      return `z(${v.items.map(constKey).sort().join(",")})`;
    case "ellipsis":
      return "E";
    case "bytes":
      return `y${Array.from(v.data, (b) => b.toString(16).padStart(2, "0")).join("")}`;
    case "complex":
      return `c${Object.is(v.real, -0) ? "-0" : v.real},${Object.is(v.imag, -0) ? "-0" : v.imag}`;
    case "code": {
      let id = codeIds.get(v);
      if (id === undefined) {
        id = nextCodeId++;
        codeIds.set(v, id);
      }
      return `C${id}`;
    }
  }
}

/** Python truthiness of a constant (`PyObject_IsTrue`). */
export function pyTruthy(v: PyConst): boolean {
  if (v === null) return false;
  switch (typeof v) {
    case "boolean":
      return v;
    case "bigint":
      return v !== 0n;
    case "number":
      return v !== 0;
    case "string":
      return v.length > 0;
    default:
      break;
  }
  switch (v.kind) {
    case "tuple":
    case "frozenset":
      return v.items.length > 0;
    case "bytes":
      return v.data.length > 0;
    case "complex":
      return v.real !== 0 || v.imag !== 0;
    default:
      return true;
  }
}

function numeric(v: PyConst): bigint | number | null {
  if (typeof v === "boolean") return v ? 1n : 0n;
  if (typeof v === "bigint" || typeof v === "number") return v;
  return null;
}

/** float // float, as CPython's float_floor_div (via float_divmod). */
export function pyFloorDivFloat(vx: number, wx: number): number {
  let mod = vx % wx;
  let div = (vx - mod) / wx;
  if (mod) {
    if (wx < 0 !== mod < 0) {
      mod += wx;
      div -= 1.0;
    }
  }
  let floordiv: number;
  if (div) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    floordiv = Math.sign(vx / wx) < 0 || Object.is(vx / wx, -0) ? -0 : 0;
  }
  return floordiv;
}

/** float % float, as CPython's float_rem. */
export function pyModFloat(vx: number, wx: number): number {
  let mod = vx % wx;
  if (mod) {
    if (wx < 0 !== mod < 0) mod += wx;
  } else {
    mod = wx < 0 || Object.is(wx, -0) ? -0 : 0;
  }
  return mod;
}
