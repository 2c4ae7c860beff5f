/**
 * The control-flow graph and its optimizer, a port of CPython 3.12's `Python/flowgraph.c`.
 *
 * Codegen emits a flat instruction sequence with labels (pseudo-ops included). Here it
 * becomes basic blocks, and `optimizeCodeUnit` runs 3.12's passes in 3.12's order:
 *
 *   translate labels → targets, mark exception handlers, label exception targets
 *   optimize_cfg:  inline small exit blocks, peephole (LOAD_CONST+RETURN_VALUE →
 *                  RETURN_CONST, constant conditional jumps, jump threading, tuple
 *                  folding, SWAP elimination), drop unreachable blocks, NOPs, jumps
 *   remove unused constants, LOAD_FAST → LOAD_FAST_CHECK where a local may be unbound
 *   push cold (exception-only) blocks to the end, resolve line numbers
 *
 * The assembler (assemble.ts) then computes stack depth, converts the remaining
 * pseudo-ops and resolves jump offsets (`convertPseudoOps`, `resolveJumps` below).
 *
 * Block invariants: an instruction that jumps or exits the scope is the last in its
 * block; a block "falls through" to `next` iff its last instruction is neither an
 * unconditional jump nor a scope exit.
 */

import type { Loc } from "./ast.js";
import type { PyConst } from "./code.js";
import {
  Op,
  hasConst,
  hasTarget,
  instrSize,
  isBackwardJump,
  isBlockPush,
  isJump,
  isScopeExit,
  isTerminator,
  isUnconditionalJump,
  stackEffect,
} from "./opcodes.js";
import { constKey, pyTruthy } from "./pyrepr.js";

export const NO_LOCATION: Loc = Object.freeze({ line: -1, endLine: -1, col: -1, endCol: -1 });

export interface Instr {
  op: number;
  /** Oparg; for jumps and block pushes, the target label until `translateLabels`. */
  arg: number;
  loc: Loc;
  target: BasicBlock | null;
  /** Innermost exception handler covering this instruction (set by labelExceptionTargets). */
  except: BasicBlock | null;
}

export class BasicBlock {
  instrs: Instr[] = [];
  next: BasicBlock | null = null;
  label = -1;
  visited = false;
  exceptHandler = false;
  preserveLasti = false;
  cold = false;
  warm = false;
  startdepth = Number.MIN_SAFE_INTEGER;
  offset = 0;
  predecessors = 0;
  exceptStack: ExceptStack | null = null;
  unsafeLocalsMask = 0n;

  last(): Instr | undefined {
    return this.instrs[this.instrs.length - 1];
  }

  noFallthrough(): boolean {
    const last = this.last();
    return last !== undefined && (isUnconditionalJump(last.op) || isScopeExit(last.op));
  }

  hasFallthrough(): boolean {
    return !this.noFallthrough();
  }

  exitsScope(): boolean {
    const last = this.last();
    return last !== undefined && isScopeExit(last.op);
  }
}

interface ExceptStack {
  handlers: (BasicBlock | null)[];
  depth: number;
}

function copyInstr(i: Instr): Instr {
  return { op: i.op, arg: i.arg, loc: i.loc, target: i.target, except: i.except };
}

export class CfgBuilder {
  readonly blocks: BasicBlock[] = [];
  entry: BasicBlock;
  private cur: BasicBlock;
  private currentLabel = -1;

  constructor() {
    this.entry = this.cur = this.newBlock();
  }

  newBlock(): BasicBlock {
    const b = new BasicBlock();
    this.blocks.push(b);
    return b;
  }

  private currentBlockIsTerminated(): boolean {
    const last = this.cur.last();
    if (last !== undefined && isTerminator(last.op)) return true;
    if (this.currentLabel >= 0) {
      if (last !== undefined || this.cur.label >= 0) return true;
      this.cur.label = this.currentLabel;
      this.currentLabel = -1;
    }
    return false;
  }

  private maybeStartNewBlock(): void {
    if (this.currentBlockIsTerminated()) {
      const b = this.newBlock();
      b.label = this.currentLabel;
      this.currentLabel = -1;
      this.cur.next = b;
      this.cur = b;
    }
  }

  useLabel(lbl: number): void {
    this.currentLabel = lbl;
    this.maybeStartNewBlock();
  }

  addop(op: number, arg: number, loc: Loc): void {
    this.maybeStartNewBlock();
    this.cur.instrs.push({ op, arg, loc, target: null, except: null });
  }
}

/** A codegen instruction; jump opargs are label ids. */
export interface SeqInstr {
  op: number;
  arg: number;
  loc: Loc;
}

/** `instr_sequence_to_cfg`: labels map to instruction indices; one label per offset. */
export function sequenceToCfg(instrs: readonly SeqInstr[], labelMap: readonly number[]): CfgBuilder {
  const g = new CfgBuilder();
  const offset2lbl = new Array<number>(instrs.length).fill(-1);
  labelMap.forEach((offset, lbl) => {
    if (offset >= 0 && offset < instrs.length) offset2lbl[offset] = lbl;
  });
  instrs.forEach((instr, i) => {
    const lbl = offset2lbl[i]!;
    if (lbl >= 0) g.useLabel(lbl);
    let arg = instr.arg;
    if (hasTarget(instr.op)) {
      const offset = labelMap[arg]!;
      arg = offset2lbl[offset]!;
    }
    g.addop(instr.op, arg, instr.loc);
  });
  return g;
}

function* blocksOf(entry: BasicBlock): Generator<BasicBlock> {
  for (let b: BasicBlock | null = entry; b !== null; b = b.next) yield b;
}

function resetVisited(entry: BasicBlock): void {
  for (const b of blocksOf(entry)) b.visited = false;
}

function maxLabel(entry: BasicBlock): number {
  let lbl = -1;
  for (const b of blocksOf(entry)) if (b.label > lbl) lbl = b.label;
  return lbl;
}

function checkCfg(g: CfgBuilder): void {
  for (const b of blocksOf(g.entry)) {
    b.instrs.forEach((instr, i) => {
      if (isTerminator(instr.op) && i !== b.instrs.length - 1) throw new Error("malformed control flow graph.");
    });
  }
}

function translateLabels(entry: BasicBlock): void {
  const byLabel = new Map<number, BasicBlock>();
  for (const b of blocksOf(entry)) if (b.label >= 0) byLabel.set(b.label, b);
  for (const b of blocksOf(entry)) {
    for (const instr of b.instrs) {
      if (hasTarget(instr.op)) {
        const t = byLabel.get(instr.arg);
        if (t === undefined) throw new Error(`unresolved label ${instr.arg}`);
        instr.target = t;
      }
    }
  }
}

function markExceptHandlers(entry: BasicBlock): void {
  for (const b of blocksOf(entry)) {
    for (const instr of b.instrs) if (isBlockPush(instr.op)) instr.target!.exceptHandler = true;
  }
}

function pushExceptBlock(stack: ExceptStack, setup: Instr): BasicBlock {
  const target = setup.target!;
  if (setup.op === Op.SETUP_WITH || setup.op === Op.SETUP_CLEANUP) target.preserveLasti = true;
  stack.handlers[++stack.depth] = target;
  return target;
}

function copyExceptStack(s: ExceptStack): ExceptStack {
  return { handlers: s.handlers.slice(), depth: s.depth };
}

/** For every instruction, record the innermost handler (`label_exception_targets`). */
function labelExceptionTargets(entry: BasicBlock): void {
  resetVisited(entry);
  const todo: BasicBlock[] = [entry];
  entry.visited = true;
  entry.exceptStack = { handlers: [null], depth: 0 };
  while (todo.length > 0) {
    const b = todo.pop()!;
    let exceptStack: ExceptStack | null = b.exceptStack!;
    b.exceptStack = null;
    let handler = exceptStack.handlers[exceptStack.depth] ?? null;
    for (let i = 0; i < b.instrs.length; i++) {
      const instr = b.instrs[i]!;
      if (isBlockPush(instr.op)) {
        if (!instr.target!.visited) {
          instr.target!.exceptStack = copyExceptStack(exceptStack!);
          todo.push(instr.target!);
          instr.target!.visited = true;
        }
        handler = pushExceptBlock(exceptStack!, instr);
      } else if (instr.op === Op.POP_BLOCK) {
        exceptStack!.depth--;
        handler = exceptStack!.handlers[exceptStack!.depth] ?? null;
      } else if (isJump(instr.op)) {
        instr.except = handler;
        if (!instr.target!.visited) {
          if (b.hasFallthrough()) {
            instr.target!.exceptStack = copyExceptStack(exceptStack!);
          } else {
            instr.target!.exceptStack = exceptStack;
            exceptStack = null;
          }
          todo.push(instr.target!);
          instr.target!.visited = true;
        }
      } else {
        instr.except = handler;
      }
    }
    if (b.hasFallthrough() && b.next !== null && !b.next.visited) {
      b.next.exceptStack = exceptStack;
      todo.push(b.next);
      b.next.visited = true;
    }
  }
}

// ---- optimize_cfg ---------------------------------------------------------------------

function markReachable(entry: BasicBlock): void {
  resetVisited(entry);
  for (const b of blocksOf(entry)) b.predecessors = 0;
  const stack: BasicBlock[] = [entry];
  entry.predecessors = 1;
  while (stack.length > 0) {
    const b = stack.pop()!;
    b.visited = true;
    if (b.next !== null && b.hasFallthrough()) {
      if (!b.next.visited) stack.push(b.next);
      b.next.predecessors++;
    }
    for (const instr of b.instrs) {
      if (isJump(instr.op) || isBlockPush(instr.op)) {
        const target = instr.target!;
        if (!target.visited) stack.push(target);
        target.predecessors++;
      }
    }
  }
}

function eliminateEmptyBasicBlocks(g: CfgBuilder): void {
  for (const b of blocksOf(g.entry)) {
    let next = b.next;
    while (next !== null && next.instrs.length === 0) next = next.next;
    b.next = next;
  }
  while (g.entry.instrs.length === 0 && g.entry.next !== null) g.entry = g.entry.next;
  let nextLbl = maxLabel(g.entry) + 1;
  for (const b of blocksOf(g.entry)) {
    for (const instr of b.instrs) {
      if (hasTarget(instr.op)) {
        let target = instr.target!;
        while (target.instrs.length === 0) target = target.next!;
        if (instr.target !== target) {
          if (target.label < 0) target.label = nextLbl++;
          instr.target = target;
          instr.arg = target.label;
        }
      }
    }
  }
}

/** `remove_redundant_nops`: drop NOPs that carry no line-number information. */
function removeRedundantNops(bb: BasicBlock): number {
  const out: Instr[] = [];
  let prevLineno = -1;
  const instrs = bb.instrs;
  for (let src = 0; src < instrs.length; src++) {
    const instr = instrs[src]!;
    const lineno = instr.loc.line;
    if (instr.op === Op.NOP) {
      if (lineno < 0) continue;
      if (prevLineno === lineno) continue;
      if (src < instrs.length - 1) {
        const nextLineno = instrs[src + 1]!.loc.line;
        if (nextLineno === lineno) continue;
        if (nextLineno < 0) {
          instrs[src + 1]!.loc = instr.loc;
          continue;
        }
      } else {
        let next = bb.next;
        while (next !== null && next.instrs.length === 0) next = next.next;
        if (next !== null) {
          let nextLine = NO_LOCATION.line;
          for (const ni of next.instrs) {
            if (ni.op === Op.NOP && ni.loc.line === NO_LOCATION.line) continue;
            nextLine = ni.loc.line;
            break;
          }
          if (lineno === nextLine) continue;
        }
      }
    }
    out.push(instr);
    prevLineno = lineno;
  }
  const removed = instrs.length - out.length;
  bb.instrs = out;
  return removed;
}

function setNop(i: Instr): void {
  i.op = Op.NOP;
  i.arg = 0;
}

function removeRedundantNopsAndPairs(entry: BasicBlock): void {
  let done = false;
  while (!done) {
    done = true;
    let prev: Instr | null = null;
    let instr: Instr | null = null;
    for (const b of blocksOf(entry)) {
      removeRedundantNops(b);
      if (b.label >= 0) instr = null; // a jump target: forget the previous instruction
      for (const cur of b.instrs) {
        prev = instr;
        instr = cur;
        const prevOp = prev ? prev.op : 0;
        const prevArg = prev ? prev.arg : 0;
        if (cur.op === Op.POP_TOP && prev !== null && (prevOp === Op.LOAD_CONST || (prevOp === Op.COPY && prevArg === 1))) {
          setNop(prev);
          setNop(cur);
          done = false;
        }
      }
      if ((instr !== null && isJump(instr.op)) || !b.hasFallthrough()) instr = null;
    }
  }
}

function removeRedundantJumps(g: CfgBuilder): void {
  for (const b of blocksOf(g.entry)) {
    const last = b.last();
    if (last === undefined) continue;
    if (isUnconditionalJump(last.op) && last.target === b.next) setNop(last);
  }
}

const MAX_COPY_SIZE = 4;

/** A jump to a small block that exits the scope is replaced by a copy of that block. */
function inlineSmallExitBlocks(bb: BasicBlock): void {
  const last = bb.last();
  if (last === undefined || !isUnconditionalJump(last.op)) return;
  const target = last.target!;
  if (target.exitsScope() && target.instrs.length <= MAX_COPY_SIZE) {
    setNop(last);
    for (const i of target.instrs) bb.instrs.push(copyInstr(i));
  }
}

function jumpThread(inst: Instr, target: Instr, op: number): boolean {
  if ((inst.loc.line === target.loc.line || target.loc.line === -1) && inst.target !== target.target) {
    inst.target = target.target;
    inst.op = op;
    return true;
  }
  return false;
}

class ConstTable {
  constructor(readonly list: PyConst[]) {}

  indexOf(v: PyConst): number {
    const key = constKey(v);
    const i = this.list.findIndex((c) => constKey(c) === key);
    if (i >= 0) return i;
    this.list.push(v);
    return this.list.length - 1;
  }
}

/** LOAD_CONST c1..cn; BUILD_TUPLE n → LOAD_CONST (c1..cn). */
function foldTupleOnConstants(bb: BasicBlock, i: number, n: number, consts: ConstTable): void {
  const start = i - n;
  for (let k = start; k < i; k++) if (!hasConst(bb.instrs[k]!.op) || bb.instrs[k]!.op !== Op.LOAD_CONST) return;
  const items = bb.instrs.slice(start, i).map((ins) => consts.list[ins.arg]!);
  const index = consts.indexOf({ kind: "tuple", items });
  for (let k = start; k < i; k++) setNop(bb.instrs[k]!);
  bb.instrs[i]!.op = Op.LOAD_CONST;
  bb.instrs[i]!.arg = index;
}

/** Replace a run of SWAPs and NOPs with an optimal one (`swaptimize`). */
function swaptimize(block: BasicBlock, ix: number): number {
  const ins = block.instrs;
  let depth = ins[ix]!.arg;
  let len = 0;
  let more = false;
  const limit = ins.length - ix;
  while (++len < limit) {
    const op = ins[ix + len]!.op;
    if (op === Op.SWAP) {
      depth = Math.max(depth, ins[ix + len]!.arg);
      more = true;
    } else if (op !== Op.NOP) break;
  }
  if (!more) return ix;
  const stack = Array.from({ length: depth }, (_, i) => i);
  for (let i = 0; i < len; i++) {
    const s = ins[ix + i]!;
    if (s.op === Op.SWAP) {
      const top = stack[0]!;
      stack[0] = stack[s.arg - 1]!;
      stack[s.arg - 1] = top;
    }
  }
  const VISITED = -1;
  let current = len - 1;
  for (let i = 0; i < depth; i++) {
    if (stack[i] === VISITED || stack[i] === i) continue;
    let j = i;
    for (;;) {
      if (j) {
        const s = ins[ix + current--]!;
        s.op = Op.SWAP;
        s.arg = j + 1;
      }
      if (stack[j] === VISITED) break;
      const nextJ = stack[j]!;
      stack[j] = VISITED;
      j = nextJ;
    }
  }
  while (current >= 0) setNop(ins[ix + current--]!);
  return ix + len - 1;
}

function swappable(op: number): boolean {
  return op === Op.STORE_FAST || op === Op.STORE_FAST_MAYBE_NULL || op === Op.POP_TOP;
}

function storesTo(i: Instr): number {
  return i.op === Op.STORE_FAST || i.op === Op.STORE_FAST_MAYBE_NULL ? i.arg : -1;
}

function nextSwappableInstruction(block: BasicBlock, i: number, lineno: number): number {
  while (++i < block.instrs.length) {
    const instr = block.instrs[i]!;
    if (lineno >= 0 && instr.loc.line !== lineno) return -1;
    if (instr.op === Op.NOP) continue;
    if (swappable(instr.op)) return i;
    return -1;
  }
  return -1;
}

/** SWAP n followed by swappable stores/pops → reorder the instructions instead. */
function applyStaticSwaps(block: BasicBlock, i: number): void {
  for (; i >= 0; i--) {
    const swap = block.instrs[i]!;
    if (swap.op !== Op.SWAP) {
      if (swap.op === Op.NOP || swappable(swap.op)) continue;
      return;
    }
    const j = nextSwappableInstruction(block, i, -1);
    if (j < 0) return;
    let k = j;
    const lineno = block.instrs[j]!.loc.line;
    for (let count = swap.arg - 1; count > 0; count--) {
      k = nextSwappableInstruction(block, k, lineno);
      if (k < 0) return;
    }
    const storeJ = storesTo(block.instrs[j]!);
    const storeK = storesTo(block.instrs[k]!);
    if (storeJ >= 0 || storeK >= 0) {
      if (storeJ === storeK) return;
      for (let idx = j + 1; idx < k; idx++) {
        const s = storesTo(block.instrs[idx]!);
        if (s >= 0 && (s === storeJ || s === storeK)) return;
      }
    }
    setNop(swap);
    const tmp = block.instrs[j]!;
    block.instrs[j] = block.instrs[k]!;
    block.instrs[k] = tmp;
  }
}

function optimizeBasicBlock(bb: BasicBlock, consts: ConstTable): void {
  const nop: Instr = { op: Op.NOP, arg: 0, loc: NO_LOCATION, target: null, except: null };
  let target: Instr = nop;
  let opcode = 0;
  let oparg = 0;
  for (let i = 0; i < bb.instrs.length; i++) {
    const inst = bb.instrs[i]!;
    const isCopyOfLoadConst = opcode === Op.LOAD_CONST && inst.op === Op.COPY && inst.arg === 1;
    if (!isCopyOfLoadConst) {
      opcode = inst.op;
      oparg = inst.arg;
      target = hasTarget(opcode) ? inst.target!.instrs[0]! : nop;
    }
    const nextop = i + 1 < bb.instrs.length ? bb.instrs[i + 1]!.op : 0;
    switch (opcode) {
      case Op.LOAD_CONST:
        switch (nextop) {
          case Op.POP_JUMP_IF_FALSE:
          case Op.POP_JUMP_IF_TRUE: {
            const isTrue = pyTruthy(consts.list[oparg]!);
            setNop(inst);
            const jumpIfTrue = nextop === Op.POP_JUMP_IF_TRUE;
            if (isTrue === jumpIfTrue) bb.instrs[i + 1]!.op = Op.JUMP;
            else setNop(bb.instrs[i + 1]!);
            break;
          }
          case Op.IS_OP: {
            const cnt = consts.list[oparg];
            const jumpOp = i + 2 < bb.instrs.length ? bb.instrs[i + 2]!.op : 0;
            if (cnt === null && (jumpOp === Op.POP_JUMP_IF_FALSE || jumpOp === Op.POP_JUMP_IF_TRUE)) {
              const nextarg = bb.instrs[i + 1]!.arg & 0xff;
              setNop(inst);
              setNop(bb.instrs[i + 1]!);
              const invert = (nextarg ^ (jumpOp === Op.POP_JUMP_IF_FALSE ? 1 : 0)) !== 0;
              bb.instrs[i + 2]!.op = invert ? Op.POP_JUMP_IF_NOT_NONE : Op.POP_JUMP_IF_NONE;
            }
            break;
          }
          case Op.RETURN_VALUE:
            setNop(inst);
            i++;
            bb.instrs[i]!.op = Op.RETURN_CONST;
            bb.instrs[i]!.arg = oparg;
            break;
        }
        break;
      case Op.BUILD_TUPLE:
        if (nextop === Op.UNPACK_SEQUENCE && oparg === bb.instrs[i + 1]!.arg) {
          if (oparg === 1) {
            setNop(inst);
            setNop(bb.instrs[i + 1]!);
            continue;
          }
          if (oparg === 2 || oparg === 3) {
            setNop(inst);
            bb.instrs[i + 1]!.op = Op.SWAP;
            continue;
          }
        }
        if (i >= oparg) foldTupleOnConstants(bb, i, oparg, consts);
        break;
      case Op.POP_JUMP_IF_NOT_NONE:
      case Op.POP_JUMP_IF_NONE:
        if (target.op === Op.JUMP) i -= jumpThread(inst, target, inst.op) ? 1 : 0;
        break;
      case Op.POP_JUMP_IF_FALSE:
        if (target.op === Op.JUMP) i -= jumpThread(inst, target, Op.POP_JUMP_IF_FALSE) ? 1 : 0;
        break;
      case Op.POP_JUMP_IF_TRUE:
        if (target.op === Op.JUMP) i -= jumpThread(inst, target, Op.POP_JUMP_IF_TRUE) ? 1 : 0;
        break;
      case Op.JUMP:
        if (target.op === Op.JUMP) i -= jumpThread(inst, target, Op.JUMP) ? 1 : 0;
        break;
      case Op.SWAP:
        if (oparg === 1) {
          setNop(inst);
          break;
        }
        i = swaptimize(bb, i);
        applyStaticSwaps(bb, i);
        break;
      case Op.PUSH_NULL:
        if (nextop === Op.LOAD_GLOBAL && (bb.instrs[i + 1]!.arg & 1) === 0) {
          setNop(inst);
          bb.instrs[i + 1]!.arg |= 1;
        }
        break;
      default:
        break;
    }
  }
}

function optimizeCfg(g: CfgBuilder, consts: ConstTable): void {
  checkCfg(g);
  eliminateEmptyBasicBlocks(g);
  for (const b of blocksOf(g.entry)) inlineSmallExitBlocks(b);
  for (const b of blocksOf(g.entry)) optimizeBasicBlock(b, consts);
  removeRedundantNopsAndPairs(g.entry);
  for (const b of blocksOf(g.entry)) inlineSmallExitBlocks(b);
  markReachable(g.entry);
  for (const b of blocksOf(g.entry)) if (b.predecessors === 0) b.instrs = [];
  for (const b of blocksOf(g.entry)) removeRedundantNops(b);
  eliminateEmptyBasicBlocks(g);
  removeRedundantJumps(g);
}

function removeUnusedConsts(entry: BasicBlock, consts: PyConst[]): void {
  const n = consts.length;
  if (n === 0) return;
  const used = new Array<boolean>(n).fill(false);
  used[0] = true; // the first constant may be the docstring: always kept
  for (const b of blocksOf(entry)) for (const i of b.instrs) if (hasConst(i.op)) used[i.arg] = true;
  const remap = new Array<number>(n).fill(-1);
  const kept: PyConst[] = [];
  for (let i = 0; i < n; i++) {
    if (used[i]) {
      remap[i] = kept.length;
      kept.push(consts[i]!);
    }
  }
  if (kept.length === n) return;
  consts.length = 0;
  consts.push(...kept);
  for (const b of blocksOf(entry)) for (const i of b.instrs) if (hasConst(i.op)) i.arg = remap[i.arg]!;
}

// ---- LOAD_FAST_CHECK ------------------------------------------------------------------

function maybePush(b: BasicBlock, unsafeMask: bigint, stack: BasicBlock[]): void {
  const both = b.unsafeLocalsMask | unsafeMask;
  if (b.unsafeLocalsMask !== both) {
    b.unsafeLocalsMask = both;
    if (!b.visited) {
      stack.push(b);
      b.visited = true;
    }
  }
}

function scanBlockForLocals(b: BasicBlock, stack: BasicBlock[]): void {
  let unsafeMask = b.unsafeLocalsMask;
  for (const instr of b.instrs) {
    if (instr.except !== null) maybePush(instr.except, unsafeMask, stack);
    if (instr.arg >= 64) continue;
    const bit = 1n << BigInt(instr.arg);
    switch (instr.op) {
      case Op.DELETE_FAST:
      case Op.LOAD_FAST_AND_CLEAR:
      case Op.STORE_FAST_MAYBE_NULL:
        unsafeMask |= bit;
        break;
      case Op.STORE_FAST:
      case Op.LOAD_FAST_CHECK:
        unsafeMask &= ~bit;
        break;
      case Op.LOAD_FAST:
        if (unsafeMask & bit) instr.op = Op.LOAD_FAST_CHECK;
        unsafeMask &= ~bit;
        break;
    }
  }
  if (b.next !== null && b.hasFallthrough()) maybePush(b.next, unsafeMask, stack);
  const last = b.last();
  if (last !== undefined && isJump(last.op)) maybePush(last.target!, unsafeMask, stack);
}

function fastScanManyLocals(entry: BasicBlock, nlocals: number): void {
  const states = new Array<number>(nlocals - 64).fill(0);
  let blocknum = 0;
  for (const b of blocksOf(entry)) {
    blocknum++;
    for (const instr of b.instrs) {
      const arg = instr.arg;
      if (arg < 64) continue;
      switch (instr.op) {
        case Op.DELETE_FAST:
        case Op.LOAD_FAST_AND_CLEAR:
        case Op.STORE_FAST_MAYBE_NULL:
          states[arg - 64] = blocknum - 1;
          break;
        case Op.STORE_FAST:
          states[arg - 64] = blocknum;
          break;
        case Op.LOAD_FAST:
          if (states[arg - 64] !== blocknum) instr.op = Op.LOAD_FAST_CHECK;
          states[arg - 64] = blocknum;
          break;
      }
    }
  }
}

function addChecksForLoadsOfUninitializedVariables(entry: BasicBlock, nlocals: number, nparams: number): void {
  if (nlocals === 0) return;
  if (nlocals > 64) {
    fastScanManyLocals(entry, nlocals);
    nlocals = 64;
  }
  resetVisited(entry);
  for (const b of blocksOf(entry)) b.unsafeLocalsMask = 0n;
  const stack: BasicBlock[] = [];
  let startMask = 0n;
  for (let i = nparams; i < nlocals; i++) startMask |= 1n << BigInt(i);
  maybePush(entry, startMask, stack);
  for (const b of blocksOf(entry)) scanBlockForLocals(b, stack);
  while (stack.length > 0) {
    const b = stack.pop()!;
    b.visited = false;
    scanBlockForLocals(b, stack);
  }
}

// ---- cold blocks ----------------------------------------------------------------------

function markWarm(entry: BasicBlock): void {
  resetVisited(entry);
  const stack: BasicBlock[] = [entry];
  entry.visited = true;
  while (stack.length > 0) {
    const b = stack.pop()!;
    b.warm = true;
    const next = b.next;
    if (next !== null && b.hasFallthrough() && !next.visited) {
      stack.push(next);
      next.visited = true;
    }
    for (const instr of b.instrs) {
      if (isJump(instr.op) && !instr.target!.visited) {
        stack.push(instr.target!);
        instr.target!.visited = true;
      }
    }
  }
}

function markCold(entry: BasicBlock): void {
  markWarm(entry);
  resetVisited(entry);
  const stack: BasicBlock[] = [];
  for (const b of blocksOf(entry)) {
    if (b.exceptHandler) {
      stack.push(b);
      b.visited = true;
    }
  }
  while (stack.length > 0) {
    const b = stack.pop()!;
    b.cold = true;
    const next = b.next;
    if (next !== null && b.hasFallthrough() && !next.warm && !next.visited) {
      stack.push(next);
      next.visited = true;
    }
    for (const instr of b.instrs) {
      if (isJump(instr.op)) {
        const target = instr.target!;
        if (!target.warm && !target.visited) {
          stack.push(target);
          target.visited = true;
        }
      }
    }
  }
}

function pushColdBlocksToEnd(g: CfgBuilder): void {
  const entry = g.entry;
  if (entry.next === null) return;
  markCold(entry);
  let nextLbl = maxLabel(entry) + 1;
  // A cold block falling through into a warm one gets an explicit jump instead.
  for (const b of blocksOf(entry)) {
    if (b.cold && b.hasFallthrough() && b.next !== null && b.next.warm) {
      const explicitJump = g.newBlock();
      if (b.next.label < 0) b.next.label = nextLbl++;
      explicitJump.instrs.push({ op: Op.JUMP, arg: b.next.label, loc: NO_LOCATION, target: b.next, except: null });
      explicitJump.cold = true;
      explicitJump.next = b.next;
      b.next = explicitJump;
    }
  }
  let coldBlocks: BasicBlock | null = null;
  let coldTail: BasicBlock | null = null;
  let b = entry;
  while (b.next !== null) {
    while (b.next !== null && !b.next.cold) b = b.next;
    if (b.next === null) break;
    let bEnd = b.next;
    while (bEnd.next !== null && bEnd.next.cold) bEnd = bEnd.next;
    if (coldBlocks === null) coldBlocks = b.next;
    else coldTail!.next = b.next;
    coldTail = bEnd;
    b.next = bEnd.next;
    bEnd.next = null;
  }
  b.next = coldBlocks;
  if (coldBlocks !== null) removeRedundantJumps(g);
}

// ---- line numbers ---------------------------------------------------------------------

function isExitWithoutLineno(b: BasicBlock): boolean {
  if (!b.exitsScope()) return false;
  return b.instrs.every((i) => i.loc.line < 0);
}

/** Exit blocks without a line number get one copy per predecessor (PEP 626). */
function duplicateExitsWithoutLineno(g: CfgBuilder): void {
  let nextLbl = maxLabel(g.entry) + 1;
  for (const b of blocksOf(g.entry)) {
    const last = b.last()!;
    if (isJump(last.op)) {
      const target = last.target!;
      if (isExitWithoutLineno(target) && target.predecessors > 1) {
        const copy = g.newBlock();
        copy.instrs = target.instrs.map(copyInstr);
        copy.instrs[0]!.loc = last.loc;
        last.target = copy;
        target.predecessors--;
        copy.predecessors = 1;
        copy.next = target.next;
        copy.label = nextLbl++;
        target.next = copy;
      }
    }
  }
  for (const b of blocksOf(g.entry)) {
    if (b.hasFallthrough() && b.next !== null && b.instrs.length > 0) {
      if (isExitWithoutLineno(b.next)) b.next.instrs[0]!.loc = b.last()!.loc;
    }
  }
}

function propagateLineNumbers(entry: BasicBlock): void {
  for (const b of blocksOf(entry)) {
    const last = b.last();
    if (last === undefined) continue;
    let prev = NO_LOCATION;
    for (const i of b.instrs) {
      if (i.loc.line < 0) i.loc = prev;
      else prev = i.loc;
    }
    if (b.hasFallthrough() && b.next !== null && b.next.predecessors === 1) {
      if (b.next.instrs[0]!.loc.line < 0) b.next.instrs[0]!.loc = prev;
    }
    if (isJump(last.op)) {
      const target = last.target!;
      if (target.predecessors === 1 && target.instrs[0]!.loc.line < 0) target.instrs[0]!.loc = prev;
    }
  }
}

function guaranteeLinenoForExits(entry: BasicBlock, firstlineno: number): void {
  let lineno = firstlineno;
  for (const b of blocksOf(entry)) {
    const last = b.last();
    if (last === undefined) continue;
    if (last.loc.line < 0) {
      if (last.op === Op.RETURN_VALUE) {
        for (const i of b.instrs) i.loc = { ...i.loc, line: lineno };
      }
    } else {
      lineno = last.loc.line;
    }
  }
}

/** `_PyCfg_OptimizeCodeUnit`. `consts` is updated in place. */
export function optimizeCodeUnit(
  g: CfgBuilder,
  consts: PyConst[],
  nlocals: number,
  nparams: number,
  firstlineno: number,
): void {
  translateLabels(g.entry);
  markExceptHandlers(g.entry);
  labelExceptionTargets(g.entry);
  optimizeCfg(g, new ConstTable(consts));
  removeUnusedConsts(g.entry, consts);
  addChecksForLoadsOfUninitializedVariables(g.entry, nlocals, nparams);
  pushColdBlocksToEnd(g);
  duplicateExitsWithoutLineno(g);
  propagateLineNumbers(g.entry);
  guaranteeLinenoForExits(g.entry, firstlineno);
}

// ---- assembly helpers -----------------------------------------------------------------

/** `_PyCfg_Stackdepth`: the deepest value stack on any path. */
export function stackdepth(entry: BasicBlock): number {
  for (const b of blocksOf(entry)) b.startdepth = Number.MIN_SAFE_INTEGER;
  const stack: BasicBlock[] = [];
  const push = (b: BasicBlock, depth: number): void => {
    if (b.startdepth < depth && b.startdepth < 100) {
      b.startdepth = depth;
      stack.push(b);
    }
  };
  let maxdepth = 0;
  push(entry, 0);
  while (stack.length > 0) {
    const b = stack.pop()!;
    let depth = b.startdepth;
    let next = b.next;
    for (const instr of b.instrs) {
      const effect = stackEffect(instr.op, instr.arg, false);
      const newDepth = depth + effect;
      if (newDepth < 0) throw new Error(`stackdepth: negative stack at ${instr.op}`);
      if (newDepth > maxdepth) maxdepth = newDepth;
      if (hasTarget(instr.op)) {
        const targetDepth = depth + stackEffect(instr.op, instr.arg, true);
        if (targetDepth > maxdepth) maxdepth = targetDepth;
        push(instr.target!, targetDepth);
      }
      depth = newDepth;
      if (isUnconditionalJump(instr.op) || isScopeExit(instr.op)) {
        next = null;
        break;
      }
    }
    if (next !== null) push(next, depth);
  }
  return maxdepth;
}

/** SETUP_* and POP_BLOCK become NOPs (then dropped); STORE_FAST_MAYBE_NULL → STORE_FAST. */
export function convertPseudoOps(entry: BasicBlock): void {
  for (const b of blocksOf(entry)) {
    for (const i of b.instrs) {
      if (isBlockPush(i.op) || i.op === Op.POP_BLOCK) setNop(i);
      else if (i.op === Op.STORE_FAST_MAYBE_NULL) i.op = Op.STORE_FAST;
    }
  }
  for (const b of blocksOf(entry)) removeRedundantNops(b);
}

/** JUMP → JUMP_FORWARD/BACKWARD; a backward conditional jump becomes a reversed
 *  conditional jump over a JUMP_BACKWARD (`normalize_jumps`). */
function normalizeJumps(g: CfgBuilder): void {
  resetVisited(g.entry);
  for (let b: BasicBlock | null = g.entry; b !== null; b = b.next) {
    b.visited = true;
    const last = b.last();
    if (last === undefined || !isJump(last.op)) continue;
    const isForward = !last.target!.visited;
    if (last.op === Op.JUMP) {
      last.op = isForward ? Op.JUMP_FORWARD : Op.JUMP_BACKWARD;
      continue;
    }
    if (last.op === Op.JUMP_NO_INTERRUPT) {
      last.op = isForward ? Op.JUMP_FORWARD : Op.JUMP_BACKWARD_NO_INTERRUPT;
      continue;
    }
    const reversed: Record<number, number> = {
      [Op.POP_JUMP_IF_NOT_NONE]: Op.POP_JUMP_IF_NONE,
      [Op.POP_JUMP_IF_NONE]: Op.POP_JUMP_IF_NOT_NONE,
      [Op.POP_JUMP_IF_FALSE]: Op.POP_JUMP_IF_TRUE,
      [Op.POP_JUMP_IF_TRUE]: Op.POP_JUMP_IF_FALSE,
    };
    if (isForward) continue;
    const target = last.target!;
    const backwardsJump = g.newBlock();
    // As in 3.12, the new JUMP carries no exception handler (i_except stays NULL).
    backwardsJump.instrs.push({ op: Op.JUMP, arg: target.label, loc: last.loc, target, except: null });
    last.op = reversed[last.op] ?? last.op;
    last.target = b.next;
    backwardsJump.cold = b.cold;
    backwardsJump.next = b.next;
    b.next = backwardsJump;
  }
}

/** Block offsets (code units) and jump opargs, iterating until EXTENDED_ARGs settle. */
function resolveJumpOffsets(entry: BasicBlock): void {
  let recompile = true;
  while (recompile) {
    let totsize = 0;
    for (const b of blocksOf(entry)) {
      b.offset = totsize;
      for (const i of b.instrs) totsize += instrSize(i.op, i.arg);
    }
    recompile = false;
    for (const b of blocksOf(entry)) {
      let bsize = b.offset;
      for (const instr of b.instrs) {
        const isize = instrSize(instr.op, instr.arg);
        bsize += isize;
        if (isJump(instr.op)) {
          let arg = instr.target!.offset;
          if (arg < bsize) {
            if (!isBackwardJump(instr.op)) throw new Error("forward jump op used for a backward jump");
            arg = bsize - arg;
          } else {
            if (isBackwardJump(instr.op)) throw new Error("backward jump op used for a forward jump");
            arg -= bsize;
          }
          instr.arg = arg;
          if (instrSize(instr.op, instr.arg) !== isize) recompile = true;
        }
      }
    }
  }
}

export function resolveJumps(g: CfgBuilder): void {
  normalizeJumps(g);
  resolveJumpOffsets(g.entry);
}

export { blocksOf };
