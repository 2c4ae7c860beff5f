/**
 * The symbol table, as CPython 3.12's `Python/symtable.c`.
 *
 * Pass 1 (`build`) walks the AST and records, per block (module, class, function;
 * lambdas and comprehensions are function blocks), raw facts about each name: bound
 * here (DEF_LOCAL), a parameter, imported, declared global/nonlocal, or just used.
 *
 * Pass 2 (`analyze`) decides each name's scope: LOCAL, CELL (local and captured by a
 * nested block), FREE (captured from an enclosing function), GLOBAL_EXPLICIT (`global`)
 * or GLOBAL_IMPLICIT (not bound in any enclosing function). Class blocks do not make
 * names visible to nested functions. List/set/dict comprehensions are inlined into
 * their enclosing block (PEP 709): their symbols are merged into the parent
 * (`inlineComprehension`).
 *
 * Symbol values pack flags and scope as CPython does: `flags | scope << SCOPE_OFFSET`.
 */

import type * as A from "./ast.js";

// Flags (Include/internal/pycore_symtable.h, 3.12).
export const DEF_GLOBAL = 1;
export const DEF_LOCAL = 2;
export const DEF_PARAM = 2 << 1;
export const DEF_NONLOCAL = 2 << 2;
export const USE = 2 << 3;
export const DEF_FREE = 2 << 4;
export const DEF_FREE_CLASS = 2 << 5;
export const DEF_IMPORT = 2 << 6;
export const DEF_ANNOT = 2 << 7;
export const DEF_COMP_ITER = 2 << 8;
export const DEF_TYPE_PARAM = 2 << 9;
export const DEF_COMP_CELL = 2 << 10;
export const DEF_BOUND = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

export const SCOPE_OFFSET = 12;
export const SCOPE_MASK = DEF_GLOBAL | DEF_LOCAL | DEF_PARAM | DEF_NONLOCAL;

export const LOCAL = 1;
export const GLOBAL_EXPLICIT = 2;
export const GLOBAL_IMPLICIT = 3;
export const FREE = 4;
export const CELL = 5;

export type BlockType = "module" | "class" | "function";
export type ComprehensionType = "list" | "set" | "dict" | null;

export type ErrorSink = (msg: string, loc: A.Loc) => never;

/** One block's symbols (CPython's PySTEntryObject). */
export class SymbolTableEntry {
  readonly symbols = new Map<string, number>();
  /** Parameters, in order (ste_varnames). */
  readonly varnames: string[] = [];
  children: SymbolTableEntry[] = [];
  readonly directives = new Map<string, A.Loc>();
  nested = false;
  varargs = false;
  varkeywords = false;
  comprehension: ComprehensionType = null;
  compInlined = false;
  compIterTarget = false;
  needsClassClosure = false;
  returnsValue = false;

  constructor(
    readonly name: string,
    readonly type: BlockType,
    readonly lineno: number,
  ) {}

  isFunctionLike(): boolean {
    return this.type === "function";
  }

  getSymbol(name: string): number {
    return this.symbols.get(name) ?? 0;
  }

  getScope(name: string): number {
    return (this.getSymbol(name) >> SCOPE_OFFSET) & SCOPE_MASK;
  }
}

export class SymbolTable {
  readonly blocks = new Map<object, SymbolTableEntry>();
  top!: SymbolTableEntry;
  private stack: SymbolTableEntry[] = [];
  private cur!: SymbolTableEntry;
  private priv: string | null = null;
  /** Module-level symbols (st_global). */
  private global!: Map<string, number>;

  constructor(private readonly error: ErrorSink) {}

  lookup(key: object): SymbolTableEntry {
    const e = this.blocks.get(key);
    if (e === undefined) throw new Error("symtable: unknown block");
    return e;
  }

  // ---- pass 1 ----

  build(mod: A.Module): void {
    this.enterBlock("top", "module", mod, 0);
    this.top = this.cur;
    this.global = this.cur.symbols;
    for (const s of mod.body) this.visitStmt(s);
    this.exitBlock();
    this.analyze();
  }

  private enterBlock(name: string, type: BlockType, key: object, lineno: number): void {
    const ste = new SymbolTableEntry(name, type, lineno);
    const prev = this.stack[this.stack.length - 1];
    if (prev !== undefined && (prev.nested || prev.type === "function")) ste.nested = true;
    this.blocks.set(key, ste);
    this.stack.push(ste);
    if (prev !== undefined) prev.children.push(ste);
    this.cur = ste;
  }

  private exitBlock(): void {
    this.stack.pop();
    const top = this.stack[this.stack.length - 1];
    if (top !== undefined) this.cur = top;
  }

  private addDef(name: string, flag: number, loc: A.Loc, ste: SymbolTableEntry = this.cur): void {
    const mangled = mangle(this.priv, name);
    let val = ste.symbols.get(mangled);
    if (val !== undefined) {
      if (flag & DEF_PARAM && val & DEF_PARAM) {
        this.error(`duplicate argument '${name}' in function definition`, loc);
      }
      val |= flag;
    } else {
      val = flag;
    }
    if (ste.compIterTarget) {
      if (val & (DEF_GLOBAL | DEF_NONLOCAL)) {
        this.error(`comprehension inner loop cannot rebind assignment expression target '${name}'`, loc);
      }
      val |= DEF_COMP_ITER;
    }
    ste.symbols.set(mangled, val);
    if (flag & DEF_PARAM) {
      ste.varnames.push(mangled);
    } else if (flag & DEF_GLOBAL) {
      this.global.set(mangled, flag | (this.global.get(mangled) ?? 0));
    }
  }

  private lookupCur(name: string): number {
    return this.cur.getSymbol(mangle(this.priv, name));
  }

  private visitStmt(s: A.Stmt): void {
    switch (s.kind) {
      case "FunctionDef":
        this.addDef(s.name, DEF_LOCAL, s);
        for (const d of s.args.defaults) this.visitExpr(d);
        for (const d of s.args.kwDefaults) if (d) this.visitExpr(d);
        for (const d of s.decorators) this.visitExpr(d);
        this.visitAnnotations(s.args, s.returns);
        this.enterBlock(s.name, "function", s, s.line);
        this.visitArguments(s.args);
        for (const b of s.body) this.visitStmt(b);
        this.exitBlock();
        return;
      case "ClassDef": {
        this.addDef(s.name, DEF_LOCAL, s);
        for (const b of s.bases) this.visitExpr(b);
        for (const k of s.keywords) this.visitExpr(k.value);
        for (const d of s.decorators) this.visitExpr(d);
        this.enterBlock(s.name, "class", s, s.line);
        const saved = this.priv;
        this.priv = s.name;
        for (const b of s.body) this.visitStmt(b);
        this.priv = saved;
        this.exitBlock();
        return;
      }
      case "Return":
        if (s.value) {
          this.visitExpr(s.value);
          this.cur.returnsValue = true;
        }
        return;
      case "Delete":
        for (const t of s.targets) this.visitExpr(t);
        return;
      case "Assign":
        for (const t of s.targets) this.visitExpr(t);
        this.visitExpr(s.value);
        return;
      case "AnnAssign":
        if (s.target.kind === "Name") {
          const cur = this.lookupCur(s.target.id);
          if (cur & (DEF_GLOBAL | DEF_NONLOCAL) && this.cur.symbols !== this.global && s.simple) {
            const kind = cur & DEF_GLOBAL ? "global" : "nonlocal";
            this.error(`annotated name '${s.target.id}' can't be ${kind}`, s);
          }
          if (s.simple) this.addDef(s.target.id, DEF_ANNOT | DEF_LOCAL, s.target);
          else if (s.value) this.addDef(s.target.id, DEF_LOCAL, s.target);
        } else {
          this.visitExpr(s.target);
        }
        this.visitExpr(s.annotation);
        if (s.value) this.visitExpr(s.value);
        return;
      case "AugAssign":
        this.visitExpr(s.target);
        this.visitExpr(s.value);
        return;
      case "For":
        this.visitExpr(s.target);
        this.visitExpr(s.iter);
        for (const b of s.body) this.visitStmt(b);
        for (const b of s.orelse) this.visitStmt(b);
        return;
      case "While":
      case "If":
        this.visitExpr(s.test);
        for (const b of s.body) this.visitStmt(b);
        for (const b of s.orelse) this.visitStmt(b);
        return;
      case "Raise":
        if (s.exc) this.visitExpr(s.exc);
        if (s.cause) this.visitExpr(s.cause);
        return;
      case "Try":
        for (const b of s.body) this.visitStmt(b);
        for (const b of s.orelse) this.visitStmt(b);
        for (const h of s.handlers) {
          if (h.type) this.visitExpr(h.type);
          if (h.name) this.addDef(h.name, DEF_LOCAL, h);
          for (const b of h.body) this.visitStmt(b);
        }
        for (const b of s.finalbody) this.visitStmt(b);
        return;
      case "Assert":
        this.visitExpr(s.test);
        if (s.msg) this.visitExpr(s.msg);
        return;
      case "Import":
      case "ImportFrom":
        for (const a of s.names) {
          if (a.name === "*") {
            if (this.cur.type !== "module") this.error("import * only allowed at module level", s);
            continue;
          }
          const store = a.asname ?? a.name.split(".")[0]!;
          this.addDef(store, DEF_IMPORT, a);
        }
        return;
      case "Global":
      case "Nonlocal": {
        const isGlobal = s.kind === "Global";
        const kw = isGlobal ? "global" : "nonlocal";
        for (const name of s.names) {
          const cur = this.lookupCur(name);
          if (cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT)) {
            let msg: string;
            if (cur & DEF_PARAM) msg = `name '${name}' is parameter and ${kw}`;
            else if (cur & USE) msg = `name '${name}' is used prior to ${kw} declaration`;
            else if (cur & DEF_ANNOT) msg = `annotated name '${name}' can't be ${kw}`;
            else msg = `name '${name}' is assigned to before ${kw} declaration`;
            this.error(msg, s);
          }
          this.addDef(name, isGlobal ? DEF_GLOBAL : DEF_NONLOCAL, s);
          this.cur.directives.set(mangle(this.priv, name), s);
        }
        return;
      }
      case "Expr":
        this.visitExpr(s.value);
        return;
      case "With":
        for (const item of s.items) {
          this.visitExpr(item.contextExpr);
          if (item.optionalVars) this.visitExpr(item.optionalVars);
        }
        for (const b of s.body) this.visitStmt(b);
        return;
      case "Pass":
      case "Break":
      case "Continue":
        return;
    }
  }

  private visitAnnotations(args: A.Arguments, returns: A.Expr | null): void {
    for (const a of [...args.posonlyargs, ...args.args]) if (a.annotation) this.visitExpr(a.annotation);
    if (args.vararg?.annotation) this.visitExpr(args.vararg.annotation);
    if (args.kwarg?.annotation) this.visitExpr(args.kwarg.annotation);
    for (const a of args.kwonlyargs) if (a.annotation) this.visitExpr(a.annotation);
    if (returns) this.visitExpr(returns);
  }

  private visitArguments(a: A.Arguments): void {
    for (const p of a.posonlyargs) this.addDef(p.arg, DEF_PARAM, p);
    for (const p of a.args) this.addDef(p.arg, DEF_PARAM, p);
    for (const p of a.kwonlyargs) this.addDef(p.arg, DEF_PARAM, p);
    if (a.vararg) {
      this.addDef(a.vararg.arg, DEF_PARAM, a.vararg);
      this.cur.varargs = true;
    }
    if (a.kwarg) {
      this.addDef(a.kwarg.arg, DEF_PARAM, a.kwarg);
      this.cur.varkeywords = true;
    }
  }

  private visitExpr(e: A.Expr): void {
    switch (e.kind) {
      case "BoolOp":
        for (const v of e.values) this.visitExpr(v);
        return;
      case "BinOp":
        this.visitExpr(e.left);
        this.visitExpr(e.right);
        return;
      case "UnaryOp":
        this.visitExpr(e.operand);
        return;
      case "Lambda":
        for (const d of e.args.defaults) this.visitExpr(d);
        for (const d of e.args.kwDefaults) if (d) this.visitExpr(d);
        this.enterBlock("lambda", "function", e, e.line);
        this.visitArguments(e.args);
        this.visitExpr(e.body);
        this.exitBlock();
        return;
      case "IfExp":
        this.visitExpr(e.test);
        this.visitExpr(e.body);
        this.visitExpr(e.orelse);
        return;
      case "Dict":
        for (const k of e.keys) if (k) this.visitExpr(k);
        for (const v of e.values) this.visitExpr(v);
        return;
      case "Set":
        for (const v of e.elts) this.visitExpr(v);
        return;
      case "ListComp":
        this.comprehension(e, "listcomp", "list", e.generators, e.elt, null);
        return;
      case "SetComp":
        this.comprehension(e, "setcomp", "set", e.generators, e.elt, null);
        return;
      case "DictComp":
        this.comprehension(e, "dictcomp", "dict", e.generators, e.key, e.value);
        return;
      case "Compare":
        this.visitExpr(e.left);
        for (const c of e.comparators) this.visitExpr(c);
        return;
      case "Call":
        this.visitExpr(e.func);
        for (const a of e.args) this.visitExpr(a);
        for (const k of e.keywords) this.visitExpr(k.value);
        return;
      case "FormattedValue":
        this.visitExpr(e.value);
        if (e.formatSpec) this.visitExpr(e.formatSpec);
        return;
      case "JoinedStr":
        for (const v of e.values) this.visitExpr(v);
        return;
      case "Constant":
        return;
      case "Attribute":
        this.visitExpr(e.value);
        return;
      case "Subscript":
        this.visitExpr(e.value);
        this.visitExpr(e.slice);
        return;
      case "Starred":
        this.visitExpr(e.value);
        return;
      case "Slice":
        if (e.lower) this.visitExpr(e.lower);
        if (e.upper) this.visitExpr(e.upper);
        if (e.step) this.visitExpr(e.step);
        return;
      case "Name":
        this.addDef(e.id, e.ctx === "load" ? USE : DEF_LOCAL, e);
        // Zero-argument super() needs the implicit __class__ cell.
        if (e.ctx === "load" && this.cur.type === "function" && e.id === "super") {
          this.addDef("__class__", USE, e);
        }
        return;
      case "List":
      case "Tuple":
        for (const v of e.elts) this.visitExpr(v);
        return;
    }
  }

  private comprehension(
    e: A.Expr,
    scopeName: string,
    type: ComprehensionType,
    generators: A.Comprehension[],
    elt: A.Expr,
    value: A.Expr | null,
  ): void {
    const outermost = generators[0]!;
    // The outermost iterator is evaluated in the enclosing scope.
    this.visitExpr(outermost.iter);
    this.enterBlock(`<${scopeName}>`, "function", e, e.line);
    this.cur.comprehension = type;
    this.addDef(".0", DEF_PARAM, e); // implicit argument: the outermost iterator
    this.cur.compIterTarget = true;
    this.visitExpr(outermost.target);
    this.cur.compIterTarget = false;
    for (const cond of outermost.ifs) this.visitExpr(cond);
    for (const g of generators.slice(1)) {
      this.cur.compIterTarget = true;
      this.visitExpr(g.target);
      this.cur.compIterTarget = false;
      this.visitExpr(g.iter);
      for (const cond of g.ifs) this.visitExpr(cond);
    }
    if (value) this.visitExpr(value);
    this.visitExpr(elt);
    this.exitBlock();
  }

  // ---- pass 2 ----

  private analyze(): void {
    this.analyzeBlock(this.top, null, new Set(), new Set());
  }

  private analyzeName(
    ste: SymbolTableEntry,
    scopes: Map<string, number>,
    name: string,
    flags: number,
    bound: Set<string> | null,
    local: Set<string>,
    free: Set<string>,
    global: Set<string>,
  ): void {
    if (flags & DEF_GLOBAL) {
      if (flags & DEF_NONLOCAL) this.error(`name '${name}' is nonlocal and global`, ste.directives.get(name)!);
      scopes.set(name, GLOBAL_EXPLICIT);
      global.add(name);
      bound?.delete(name);
      return;
    }
    if (flags & DEF_NONLOCAL) {
      const where = ste.directives.get(name)!;
      if (bound === null) this.error("nonlocal declaration not allowed at module level", where);
      if (!bound.has(name)) this.error(`no binding for nonlocal '${name}' found`, where);
      scopes.set(name, FREE);
      free.add(name);
      return;
    }
    if (flags & DEF_BOUND) {
      scopes.set(name, LOCAL);
      local.add(name);
      global.delete(name);
      return;
    }
    if (bound !== null && bound.has(name)) {
      scopes.set(name, FREE);
      free.add(name);
      return;
    }
    if (global.has(name)) {
      scopes.set(name, GLOBAL_IMPLICIT);
      return;
    }
    scopes.set(name, GLOBAL_IMPLICIT);
  }

  private analyzeBlock(
    ste: SymbolTableEntry,
    bound: Set<string> | null,
    free: Set<string>,
    global: Set<string>,
  ): void {
    const local = new Set<string>();
    const scopes = new Map<string, number>();
    const newglobal = new Set<string>();
    const newfree = new Set<string>();
    const newbound = new Set<string>();
    const inlinedCells = new Set<string>();

    if (ste.type === "class") {
      for (const g of global) newglobal.add(g);
      if (bound) for (const b of bound) newbound.add(b);
    }
    for (const [name, flags] of ste.symbols) {
      this.analyzeName(ste, scopes, name, flags, bound, local, free, global);
    }
    if (ste.type !== "class") {
      if (ste.isFunctionLike()) for (const l of local) newbound.add(l);
      if (bound) for (const b of bound) newbound.add(b);
      for (const g of global) newglobal.add(g);
    } else {
      newbound.add("__class__");
      newbound.add("__classdict__");
    }

    for (const entry of ste.children) {
      const inlineComp = entry.comprehension !== null;
      const childFree = new Set(newfree);
      this.analyzeBlock(entry, new Set(newbound), childFree, new Set(newglobal));
      if (inlineComp) {
        this.inlineComprehension(ste, entry, scopes, childFree, inlinedCells);
        entry.compInlined = true;
      }
      for (const f of childFree) newfree.add(f);
    }
    // Splice children of inlined comprehensions into our children list.
    const spliced: SymbolTableEntry[] = [];
    for (const c of ste.children) {
      if (c.compInlined) spliced.push(...c.children);
      else spliced.push(c);
    }
    ste.children = spliced;

    if (ste.isFunctionLike()) analyzeCells(scopes, newfree, inlinedCells);
    else if (ste.type === "class") {
      if (newfree.delete("__class__")) ste.needsClassClosure = true;
      newfree.delete("__classdict__");
    }
    updateSymbols(ste.symbols, scopes, bound, newfree, inlinedCells, ste.type === "class");
    for (const f of newfree) free.add(f);
  }

  private inlineComprehension(
    ste: SymbolTableEntry,
    comp: SymbolTableEntry,
    scopes: Map<string, number>,
    compFree: Set<string>,
    inlinedCells: Set<string>,
  ): void {
    for (const [k, v] of comp.symbols) {
      if (v & DEF_PARAM) continue; // the implicit ".0" argument
      const scope = (v >> SCOPE_OFFSET) & SCOPE_MASK;
      const onlyFlags = v & ((1 << SCOPE_OFFSET) - 1);
      if (scope === CELL || onlyFlags & DEF_COMP_CELL) inlinedCells.add(k);
      const existing = ste.symbols.get(k);
      if (existing === undefined) {
        ste.symbols.set(k, onlyFlags);
        scopes.set(k, scope);
      } else if (existing & DEF_BOUND) {
        // Free in the comprehension but local outside: now simply local.
        if (!isFreeInAnyChild(comp, k) && ste.type !== "class") compFree.delete(k);
      }
    }
  }
}

function isFreeInAnyChild(entry: SymbolTableEntry, key: string): boolean {
  return entry.children.some((c) => c.getScope(key) === FREE);
}

function analyzeCells(scopes: Map<string, number>, free: Set<string>, inlinedCells: Set<string>): void {
  for (const [name, scope] of scopes) {
    if (scope !== LOCAL) continue;
    if (!free.has(name) && !inlinedCells.has(name)) continue;
    scopes.set(name, CELL);
    free.delete(name);
  }
}

function updateSymbols(
  symbols: Map<string, number>,
  scopes: Map<string, number>,
  bound: Set<string> | null,
  free: Set<string>,
  inlinedCells: Set<string>,
  classflag: boolean,
): void {
  for (const [name, v] of symbols) {
    let flags = v;
    if (inlinedCells.has(name)) flags |= DEF_COMP_CELL;
    const scope = scopes.get(name) ?? 0;
    symbols.set(name, flags | (scope << SCOPE_OFFSET));
  }
  for (const name of free) {
    const v = symbols.get(name);
    if (v !== undefined) {
      // A free variable in a method with the same name as a class-level binding.
      if (classflag) symbols.set(name, v | DEF_FREE_CLASS);
      continue;
    }
    if (bound !== null && !bound.has(name)) continue; // a global
    symbols.set(name, FREE << SCOPE_OFFSET);
  }
}

/** Private name mangling (`_Py_Mangle`): `__x` inside class `C` becomes `_C__x`. */
export function mangle(privateName: string | null, name: string): string {
  if (privateName === null || !name.startsWith("__")) return name;
  if (name.endsWith("__") || name.includes(".")) return name;
  const stripped = privateName.replace(/^_+/, "");
  if (stripped === "") return name;
  return `_${stripped}${name}`;
}
