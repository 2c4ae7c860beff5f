/**
 * Code generation: AST → instruction sequence per code unit (module, class body,
 * function, lambda), a port of CPython 3.12's `Python/compile.c`.
 *
 * Each unit collects instructions with label ids for jump targets, plus its metadata
 * (constants, names, locals, cells). `finishUnit` hands both to the flow-graph optimizer
 * and the assembler, which return the CodeObject; nested code objects become constants
 * of the enclosing unit (MAKE_FUNCTION).
 *
 * Frame blocks (`FBlock`) track what must be unwound when `return`/`break`/`continue`
 * leave a loop, `try`, `with` or `except` body (compile.c `compiler_unwind_fblock`).
 * Exceptions use 3.12's zero-cost scheme: SETUP_FINALLY / SETUP_CLEANUP / SETUP_WITH /
 * POP_BLOCK pseudo-ops delimit protected ranges and become the exception table.
 */

import type * as A from "./ast.js";
import { assemble, type UnitMetadata } from "./assemble.js";
import {
  CO_NESTED,
  CO_NEWLOCALS,
  CO_OPTIMIZED,
  CO_VARARGS,
  CO_VARKEYWORDS,
  type CodeObject,
  type PyConst,
} from "./code.js";
import { NO_LOCATION, type SeqInstr, sequenceToCfg } from "./flowgraph.js";
import {
  COMPARE_MASKS,
  CMP_OP,
  FVC_ASCII,
  FVC_NONE,
  FVC_REPR,
  FVC_STR,
  FVS_HAVE_SPEC,
  INTRINSIC_IMPORT_STAR,
  INTRINSIC_LIST_TO_TUPLE,
  INTRINSIC_UNARY_POSITIVE,
  NB,
  NB_INPLACE_OFFSET,
  Op,
} from "./opcodes.js";
import { constKey, frozensetItems } from "./pyrepr.js";
import {
  CELL,
  DEF_COMP_CELL,
  DEF_FREE_CLASS,
  DEF_IMPORT,
  DEF_LOCAL,
  DEF_NONLOCAL,
  FREE,
  GLOBAL_EXPLICIT,
  GLOBAL_IMPLICIT,
  LOCAL,
  SCOPE_MASK,
  SCOPE_OFFSET,
  type SymbolTable,
  type SymbolTableEntry,
  mangle,
} from "./symtable.js";

type ScopeType = "module" | "class" | "function" | "lambda" | "comprehension";

type FBlockType =
  | "while"
  | "for"
  | "try_except"
  | "finally_try"
  | "finally_end"
  | "with"
  | "handler_cleanup"
  | "pop_value"
  | "exception_handler";

interface FBlock {
  type: FBlockType;
  block: number;
  exit: number;
  /** finally_try: the finally body; with: the statement; handler_cleanup: the `as` name. */
  datum: A.Stmt[] | A.WithStmt | string | null;
}

const NO_LABEL = -1;
const CO_MAXBLOCKS = 20;
const STACK_USE_GUIDELINE = 30;

const CMP_INDEX: Readonly<Record<string, number>> = Object.fromEntries(CMP_OP.map((op, i) => [op, i]));

/** One code object under construction (`struct compiler_unit`). */
class Unit {
  readonly instrs: SeqInstr[] = [];
  readonly labelMap: number[] = [];
  private nextLabel = 0;
  readonly fblocks: FBlock[] = [];
  inInlinedComp = 0;
  private: string | null = null;
  readonly consts: PyConst[] = [];
  private readonly constIndex = new Map<string, number>();
  readonly names = new Map<string, number>();
  readonly varnames = new Map<string, number>();
  readonly cellvars = new Map<string, number>();
  readonly freevars = new Map<string, number>();
  readonly fasthidden = new Map<string, boolean>();
  argcount = 0;
  posonlyargcount = 0;
  kwonlyargcount = 0;
  qualname = "";

  constructor(
    readonly ste: SymbolTableEntry,
    readonly scopeType: ScopeType,
    readonly name: string,
    readonly firstlineno: number,
  ) {}

  newLabel(): number {
    return ++this.nextLabel;
  }

  useLabel(lbl: number): void {
    this.labelMap[lbl] = this.instrs.length;
  }

  addConst(v: PyConst): number {
    const key = constKey(v);
    let i = this.constIndex.get(key);
    if (i === undefined) {
      i = this.consts.length;
      this.consts.push(v);
      this.constIndex.set(key, i);
    }
    return i;
  }
}

function dictAdd(dict: Map<string, number>, name: string): number {
  let i = dict.get(name);
  if (i === undefined) {
    i = dict.size;
    dict.set(name, i);
  }
  return i;
}

function isConstant(e: A.Expr): e is A.ConstantExpr {
  return e.kind === "Constant";
}

function loc(n: A.Loc): A.Loc {
  return { line: n.line, endLine: n.endLine, col: n.col, endCol: n.endCol };
}

/** The docstring of a body: a leading expression statement that is a str constant. */
function docString(body: A.Stmt[]): string | null {
  const first = body[0];
  if (first?.kind === "Expr" && first.value.kind === "Constant" && typeof first.value.value === "string") {
    return first.value.value;
  }
  return null;
}

function findAnn(stmts: A.Stmt[]): boolean {
  for (const s of stmts) {
    switch (s.kind) {
      case "AnnAssign":
        return true;
      case "For":
      case "While":
      case "If":
        if (findAnn(s.body) || findAnn(s.orelse)) return true;
        break;
      case "With":
        if (findAnn(s.body)) return true;
        break;
      case "Try":
        if (s.handlers.some((h) => findAnn(h.body))) return true;
        if (findAnn(s.body) || findAnn(s.finalbody) || findAnn(s.orelse)) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

interface InlinedState {
  pushedLocals: string[] | null;
  tempSymbols: Map<string, number> | null;
  fastHidden: Set<string> | null;
  cleanup: number;
  end: number;
}

export type CompileErrorSink = (msg: string, loc: A.Loc) => never;

export class Codegen {
  private u!: Unit;
  private readonly stack: Unit[] = [];

  constructor(
    private readonly st: SymbolTable,
    private readonly filename: string,
    private readonly error: CompileErrorSink,
  ) {}

  // ---- units ----------------------------------------------------------------------

  compileModule(mod: A.Module): CodeObject {
    this.enterScope("<module>", "module", mod, 1);
    this.body({ line: 1, endLine: 1, col: 0, endCol: 0 }, mod.body);
    return this.finishUnit(true);
  }

  private enterScope(name: string, scopeType: ScopeType, key: object, lineno: number): void {
    const ste = this.st.lookup(key);
    const u = new Unit(ste, scopeType, name, lineno);
    for (const v of ste.varnames) dictAdd(u.varnames, v);
    const sortedSyms = [...ste.symbols.keys()].sort();
    for (const k of sortedSyms) {
      const v = ste.symbols.get(k)!;
      const scope = (v >> SCOPE_OFFSET) & SCOPE_MASK;
      if (scope === CELL || v & DEF_COMP_CELL) dictAdd(u.cellvars, k);
    }
    if (ste.needsClassClosure) dictAdd(u.cellvars, "__class__");
    for (const k of sortedSyms) {
      const v = ste.symbols.get(k)!;
      const scope = (v >> SCOPE_OFFSET) & SCOPE_MASK;
      if (scope === FREE || v & DEF_FREE_CLASS) u.freevars.set(k, u.cellvars.size + u.freevars.size);
    }
    if (this.stack.length > 0 || this.u !== undefined) {
      this.stack.push(this.u);
      u.private = this.u.private;
    }
    this.u = u;
    const l: A.Loc = { line: lineno, endLine: lineno, col: 0, endCol: 0 };
    if (scopeType === "module") l.line = 0;
    else this.setQualname();
    this.addop(Op.RESUME, 0, l);
  }

  private exitScope(): void {
    const parent = this.stack.pop();
    if (parent !== undefined) this.u = parent;
  }

  private setQualname(): void {
    const u = this.u;
    const parent = this.stack[this.stack.length - 1];
    let base: string | null = null;
    if (this.stack.length > 1 && parent !== undefined) {
      let forceGlobal = false;
      if (u.scopeType === "function" || u.scopeType === "class") {
        const mangled = mangle(parent.private, u.name);
        if (parent.ste.getScope(mangled) === GLOBAL_EXPLICIT) forceGlobal = true;
      }
      if (!forceGlobal) {
        base =
          parent.scopeType === "function" || parent.scopeType === "lambda"
            ? `${parent.qualname}.<locals>`
            : parent.qualname;
      }
    }
    u.qualname = base !== null ? `${base}.${u.name}` : u.name;
  }

  private codeFlags(): number {
    const ste = this.u.ste;
    let flags = 0;
    if (ste.isFunctionLike()) {
      flags |= CO_NEWLOCALS | CO_OPTIMIZED;
      if (ste.nested) flags |= CO_NESTED;
      if (ste.varargs) flags |= CO_VARARGS;
      if (ste.varkeywords) flags |= CO_VARKEYWORDS;
    }
    return flags;
  }

  /** `optimize_and_assemble` for the current unit; leaves the scope. */
  private finishUnit(addNone: boolean): CodeObject {
    const u = this.u;
    const flags = this.codeFlags();
    if (addNone) this.addLoadConst(null, NO_LOCATION);
    this.addop(Op.RETURN_VALUE, 0, NO_LOCATION);
    const md: UnitMetadata = {
      name: u.name,
      qualname: u.scopeType === "module" ? u.name : u.qualname,
      filename: this.filename,
      firstlineno: u.firstlineno,
      argcount: u.argcount,
      posonlyargcount: u.posonlyargcount,
      kwonlyargcount: u.kwonlyargcount,
      flags,
      consts: u.consts.slice(),
      names: [...u.names.keys()],
      varnames: u.varnames,
      cellvars: u.cellvars,
      freevars: u.freevars,
      fasthidden: u.fasthidden,
      nparams: u.ste.varnames.length,
    };
    const code = assemble(md, sequenceToCfg(u.instrs, u.labelMap));
    this.exitScope();
    return code;
  }

  // ---- emitting -------------------------------------------------------------------

  private addop(op: number, arg: number, l: A.Loc): void {
    this.u.instrs.push({ op, arg, loc: l });
  }

  private addJump(op: number, target: number, l: A.Loc): void {
    this.u.instrs.push({ op, arg: target, loc: l });
  }

  private newLabel(): number {
    return this.u.newLabel();
  }

  private useLabel(lbl: number): void {
    this.u.useLabel(lbl);
  }

  private addLoadConst(v: PyConst, l: A.Loc): void {
    this.addop(Op.LOAD_CONST, this.u.addConst(v), l);
  }

  /** `compiler_addop_name`: mangles, and encodes the LOAD_ATTR/LOAD_SUPER_ATTR flag bits. */
  private addopName(op: number, name: string, l: A.Loc, dict: Map<string, number> = this.u.names): void {
    let arg = dictAdd(dict, mangle(this.u.private, name));
    switch (op) {
      case Op.LOAD_ATTR:
        arg <<= 1;
        break;
      case Op.LOAD_METHOD:
        op = Op.LOAD_ATTR;
        arg = (arg << 1) | 1;
        break;
      case Op.LOAD_SUPER_ATTR:
        arg = (arg << 2) | 2;
        break;
      case Op.LOAD_SUPER_METHOD:
        op = Op.LOAD_SUPER_ATTR;
        arg = (arg << 2) | 3;
        break;
      case Op.LOAD_ZERO_SUPER_ATTR:
        op = Op.LOAD_SUPER_ATTR;
        arg <<= 2;
        break;
      case Op.LOAD_ZERO_SUPER_METHOD:
        op = Op.LOAD_SUPER_ATTR;
        arg = (arg << 2) | 1;
        break;
    }
    this.addop(op, arg, l);
  }

  private getRefType(name: string): number {
    if (this.u.scopeType === "class" && (name === "__class__" || name === "__classdict__")) return CELL;
    const scope = this.u.ste.getScope(name);
    if (scope === 0) throw new Error(`symtable: unknown scope for ${name} in ${this.u.name}`);
    return scope;
  }

  /** `compiler_nameop`: pick FAST / DEREF / GLOBAL / NAME ops from the symbol's scope. */
  private nameop(l: A.Loc, name: string, ctx: A.ExprContext): void {
    if (name === "__debug__") {
      if (ctx === "store") this.error("cannot assign to __debug__", l);
      if (ctx === "del") this.error("cannot delete __debug__", l);
    }
    const u = this.u;
    const mangled = mangle(u.private, name);
    const scope = u.ste.getScope(mangled);
    let optype: "fast" | "global" | "deref" | "name" = "name";
    let dict = u.names;
    switch (scope) {
      case FREE:
        dict = u.freevars;
        optype = "deref";
        break;
      case CELL:
        dict = u.cellvars;
        optype = "deref";
        break;
      case LOCAL:
        if (u.ste.isFunctionLike() || u.fasthidden.get(mangled) === true) optype = "fast";
        break;
      case GLOBAL_IMPLICIT:
        if (u.ste.isFunctionLike()) optype = "global";
        break;
      case GLOBAL_EXPLICIT:
        optype = "global";
        break;
    }
    let op: number;
    switch (optype) {
      case "deref":
        if (ctx === "load") {
          if (u.ste.type === "class" && u.inInlinedComp === 0) {
            op = Op.LOAD_FROM_DICT_OR_DEREF;
            this.addop(Op.LOAD_LOCALS, 0, l);
          } else op = Op.LOAD_DEREF;
        } else op = ctx === "store" ? Op.STORE_DEREF : Op.DELETE_DEREF;
        break;
      case "fast":
        op = ctx === "load" ? Op.LOAD_FAST : ctx === "store" ? Op.STORE_FAST : Op.DELETE_FAST;
        this.addop(op, dictAdd(u.varnames, mangled), l);
        return;
      case "global":
        op = ctx === "load" ? Op.LOAD_GLOBAL : ctx === "store" ? Op.STORE_GLOBAL : Op.DELETE_GLOBAL;
        break;
      case "name":
        op =
          ctx === "load"
            ? u.ste.type === "class" && u.inInlinedComp > 0
              ? Op.LOAD_GLOBAL
              : Op.LOAD_NAME
            : ctx === "store"
              ? Op.STORE_NAME
              : Op.DELETE_NAME;
        break;
    }
    let arg = dictAdd(dict, mangled);
    if (op === Op.LOAD_GLOBAL) arg <<= 1;
    this.addop(op, arg, l);
  }

  // ---- frame blocks ---------------------------------------------------------------

  private pushFblock(l: A.Loc, type: FBlockType, block: number, exit: number, datum: FBlock["datum"]): void {
    if (this.u.fblocks.length >= CO_MAXBLOCKS) this.error("too many statically nested blocks", l);
    this.u.fblocks.push({ type, block, exit, datum });
  }

  private popFblock(type: FBlockType): void {
    const f = this.u.fblocks.pop();
    if (f === undefined || f.type !== type) throw new Error("codegen: frame block mismatch");
  }

  private callExitWithNones(l: A.Loc): void {
    this.addLoadConst(null, l);
    this.addLoadConst(null, l);
    this.addLoadConst(null, l);
    this.addop(Op.CALL, 2, l);
  }

  private popExceptAndReraise(l: A.Loc): void {
    this.addop(Op.COPY, 3, l);
    this.addop(Op.POP_EXCEPT, 0, l);
    this.addop(Op.RERAISE, 1, l);
  }

  /** `compiler_unwind_fblock`; `ploc.loc` may become NO_LOCATION (artificial code). */
  private unwindFblock(ploc: { loc: A.Loc }, info: FBlock, preserveTos: boolean): void {
    switch (info.type) {
      case "while":
      case "exception_handler":
        return;
      case "for":
        if (preserveTos) this.addop(Op.SWAP, 2, ploc.loc);
        this.addop(Op.POP_TOP, 0, ploc.loc);
        return;
      case "try_except":
        this.addop(Op.POP_BLOCK, 0, ploc.loc);
        return;
      case "finally_try":
        this.addop(Op.POP_BLOCK, 0, ploc.loc);
        if (preserveTos) this.pushFblock(ploc.loc, "pop_value", NO_LABEL, NO_LABEL, null);
        this.stmts(info.datum as A.Stmt[]);
        if (preserveTos) this.popFblock("pop_value");
        ploc.loc = NO_LOCATION;
        return;
      case "finally_end":
        if (preserveTos) this.addop(Op.SWAP, 2, ploc.loc);
        this.addop(Op.POP_TOP, 0, ploc.loc);
        if (preserveTos) this.addop(Op.SWAP, 2, ploc.loc);
        this.addop(Op.POP_BLOCK, 0, ploc.loc);
        this.addop(Op.POP_EXCEPT, 0, ploc.loc);
        return;
      case "with":
        ploc.loc = loc(info.datum as A.WithStmt);
        this.addop(Op.POP_BLOCK, 0, ploc.loc);
        if (preserveTos) this.addop(Op.SWAP, 2, ploc.loc);
        this.callExitWithNones(ploc.loc);
        this.addop(Op.POP_TOP, 0, ploc.loc);
        ploc.loc = NO_LOCATION;
        return;
      case "handler_cleanup":
        if (info.datum !== null) this.addop(Op.POP_BLOCK, 0, ploc.loc);
        if (preserveTos) this.addop(Op.SWAP, 2, ploc.loc);
        this.addop(Op.POP_BLOCK, 0, ploc.loc);
        this.addop(Op.POP_EXCEPT, 0, ploc.loc);
        if (info.datum !== null) {
          this.addLoadConst(null, ploc.loc);
          this.nameop(ploc.loc, info.datum as string, "store");
          this.nameop(ploc.loc, info.datum as string, "del");
        }
        return;
      case "pop_value":
        if (preserveTos) this.addop(Op.SWAP, 2, ploc.loc);
        this.addop(Op.POP_TOP, 0, ploc.loc);
        return;
    }
  }

  /** Unwind the frame-block stack; with `loop`, stop at (and return) the first loop. */
  private unwindFblockStack(ploc: { loc: A.Loc }, preserveTos: boolean, findLoop: boolean): FBlock | null {
    const fb = this.u.fblocks;
    if (fb.length === 0) return null;
    const top = fb[fb.length - 1]!;
    if (findLoop && (top.type === "while" || top.type === "for")) return top;
    fb.pop();
    this.unwindFblock(ploc, top, preserveTos);
    const loop = this.unwindFblockStack(ploc, preserveTos, findLoop);
    fb.push(top);
    return loop;
  }

  // ---- statements -----------------------------------------------------------------

  private body(l: A.Loc, stmts: A.Stmt[]): void {
    if (this.u.scopeType === "module" && stmts.length > 0) l = loc(stmts[0]!);
    if (findAnn(stmts)) this.addop(Op.SETUP_ANNOTATIONS, 0, l);
    if (stmts.length === 0) return;
    let i = 0;
    const doc = docString(stmts);
    if (doc !== null) {
      i = 1;
      this.expr((stmts[0] as A.ExprStmt).value);
      this.nameop(NO_LOCATION, "__doc__", "store");
    }
    for (; i < stmts.length; i++) this.stmt(stmts[i]!);
  }

  private stmts(stmts: A.Stmt[]): void {
    for (const s of stmts) this.stmt(s);
  }

  private stmt(s: A.Stmt): void {
    switch (s.kind) {
      case "FunctionDef":
        return this.functionDef(s);
      case "ClassDef":
        return this.classDef(s);
      case "Return":
        return this.returnStmt(s);
      case "Delete":
        for (const t of s.targets) this.expr(t);
        return;
      case "Assign": {
        this.expr(s.value);
        s.targets.forEach((t, i) => {
          if (i < s.targets.length - 1) this.addop(Op.COPY, 1, loc(s));
          this.expr(t);
        });
        return;
      }
      case "AugAssign":
        return this.augAssign(s);
      case "AnnAssign":
        return this.annAssign(s);
      case "For":
        return this.forStmt(s);
      case "While":
        return this.whileStmt(s);
      case "If":
        return this.ifStmt(s);
      case "Raise": {
        let n = 0;
        if (s.exc) {
          this.expr(s.exc);
          n++;
          if (s.cause) {
            this.expr(s.cause);
            n++;
          }
        }
        this.addop(Op.RAISE_VARARGS, n, loc(s));
        return;
      }
      case "Try":
        if (s.finalbody.length > 0) return this.tryFinally(s);
        return this.tryExcept(s);
      case "Assert":
        return this.assertStmt(s);
      case "Import":
        return this.importStmt(s);
      case "ImportFrom":
        return this.importFrom(s);
      case "Global":
      case "Nonlocal":
        return;
      case "Expr":
        if (isConstant(s.value)) {
          this.addop(Op.NOP, 0, loc(s));
          return;
        }
        this.expr(s.value);
        this.addop(Op.POP_TOP, 0, NO_LOCATION);
        return;
      case "Pass":
        this.addop(Op.NOP, 0, loc(s));
        return;
      case "Break":
        return this.breakStmt(loc(s));
      case "Continue":
        return this.continueStmt(loc(s));
      case "With":
        return this.withStmt(s, 0);
    }
  }

  private returnStmt(s: A.ReturnStmt): void {
    let l = loc(s);
    const preserveTos = s.value !== null && s.value.kind !== "Constant";
    if (!this.u.ste.isFunctionLike()) this.error("'return' outside function", l);
    if (preserveTos) {
      this.expr(s.value!);
    } else if (s.value !== null) {
      l = loc(s.value);
      this.addop(Op.NOP, 0, l);
    }
    if (s.value === null || s.value.line !== s.line) {
      l = loc(s);
      this.addop(Op.NOP, 0, l);
    }
    const ploc = { loc: l };
    this.unwindFblockStack(ploc, preserveTos, false);
    if (s.value === null) this.addLoadConst(null, ploc.loc);
    else if (!preserveTos) this.addLoadConst((s.value as A.ConstantExpr).value, ploc.loc);
    this.addop(Op.RETURN_VALUE, 0, ploc.loc);
  }

  private breakStmt(l: A.Loc): void {
    this.addop(Op.NOP, 0, l);
    const ploc = { loc: l };
    const loop = this.unwindFblockStack(ploc, false, true);
    if (loop === null) this.error("'break' outside loop", l);
    this.unwindFblock(ploc, loop, false);
    this.addJump(Op.JUMP, loop.exit, ploc.loc);
  }

  private continueStmt(l: A.Loc): void {
    this.addop(Op.NOP, 0, l);
    const ploc = { loc: l };
    const loop = this.unwindFblockStack(ploc, false, true);
    if (loop === null) this.error("'continue' not properly in loop", l);
    this.addJump(Op.JUMP, loop.block, ploc.loc);
  }

  private ifStmt(s: A.IfStmt): void {
    const end = this.newLabel();
    const next = s.orelse.length > 0 ? this.newLabel() : end;
    this.jumpIf(loc(s), s.test, next, false);
    this.stmts(s.body);
    if (s.orelse.length > 0) {
      this.addJump(Op.JUMP, end, NO_LOCATION);
      this.useLabel(next);
      this.stmts(s.orelse);
    }
    this.useLabel(end);
  }

  private forStmt(s: A.ForStmt): void {
    const l = loc(s);
    const start = this.newLabel();
    const body = this.newLabel();
    const cleanup = this.newLabel();
    const end = this.newLabel();
    this.pushFblock(l, "for", start, end, null);
    this.expr(s.iter);
    this.addop(Op.GET_ITER, 0, l);
    this.useLabel(start);
    this.addJump(Op.FOR_ITER, cleanup, l);
    this.useLabel(body);
    this.expr(s.target);
    this.stmts(s.body);
    this.addJump(Op.JUMP, start, NO_LOCATION);
    this.useLabel(cleanup);
    this.addop(Op.END_FOR, 0, NO_LOCATION);
    this.popFblock("for");
    this.stmts(s.orelse);
    this.useLabel(end);
  }

  private whileStmt(s: A.WhileStmt): void {
    const loop = this.newLabel();
    const body = this.newLabel();
    const end = this.newLabel();
    const anchor = this.newLabel();
    this.useLabel(loop);
    this.pushFblock(loc(s), "while", loop, end, null);
    this.jumpIf(loc(s), s.test, anchor, false);
    this.useLabel(body);
    this.stmts(s.body);
    this.jumpIf(loc(s), s.test, body, true);
    this.popFblock("while");
    this.useLabel(anchor);
    this.stmts(s.orelse);
    this.useLabel(end);
  }

  private tryFinally(s: A.TryStmt): void {
    let l = loc(s);
    const body = this.newLabel();
    const end = this.newLabel();
    const exit = this.newLabel();
    const cleanup = this.newLabel();
    this.addJump(Op.SETUP_FINALLY, end, l);
    this.useLabel(body);
    this.pushFblock(l, "finally_try", body, end, s.finalbody);
    if (s.handlers.length > 0) this.tryExcept(s);
    else this.stmts(s.body);
    this.addop(Op.POP_BLOCK, 0, NO_LOCATION);
    this.popFblock("finally_try");
    this.stmts(s.finalbody);
    this.addJump(Op.JUMP, exit, NO_LOCATION);
    // `finally` block, reached by an exception.
    this.useLabel(end);
    l = NO_LOCATION;
    this.addJump(Op.SETUP_CLEANUP, cleanup, l);
    this.addop(Op.PUSH_EXC_INFO, 0, l);
    this.pushFblock(l, "finally_end", end, NO_LABEL, null);
    this.stmts(s.finalbody);
    this.popFblock("finally_end");
    this.addop(Op.RERAISE, 0, NO_LOCATION);
    this.useLabel(cleanup);
    this.popExceptAndReraise(NO_LOCATION);
    this.useLabel(exit);
  }

  private tryExcept(s: A.TryStmt): void {
    const l = loc(s);
    const body = this.newLabel();
    let except = this.newLabel();
    const end = this.newLabel();
    const cleanup = this.newLabel();
    this.addJump(Op.SETUP_FINALLY, except, l);
    this.useLabel(body);
    this.pushFblock(l, "try_except", body, NO_LABEL, null);
    this.stmts(s.body);
    this.popFblock("try_except");
    this.addop(Op.POP_BLOCK, 0, NO_LOCATION);
    this.stmts(s.orelse);
    this.addJump(Op.JUMP, end, NO_LOCATION);
    this.useLabel(except);
    this.addJump(Op.SETUP_CLEANUP, cleanup, NO_LOCATION);
    this.addop(Op.PUSH_EXC_INFO, 0, NO_LOCATION);
    this.pushFblock(l, "exception_handler", NO_LABEL, NO_LABEL, null);
    s.handlers.forEach((handler, i) => {
      const hl = loc(handler);
      if (handler.type === null && i < s.handlers.length - 1) this.error("default 'except:' must be last", hl);
      except = this.newLabel();
      if (handler.type !== null) {
        this.expr(handler.type);
        this.addop(Op.CHECK_EXC_MATCH, 0, hl);
        this.addJump(Op.POP_JUMP_IF_FALSE, except, hl);
      }
      if (handler.name !== null) {
        const cleanupEnd = this.newLabel();
        const cleanupBody = this.newLabel();
        this.nameop(hl, handler.name, "store");
        this.addJump(Op.SETUP_CLEANUP, cleanupEnd, hl);
        this.useLabel(cleanupBody);
        this.pushFblock(hl, "handler_cleanup", cleanupBody, NO_LABEL, handler.name);
        this.stmts(handler.body);
        this.popFblock("handler_cleanup");
        this.addop(Op.POP_BLOCK, 0, NO_LOCATION);
        this.addop(Op.POP_BLOCK, 0, NO_LOCATION);
        this.addop(Op.POP_EXCEPT, 0, NO_LOCATION);
        this.addLoadConst(null, NO_LOCATION);
        this.nameop(NO_LOCATION, handler.name, "store");
        this.nameop(NO_LOCATION, handler.name, "del");
        this.addJump(Op.JUMP, end, NO_LOCATION);
        this.useLabel(cleanupEnd);
        this.addLoadConst(null, NO_LOCATION);
        this.nameop(NO_LOCATION, handler.name, "store");
        this.nameop(NO_LOCATION, handler.name, "del");
        this.addop(Op.RERAISE, 1, NO_LOCATION);
      } else {
        const cleanupBody = this.newLabel();
        this.addop(Op.POP_TOP, 0, hl);
        this.useLabel(cleanupBody);
        this.pushFblock(hl, "handler_cleanup", cleanupBody, NO_LABEL, null);
        this.stmts(handler.body);
        this.popFblock("handler_cleanup");
        this.addop(Op.POP_BLOCK, 0, NO_LOCATION);
        this.addop(Op.POP_EXCEPT, 0, NO_LOCATION);
        this.addJump(Op.JUMP, end, NO_LOCATION);
      }
      this.useLabel(except);
    });
    this.popFblock("exception_handler");
    this.addop(Op.RERAISE, 0, NO_LOCATION);
    this.useLabel(cleanup);
    this.popExceptAndReraise(NO_LOCATION);
    this.useLabel(end);
  }

  private withStmt(s: A.WithStmt, pos: number): void {
    const item = s.items[pos]!;
    const block = this.newLabel();
    const final = this.newLabel();
    const exit = this.newLabel();
    const cleanup = this.newLabel();
    this.expr(item.contextExpr);
    let l = loc(s);
    this.addop(Op.BEFORE_WITH, 0, l);
    this.addJump(Op.SETUP_WITH, final, l);
    this.useLabel(block);
    this.pushFblock(l, "with", block, final, s);
    if (item.optionalVars) this.expr(item.optionalVars);
    else this.addop(Op.POP_TOP, 0, l);
    if (pos + 1 === s.items.length) this.stmts(s.body);
    else this.withStmt(s, pos + 1);
    this.addop(Op.POP_BLOCK, 0, NO_LOCATION);
    this.popFblock("with");
    l = loc(s);
    this.callExitWithNones(l);
    this.addop(Op.POP_TOP, 0, l);
    this.addJump(Op.JUMP, exit, l);
    // Exceptional exit: call __exit__(type, value, tb).
    this.useLabel(final);
    this.addJump(Op.SETUP_CLEANUP, cleanup, l);
    this.addop(Op.PUSH_EXC_INFO, 0, l);
    this.addop(Op.WITH_EXCEPT_START, 0, l);
    this.withExceptFinish(cleanup);
    this.useLabel(exit);
  }

  private withExceptFinish(cleanup: number): void {
    const suppress = this.newLabel();
    this.addJump(Op.POP_JUMP_IF_TRUE, suppress, NO_LOCATION);
    this.addop(Op.RERAISE, 2, NO_LOCATION);
    this.useLabel(suppress);
    this.addop(Op.POP_TOP, 0, NO_LOCATION);
    this.addop(Op.POP_BLOCK, 0, NO_LOCATION);
    this.addop(Op.POP_EXCEPT, 0, NO_LOCATION);
    this.addop(Op.POP_TOP, 0, NO_LOCATION);
    this.addop(Op.POP_TOP, 0, NO_LOCATION);
    const exit = this.newLabel();
    this.addJump(Op.JUMP, exit, NO_LOCATION);
    this.useLabel(cleanup);
    this.popExceptAndReraise(NO_LOCATION);
    this.useLabel(exit);
  }

  private assertStmt(s: A.AssertStmt): void {
    const end = this.newLabel();
    this.jumpIf(loc(s), s.test, end, true);
    this.addop(Op.LOAD_ASSERTION_ERROR, 0, loc(s));
    if (s.msg) {
      this.expr(s.msg);
      this.addop(Op.CALL, 0, loc(s));
    }
    this.addop(Op.RAISE_VARARGS, 1, loc(s.test));
    this.useLabel(end);
  }

  private importStmt(s: A.ImportStmt): void {
    const l = loc(s);
    for (const alias of s.names) {
      this.addLoadConst(0n, l);
      this.addLoadConst(null, l);
      this.addopName(Op.IMPORT_NAME, alias.name, l);
      if (alias.asname !== null) {
        const parts = alias.name.split(".");
        if (parts.length > 1) {
          for (let i = 1; i < parts.length; i++) {
            this.addop(Op.IMPORT_FROM, dictAdd(this.u.names, parts[i]!), l);
            if (i < parts.length - 1) {
              this.addop(Op.SWAP, 2, l);
              this.addop(Op.POP_TOP, 0, l);
            }
          }
          this.nameop(l, alias.asname, "store");
          this.addop(Op.POP_TOP, 0, l);
        } else {
          this.nameop(l, alias.asname, "store");
        }
      } else {
        this.nameop(l, alias.name.split(".")[0]!, "store");
      }
    }
  }

  private importFrom(s: A.ImportFromStmt): void {
    const l = loc(s);
    this.addLoadConst(BigInt(s.level), l);
    this.addLoadConst({ kind: "tuple", items: s.names.map((a) => a.name) }, l);
    this.addopName(Op.IMPORT_NAME, s.module ?? "", l);
    for (let i = 0; i < s.names.length; i++) {
      const alias = s.names[i]!;
      if (i === 0 && alias.name === "*") {
        this.addop(Op.CALL_INTRINSIC_1, INTRINSIC_IMPORT_STAR, l);
        this.addop(Op.POP_TOP, 0, NO_LOCATION);
        return;
      }
      this.addopName(Op.IMPORT_FROM, alias.name, l);
      this.nameop(l, alias.asname ?? alias.name, "store");
    }
    this.addop(Op.POP_TOP, 0, l);
  }

  private augAssign(s: A.AugAssignStmt): void {
    const e = s.target;
    let l = loc(e);
    switch (e.kind) {
      case "Attribute":
        this.expr(e.value);
        this.addop(Op.COPY, 1, l);
        l = this.attrLoc(l, e);
        this.addopName(Op.LOAD_ATTR, e.attr, l);
        break;
      case "Subscript":
        this.expr(e.value);
        if (e.slice.kind === "Slice" && e.slice.step === null) {
          this.sliceParts(e.slice);
          this.addop(Op.COPY, 3, l);
          this.addop(Op.COPY, 3, l);
          this.addop(Op.COPY, 3, l);
          this.addop(Op.BINARY_SLICE, 0, l);
        } else {
          this.expr(e.slice);
          this.addop(Op.COPY, 2, l);
          this.addop(Op.COPY, 2, l);
          this.addop(Op.BINARY_SUBSCR, 0, l);
        }
        break;
      case "Name":
        this.nameop(l, e.id, "load");
        break;
      default:
        this.error(`'${e.kind}' is an illegal expression for augmented assignment`, l);
    }
    this.expr(s.value);
    this.addop(Op.BINARY_OP, NB[s.op]! + NB_INPLACE_OFFSET, loc(s));
    l = loc(e);
    switch (e.kind) {
      case "Attribute":
        l = this.attrLoc(l, e);
        this.addop(Op.SWAP, 2, l);
        this.addopName(Op.STORE_ATTR, e.attr, l);
        break;
      case "Subscript":
        if (e.slice.kind === "Slice" && e.slice.step === null) {
          this.addop(Op.SWAP, 4, l);
          this.addop(Op.SWAP, 3, l);
          this.addop(Op.SWAP, 2, l);
          this.addop(Op.STORE_SLICE, 0, l);
        } else {
          this.addop(Op.SWAP, 3, l);
          this.addop(Op.SWAP, 2, l);
          this.addop(Op.STORE_SUBSCR, 0, l);
        }
        break;
      case "Name":
        this.nameop(l, e.id, "store");
        break;
    }
  }

  private annAssign(s: A.AnnAssignStmt): void {
    const l = loc(s);
    const targ = s.target;
    if (s.value) {
      this.expr(s.value);
      this.expr(targ);
    }
    const moduleOrClass = this.u.scopeType === "module" || this.u.scopeType === "class";
    switch (targ.kind) {
      case "Name":
        if (s.simple && moduleOrClass) {
          this.expr(s.annotation);
          this.addopName(Op.LOAD_NAME, "__annotations__", l);
          this.addLoadConst(mangle(this.u.private, targ.id), l);
          this.addop(Op.STORE_SUBSCR, 0, l);
        }
        break;
      case "Attribute":
        if (!s.value) this.checkAnnExpr(targ.value);
        break;
      case "Subscript":
        if (!s.value) {
          this.checkAnnExpr(targ.value);
          this.checkAnnSubscr(targ.slice);
        }
        break;
      default:
        break;
    }
    if (!s.simple && moduleOrClass) this.checkAnnExpr(s.annotation);
  }

  private checkAnnExpr(e: A.Expr): void {
    this.expr(e);
    this.addop(Op.POP_TOP, 0, loc(e));
  }

  private checkAnnSubscr(e: A.Expr): void {
    if (e.kind === "Slice") {
      if (e.lower) this.checkAnnExpr(e.lower);
      if (e.upper) this.checkAnnExpr(e.upper);
      if (e.step) this.checkAnnExpr(e.step);
    } else if (e.kind === "Tuple") {
      for (const elt of e.elts) this.checkAnnSubscr(elt);
    } else {
      this.checkAnnExpr(e);
    }
  }

  // ---- functions and classes ------------------------------------------------------

  private defaultArguments(l: A.Loc, args: A.Arguments): number {
    let flags = 0;
    if (args.defaults.length > 0) {
      for (const d of args.defaults) this.expr(d);
      this.addop(Op.BUILD_TUPLE, args.defaults.length, l);
      flags |= 0x01;
    }
    const keys: string[] = [];
    args.kwonlyargs.forEach((a, i) => {
      const d = args.kwDefaults[i];
      if (d) {
        keys.push(mangle(this.u.private, a.arg));
        this.expr(d);
      }
    });
    if (keys.length > 0) {
      this.addLoadConst({ kind: "tuple", items: keys }, l);
      this.addop(Op.BUILD_CONST_KEY_MAP, keys.length, l);
      flags |= 0x02;
    }
    return flags;
  }

  private annotations(l: A.Loc, args: A.Arguments, returns: A.Expr | null): boolean {
    let len = 0;
    const one = (name: string, ann: A.Expr | null): void => {
      if (ann === null) return;
      this.addLoadConst(mangle(this.u.private, name), l);
      this.expr(ann);
      len += 2;
    };
    for (const a of args.args) one(a.arg, a.annotation);
    for (const a of args.posonlyargs) one(a.arg, a.annotation);
    if (args.vararg) one(args.vararg.arg, args.vararg.annotation);
    for (const a of args.kwonlyargs) one(a.arg, a.annotation);
    if (args.kwarg) one(args.kwarg.arg, args.kwarg.annotation);
    one("return", returns);
    if (len > 0) {
      this.addop(Op.BUILD_TUPLE, len, l);
      return true;
    }
    return false;
  }

  /** LOAD_CLOSUREs for the new code's free variables, then MAKE_FUNCTION. */
  private makeClosure(l: A.Loc, co: CodeObject, flags: number): void {
    if (co.freevars.length > 0) {
      for (const name of co.freevars) {
        const reftype = this.getRefType(name);
        const arg = reftype === CELL ? this.u.cellvars.get(name) : this.u.freevars.get(name);
        if (arg === undefined) throw new Error(`codegen: no closure cell for ${name} in ${this.u.name}`);
        this.addop(Op.LOAD_CLOSURE, arg, l);
      }
      flags |= 0x08;
      this.addop(Op.BUILD_TUPLE, co.freevars.length, l);
    }
    this.addLoadConst(co, l);
    this.addop(Op.MAKE_FUNCTION, flags, l);
  }

  private functionDef(s: A.FunctionDefStmt): void {
    for (const d of s.decorators) this.expr(d);
    const firstlineno = s.decorators.length > 0 ? s.decorators[0]!.line : s.line;
    const l = loc(s);
    let funcflags = this.defaultArguments(l, s.args);
    if (this.annotations(l, s.args, s.returns)) funcflags |= 0x04;
    // compiler_function_body
    this.enterScope(s.name, "function", s, firstlineno);
    const doc = docString(s.body);
    this.u.addConst(doc ?? null);
    this.u.argcount = s.args.args.length;
    this.u.posonlyargcount = s.args.posonlyargs.length;
    this.u.kwonlyargcount = s.args.kwonlyargs.length;
    for (let i = doc !== null ? 1 : 0; i < s.body.length; i++) this.stmt(s.body[i]!);
    const co = this.finishUnit(true);
    this.makeClosure(l, co, funcflags);
    for (let i = s.decorators.length - 1; i >= 0; i--) this.addop(Op.CALL, 0, loc(s.decorators[i]!));
    this.nameop(l, s.name, "store");
  }

  private classDef(s: A.ClassDefStmt): void {
    for (const d of s.decorators) this.expr(d);
    const firstlineno = s.decorators.length > 0 ? s.decorators[0]!.line : s.line;
    // compiler_class_body
    this.enterScope(s.name, "class", s, firstlineno);
    let l: A.Loc = { line: firstlineno, endLine: firstlineno, col: 0, endCol: 0 };
    this.u.private = s.name;
    this.nameop(l, "__name__", "load");
    this.nameop(l, "__module__", "store");
    this.addLoadConst(this.u.qualname, l);
    this.nameop(l, "__qualname__", "store");
    this.body(l, s.body);
    if (this.u.ste.needsClassClosure) {
      const i = this.u.cellvars.get("__class__")!;
      this.addop(Op.LOAD_CLOSURE, i, NO_LOCATION);
      this.addop(Op.COPY, 1, NO_LOCATION);
      this.nameop(NO_LOCATION, "__classcell__", "store");
    } else {
      this.addLoadConst(null, NO_LOCATION);
    }
    this.addop(Op.RETURN_VALUE, 0, NO_LOCATION);
    const co = this.finishUnit(true);
    l = loc(s);
    this.addop(Op.PUSH_NULL, 0, l);
    this.addop(Op.LOAD_BUILD_CLASS, 0, l);
    this.makeClosure(l, co, 0);
    this.addLoadConst(s.name, l);
    this.callHelper(l, 2, s.bases, s.keywords);
    for (let i = s.decorators.length - 1; i >= 0; i--) this.addop(Op.CALL, 0, loc(s.decorators[i]!));
    this.nameop(l, s.name, "store");
  }

  private lambda(e: A.LambdaExpr): void {
    const l = loc(e);
    const funcflags = this.defaultArguments(l, e.args);
    this.enterScope("<lambda>", "lambda", e, e.line);
    this.u.addConst(null); // a lambda has no docstring
    this.u.argcount = e.args.args.length;
    this.u.posonlyargcount = e.args.posonlyargs.length;
    this.u.kwonlyargcount = e.args.kwonlyargs.length;
    this.expr(e.body);
    this.addop(Op.RETURN_VALUE, 0, { line: e.line, endLine: e.line, col: 0, endCol: 0 });
    const co = this.finishUnit(true);
    this.makeClosure(l, co, funcflags);
  }

  // ---- expressions ----------------------------------------------------------------

  private expr(e: A.Expr): void {
    const l = loc(e);
    switch (e.kind) {
      case "BoolOp":
        return this.boolOp(e);
      case "BinOp":
        this.expr(e.left);
        this.expr(e.right);
        this.addop(Op.BINARY_OP, NB[e.op]!, l);
        return;
      case "UnaryOp":
        this.expr(e.operand);
        if (e.op === "+") this.addop(Op.CALL_INTRINSIC_1, INTRINSIC_UNARY_POSITIVE, l);
        else this.addop(e.op === "-" ? Op.UNARY_NEGATIVE : e.op === "~" ? Op.UNARY_INVERT : Op.UNARY_NOT, 0, l);
        return;
      case "Lambda":
        return this.lambda(e);
      case "IfExp": {
        const end = this.newLabel();
        const next = this.newLabel();
        this.jumpIf(l, e.test, next, false);
        this.expr(e.body);
        this.addJump(Op.JUMP, end, NO_LOCATION);
        this.useLabel(next);
        this.expr(e.orelse);
        this.useLabel(end);
        return;
      }
      case "Dict":
        return this.dict(e);
      case "Set":
        return this.starunpackHelper(l, e.elts, 0, Op.BUILD_SET, Op.SET_ADD, Op.SET_UPDATE, false);
      case "ListComp":
        return this.comprehension(e, "list", e.generators, e.elt, null);
      case "SetComp":
        return this.comprehension(e, "set", e.generators, e.elt, null);
      case "DictComp":
        return this.comprehension(e, "dict", e.generators, e.key, e.value);
      case "Compare":
        return this.compare(e);
      case "Call":
        return this.call(e);
      case "Constant":
        this.addLoadConst(e.value, l);
        return;
      case "JoinedStr":
        return this.joinedStr(e);
      case "FormattedValue":
        return this.formattedValue(e);
      case "Attribute": {
        if (e.ctx === "load" && this.canOptimizeSuperCall(e)) {
          const call = e.value as A.CallExpr;
          this.loadArgsForSuper(call);
          this.addopName(call.args.length ? Op.LOAD_SUPER_ATTR : Op.LOAD_ZERO_SUPER_ATTR, e.attr, l);
          this.addop(Op.NOP, 0, this.attrLoc(l, e));
          return;
        }
        this.expr(e.value);
        const al = this.attrLoc(l, e);
        if (e.ctx === "load") this.addopName(Op.LOAD_ATTR, e.attr, al);
        else if (e.ctx === "store") {
          if (e.attr === "__debug__") this.error("cannot assign to __debug__", al);
          this.addopName(Op.STORE_ATTR, e.attr, al);
        } else this.addopName(Op.DELETE_ATTR, e.attr, al);
        return;
      }
      case "Subscript":
        return this.subscript(e);
      case "Starred":
        if (e.ctx === "store") this.error("starred assignment target must be in a list or tuple", l);
        this.error("can't use starred expression here", l);
        return;
      case "Slice":
        this.addop(Op.BUILD_SLICE, this.sliceParts(e), l);
        return;
      case "Name":
        return this.nameop(l, e.id, e.ctx);
      case "List":
        if (e.ctx === "store") return this.assignmentHelper(l, e.elts);
        if (e.ctx === "load") return this.starunpackHelper(l, e.elts, 0, Op.BUILD_LIST, Op.LIST_APPEND, Op.LIST_EXTEND, false);
        for (const elt of e.elts) this.expr(elt);
        return;
      case "Tuple":
        if (e.ctx === "store") return this.assignmentHelper(l, e.elts);
        if (e.ctx === "load") return this.starunpackHelper(l, e.elts, 0, Op.BUILD_LIST, Op.LIST_APPEND, Op.LIST_EXTEND, true);
        for (const elt of e.elts) this.expr(elt);
        return;
    }
  }

  /** If an attribute spans lines, locate it at the attribute name (3.12). */
  private attrLoc(l: A.Loc, attr: A.AttributeExpr): A.Loc {
    if (l.line === attr.endLine) return l;
    const len = Buffer.byteLength(attr.attr, "utf8");
    const out: A.Loc = { ...l, line: attr.endLine };
    if (len <= attr.endCol) out.col = attr.endCol - len;
    else {
      out.col = -1;
      out.endCol = -1;
    }
    out.endLine = Math.max(out.line, out.endLine);
    if (out.line === out.endLine) out.endCol = Math.max(out.col, out.endCol);
    return out;
  }

  private boolOp(e: A.BoolOpExpr): void {
    const l = loc(e);
    const jumpi = e.op === "and" ? Op.POP_JUMP_IF_FALSE : Op.POP_JUMP_IF_TRUE;
    const end = this.newLabel();
    const n = e.values.length - 1;
    for (let i = 0; i < n; i++) {
      this.expr(e.values[i]!);
      this.addop(Op.COPY, 1, l);
      this.addJump(jumpi, end, l);
      this.addop(Op.POP_TOP, 0, l);
    }
    this.expr(e.values[n]!);
    this.useLabel(end);
  }

  private addCompare(l: A.Loc, op: A.CmpOperator): void {
    switch (op) {
      case "is":
        this.addop(Op.IS_OP, 0, l);
        return;
      case "is not":
        this.addop(Op.IS_OP, 1, l);
        return;
      case "in":
        this.addop(Op.CONTAINS_OP, 0, l);
        return;
      case "not in":
        this.addop(Op.CONTAINS_OP, 1, l);
        return;
      default: {
        const cmp = CMP_INDEX[op]!;
        this.addop(Op.COMPARE_OP, (cmp << 4) | COMPARE_MASKS[cmp]!, l);
      }
    }
  }

  private compare(e: A.CompareExpr): void {
    const l = loc(e);
    this.expr(e.left);
    const n = e.ops.length - 1;
    if (n === 0) {
      this.expr(e.comparators[0]!);
      this.addCompare(l, e.ops[0]!);
      return;
    }
    const cleanup = this.newLabel();
    for (let i = 0; i < n; i++) {
      this.expr(e.comparators[i]!);
      this.addop(Op.SWAP, 2, l);
      this.addop(Op.COPY, 2, l);
      this.addCompare(l, e.ops[i]!);
      this.addop(Op.COPY, 1, l);
      this.addJump(Op.POP_JUMP_IF_FALSE, cleanup, l);
      this.addop(Op.POP_TOP, 0, l);
    }
    this.expr(e.comparators[n]!);
    this.addCompare(l, e.ops[n]!);
    const end = this.newLabel();
    this.addJump(Op.JUMP, end, NO_LOCATION);
    this.useLabel(cleanup);
    this.addop(Op.SWAP, 2, l);
    this.addop(Op.POP_TOP, 0, l);
    this.useLabel(end);
  }

  /** `compiler_jump_if`: branch on a condition without materializing a bool where possible. */
  private jumpIf(l: A.Loc, e: A.Expr, next: number, cond: boolean): void {
    switch (e.kind) {
      case "UnaryOp":
        if (e.op === "not") return this.jumpIf(l, e.operand, next, !cond);
        break;
      case "BoolOp": {
        const n = e.values.length - 1;
        const cond2 = e.op === "or";
        let next2 = next;
        if (cond2 !== cond) next2 = this.newLabel();
        for (let i = 0; i < n; i++) this.jumpIf(l, e.values[i]!, next2, cond2);
        this.jumpIf(l, e.values[n]!, next, cond);
        if (next2 !== next) this.useLabel(next2);
        return;
      }
      case "IfExp": {
        const end = this.newLabel();
        const next2 = this.newLabel();
        this.jumpIf(l, e.test, next2, false);
        this.jumpIf(l, e.body, next, cond);
        this.addJump(Op.JUMP, end, NO_LOCATION);
        this.useLabel(next2);
        this.jumpIf(l, e.orelse, next, cond);
        this.useLabel(end);
        return;
      }
      case "Compare": {
        const n = e.ops.length - 1;
        if (n > 0) {
          const el = loc(e);
          const cleanup = this.newLabel();
          this.expr(e.left);
          for (let i = 0; i < n; i++) {
            this.expr(e.comparators[i]!);
            this.addop(Op.SWAP, 2, el);
            this.addop(Op.COPY, 2, el);
            this.addCompare(el, e.ops[i]!);
            this.addJump(Op.POP_JUMP_IF_FALSE, cleanup, el);
          }
          this.expr(e.comparators[n]!);
          this.addCompare(el, e.ops[n]!);
          this.addJump(cond ? Op.POP_JUMP_IF_TRUE : Op.POP_JUMP_IF_FALSE, next, el);
          const end = this.newLabel();
          this.addJump(Op.JUMP, end, NO_LOCATION);
          this.useLabel(cleanup);
          this.addop(Op.POP_TOP, 0, el);
          if (!cond) this.addJump(Op.JUMP, next, NO_LOCATION);
          this.useLabel(end);
          return;
        }
        break;
      }
      default:
        break;
    }
    this.expr(e);
    this.addJump(cond ? Op.POP_JUMP_IF_TRUE : Op.POP_JUMP_IF_FALSE, next, loc(e));
  }

  private starunpackHelper(
    l: A.Loc,
    elts: A.Expr[],
    pushed: number,
    build: number,
    add: number,
    extend: number,
    tuple: boolean,
  ): void {
    const n = elts.length;
    if (n > 2 && elts.every(isConstant)) {
      const values = elts.map((x) => (x as A.ConstantExpr).value);
      if (tuple && pushed === 0) {
        this.addLoadConst({ kind: "tuple", items: values }, l);
      } else {
        let folded: PyConst = { kind: "tuple", items: values };
        if (add === Op.SET_ADD) folded = { kind: "frozenset", items: frozensetItems(values) };
        this.addop(build, pushed, l);
        this.addLoadConst(folded, l);
        this.addop(extend, 1, l);
        if (tuple) this.addop(Op.CALL_INTRINSIC_1, INTRINSIC_LIST_TO_TUPLE, l);
      }
      return;
    }
    const big = n + pushed > STACK_USE_GUIDELINE;
    const seenStar = elts.some((x) => x.kind === "Starred");
    if (!seenStar && !big) {
      for (const elt of elts) this.expr(elt);
      this.addop(tuple ? Op.BUILD_TUPLE : build, n + pushed, l);
      return;
    }
    let sequenceBuilt = false;
    if (big) {
      this.addop(build, pushed, l);
      sequenceBuilt = true;
    }
    elts.forEach((elt, i) => {
      if (elt.kind === "Starred") {
        if (!sequenceBuilt) {
          this.addop(build, i + pushed, l);
          sequenceBuilt = true;
        }
        this.expr(elt.value);
        this.addop(extend, 1, l);
      } else {
        this.expr(elt);
        if (sequenceBuilt) this.addop(add, 1, l);
      }
    });
    if (tuple) this.addop(Op.CALL_INTRINSIC_1, INTRINSIC_LIST_TO_TUPLE, l);
  }

  private assignmentHelper(l: A.Loc, elts: A.Expr[]): void {
    const n = elts.length;
    let seenStar = false;
    elts.forEach((elt, i) => {
      if (elt.kind === "Starred" && !seenStar) {
        if (i >= 1 << 8 || n - i - 1 >= 0x7fffffff >> 8) {
          this.error("too many expressions in star-unpacking assignment", l);
        }
        this.addop(Op.UNPACK_EX, i + ((n - i - 1) << 8), l);
        seenStar = true;
      } else if (elt.kind === "Starred") {
        this.error("multiple starred expressions in assignment", l);
      }
    });
    if (!seenStar) this.addop(Op.UNPACK_SEQUENCE, n, l);
    for (const elt of elts) this.expr(elt.kind === "Starred" ? elt.value : elt);
  }

  private dict(e: A.DictExpr): void {
    const l = loc(e);
    const n = e.values.length;
    let haveDict = false;
    let elements = 0;
    for (let i = 0; i < n; i++) {
      const isUnpacking = e.keys[i] === null;
      if (isUnpacking) {
        if (elements) {
          this.subdict(e, i - elements, i);
          if (haveDict) this.addop(Op.DICT_UPDATE, 1, l);
          haveDict = true;
          elements = 0;
        }
        if (!haveDict) {
          this.addop(Op.BUILD_MAP, 0, l);
          haveDict = true;
        }
        this.expr(e.values[i]!);
        this.addop(Op.DICT_UPDATE, 1, l);
      } else if (elements * 2 > STACK_USE_GUIDELINE) {
        this.subdict(e, i - elements, i + 1);
        if (haveDict) this.addop(Op.DICT_UPDATE, 1, l);
        haveDict = true;
        elements = 0;
      } else {
        elements++;
      }
    }
    if (elements) {
      this.subdict(e, n - elements, n);
      if (haveDict) this.addop(Op.DICT_UPDATE, 1, l);
      haveDict = true;
    }
    if (!haveDict) this.addop(Op.BUILD_MAP, 0, l);
  }

  private subdict(e: A.DictExpr, begin: number, end: number): void {
    const n = end - begin;
    const big = n * 2 > STACK_USE_GUIDELINE;
    const l = loc(e);
    const keys = e.keys.slice(begin, end);
    if (n > 1 && !big && keys.every((k) => k !== null && isConstant(k))) {
      for (let i = begin; i < end; i++) this.expr(e.values[i]!);
      this.addLoadConst({ kind: "tuple", items: keys.map((k) => (k as A.ConstantExpr).value) }, l);
      this.addop(Op.BUILD_CONST_KEY_MAP, n, l);
      return;
    }
    if (big) this.addop(Op.BUILD_MAP, 0, l);
    for (let i = begin; i < end; i++) {
      this.expr(e.keys[i]!);
      this.expr(e.values[i]!);
      if (big) this.addop(Op.MAP_ADD, 1, l);
    }
    if (!big) this.addop(Op.BUILD_MAP, n, l);
  }

  private subscript(e: A.SubscriptExpr): void {
    const l = loc(e);
    this.expr(e.value);
    if (e.slice.kind === "Slice" && e.slice.step === null && e.ctx !== "del") {
      this.sliceParts(e.slice);
      this.addop(e.ctx === "load" ? Op.BINARY_SLICE : Op.STORE_SLICE, 0, l);
      return;
    }
    this.expr(e.slice);
    this.addop(e.ctx === "load" ? Op.BINARY_SUBSCR : e.ctx === "store" ? Op.STORE_SUBSCR : Op.DELETE_SUBSCR, 0, l);
  }

  /** Push a slice's bounds (None for missing ones); returns how many were pushed. */
  private sliceParts(s: A.SliceExpr): number {
    const l = loc(s);
    if (s.lower) this.expr(s.lower);
    else this.addLoadConst(null, l);
    if (s.upper) this.expr(s.upper);
    else this.addLoadConst(null, l);
    if (s.step) {
      this.expr(s.step);
      return 3;
    }
    return 2;
  }

  private joinedStr(e: A.JoinedStrExpr): void {
    const l = loc(e);
    if (e.values.length > STACK_USE_GUIDELINE) {
      this.addLoadConst("", l);
      this.addopName(Op.LOAD_METHOD, "join", l);
      this.addop(Op.BUILD_LIST, 0, l);
      for (const v of e.values) {
        this.expr(v);
        this.addop(Op.LIST_APPEND, 1, l);
      }
      this.addop(Op.CALL, 1, l);
      return;
    }
    for (const v of e.values) this.expr(v);
    if (e.values.length !== 1) this.addop(Op.BUILD_STRING, e.values.length, l);
  }

  private formattedValue(e: A.FormattedValueExpr): void {
    this.expr(e.value);
    let oparg = FVC_NONE;
    switch (e.conversion) {
      case 115: // 's'
        oparg = FVC_STR;
        break;
      case 114: // 'r'
        oparg = FVC_REPR;
        break;
      case 97: // 'a'
        oparg = FVC_ASCII;
        break;
    }
    if (e.formatSpec) {
      this.expr(e.formatSpec);
      oparg |= FVS_HAVE_SPEC;
    }
    this.addop(Op.FORMAT_VALUE, oparg, loc(e));
  }

  // ---- calls ----------------------------------------------------------------------

  private validateKeywords(keywords: A.Keyword[]): void {
    keywords.forEach((k, i) => {
      if (k.arg === null) return;
      if (k.arg === "__debug__") this.error("cannot assign to __debug__", loc(k));
      for (const other of keywords.slice(i + 1)) {
        if (other.arg === k.arg) this.error(`keyword argument repeated: ${k.arg}`, loc(other));
      }
    });
  }

  private isImportOriginated(e: A.Expr): boolean {
    if (e.kind !== "Name") return false;
    return (this.st.top.getSymbol(e.id) & DEF_IMPORT) !== 0;
  }

  private canOptimizeSuperCall(attr: A.AttributeExpr): boolean {
    const e = attr.value;
    if (e.kind !== "Call" || e.func.kind !== "Name" || e.func.id !== "super" || attr.attr === "__class__") return false;
    if (e.keywords.length !== 0) return false;
    const n = e.args.length;
    if (this.u.ste.getScope("super") !== GLOBAL_IMPLICIT) return false;
    if (this.st.top.getScope("super") !== 0) return false;
    if (n === 2) return !e.args.some((a) => a.kind === "Starred");
    if (n !== 0) return false;
    if (this.u.argcount === 0 && this.u.posonlyargcount === 0) return false;
    return this.u.ste.getScope("__class__") === FREE;
  }

  private loadArgsForSuper(e: A.CallExpr): void {
    this.nameop(loc(e.func), (e.func as A.NameExpr).id, "load");
    if (e.args.length === 2) {
      this.expr(e.args[0]!);
      this.expr(e.args[1]!);
      return;
    }
    const l = loc(e);
    this.nameop(l, "__class__", "load");
    const first = this.u.varnames.keys().next();
    if (first.done) throw new Error("codegen: super() without arguments");
    this.nameop(l, first.value, "load");
  }

  private maybeOptimizeMethodCall(e: A.CallExpr): boolean {
    const meth = e.func;
    if (meth.kind !== "Attribute" || meth.ctx !== "load") return false;
    if (this.isImportOriginated(meth.value)) return false;
    const argsl = e.args.length;
    const kwdsl = e.keywords.length;
    if (argsl + kwdsl + (kwdsl !== 0 ? 1 : 0) >= STACK_USE_GUIDELINE) return false;
    if (e.args.some((a) => a.kind === "Starred")) return false;
    if (e.keywords.some((k) => k.arg === null)) return false;
    let l = loc(meth);
    if (this.canOptimizeSuperCall(meth)) {
      const call = meth.value as A.CallExpr;
      this.loadArgsForSuper(call);
      this.addopName(call.args.length ? Op.LOAD_SUPER_METHOD : Op.LOAD_ZERO_SUPER_METHOD, meth.attr, l);
      l = this.attrLoc(l, meth);
      this.addop(Op.NOP, 0, l);
    } else {
      this.expr(meth.value);
      l = this.attrLoc(l, meth);
      this.addopName(Op.LOAD_METHOD, meth.attr, l);
    }
    for (const a of e.args) this.expr(a);
    if (kwdsl) {
      for (const k of e.keywords) this.expr(k.value);
      this.kwNames(l, e.keywords);
    }
    l = this.attrLoc(loc(e), meth);
    this.addop(Op.CALL, argsl + kwdsl, l);
    return true;
  }

  private kwNames(l: A.Loc, keywords: A.Keyword[]): void {
    const idx = this.u.addConst({ kind: "tuple", items: keywords.map((k) => k.arg!) });
    this.addop(Op.KW_NAMES, idx, l);
  }

  private call(e: A.CallExpr): void {
    this.validateKeywords(e.keywords);
    if (this.maybeOptimizeMethodCall(e)) return;
    this.addop(Op.PUSH_NULL, 0, loc(e.func));
    this.expr(e.func);
    this.callHelper(loc(e), 0, e.args, e.keywords);
  }

  /** `compiler_call_helper`: CALL (+KW_NAMES), or CALL_FUNCTION_EX for * / ** arguments. */
  private callHelper(l: A.Loc, n: number, args: A.Expr[], keywords: A.Keyword[]): void {
    this.validateKeywords(keywords);
    const nelts = args.length;
    const nkwelts = keywords.length;
    const needEx =
      nelts + nkwelts * 2 > STACK_USE_GUIDELINE ||
      args.some((a) => a.kind === "Starred") ||
      keywords.some((k) => k.arg === null);
    if (!needEx) {
      for (const a of args) this.expr(a);
      if (nkwelts) {
        for (const k of keywords) this.expr(k.value);
        this.kwNames(l, keywords);
      }
      this.addop(Op.CALL, n + nelts + nkwelts, l);
      return;
    }
    if (n === 0 && nelts === 1 && args[0]!.kind === "Starred") {
      this.expr((args[0] as A.StarredExpr).value);
    } else {
      this.starunpackHelper(l, args, n, Op.BUILD_LIST, Op.LIST_APPEND, Op.LIST_EXTEND, true);
    }
    if (nkwelts) {
      let haveDict = false;
      let nseen = 0;
      keywords.forEach((kw, i) => {
        if (kw.arg === null) {
          if (nseen) {
            this.subkwargs(l, keywords, i - nseen, i);
            if (haveDict) this.addop(Op.DICT_MERGE, 1, l);
            haveDict = true;
            nseen = 0;
          }
          if (!haveDict) {
            this.addop(Op.BUILD_MAP, 0, l);
            haveDict = true;
          }
          this.expr(kw.value);
          this.addop(Op.DICT_MERGE, 1, l);
        } else {
          nseen++;
        }
      });
      if (nseen) {
        this.subkwargs(l, keywords, nkwelts - nseen, nkwelts);
        if (haveDict) this.addop(Op.DICT_MERGE, 1, l);
      }
    }
    this.addop(Op.CALL_FUNCTION_EX, nkwelts > 0 ? 1 : 0, l);
  }

  private subkwargs(l: A.Loc, keywords: A.Keyword[], begin: number, end: number): void {
    const n = end - begin;
    const big = n * 2 > STACK_USE_GUIDELINE;
    if (n > 1 && !big) {
      for (let i = begin; i < end; i++) this.expr(keywords[i]!.value);
      this.addLoadConst({ kind: "tuple", items: keywords.slice(begin, end).map((k) => k.arg!) }, l);
      this.addop(Op.BUILD_CONST_KEY_MAP, n, l);
      return;
    }
    if (big) this.addop(Op.BUILD_MAP, 0, NO_LOCATION);
    for (let i = begin; i < end; i++) {
      this.addLoadConst(keywords[i]!.arg!, l);
      this.expr(keywords[i]!.value);
      if (big) this.addop(Op.MAP_ADD, 1, NO_LOCATION);
    }
    if (!big) this.addop(Op.BUILD_MAP, n, l);
  }

  // ---- comprehensions (inlined, PEP 709) ------------------------------------------

  private comprehension(
    e: A.Expr,
    type: "list" | "set" | "dict",
    generators: A.Comprehension[],
    elt: A.Expr,
    val: A.Expr | null,
  ): void {
    const entry = this.st.lookup(e);
    const l = loc(e);
    const outermost = generators[0]!;
    this.expr(outermost.iter);
    this.addop(Op.GET_ITER, 0, l);
    const state = this.pushInlinedComprehensionState(l, entry);
    this.addop(type === "list" ? Op.BUILD_LIST : type === "set" ? Op.BUILD_SET : Op.BUILD_MAP, 0, l);
    this.addop(Op.SWAP, 2, l);
    this.comprehensionGenerator(l, generators, 0, 0, elt, val, type, true);
    this.popInlinedComprehensionState(l, state);
  }

  private comprehensionGenerator(
    l: A.Loc,
    generators: A.Comprehension[],
    genIndex: number,
    depth: number,
    elt: A.Expr,
    val: A.Expr | null,
    type: "list" | "set" | "dict",
    iterOnStack: boolean,
  ): void {
    let start = this.newLabel();
    const ifCleanup = this.newLabel();
    const anchor = this.newLabel();
    const gen = generators[genIndex]!;
    if (!iterOnStack) {
      // genIndex > 0: the sub-iterator is computed on the fly. `for y in [f(x)]` binds
      // without a loop.
      const elts = gen.iter.kind === "List" || gen.iter.kind === "Tuple" ? gen.iter.elts : null;
      if (elts !== null && elts.length === 1 && elts[0]!.kind !== "Starred") {
        this.expr(elts[0]!);
        start = NO_LABEL;
      }
      if (start !== NO_LABEL) {
        this.expr(gen.iter);
        this.addop(Op.GET_ITER, 0, l);
      }
    }
    if (start !== NO_LABEL) {
      depth++;
      this.useLabel(start);
      this.addJump(Op.FOR_ITER, anchor, l);
    }
    this.expr(gen.target);
    for (const cond of gen.ifs) this.jumpIf(l, cond, ifCleanup, false);
    genIndex++;
    if (genIndex < generators.length) {
      this.comprehensionGenerator(l, generators, genIndex, depth, elt, val, type, false);
    }
    let eltLoc = loc(elt);
    if (genIndex >= generators.length) {
      if (type === "list") {
        this.expr(elt);
        this.addop(Op.LIST_APPEND, depth + 1, eltLoc);
      } else if (type === "set") {
        this.expr(elt);
        this.addop(Op.SET_ADD, depth + 1, eltLoc);
      } else {
        this.expr(elt);
        this.expr(val!);
        eltLoc = { line: elt.line, endLine: val!.endLine, col: elt.col, endCol: val!.endCol };
        this.addop(Op.MAP_ADD, depth + 1, eltLoc);
      }
    }
    this.useLabel(ifCleanup);
    if (start !== NO_LABEL) {
      this.addJump(Op.JUMP, start, eltLoc);
      this.useLabel(anchor);
      this.addop(Op.END_FOR, 0, NO_LOCATION);
    }
  }

  private pushInlinedComprehensionState(l: A.Loc, entry: SymbolTableEntry): InlinedState {
    const u = this.u;
    const inClassBlock = u.ste.type === "class" && u.inInlinedComp === 0;
    u.inInlinedComp++;
    const state: InlinedState = { pushedLocals: null, tempSymbols: null, fastHidden: null, cleanup: NO_LABEL, end: NO_LABEL };
    for (const [k, symbol] of entry.symbols) {
      if (!((symbol & DEF_LOCAL && !(symbol & DEF_NONLOCAL)) || inClassBlock)) continue;
      if (!u.ste.isFunctionLike()) {
        // A module or class: this name uses fast locals while the comprehension runs.
        if (u.fasthidden.get(k) !== true) {
          u.fasthidden.set(k, true);
          (state.fastHidden ??= new Set()).add(k);
        }
      }
      const scope = (symbol >> SCOPE_OFFSET) & SCOPE_MASK;
      const outv = u.ste.symbols.get(k) ?? 0;
      const outsc = (outv >> SCOPE_OFFSET) & SCOPE_MASK;
      if (scope !== outsc && !(scope === CELL && outsc === FREE)) {
        state.tempSymbols ??= new Map();
        u.ste.symbols.set(k, symbol);
        state.tempSymbols.set(k, outv);
      }
      state.pushedLocals ??= [];
      this.addopName(Op.LOAD_FAST_AND_CLEAR, k, l, u.varnames);
      if (scope === CELL) {
        if (outsc === FREE) this.addopName(Op.MAKE_CELL, k, l, u.freevars);
        else this.addopName(Op.MAKE_CELL, k, l, u.cellvars);
      }
      state.pushedLocals.push(k);
    }
    if (state.pushedLocals !== null) {
      this.addop(Op.SWAP, state.pushedLocals.length + 1, l);
      state.cleanup = this.newLabel();
      state.end = this.newLabel();
      this.addJump(Op.SETUP_FINALLY, state.cleanup, l);
    }
    return state;
  }

  private restoreInlinedComprehensionLocals(l: A.Loc, state: InlinedState): void {
    const pushed = state.pushedLocals!;
    this.addop(Op.SWAP, pushed.length + 1, l);
    for (let i = pushed.length - 1; i >= 0; i--) {
      this.addopName(Op.STORE_FAST_MAYBE_NULL, pushed[i]!, l, this.u.varnames);
    }
  }

  private popInlinedComprehensionState(l: A.Loc, state: InlinedState): void {
    const u = this.u;
    u.inInlinedComp--;
    if (state.tempSymbols) for (const [k, v] of state.tempSymbols) u.ste.symbols.set(k, v);
    if (state.pushedLocals) {
      this.addop(Op.POP_BLOCK, 0, NO_LOCATION);
      this.addJump(Op.JUMP, state.end, NO_LOCATION);
      this.useLabel(state.cleanup);
      this.addop(Op.SWAP, 2, NO_LOCATION);
      this.addop(Op.POP_TOP, 0, NO_LOCATION);
      this.restoreInlinedComprehensionLocals(l, state);
      this.addop(Op.RERAISE, 0, NO_LOCATION);
      this.useLabel(state.end);
      this.restoreInlinedComprehensionLocals(l, state);
    }
    if (state.fastHidden) for (const k of state.fastHidden) u.fasthidden.set(k, false);
  }
}
