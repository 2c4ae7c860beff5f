/**
 * The compiler driver, as CPython's `_PyAST_Compile`:
 *
 *   parse (parser.ts) → AST optimizer (astopt.ts) → symbol table (symtable.ts)
 *     → code generation (codegen.ts) → flow graph (flowgraph.ts) → assembler (assemble.ts)
 *
 * Every failure a user can cause is a PySyntaxError; anything else escaping from here is
 * a gilsim bug, and is reported as such rather than as a JS stack trace in the user's face.
 */

import type { Loc } from "./ast.js";
import { optimizeModule } from "./astopt.js";
import { isCode, type CodeObject, type PyConst } from "./code.js";
import { Op } from "./opcodes.js";
import { Codegen } from "./codegen.js";
import { parseModule, syntaxErrorAt } from "./parser.js";
import { SymbolTable } from "./symtable.js";
import { PySyntaxError, unsupportedMessage } from "./syntax-error.js";

/** Compile a module's source to its code object, or throw PySyntaxError. */
export function compile(source: string, filename: string): CodeObject {
  const error = (msg: string, loc: Loc): never => {
    throw syntaxErrorAt(source, filename, msg, loc);
  };
  try {
    const mod = parseModule(source, filename);
    optimizeModule(mod);
    const st = new SymbolTable(error);
    st.build(mod);
    return new Codegen(st, filename, error).compileModule(mod);
  } catch (e) {
    if (e instanceof PySyntaxError) throw e;
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      // CPython: "too many nested parentheses" / RecursionError during compilation.
      throw new PySyntaxError("too many nested expressions", filename, 1, null, null);
    }
    throw e;
  }
}

/** Constants the compiler makes (`gilsim dis` shows them as CPython's dis does) that the
 *  heap has no objects for. */
const UNRUNNABLE: Readonly<Record<string, string>> = { bytes: "bytes literals", complex: "complex numbers" };

/** compile, for a program that is to run: also a SyntaxError-style "does not support"
 *  for a constant gilsim cannot make (a bytes or complex literal), at its first use. */
export function compileToRun(source: string, filename: string): CodeObject {
  const root = compile(source, filename);
  const check = (co: CodeObject): void => {
    const { ops, args, lines, endLines, cols, endCols } = co.instructions;
    for (let k = 0; k < co.instructions.count; k++) {
      if (ops[k] !== Op.LOAD_CONST && ops[k] !== Op.RETURN_CONST) continue;
      const c: PyConst = co.consts[args[k]!]!;
      const construct = typeof c === "object" && c !== null && !isCode(c) ? UNRUNNABLE[deepKind(c)] : undefined;
      if (construct !== undefined) {
        throw syntaxErrorAt(source, filename, unsupportedMessage(construct), { line: lines[k]!, endLine: endLines[k]!, col: cols[k]!, endCol: endCols[k]! });
      }
    }
    for (const c of co.consts) if (isCode(c)) check(c);
  };
  check(root);
  return root;
}

/** A constant's kind, or the first unrunnable kind inside a constant tuple. */
function deepKind(c: PyConst): string {
  if (typeof c !== "object" || c === null || isCode(c)) return "";
  if (c.kind === "tuple" || c.kind === "frozenset") {
    for (const item of c.items) {
      const k = deepKind(item);
      if (k in UNRUNNABLE) return k;
    }
    return c.kind;
  }
  return c.kind;
}
