/**
 * The typed AST for gilsim's Python subset: CPython's `Parser/Python.asdl` restricted to
 * what gilsim compiles, as discriminated unions on `kind`.
 *
 * Every node carries CPython's location: `line`/`endLine` 1-based, `col`/`endCol`
 * 0-based UTF-8 byte offsets within the line (as `ast.AST.col_offset`).
 */

import type { PyConst } from "./code.js";

export interface Loc {
  line: number;
  endLine: number;
  col: number;
  endCol: number;
}

export type ExprContext = "load" | "store" | "del";

export type Operator = "+" | "-" | "*" | "@" | "/" | "%" | "**" | "<<" | ">>" | "|" | "^" | "&" | "//";
export type UnaryOperator = "not" | "-" | "+" | "~";
export type BoolOperator = "and" | "or";
export type CmpOperator = "==" | "!=" | "<" | "<=" | ">" | ">=" | "is" | "is not" | "in" | "not in";

// ---- expressions ---------------------------------------------------------------------

export interface BoolOpExpr extends Loc {
  kind: "BoolOp";
  op: BoolOperator;
  values: Expr[];
}
export interface BinOpExpr extends Loc {
  kind: "BinOp";
  left: Expr;
  op: Operator;
  right: Expr;
}
export interface UnaryOpExpr extends Loc {
  kind: "UnaryOp";
  op: UnaryOperator;
  operand: Expr;
}
export interface LambdaExpr extends Loc {
  kind: "Lambda";
  args: Arguments;
  body: Expr;
}
export interface IfExpExpr extends Loc {
  kind: "IfExp";
  test: Expr;
  body: Expr;
  orelse: Expr;
}
export interface DictExpr extends Loc {
  kind: "Dict";
  /** null key = `**value` unpacking. */
  keys: (Expr | null)[];
  values: Expr[];
}
export interface SetExpr extends Loc {
  kind: "Set";
  elts: Expr[];
}
export interface Comprehension {
  target: Expr;
  iter: Expr;
  ifs: Expr[];
}
export interface ListCompExpr extends Loc {
  kind: "ListComp";
  elt: Expr;
  generators: Comprehension[];
}
export interface SetCompExpr extends Loc {
  kind: "SetComp";
  elt: Expr;
  generators: Comprehension[];
}
export interface DictCompExpr extends Loc {
  kind: "DictComp";
  key: Expr;
  value: Expr;
  generators: Comprehension[];
}
export interface CompareExpr extends Loc {
  kind: "Compare";
  left: Expr;
  ops: CmpOperator[];
  comparators: Expr[];
}
export interface Keyword extends Loc {
  /** null = `**value`. */
  arg: string | null;
  value: Expr;
}
export interface CallExpr extends Loc {
  kind: "Call";
  func: Expr;
  args: Expr[];
  keywords: Keyword[];
}
export interface FormattedValueExpr extends Loc {
  kind: "FormattedValue";
  value: Expr;
  /** -1 none, else the char code of 's', 'r' or 'a' (as CPython). */
  conversion: number;
  /** A JoinedStr from the parser; a plain Constant when the AST optimizer rewrote `%` formatting. */
  formatSpec: Expr | null;
}
export interface JoinedStrExpr extends Loc {
  kind: "JoinedStr";
  values: Expr[];
}
export interface ConstantExpr extends Loc {
  kind: "Constant";
  value: PyConst;
}
export interface AttributeExpr extends Loc {
  kind: "Attribute";
  value: Expr;
  attr: string;
  ctx: ExprContext;
}
export interface SubscriptExpr extends Loc {
  kind: "Subscript";
  value: Expr;
  slice: Expr;
  ctx: ExprContext;
}
export interface StarredExpr extends Loc {
  kind: "Starred";
  value: Expr;
  ctx: ExprContext;
}
export interface NameExpr extends Loc {
  kind: "Name";
  id: string;
  ctx: ExprContext;
}
export interface ListExpr extends Loc {
  kind: "List";
  elts: Expr[];
  ctx: ExprContext;
}
export interface TupleExpr extends Loc {
  kind: "Tuple";
  elts: Expr[];
  ctx: ExprContext;
}
export interface SliceExpr extends Loc {
  kind: "Slice";
  lower: Expr | null;
  upper: Expr | null;
  step: Expr | null;
}

export type Expr =
  | BoolOpExpr
  | BinOpExpr
  | UnaryOpExpr
  | LambdaExpr
  | IfExpExpr
  | DictExpr
  | SetExpr
  | ListCompExpr
  | SetCompExpr
  | DictCompExpr
  | CompareExpr
  | CallExpr
  | FormattedValueExpr
  | JoinedStrExpr
  | ConstantExpr
  | AttributeExpr
  | SubscriptExpr
  | StarredExpr
  | NameExpr
  | ListExpr
  | TupleExpr
  | SliceExpr;

// ---- function arguments --------------------------------------------------------------

export interface Arg extends Loc {
  arg: string;
  annotation: Expr | null;
}
export interface Arguments {
  posonlyargs: Arg[];
  args: Arg[];
  vararg: Arg | null;
  kwonlyargs: Arg[];
  /** One per kwonlyarg; null when that argument has no default. */
  kwDefaults: (Expr | null)[];
  kwarg: Arg | null;
  /** Defaults of the last `defaults.length` positional arguments. */
  defaults: Expr[];
}

// ---- statements ----------------------------------------------------------------------

export interface FunctionDefStmt extends Loc {
  kind: "FunctionDef";
  name: string;
  args: Arguments;
  body: Stmt[];
  decorators: Expr[];
  returns: Expr | null;
}
export interface ClassDefStmt extends Loc {
  kind: "ClassDef";
  name: string;
  bases: Expr[];
  keywords: Keyword[];
  body: Stmt[];
  decorators: Expr[];
}
export interface ReturnStmt extends Loc {
  kind: "Return";
  value: Expr | null;
}
export interface DeleteStmt extends Loc {
  kind: "Delete";
  targets: Expr[];
}
export interface AssignStmt extends Loc {
  kind: "Assign";
  targets: Expr[];
  value: Expr;
}
export interface AugAssignStmt extends Loc {
  kind: "AugAssign";
  target: Expr;
  op: Operator;
  value: Expr;
}
export interface AnnAssignStmt extends Loc {
  kind: "AnnAssign";
  target: Expr;
  annotation: Expr;
  value: Expr | null;
  /** True for a bare (unparenthesized) name target. */
  simple: boolean;
}
export interface ForStmt extends Loc {
  kind: "For";
  target: Expr;
  iter: Expr;
  body: Stmt[];
  orelse: Stmt[];
}
export interface WhileStmt extends Loc {
  kind: "While";
  test: Expr;
  body: Stmt[];
  orelse: Stmt[];
}
export interface IfStmt extends Loc {
  kind: "If";
  test: Expr;
  body: Stmt[];
  orelse: Stmt[];
}
export interface WithItem {
  contextExpr: Expr;
  optionalVars: Expr | null;
}
export interface WithStmt extends Loc {
  kind: "With";
  items: WithItem[];
  body: Stmt[];
}
export interface RaiseStmt extends Loc {
  kind: "Raise";
  exc: Expr | null;
  cause: Expr | null;
}
export interface ExceptHandler extends Loc {
  type: Expr | null;
  name: string | null;
  body: Stmt[];
}
export interface TryStmt extends Loc {
  kind: "Try";
  body: Stmt[];
  handlers: ExceptHandler[];
  orelse: Stmt[];
  finalbody: Stmt[];
}
export interface AssertStmt extends Loc {
  kind: "Assert";
  test: Expr;
  msg: Expr | null;
}
export interface Alias extends Loc {
  name: string;
  asname: string | null;
}
export interface ImportStmt extends Loc {
  kind: "Import";
  names: Alias[];
}
export interface ImportFromStmt extends Loc {
  kind: "ImportFrom";
  module: string | null;
  names: Alias[];
  level: number;
}
export interface GlobalStmt extends Loc {
  kind: "Global";
  names: string[];
}
export interface NonlocalStmt extends Loc {
  kind: "Nonlocal";
  names: string[];
}
export interface ExprStmt extends Loc {
  kind: "Expr";
  value: Expr;
}
export interface PassStmt extends Loc {
  kind: "Pass";
}
export interface BreakStmt extends Loc {
  kind: "Break";
}
export interface ContinueStmt extends Loc {
  kind: "Continue";
}

export type Stmt =
  | FunctionDefStmt
  | ClassDefStmt
  | ReturnStmt
  | DeleteStmt
  | AssignStmt
  | AugAssignStmt
  | AnnAssignStmt
  | ForStmt
  | WhileStmt
  | IfStmt
  | WithStmt
  | RaiseStmt
  | TryStmt
  | AssertStmt
  | ImportStmt
  | ImportFromStmt
  | GlobalStmt
  | NonlocalStmt
  | ExprStmt
  | PassStmt
  | BreakStmt
  | ContinueStmt;

export interface Module {
  kind: "Module";
  body: Stmt[];
}

export function locOf(n: Loc): Loc {
  return { line: n.line, endLine: n.endLine, col: n.col, endCol: n.endCol };
}
