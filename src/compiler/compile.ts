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
import type { CodeObject } from "./code.js";
import { Codegen } from "./codegen.js";
import { parseModule, syntaxErrorAt } from "./parser.js";
import { SymbolTable } from "./symtable.js";
import { PySyntaxError } from "./syntax-error.js";

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
