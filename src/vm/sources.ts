/**
 * Compiling the modules written in Python (code.ts SOURCE_MODULES) on the thread that
 * boots a program; workers receive the result instead of loading the compiler.
 */
import type { CodeObject } from "../compiler/code.js";
import { compile, isCode, Op } from "../compiler/index.js";
import { clearSourceModuleCode, setSourceModuleCode, SOURCE_MODULES } from "./code.js";
import "./library.js";

/** Names the program imports (IMPORT_NAME's operands, in every code object). */
function importedNames(root: CodeObject): Set<string> {
  const out = new Set<string>();
  const visit = (c: CodeObject): void => {
    const { ops, args, count } = c.instructions;
    for (let i = 0; i < count; i++) if (ops[i] === Op.IMPORT_NAME) out.add(c.names[args[i]!]!);
    for (const k of c.consts) if (isCode(k)) visit(k);
  };
  visit(root);
  return out;
}

/** Compile the source modules the program imports, and those they import (parsing one
 *  costs tens of ms, so the others are left out of the code table), and return them for
 *  the workers, in registration order. */
export function compileSourceModules(root: CodeObject): [string, CodeObject][] {
  clearSourceModuleCode();
  const compiled = new Map<string, CodeObject>();
  for (let wanted = importedNames(root); ;) {
    const more = new Set<string>();
    for (const name of wanted) {
      const source = SOURCE_MODULES.get(name);
      if (source === undefined || compiled.has(name)) continue;
      const code = compile(source, `${name}.py`);
      compiled.set(name, code);
      for (const m of importedNames(code)) more.add(m);
    }
    if (more.size === 0) break;
    wanted = more;
  }
  const out: [string, CodeObject][] = [];
  for (const name of SOURCE_MODULES.keys()) {
    const code = compiled.get(name);
    if (code === undefined) continue;
    setSourceModuleCode(name, code);
    out.push([name, code]);
  }
  return out;
}
