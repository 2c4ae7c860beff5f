/**
 * The assembler: optimized CFG → CodeObject (CPython 3.12 `optimize_and_assemble_code_unit`
 * in compile.c, and `Python/assemble.c`).
 *
 *   prepare_localsplus   MAKE_CELL / COPY_FREE_VARS prologue; cell and free opargs
 *                        rebased onto the localsplus index space
 *   stackdepth           max value-stack depth (also each handler's entry depth)
 *   pseudo-ops           SETUP_* and POP_BLOCK vanish, JUMP picks a direction
 *   offsets              3.12 byte offsets, counting EXTENDED_ARG and inline caches
 *   exception table      one row per run of instructions with the same handler
 */

import type { Loc } from "./ast.js";
import {
  CO_FAST_CELL,
  CO_FAST_FREE,
  CO_FAST_LOCAL,
  type CodeObject,
  type ExceptionTableEntry,
  type PyConst,
} from "./code.js";
import {
  type BasicBlock,
  type CfgBuilder,
  NO_LOCATION,
  blocksOf,
  convertPseudoOps,
  optimizeCodeUnit,
  resolveJumps,
  stackdepth,
} from "./flowgraph.js";
import { Op, extendedArgCount, instrSize, isJump } from "./opcodes.js";

const CO_FAST_HIDDEN = 0x10;

/** Everything about a code unit that is not its instructions (`_PyCompile_CodeUnitMetadata`). */
export interface UnitMetadata {
  name: string;
  qualname: string;
  filename: string;
  firstlineno: number;
  /** Positional-or-keyword arguments only (u_argcount); the code object adds posonly. */
  argcount: number;
  posonlyargcount: number;
  kwonlyargcount: number;
  flags: number;
  consts: PyConst[];
  names: string[];
  /** name → index, in insertion order. */
  varnames: Map<string, number>;
  /** name → index into the cell+free space (cells first). */
  cellvars: Map<string, number>;
  freevars: Map<string, number>;
  fasthidden: Map<string, boolean>;
  /** Number of parameters (the symbol table's ste_varnames). */
  nparams: number;
}

export function assemble(md: UnitMetadata, g: CfgBuilder): CodeObject {
  const nlocals = md.varnames.size;
  optimizeCodeUnit(g, md.consts, nlocals, md.nparams, md.firstlineno);
  const nlocalsplus = prepareLocalsplus(md, g);
  const maxdepth = stackdepth(g.entry);
  convertPseudoOps(g.entry);
  resolveJumps(g);
  return makeCode(md, g, maxdepth, nlocalsplus);
}

function prepareLocalsplus(md: UnitMetadata, g: CfgBuilder): number {
  const nlocals = md.varnames.size;
  const ncellvars = md.cellvars.size;
  const nfreevars = md.freevars.size;
  const noffsets = ncellvars + nfreevars;
  // build_cellfixedoffsets: a cell that is also an argument lives in the argument's slot.
  const fixed = Array.from({ length: noffsets }, (_, i) => nlocals + i);
  for (const [name, cellIndex] of md.cellvars) {
    const varIndex = md.varnames.get(name);
    if (varIndex !== undefined) fixed[cellIndex] = varIndex;
  }
  // insert_prefix_instructions
  const entry = g.entry;
  if (ncellvars > 0) {
    const sorted = new Array<number>(ncellvars + nlocals).fill(0);
    for (let i = 0; i < ncellvars; i++) sorted[fixed[i]!] = i + 1;
    const cells: number[] = [];
    for (let i = 0; cells.length < ncellvars; i++) {
      const oldindex = sorted[i]! - 1;
      if (oldindex !== -1) cells.push(oldindex);
    }
    entry.instrs.unshift(
      ...cells.map((oldindex) => ({ op: Op.MAKE_CELL, arg: oldindex, loc: NO_LOCATION, target: null, except: null })),
    );
  }
  if (nfreevars > 0) {
    entry.instrs.unshift({ op: Op.COPY_FREE_VARS, arg: nfreevars, loc: NO_LOCATION, target: null, except: null });
  }
  // fix_cell_offsets
  let numdropped = 0;
  for (let i = 0; i < noffsets; i++) {
    if (fixed[i] === i + nlocals) fixed[i]! -= numdropped;
    else numdropped++;
  }
  for (const b of blocksOf(entry)) {
    for (const instr of b.instrs) {
      switch (instr.op) {
        case Op.MAKE_CELL:
        case Op.LOAD_CLOSURE:
        case Op.LOAD_DEREF:
        case Op.STORE_DEREF:
        case Op.DELETE_DEREF:
        case Op.LOAD_FROM_DICT_OR_DEREF:
          instr.arg = fixed[instr.arg]!;
      }
    }
  }
  return nlocals + ncellvars + nfreevars - numdropped;
}

/** `compute_localsplus_info`: slot names and CO_FAST_* kinds. */
function localsplusInfo(md: UnitMetadata, nlocalsplus: number): { names: string[]; kinds: Uint8Array } {
  const names = new Array<string>(nlocalsplus).fill("");
  const kinds = new Uint8Array(nlocalsplus);
  for (const [k, offset] of md.varnames) {
    let kind = CO_FAST_LOCAL;
    if (md.fasthidden.has(k)) kind |= CO_FAST_HIDDEN;
    if (md.cellvars.has(k)) kind |= CO_FAST_CELL;
    names[offset] = k;
    kinds[offset] = kind;
  }
  const nlocals = md.varnames.size;
  let numdropped = 0;
  for (const [k, v] of md.cellvars) {
    if (md.varnames.has(k)) {
      numdropped++;
      continue;
    }
    const offset = v + nlocals - numdropped;
    names[offset] = k;
    kinds[offset] = CO_FAST_CELL;
  }
  for (const [k, v] of md.freevars) {
    const offset = v + nlocals - numdropped;
    names[offset] = k;
    kinds[offset] = CO_FAST_FREE;
  }
  return { names, kinds };
}

interface FlatInstr {
  op: number;
  arg: number;
  loc: Loc;
  target: BasicBlock | null;
  handler: BasicBlock | null;
}

function makeCode(md: UnitMetadata, g: CfgBuilder, maxdepth: number, nlocalsplus: number): CodeObject {
  // Flatten, remembering each block's first instruction index.
  const flat: FlatInstr[] = [];
  const blockIndex = new Map<BasicBlock, number>();
  for (const b of blocksOf(g.entry)) {
    blockIndex.set(b, flat.length);
    for (const i of b.instrs) flat.push({ op: i.op, arg: i.arg, loc: i.loc, target: i.target, handler: i.except });
  }
  const n = flat.length;
  const ops = new Uint8Array(n);
  const args = new Int32Array(n);
  const lines = new Int32Array(n);
  const offsets = new Int32Array(n);
  const endLines = new Int32Array(n);
  const cols = new Int32Array(n);
  const endCols = new Int32Array(n);
  let offset = 0;
  flat.forEach((instr, i) => {
    ops[i] = instr.op;
    // Jumps: the VM gets the target's instruction index (the CPython oparg is derivable).
    args[i] = isJump(instr.op) ? blockIndex.get(instr.target!)! : instr.arg;
    lines[i] = instr.loc.line;
    endLines[i] = instr.loc.endLine;
    cols[i] = instr.loc.col;
    endCols[i] = instr.loc.endCol;
    offsets[i] = offset * 2;
    offset += instrSize(instr.op, instr.arg);
  });
  const codeUnits = offset;

  // Exception table (assemble_exception_table): runs of instructions sharing a handler.
  const table: ExceptionTableEntry[] = [];
  let current: BasicBlock | null = null;
  let start = 0;
  const emit = (end: number): void => {
    if (current === null) return;
    const depth = current.startdepth - 1 - (current.preserveLasti ? 1 : 0);
    const target = blockIndex.get(current)!;
    table.push({
      start,
      end,
      target,
      depth,
      lasti: current.preserveLasti,
      startOffset: offsets[start]!,
      endOffset: end < n ? offsets[end]! : codeUnits * 2,
      targetOffset: current.offset * 2,
    });
  };
  for (let i = 0; i < n; i++) {
    const h = flat[i]!.handler;
    if (h !== current) {
      emit(i);
      current = h;
      start = i;
    }
  }
  emit(n);

  const { names: lpNames, kinds } = localsplusInfo(md, nlocalsplus);
  const varnames: string[] = [];
  const cellvars: string[] = [];
  const freevars: string[] = [];
  lpNames.forEach((name, i) => {
    const k = kinds[i]!;
    if (k & CO_FAST_LOCAL) varnames.push(name);
    if (k & CO_FAST_CELL) cellvars.push(name);
    if (k & CO_FAST_FREE) freevars.push(name);
  });

  return {
    kind: "code",
    name: md.name,
    qualname: md.qualname,
    filename: md.filename,
    firstlineno: md.firstlineno,
    // co_argcount counts positional-only arguments too (assemble.c makecode).
    argcount: md.argcount + md.posonlyargcount,
    posonlyargcount: md.posonlyargcount,
    kwonlyargcount: md.kwonlyargcount,
    flags: md.flags,
    varnames,
    cellvars,
    freevars,
    names: md.names.slice(),
    consts: md.consts.slice(),
    localsplusnames: lpNames,
    localspluskinds: kinds,
    stacksize: maxdepth,
    exceptionTable: table,
    instructions: { count: n, ops, args, lines, offsets, endLines, cols, endCols },
    codeSize: codeUnits * 2,
  };
}

/** The CPython oparg of instruction `i` (jumps: relative distance in code units). */
export function cpythonOparg(code: CodeObject, i: number): number {
  const { ops, args, offsets } = code.instructions;
  const op = ops[i]!;
  if (!isJump(op)) return args[i]!;
  const targetOffset = offsets[args[i]!]!;
  // The jump's own size depends on its oparg; find the fixed point as the assembler did.
  for (let ext = 0; ext <= 3; ext++) {
    const end = offsets[i]! + 2 * (ext + 1 + instrCaches(op));
    const arg = op === Op.JUMP_BACKWARD || op === Op.JUMP_BACKWARD_NO_INTERRUPT ? (end - targetOffset) / 2 : (targetOffset - end) / 2;
    if (extendedArgCount(arg) === ext) return arg;
  }
  throw new Error("cpythonOparg: no consistent jump encoding");
}

function instrCaches(op: number): number {
  return instrSize(op, 0) - 1;
}
