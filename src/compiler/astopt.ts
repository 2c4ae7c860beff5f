/**
 * The AST optimizer, as CPython 3.12's `Python/ast_opt.c`: a post-order pass that folds
 * constant expressions in place before the symbol table is built.
 *
 *   fold_unaryop  `-1`, `not True`, `~5`; `not (a is b)` → `a is not b` (is/in only)
 *   fold_binop    constant arithmetic with the same size guards (128-bit ints, 4096-char
 *                 strings); `"%s" % (a, b)` → f-string (optimize_format)
 *   fold_tuple    `(1, 2)` → a constant tuple
 *   fold_subscr   `"abc"[1]`, `(1, 2)[0]`
 *   fold_iter     `for x in [1, 2]` / `in [1, 2]` → tuple; `{1, 2}` → frozenset
 *   __debug__     → True
 *
 * A fold that would raise (1/0, "a" - 1) leaves the expression alone, as CPython does.
 */

import type * as A from "./ast.js";
import type { PyConst } from "./code.js";
import { frozensetItems, pyFloorDivFloat, pyModFloat, pyTruthy } from "./pyrepr.js";
import { bigTrueDivide, powDouble } from "../util/pow.js";

const MAX_INT_SIZE = 128; // bits
const MAX_STR_SIZE = 4096;

/** Fold a module in place. */
export function optimizeModule(mod: A.Module): void {
  body(mod.body);
}

function body(stmts: A.Stmt[]): void {
  for (const s of stmts) stmt(s);
}

function stmt(s: A.Stmt): void {
  switch (s.kind) {
    case "FunctionDef":
      args(s.args);
      body(s.body);
      s.decorators = s.decorators.map(expr);
      if (s.returns) s.returns = expr(s.returns);
      return;
    case "ClassDef":
      s.bases = s.bases.map(expr);
      for (const k of s.keywords) k.value = expr(k.value);
      body(s.body);
      s.decorators = s.decorators.map(expr);
      return;
    case "Return":
      if (s.value) s.value = expr(s.value);
      return;
    case "Delete":
      s.targets = s.targets.map(expr);
      return;
    case "Assign":
      s.targets = s.targets.map(expr);
      s.value = expr(s.value);
      return;
    case "AugAssign":
      s.target = expr(s.target);
      s.value = expr(s.value);
      return;
    case "AnnAssign":
      s.target = expr(s.target);
      s.annotation = expr(s.annotation);
      if (s.value) s.value = expr(s.value);
      return;
    case "For":
      s.target = expr(s.target);
      s.iter = expr(s.iter);
      body(s.body);
      body(s.orelse);
      s.iter = foldIter(s.iter);
      return;
    case "While":
    case "If":
      s.test = expr(s.test);
      body(s.body);
      body(s.orelse);
      return;
    case "With":
      for (const item of s.items) {
        item.contextExpr = expr(item.contextExpr);
        if (item.optionalVars) item.optionalVars = expr(item.optionalVars);
      }
      body(s.body);
      return;
    case "Raise":
      if (s.exc) s.exc = expr(s.exc);
      if (s.cause) s.cause = expr(s.cause);
      return;
    case "Try":
      body(s.body);
      for (const h of s.handlers) {
        if (h.type) h.type = expr(h.type);
        body(h.body);
      }
      body(s.orelse);
      body(s.finalbody);
      return;
    case "Assert":
      s.test = expr(s.test);
      if (s.msg) s.msg = expr(s.msg);
      return;
    case "Expr":
      s.value = expr(s.value);
      return;
    case "Import":
    case "ImportFrom":
    case "Global":
    case "Nonlocal":
    case "Pass":
    case "Break":
    case "Continue":
      return;
  }
}

function args(a: A.Arguments): void {
  for (const arg of [...a.posonlyargs, ...a.args, ...a.kwonlyargs]) {
    if (arg.annotation) arg.annotation = expr(arg.annotation);
  }
  if (a.vararg?.annotation) a.vararg.annotation = expr(a.vararg.annotation);
  if (a.kwarg?.annotation) a.kwarg.annotation = expr(a.kwarg.annotation);
  a.kwDefaults = a.kwDefaults.map((d) => (d ? expr(d) : null));
  a.defaults = a.defaults.map(expr);
}

function comprehensions(gens: A.Comprehension[]): void {
  for (const g of gens) {
    g.target = expr(g.target);
    g.iter = expr(g.iter);
    g.ifs = g.ifs.map(expr);
    g.iter = foldIter(g.iter);
  }
}

function constant(loc: A.Loc, value: PyConst): A.ConstantExpr {
  return { kind: "Constant", value, line: loc.line, endLine: loc.endLine, col: loc.col, endCol: loc.endCol };
}

function expr(e: A.Expr): A.Expr {
  switch (e.kind) {
    case "BoolOp":
      e.values = e.values.map(expr);
      return e;
    case "BinOp":
      e.left = expr(e.left);
      e.right = expr(e.right);
      return foldBinop(e);
    case "UnaryOp":
      e.operand = expr(e.operand);
      return foldUnaryop(e);
    case "Lambda":
      args(e.args);
      e.body = expr(e.body);
      return e;
    case "IfExp":
      e.test = expr(e.test);
      e.body = expr(e.body);
      e.orelse = expr(e.orelse);
      return e;
    case "Dict":
      e.keys = e.keys.map((k) => (k ? expr(k) : null));
      e.values = e.values.map(expr);
      return e;
    case "Set":
      e.elts = e.elts.map(expr);
      return e;
    case "ListComp":
    case "SetComp":
      e.elt = expr(e.elt);
      comprehensions(e.generators);
      return e;
    case "DictComp":
      e.key = expr(e.key);
      e.value = expr(e.value);
      comprehensions(e.generators);
      return e;
    case "Compare": {
      e.left = expr(e.left);
      e.comparators = e.comparators.map(expr);
      const last = e.ops.length - 1;
      const op = e.ops[last];
      if (op === "in" || op === "not in") e.comparators[last] = foldIter(e.comparators[last]!);
      return e;
    }
    case "Call":
      e.func = expr(e.func);
      e.args = e.args.map(expr);
      for (const k of e.keywords) k.value = expr(k.value);
      return e;
    case "FormattedValue":
      e.value = expr(e.value);
      if (e.formatSpec) e.formatSpec = expr(e.formatSpec);
      return e;
    case "JoinedStr":
      e.values = e.values.map(expr);
      return e;
    case "Attribute":
      e.value = expr(e.value);
      return e;
    case "Subscript":
      e.value = expr(e.value);
      e.slice = expr(e.slice);
      return foldSubscr(e);
    case "Starred":
      e.value = expr(e.value);
      return e;
    case "Slice":
      if (e.lower) e.lower = expr(e.lower);
      if (e.upper) e.upper = expr(e.upper);
      if (e.step) e.step = expr(e.step);
      return e;
    case "List":
      e.elts = e.elts.map(expr);
      return e;
    case "Tuple":
      e.elts = e.elts.map(expr);
      if (e.ctx === "load" && e.elts.every((x) => x.kind === "Constant")) {
        return constant(e, { kind: "tuple", items: e.elts.map((x) => (x as A.ConstantExpr).value) });
      }
      return e;
    case "Name":
      if (e.ctx === "load" && e.id === "__debug__") return constant(e, true);
      return e;
    case "Constant":
      return e;
  }
}

function foldIter(e: A.Expr): A.Expr {
  if (e.kind === "List") {
    if (e.elts.some((x) => x.kind === "Starred")) return e;
    if (e.elts.every((x) => x.kind === "Constant")) {
      return constant(e, { kind: "tuple", items: e.elts.map((x) => (x as A.ConstantExpr).value) });
    }
    return { kind: "Tuple", elts: e.elts, ctx: e.ctx, line: e.line, endLine: e.endLine, col: e.col, endCol: e.endCol };
  }
  if (e.kind === "Set" && e.elts.every((x) => x.kind === "Constant")) {
    const items = frozensetItems(e.elts.map((x) => (x as A.ConstantExpr).value));
    return constant(e, { kind: "frozenset", items });
  }
  return e;
}

// ---- value helpers -------------------------------------------------------------------

type Num = bigint | number;

/** int (bool counts as int) or float, else null. */
function asNumber(v: PyConst): Num | null {
  if (typeof v === "bigint" || typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1n : 0n;
  return null;
}

function isInt(v: PyConst): v is bigint | boolean {
  return typeof v === "bigint" || typeof v === "boolean";
}

function bitLength(n: bigint): number {
  if (n < 0n) n = -n;
  return n === 0n ? 0 : n.toString(2).length;
}

/** int → float as CPython: OverflowError (null) when out of range. */
function toFloat(n: Num): number | null {
  if (typeof n === "number") return n;
  const f = Number(n);
  return Number.isFinite(f) ? f : null;
}

/** Python's int // int and int % int (floor semantics). Null on division by zero. */
function intFloorDiv(a: bigint, b: bigint): bigint | null {
  if (b === 0n) return null;
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

function intMod(a: bigint, b: bigint): bigint | null {
  if (b === 0n) return null;
  const r = a % b;
  return r !== 0n && (r < 0n) !== (b < 0n) ? r + b : r;
}

/** int / int, correctly rounded for operands that fit in a double exactly. */
function intTrueDiv(a: bigint, b: bigint): number | null {
  if (b === 0n) return null;
  const q = bigTrueDivide(a, b);
  return Number.isFinite(q) ? q : null; // an OverflowError is the run's
}

function arith(op: A.Operator, lv: PyConst, rv: PyConst): PyConst | undefined {
  // str / tuple concatenation and repetition
  if (op === "+" && typeof lv === "string" && typeof rv === "string") return lv + rv;
  if (op === "*") {
    const [s, n] = typeof lv === "string" && isInt(rv) ? [lv, rv] : typeof rv === "string" && isInt(lv) ? [rv, lv] : [null, null];
    if (s !== null && n !== null) {
      const count = typeof n === "boolean" ? (n ? 1n : 0n) : n;
      if (s.length > 0 && (count < 0n || count > BigInt(Math.floor(MAX_STR_SIZE / s.length)))) return undefined;
      return count <= 0n ? "" : s.repeat(Number(count));
    }
  }
  const a = asNumber(lv);
  const b = asNumber(rv);
  if (a === null || b === null) return undefined;
  if (typeof a === "bigint" && typeof b === "bigint") {
    switch (op) {
      case "+":
        return a + b;
      case "-":
        return a - b;
      case "*":
        if (a !== 0n && b !== 0n && bitLength(a) + bitLength(b) > MAX_INT_SIZE) return undefined;
        return a * b;
      case "/":
        return intTrueDiv(a, b) ?? undefined;
      case "//":
        return intFloorDiv(a, b) ?? undefined;
      case "%":
        return intMod(a, b) ?? undefined;
      case "**": {
        if (b < 0n) {
          if (a === 0n) return undefined;
          const fa = toFloat(a);
          const fb = toFloat(b);
          return fa === null || fb === null ? undefined : powDouble(fa, fb);
        }
        if (a !== 0n && b > 0n && bitLength(a) > MAX_INT_SIZE / Number(b)) return undefined;
        return a ** b;
      }
      case "<<":
        if (b < 0n) return undefined;
        if (a !== 0n && b !== 0n && (b > BigInt(MAX_INT_SIZE) || bitLength(a) > MAX_INT_SIZE - Number(b))) return undefined;
        return a << b;
      case ">>":
        if (b < 0n) return undefined;
        return a >> b;
      case "|":
        return lv === true || lv === false ? (typeof rv === "boolean" ? lv || rv : a | b) : a | b;
      case "^":
        return typeof lv === "boolean" && typeof rv === "boolean" ? lv !== rv : a ^ b;
      case "&":
        return typeof lv === "boolean" && typeof rv === "boolean" ? lv && rv : a & b;
      default:
        return undefined;
    }
  }
  // float arithmetic (an int operand converts; OverflowError means no fold)
  const x = toFloat(a);
  const y = toFloat(b);
  if (x === null || y === null) return undefined;
  switch (op) {
    case "+":
      return x + y;
    case "-":
      return x - y;
    case "*":
      return x * y;
    case "/":
      return y === 0 ? undefined : x / y;
    case "//":
      return y === 0 ? undefined : pyFloorDivFloat(x, y);
    case "%":
      return y === 0 ? undefined : pyModFloat(x, y);
    case "**": {
      if (x === 0 && y < 0) return undefined;
      if (x < 0 && !Number.isInteger(y)) return undefined; // complex result
      const r = powDouble(x, y);
      return Number.isFinite(r) || !Number.isFinite(x) || !Number.isFinite(y) ? r : undefined;
    }
    default:
      return undefined;
  }
}

function foldBinop(e: A.BinOpExpr): A.Expr {
  if (e.left.kind !== "Constant") return e;
  const lv = e.left.value;
  if (e.op === "%" && e.right.kind === "Tuple" && typeof lv === "string" && !e.right.elts.some((x) => x.kind === "Starred")) {
    return optimizeFormat(e, lv, e.right.elts);
  }
  if (e.right.kind !== "Constant") return e;
  const r = arith(e.op, lv, e.right.value);
  return r === undefined ? e : constant(e, r);
}

function foldUnaryop(e: A.UnaryOpExpr): A.Expr {
  const arg = e.operand;
  if (arg.kind !== "Constant") {
    if (e.op === "not" && arg.kind === "Compare" && arg.ops.length === 1) {
      const inverted: Partial<Record<A.CmpOperator, A.CmpOperator>> = {
        is: "is not",
        "is not": "is",
        in: "not in",
        "not in": "in",
      };
      const op = inverted[arg.ops[0]!];
      if (op !== undefined) {
        arg.ops[0] = op;
        return arg; // COPY_NODE: the compare (with its own location) replaces the `not`
      }
    }
    return e;
  }
  const v = arg.value;
  let r: PyConst | undefined;
  switch (e.op) {
    case "not":
      r = !pyTruthy(v);
      break;
    case "-":
      if (typeof v === "boolean") r = v ? -1n : 0n;
      else if (typeof v === "bigint") r = -v;
      else if (typeof v === "number") r = -v;
      else if (typeof v === "object" && v !== null && v.kind === "complex") r = { kind: "complex", real: -v.real, imag: -v.imag };
      break;
    case "+":
      if (typeof v === "boolean") r = v ? 1n : 0n;
      else if (typeof v === "bigint" || typeof v === "number") r = v;
      else if (typeof v === "object" && v !== null && v.kind === "complex") r = v;
      break;
    case "~":
      if (typeof v === "boolean") r = v ? -2n : -1n;
      else if (typeof v === "bigint") r = ~v;
      break;
  }
  return r === undefined ? e : constant(e, r);
}

function foldSubscr(e: A.SubscriptExpr): A.Expr {
  if (e.ctx !== "load" || e.value.kind !== "Constant" || e.slice.kind !== "Constant") return e;
  const v = e.value.value;
  const i = e.slice.value;
  if (!isInt(i)) return e;
  const idx = typeof i === "boolean" ? (i ? 1 : 0) : Number(i);
  if (typeof v === "string") {
    const chars = Array.from(v);
    const k = idx < 0 ? idx + chars.length : idx;
    if (k < 0 || k >= chars.length) return e;
    return constant(e, chars[k]!);
  }
  if (typeof v === "object" && v !== null && v.kind === "tuple") {
    const k = idx < 0 ? idx + v.items.length : idx;
    if (k < 0 || k >= v.items.length) return e;
    return constant(e, v.items[k]!);
  }
  return e;
}

// ---- optimize_format: "%s %r" % (a, b) → f"{a!s} {b!r}" ----------------------------

const NO_LOC: A.Loc = { line: -1, endLine: -1, col: -1, endCol: -1 };

function optimizeFormat(node: A.BinOpExpr, fmt: string, elts: A.Expr[]): A.Expr {
  const seq: A.Expr[] = [];
  let pos = 0;
  let cnt = 0;
  for (;;) {
    // parse_literal
    const start = pos;
    let hasPercents = false;
    while (pos < fmt.length) {
      if (fmt[pos] !== "%") pos++;
      else if (fmt[pos + 1] === "%") {
        hasPercents = true;
        pos += 2;
      } else break;
    }
    if (pos > start) {
      let s = fmt.slice(start, pos);
      if (hasPercents) s = s.replace(/%%/g, "%");
      seq.push({ kind: "Constant", value: s, ...NO_LOC });
    }
    if (pos >= fmt.length) break;
    if (cnt >= elts.length) return node; // more format units than items
    pos++; // '%'
    const parsed = parseSimpleFormat(fmt, pos);
    if (parsed === null) return node;
    pos = parsed.pos;
    const arg = elts[cnt++]!;
    const { spec, flags, width, prec } = parsed;
    if (spec !== "s" && spec !== "r" && spec !== "a") return node;
    let buf = "";
    if (!flags.ljust && width > 0) buf += ">";
    if (width >= 0) buf += String(width);
    if (prec >= 0) buf += `.${prec}`;
    seq.push({
      kind: "FormattedValue",
      value: arg,
      conversion: spec.charCodeAt(0),
      formatSpec: buf === "" ? null : { kind: "Constant", value: buf, ...NO_LOC },
      line: arg.line,
      endLine: arg.endLine,
      col: arg.col,
      endCol: arg.endCol,
    });
  }
  if (cnt < elts.length) return node; // more items than format units
  return { kind: "JoinedStr", values: seq, line: node.line, endLine: node.endLine, col: node.col, endCol: node.endCol };
}

function parseSimpleFormat(
  fmt: string,
  pos: number,
): { pos: number; spec: string; flags: { ljust: boolean }; width: number; prec: number } | null {
  const MAXDIGITS = 3;
  const flags = { ljust: false };
  let width = -1;
  let prec = -1;
  let ch: string | undefined;
  const next = (): boolean => {
    if (pos >= fmt.length) return false;
    ch = fmt[pos++];
    return true;
  };
  for (;;) {
    if (!next()) return null;
    if (ch === "-") flags.ljust = true;
    else if (ch === "+" || ch === " " || ch === "#" || ch === "0") continue;
    else break;
  }
  if (ch! >= "0" && ch! <= "9") {
    width = 0;
    let digits = 0;
    while (ch! >= "0" && ch! <= "9") {
      width = width * 10 + Number(ch);
      if (!next()) return null;
      if (++digits >= MAXDIGITS) return null;
    }
  }
  if (ch === ".") {
    if (!next()) return null;
    prec = 0;
    if (ch! >= "0" && ch! <= "9") {
      let digits = 0;
      while (ch! >= "0" && ch! <= "9") {
        prec = prec * 10 + Number(ch);
        if (!next()) return null;
        if (++digits >= MAXDIGITS) return null;
      }
    }
  }
  return { pos, spec: ch!, flags, width, prec };
}

