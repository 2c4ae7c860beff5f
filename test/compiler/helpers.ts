import { type CodeObject, compile, dis, isCode, opName } from "../../src/compiler/index.js";

export function mod(source: string): CodeObject {
  return compile(source, "prog.py");
}

/** The n-th code object among a code object's constants (depth-first by path). */
export function child(co: CodeObject, ...path: number[]): CodeObject {
  let c = co;
  for (const i of path) {
    const next = c.consts.filter(isCode)[i];
    if (next === undefined) throw new Error(`no nested code object #${i} in ${c.name}`);
    c = next;
  }
  return c;
}

/** Opcode names of a code object's instructions. */
export function opnames(co: CodeObject): string[] {
  return Array.from(co.instructions.ops, (op) => opName(op));
}

/** "OPNAME arg" strings, for compact assertions. */
export function listing(co: CodeObject): string[] {
  const { ops, args, count } = co.instructions;
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(`${opName(ops[i]!)} ${args[i]}`);
  return out;
}

/** dis text of the first function defined in `source`. */
export function disFunc(source: string, ...path: number[]): string {
  return dis(child(mod(source), ...(path.length ? path : [0])));
}

/**
 * CPython 3.12 test_dis.py's `strip_offsets`: remove the offset column and replace the
 * exception table rows by their count ("2 rows"), so expected texts from test_dis can
 * be compared as they are written there.
 */
export function stripOffsets(text: string): string {
  const lines = text.split(/(?<=\n)/);
  const first = lines.find((l) => l !== "\n" && !l.startsWith("Disassembly"))!;
  let offset = 5;
  while (first[offset] === " ") offset++;
  if (first[offset] === ">") offset += 2;
  while (first[offset] === " ") offset++;
  let end = offset;
  while ("0123456789".includes(first[end]!)) end++;
  const start = end - 5;
  const res: string[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith("Exception")) {
      res.push(line);
      i++;
      break;
    }
    if (line === "\n" || line.startsWith("Disassembly")) res.push(line);
    else res.push(line.slice(0, start) + line.slice(end));
  }
  let rows = 0;
  for (; i < lines.length && /^ {2}\d+ to \d+ -> \d+ \[\d+\]/.test(lines[i]!); i++) rows++;
  if (rows) res.push(`${rows} row${rows > 1 ? "s" : ""}\n`);
  return res.join("");
}
