/**
 * The disassembler, apart from the compiler and the VM (clox's debug.c): renders a
 * CodeObject exactly in the column layout of CPython 3.12's `dis.dis` — line-number
 * column, `>>` on jump and exception targets, byte offset, opname, oparg, (argrepr),
 * a blank line before each new source line, EXTENDED_ARG prefixes shown as CPython
 * shows them, the `ExceptionTable:` section, then nested code objects.
 *
 * Code object addresses: CPython prints real memory addresses. gilsim prints a stable
 * fake, `0x7f0000000000 + 0x1000 * (n + 1)`, where n numbers the code objects in the
 * order a depth-first walk of the constants (starting at the disassembled object,
 * n = 0) first meets them. The same program therefore always disassembles to the same
 * text.
 */

import { cpythonOparg } from "./assemble.js";
import { type CodeObject, isCode } from "./code.js";
import {
  CMP_OP,
  INTRINSIC_1,
  INTRINSIC_2,
  MAKE_FUNCTION_FLAGS,
  NB_OPS,
  Op,
  extendedArgCount,
  opInfo,
  opName,
} from "./opcodes.js";
import { pyRepr } from "./pyrepr.js";

const OPNAME_WIDTH = 20;
const OPARG_WIDTH = 5;

/** One disassembled instruction (dis.Instruction, minus positions). */
export interface DisInstruction {
  opname: string;
  opcode: number;
  arg: number | null;
  argrepr: string;
  offset: number;
  startsLine: number | null;
  isJumpTarget: boolean;
}

/** The text of `dis.dis(code)` under CPython 3.12. */
export function dis(code: CodeObject): string {
  const addresses = assignAddresses(code);
  const out: string[] = [];
  const walk = (co: CodeObject): void => {
    disassemble(co, addresses, out);
    for (const c of co.consts) {
      if (isCode(c)) {
        out.push("");
        out.push(`Disassembly of ${codeRepr(c, addresses)}:`);
        walk(c);
      }
    }
  };
  walk(code);
  return out.join("\n") + "\n";
}

function assignAddresses(root: CodeObject): Map<CodeObject, string> {
  const map = new Map<CodeObject, string>();
  const visit = (co: CodeObject): void => {
    if (map.has(co)) return;
    map.set(co, "0x" + (0x7f0000000000 + 0x1000 * (map.size + 1)).toString(16));
    for (const c of co.consts) if (isCode(c)) visit(c);
  };
  visit(root);
  return map;
}

function codeRepr(co: CodeObject, addresses: Map<CodeObject, string>): string {
  return `<code object ${co.name} at ${addresses.get(co) ?? "0x0"}, file "${co.filename}", line ${co.firstlineno}>`;
}

/**
 * The instruction stream as `dis.get_instructions` yields it, EXTENDED_ARG prefixes
 * included. As in CPython, only jump targets count as targets here; `dis` also marks
 * exception handlers (`markHandlers`).
 */
export function getInstructions(
  code: CodeObject,
  opts: { markHandlers?: boolean; addresses?: Map<CodeObject, string> } = {},
): DisInstruction[] {
  const addresses = opts.addresses ?? assignAddresses(code);
  const { count, ops, lines, offsets } = code.instructions;
  const labels = new Set<number>();
  for (let i = 0; i < count; i++) {
    if (opInfo(ops[i]!).kind === "jump") labels.add(offsets[code.instructions.args[i]!]!);
  }
  if (opts.markHandlers) for (const e of code.exceptionTable) labels.add(e.targetOffset);

  const result: DisInstruction[] = [];
  let lastLine: number | null = null;
  for (let i = 0; i < count; i++) {
    const op = ops[i]!;
    const arg = cpythonOparg(code, i);
    const line = lines[i]!;
    let startsLine: number | null = null;
    if (line >= 0 && line !== lastLine) {
      startsLine = line;
      lastLine = line;
    }
    let offset = offsets[i]!;
    // EXTENDED_ARG prefixes: each shows the oparg bits accumulated so far.
    const ext = extendedArgCount(arg);
    for (let k = ext; k > 0; k--) {
      result.push({
        opname: "EXTENDED_ARG",
        opcode: Op.EXTENDED_ARG,
        arg: arg >>> (8 * k),
        argrepr: "",
        offset,
        startsLine: k === ext ? startsLine : null,
        isJumpTarget: k === ext && labels.has(offset),
      });
      offset += 2;
    }
    const info = opInfo(op);
    result.push({
      opname: opName(op),
      opcode: op,
      arg: info.arg ? arg : null,
      argrepr: info.arg ? argRepr(code, op, arg, offset, addresses) : "",
      offset,
      startsLine: ext === 0 ? startsLine : null,
      isJumpTarget: ext === 0 && labels.has(offset),
    });
  }
  return result;
}

// ---- one formatter per operand kind ---------------------------------------------------

function argRepr(code: CodeObject, op: number, arg: number, offset: number, addresses: Map<CodeObject, string>): string {
  const info = opInfo(op);
  switch (info.kind) {
    case "const":
      return constRepr(code, arg, addresses);
    case "name":
      return nameRepr(code, op, arg);
    case "jump":
      return jumpRepr(op, arg, offset, info.caches);
    case "local":
    case "free":
      return code.localsplusnames[arg] ?? "";
    case "compare":
      return CMP_OP[arg >> 4] ?? "";
    case "binop":
      return NB_OPS[arg]?.[1] ?? "";
    case "format":
      return formatRepr(arg);
    case "makefn":
      return MAKE_FUNCTION_FLAGS.filter((_, i) => arg & (1 << i)).join(", ");
    case "intrinsic1":
      return INTRINSIC_1[arg] ?? "";
    case "intrinsic2":
      return INTRINSIC_2[arg] ?? "";
    case "plain":
    case "none":
      return "";
  }
}

function constRepr(code: CodeObject, arg: number, addresses: Map<CodeObject, string>): string {
  const c = code.consts[arg];
  if (c === undefined) return "";
  return pyRepr(c, (co) => codeRepr(co, addresses));
}

function nameRepr(code: CodeObject, op: number, arg: number): string {
  switch (op) {
    case Op.LOAD_GLOBAL: {
      const name = code.names[arg >> 1] ?? "";
      return arg & 1 ? `NULL + ${name}` : name;
    }
    case Op.LOAD_ATTR: {
      const name = code.names[arg >> 1] ?? "";
      return arg & 1 ? `NULL|self + ${name}` : name;
    }
    case Op.LOAD_SUPER_ATTR: {
      const name = code.names[arg >> 2] ?? "";
      return arg & 1 ? `NULL|self + ${name}` : name;
    }
    default:
      return code.names[arg] ?? "";
  }
}

function jumpRepr(op: number, arg: number, offset: number, caches: number): string {
  const backward = op === Op.JUMP_BACKWARD || op === Op.JUMP_BACKWARD_NO_INTERRUPT;
  const target = offset + 2 + (backward ? -arg : arg) * 2 + 2 * caches;
  return `to ${target}`;
}

function formatRepr(arg: number): string {
  let s = ["", "str", "repr", "ascii"][arg & 3]!;
  if (arg & 4) {
    if (s) s += ", ";
    s += "with format";
  }
  return s;
}

// ---- layout ------------------------------------------------------------------------------

function disassemble(code: CodeObject, addresses: Map<CodeObject, string>, out: string[]): void {
  const instrs = getInstructions(code, { markHandlers: true, addresses });
  const lineStarts = instrs.filter((i) => i.startsLine !== null).map((i) => i.startsLine!);
  const showLineno = lineStarts.length > 0;
  let linenoWidth = 0;
  if (showLineno) {
    const maxLine = Math.max(...lineStarts);
    linenoWidth = maxLine >= 1000 ? String(maxLine).length : 3;
  }
  const maxOffset = code.codeSize - 2;
  const offsetWidth = maxOffset >= 10000 ? String(maxOffset).length : 4;
  for (const instr of instrs) {
    if (showLineno && instr.startsLine !== null && instr.offset > 0) out.push("");
    out.push(formatInstruction(instr, linenoWidth, offsetWidth));
  }
  if (code.exceptionTable.length > 0) {
    out.push("ExceptionTable:");
    for (const e of code.exceptionTable) {
      out.push(`  ${e.startOffset} to ${e.endOffset - 2} -> ${e.targetOffset} [${e.depth}]${e.lasti ? " lasti" : ""}`);
    }
  }
}

/** `Instruction._disassemble` (3.12). */
export function formatInstruction(instr: DisInstruction, linenoWidth = 3, offsetWidth = 4): string {
  const fields: string[] = [];
  if (linenoWidth) {
    fields.push(instr.startsLine !== null ? String(instr.startsLine).padStart(linenoWidth) : " ".repeat(linenoWidth));
  }
  fields.push("   ");
  fields.push(instr.isJumpTarget ? ">>" : "  ");
  fields.push(String(instr.offset).padStart(offsetWidth));
  fields.push(instr.opname.padEnd(OPNAME_WIDTH));
  if (instr.arg !== null) {
    fields.push(String(instr.arg).padStart(OPARG_WIDTH));
    if (instr.argrepr) fields.push(`(${instr.argrepr})`);
  }
  return fields.join(" ").trimEnd();
}
