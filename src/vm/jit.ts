/**
 * The tier-2 translator: a hot loop (or a hot code object without loops) becomes a
 * JavaScript function, made with `new Function` from its instructions, which V8 compiles
 * to machine code of its own. What the interpreter pays per instruction and this does
 * not: the fetch and the `switch` (an instruction follows the one before as straight-line
 * code), reading the oparg (it is a literal), generality (a BINARY_OP `*` of two ints is
 * a multiply, not a switch on the operator; a constant or a name is a heap address), and
 * the value stack's traffic for values consumed right away (Gen's virtual stack).
 *
 * It does what the eval loop does, in the same order, with the same reference counts,
 * bytecode counts and eval-breaker points, over the same frame, so either tier can stop at
 * an instruction boundary and the other go on. It hands the frame back to the interpreter
 * at a loop's exit, a return, an instruction it does not translate and work for the eval
 * breaker; the interpreter runs on and enters translated code again at the next loop head
 * (JUMP_BACKWARD), function entry (RESUME) or return into loop-free code. A call of a
 * Python function is made here, as a nested run of the interpreter, while the thread's
 * stack is shallow (JIT_CALL_DEPTH).
 *
 *   jit(vm, f, pc, sp) → the pc the interpreter goes on at; the frame's SP word holds sp.
 *
 * An exception thrown inside leaves through the catch below with the instruction's pc and
 * the stack pointer it reached in vm.jitPc / vm.jitSp, and the eval loop's unwinder takes
 * it from there, as for any instruction of its own.
 *
 * Not CPython's (3.12 has no JIT; 3.13's copy-and-patch JIT is off by default), but the
 * same idea as its tier 2: the bytecode is the specification, translated code an optimizer.
 */
import { OB, RT } from "../heap/layout.js";
import {
  DICT, FIRST_USER_TYPE, IMMORTAL_MIN, INT, KEYS, LIST, RANGE_ITER_BYTE, SEQ_ITER, SMALL_INT_STRIDE, TID, TUPLE,
  dictGetGlobalRef, dictGetItem, dictGetItemRef, dictGetItemStr, dictGetItemStrRef, dictLoadGlobal, dictSetItem, dictSetItemInt, dictSetItemStr, intFromNumber, listAppend, listNew, listSetItem, tupleInit, tupleNew,
} from "../objects/index.js";
import type { QuickPaths } from "../objects/quick.js";
import type { LoadedCode } from "./code.js";
import type { Interp } from "./interp.js";
import { BUILTIN, F, FRAME_HEADER_WORDS, VTID } from "./layout.js";
import { NATIVES, TYPE_METHODS } from "./natives.js";
import { Op, stackEffect } from "../compiler/opcodes.js";
import { dumpGenerated } from "../util/dump.js";

export type JitFn = (vm: Interp, f: number, pc: number, sp: number) => number;

/** What the generated code calls, handed to it once per code object. */
const RUNTIME = {
  dictGetItem, dictGetGlobalRef, dictLoadGlobal, dictGetItemRef, dictGetItemStr, dictGetItemStrRef, dictSetItem, dictSetItemInt, dictSetItemStr, intFromNumber, listAppend, listNew, listSetItem,
  tupleInit, tupleNew, NATIVES,
};

/** By default a loop is translated once it has run this many iterations, and a code
 *  object without loops once it has been called this often (`gilsim run --jit N`;
 *  JIT_OFF: never). */
export const JIT_DEFAULT = 64;
export const JIT_OFF = -1;

/** For its first WARM_ITERATIONS loop iterations, translated code leaves at a loop head
 *  every WARM_EXIT_EVERY-th iteration (the first included), and the interpreter enters
 *  again: the exit path then has type feedback before V8 compiles the loop. V8 gives a
 *  function its feedback vector only after some thousands of bytecodes of it have run
 *  (lazily), so one exit at the first iteration would record nothing. */
const WARM_ITERATIONS = 4096;
const WARM_EXIT_EVERY = 16;
/** After that, every LATER_EXIT_EVERY-th iteration: V8 compiles a hot translated loop
 *  while it runs, and the next entry after that runs the compiled code, without waiting
 *  for V8 to compile the loop a second time for on-stack replacement. */
const LATER_EXIT_EVERY = 1024;

/** Translated code calls a Python function itself (a nested run of the interpreter, on
 *  the JS stack) while the thread has fewer frames than this; deeper, the interpreter
 *  makes the call in its own loop, which needs no JS stack (RecursionError comes at
 *  CPython's depth, not at the JS stack's). */
const JIT_CALL_DEPTH = 64;

/** The eval loop and translated code hand their int32 bytecode and refcount counters over
 *  at this count, long before they could wrap. */
export const COUNTER_FLUSH = 1 << 28;

/** The mode facts a translation depends on (fixed for a run, so for a LoadedCode). */
export interface JitMode {
  /** gil and nogil: plain read-modify-write refcounts, done inline. */
  readonly plainRc: boolean;
  /** gil and nogil: lists need no lock, their items are read inline. */
  readonly plainCt: boolean;
  /** gil: LOAD_FAST's incref and its consumer's decref may be elided (counted, not done):
   *  no other thread runs in between. Not nogil, whose point is that they race. */
  readonly elide: boolean;
  /** The thread's space's quick paths (ObjSpace.quickPaths, objects/quick.ts): newInt
   *  and release, pymalloc's common case written out in gil, the calls elsewhere. */
  readonly ints: QuickPaths;
}

/** The instructions that take their operands from the virtual stack and push onto it;
 *  before any other, the virtual stack is written to the heap. */
const VIRTUAL = new Set([Op.CACHE, Op.NOP, Op.EXTENDED_ARG, Op.LOAD_FAST, Op.LOAD_CONST, Op.STORE_FAST, Op.POP_TOP, Op.BINARY_OP, Op.COMPARE_OP,
  Op.POP_JUMP_IF_FALSE, Op.POP_JUMP_IF_TRUE, Op.BINARY_SUBSCR, Op.FOR_ITER]);

/** The instructions translated; the rest go back to the interpreter. */
const TRANSLATED = new Set([Op.CACHE, Op.NOP, Op.EXTENDED_ARG, Op.RESUME, Op.LOAD_FAST, Op.LOAD_CONST, Op.STORE_FAST, Op.POP_TOP, Op.PUSH_NULL,
  Op.COPY, Op.SWAP, Op.END_FOR, Op.LOAD_GLOBAL, Op.LOAD_ATTR, Op.STORE_ATTR, Op.BINARY_OP, Op.COMPARE_OP, Op.IS_OP, Op.CONTAINS_OP, Op.UNARY_NOT,
  Op.UNARY_NEGATIVE, Op.UNARY_INVERT,
  Op.BINARY_SUBSCR, Op.STORE_SUBSCR, Op.BUILD_TUPLE, Op.BUILD_LIST, Op.LIST_APPEND, Op.JUMP_FORWARD, Op.JUMP_BACKWARD_NO_INTERRUPT,
  Op.JUMP_BACKWARD, Op.POP_JUMP_IF_FALSE, Op.POP_JUMP_IF_TRUE, Op.POP_JUMP_IF_NONE, Op.POP_JUMP_IF_NOT_NONE, Op.GET_ITER, Op.FOR_ITER,
  Op.KW_NAMES, Op.CALL]);

const JUMPS = new Set([Op.JUMP_FORWARD, Op.JUMP_BACKWARD, Op.JUMP_BACKWARD_NO_INTERRUPT, Op.POP_JUMP_IF_FALSE, Op.POP_JUMP_IF_TRUE,
  Op.POP_JUMP_IF_NONE, Op.POP_JUMP_IF_NOT_NONE]);

/** Translate `code`: the loop whose head is at pc `head` (its body up to the last
 *  JUMP_BACKWARD to it), or (head -1) the whole of a code object without loops. Each
 *  instruction is a `case` of one switch on pc that is entered only at a jump, so
 *  consecutive instructions run as straight-line code; a jump out of the region hands the
 *  frame back to the interpreter.
 *
 *  A loop at a time, not the function: V8 compiles the function for its hot loop, and in
 *  one function holding two loops the second would first run in code compiled (and type
 *  feedback gathered) for the first, a deopt and a recompile of both; a loop's function
 *  is small, so V8 also compiles it sooner. `i32` is the heap, where a constant is looked
 *  at (is it immortal?). */
export function translate(code: LoadedCode, mode: JitMode, head: number, i32: Int32Array): JitFn {
  const { ops, args } = code;
  const n = ops.length;
  // The region: [first, last].
  let first = 0, last = n - 1;
  if (head >= 0) {
    first = head;
    for (let k = head; k < n; k++) if (ops[k] === Op.JUMP_BACKWARD && args[k] === head) last = k;
  }
  // Where control can arrive other than from the instruction before: jump targets, the
  // start, and in code without loops (which the interpreter enters after RESUME and on
  // a return into it) the instruction after RESUME or a call. Each is a flush of the
  // virtual stack, so there are no others.
  const entry = new Uint8Array(n + 1);
  entry[first] = 1;
  for (let k = first; k <= last; k++) {
    const op = ops[k]!;
    if (JUMPS.has(op)) entry[args[k]!] = 1;
    else if (op === Op.FOR_ITER) entry[args[k]! + 1] = 1;
    else if ((op === Op.CALL || op === Op.RESUME) && head < 0) entry[k + 1] = 1;
  }
  // Loops: [head, JUMP_BACKWARD] for each JUMP_BACKWARD (its target is the head); and
  // the region itself, whose every exit is a loop's exit.
  const loops: [number, number][] = [[first, last]];
  for (let k = first; k <= last; k++) if (ops[k] === Op.JUMP_BACKWARD) loops.push([args[k]!, k]);
  // Constants that are immortal (plain refcounts only: see IMMORTAL).
  const immortal = (p: number): boolean => mode.plainRc && i32[(p >> 2) + OB.REFCNT]! >= IMMORTAL_MIN;
  const g = new Gen(mode, loops, immortal, entry);
  for (let k = first; k <= last; k++) {
    if (entry[k]) {
      // Control arrives here from elsewhere too: the heap stack must be exact.
      g.flush();
      g.line(`case ${k}:`);
    }
    const fused = k + 1 <= last && !entry[k + 1] ? ops[k + 1]! : -1;
    if (g.instruction(code, k, ops[k]!, args[k]!, fused)) k++;
  }
  g.flush();
  g.line(`pc = ${last + 1}; break out;`);
  const temps = Array.from({ length: g.maxVirtual }, (_, j) => `t${j} = 0`).join(", ");
  const body = `"use strict";
const { ${Object.keys(RUNTIME).join(", ")} } = rt;
// Loop iterations counted while warming up (see WARM_ITERATIONS).
let warm = 0;
// NaN, for a value that is not an int. Not the global NaN in the expressions themselves:
// with it there, V8's optimized code boxed every double it met (a JS allocation at every
// two-digit int; a scavenge every 13 ms in list_build); with 0 / 0 or this constant, none.
const NAN = 0 / 0;
// The heap's quick paths (objects/quick.ts), shared by every translation on the thread.
const { newInt, release } = ints;
return function ${jsName(code.co.qualname)}${head >= 0 ? `_loop${head}` : ""}(vm, f, pc, sp) {
  const s = vm.s, i32 = vm.i32, u32 = s.u32, f64 = s.f64;
  const own = vm.localOwner, ownMask = vm.localOwnerMask;
  const True = vm.True, False = vm.False, None = vm.None;
  const smallInt0 = s.smallInts + 5 * ${SMALL_INT_STRIDE};
  const eb = vm.hooks.evalBreaker;
  const lp = f + ${FRAME_HEADER_WORDS};
  let bytecodes = 0, nIncref = 0, nDecref = 0;${g.maxVirtual > 0 ? `
  // The virtual stack (see Gen).
  let ${temps};` : ""}
  try {
    out: for (;;) {
      switch (pc) {
${g.text()}
        default: break out;
      }
    }
  } catch (e) {
    vm.jitPc = pc;
    vm.jitSp = sp;
    // + 1: the instruction that threw (the interpreter counts an instruction as it starts).
    vm.bytecodes += bytecodes + 1; s.increfs += nIncref; s.decrefs += nDecref;
    throw e;
  }
  vm.bytecodes += bytecodes; s.increfs += nIncref; s.decrefs += nDecref;
  i32[f + ${F.SP}] = sp;
  return pc;
};
//# sourceURL=gilsim-jit/${code.co.filename}/${code.co.qualname}${head >= 0 ? `.loop${head}` : ""}.js`;
  dumpGenerated(`${jsName(code.co.qualname)}.${code.index}${head >= 0 ? `.loop${head}` : ""}.js`, body);
  return new Function("rt", "ints", "cache", body)(RUNTIME, mode.ints, code.attrCache) as JitFn;
}

/** A JS identifier from a qualname (profiles then name the function). */
function jsName(qualname: string): string {
  return "py_" + qualname.replace(/[^A-Za-z0-9_]/g, "_");
}

/** A value of the virtual stack: the top of the value stack, kept in the locals t0, t1, ...
 *  of the translated function instead of the heap. */
interface Virtual {
  readonly name: string;
  /** >= 0: LOAD_FAST's reference to local `local`, not yet incref'd (elided: see
   *  JitMode.elide); OWNED: an owned reference; IMMORTAL: a constant that is immortal. */
  local: number;
}
const OWNED = -1;
/** An immortal object's count never changes, and the inline refcounts of gil and nogil
 *  skip one without counting it: there a constant that is immortal is pushed and dropped
 *  without any code. (The other modes' refcount calls count the skips, so there it keeps
 *  its refcount code.) */
const IMMORTAL = -2;

/** An instruction's input, taken off the stack: `o0`, `o1`, ... in the instruction's block. */
interface Operand {
  readonly local: number;
  /** On the heap stack (below the virtual part), not virtual. */
  readonly heap: boolean;
}

/** The code generator: templates of the eval loop's cases (interp.ts), with the oparg and
 *  the mode's flags as constants.
 *
 *  The value stack: the top values an instruction pushes stay in JS locals (`virt`), and
 *  the instruction that takes them reads them there, so `a + b` does not store a and b to
 *  the heap and load them back. The heap stack is exact (every value materialized, with its
 *  reference) wherever anything else could see it: at every case label (a jump's target,
 *  where the interpreter enters), at every exit, before any instruction kept whole
 *  (`VIRTUAL` lists the ones that are not), and before any call that can raise (a slow
 *  path materializes its operands first, the rest was flushed when it took them).
 *
 *  V8 compiles a hot translated function while its loop runs (on-stack replacement), and
 *  whatever had not run by then has no type feedback: reaching it throws the optimized
 *  code away, and the function runs in V8's slow tiers until it is compiled again (tens of
 *  ms each time). So every path that is new when a loop ends leaves through the one exit,
 *  which has run before (see WARM_ITERATIONS):
 *  - a loop's exits (a jump out of it, FOR_ITER at the end of a range or list) hand the
 *    frame to the interpreter, which runs on until the next loop head or call;
 *  - an exit does no arithmetic: an instruction counts itself once it is done, so an
 *    instruction handed back (`giveBack`) was never counted;
 *  - the eval breaker's work is the interpreter's (RESUME, JUMP_BACKWARD are handed back). */
class Gen {
  private readonly out: string[] = [];
  private virt: Virtual[] = [];
  /** How many t locals the function needs. */
  maxVirtual = 0;
  constructor(private readonly mode: JitMode, private readonly loops: readonly (readonly [number, number])[],
    private readonly immortal: (p: number) => boolean, private readonly entry: Uint8Array) {}

  line(s: string): void {
    this.out.push(s);
  }

  text(): string {
    return this.out.join("\n");
  }

  // ── reference counts, as the eval loop does them inline ──

  incref(v: string): string {
    const inline = `{ const rc = i32[${v} >> 2]; if (rc < ${IMMORTAL_MIN}) { i32[${v} >> 2] = rc + 1; nIncref = (nIncref + 1) | 0; } }`;
    if (this.mode.plainRc) return inline;
    return `if ((i32[(${v} >> 2) + ${OB.TID}] & ownMask) === own) ${inline} else s.incref(${v});`;
  }

  decref(v: string): string {
    const inline = `{ const rc = i32[${v} >> 2]; if (rc < ${IMMORTAL_MIN}) { if (rc > 1) { i32[${v} >> 2] = rc - 1; nDecref = (nDecref + 1) | 0; } else release(s, i32, ${v}); } }`;
    if (this.mode.plainRc) return inline;
    return `if ((i32[(${v} >> 2) + ${OB.TID}] & ownMask) === own) ${inline} else s.decref(${v});`;
  }

  /** Drop operand `o` (named `v`): its reference, or a borrowed one's counts, or nothing
   *  for an immortal constant. */
  private drop(o: Operand, v: string): string {
    if (o.local === IMMORTAL) return "";
    return o.local >= 0 && this.mode.elide ? this.countBorrowed(v) : this.decref(v);
  }

  /** LOAD_FAST's incref and the consumer's decref of a borrowed value, elided: only counted
   *  (the local holds the object throughout, and nothing between could see its count). */
  private countBorrowed(v: string): string {
    return `if (i32[${v} >> 2] < ${IMMORTAL_MIN}) { nIncref = (nIncref + 1) | 0; nDecref = (nDecref + 1) | 0; }`;
  }

  // ── the virtual stack ──

  /** Push `expr` (an owned reference, or local `local`'s value, borrowed). */
  private push(expr: string, local = OWNED): string {
    const name = `t${this.virt.length}`;
    this.virt.push({ name, local });
    this.maxVirtual = Math.max(this.maxVirtual, this.virt.length);
    return `${name} = ${expr};`;
  }

  /** Code that writes the virtual values to the heap stack (increfing borrowed ones), for
   *  a path that leaves: the state of the straight-line code goes on unchanged. */
  private spill(): string {
    return this.store(this.virt);
  }

  /** Code that writes `entries` to the heap stack from sp on (increfing borrowed ones). */
  private store(entries: readonly Virtual[]): string {
    if (entries.length === 0) return "";
    const parts = entries.map((e, j) => `${e.local >= 0 ? this.incref(e.name) + " " : ""}i32[sp + ${j}] = ${e.name};`);
    return `${parts.join(" ")} sp += ${entries.length};`;
  }

  /** Materialize the virtual values: the heap stack is then exact. */
  flush(): void {
    const code = this.spill();
    if (code !== "") this.line(code);
    this.virt = [];
  }

  /** Before local k is stored to: a value borrowed from it becomes owned. (A guard: with
   *  COPY and SWAP kept whole, which flush, no borrowed value is below a STORE_FAST.) */
  private ownBorrowedOf(k: number): string {
    let code = "";
    for (const e of this.virt) {
      if (e.local === k) {
        code += this.incref(e.name) + " ";
        e.local = OWNED;
      }
    }
    return code;
  }

  /** Take the top n values as `const o0, ..., o{n-1}` (o0 deepest), after materializing
   *  whatever is below them; returns them and how many were on the heap (`sp` still
   *  counts those: consume() or the slow path's code drops them). */
  private take(n: number): { code: string; ops: Operand[]; onHeap: number } {
    const nv = Math.min(n, this.virt.length);
    let code = "";
    if (this.virt.length > nv) {
      // What lies below the operands goes to the heap (a slow path's call may raise).
      code += this.store(this.virt.slice(0, this.virt.length - nv)) + " ";
      const top = this.virt.slice(this.virt.length - nv);
      // The operands keep their t locals, renumbered from t0.
      code += top.map((e, j) => `t${j} = ${e.name};`).join(" ") + " ";
      this.virt = top.map((e, j) => ({ name: `t${j}`, local: e.local }));
    }
    const onHeap = n - nv;
    const ops: Operand[] = [];
    const decls: string[] = [];
    for (let i = 0; i < onHeap; i++) {
      decls.push(`o${i} = i32[sp - ${onHeap - i}]`);
      ops.push({ local: OWNED, heap: true });
    }
    const virt = this.virt.splice(this.virt.length - nv, nv);
    virt.forEach((e, j) => {
      decls.push(`o${onHeap + j} = ${e.name}`);
      ops.push({ local: e.local, heap: false });
    });
    return { code: `${code}const ${decls.join(", ")};`, ops, onHeap };
  }

  /** The operands are done with, on the fast path: heap ones off the stack, each one's
   *  reference dropped (or a borrowed one's counts made). */
  private consume(ops: readonly Operand[], onHeap: number): string {
    const parts = onHeap > 0 ? [`sp -= ${onHeap};`] : [];
    ops.forEach((o, i) => parts.push(this.drop(o, `o${i}`)));
    return parts.join(" ");
  }

  /** A slow path that can raise: the operands go onto the heap stack as the interpreter
   *  has them (borrowed ones incref'd), `call` runs, then they are dropped. */
  private slow(ops: readonly Operand[], call: string): string {
    const parts: string[] = [];
    let j = 0;
    ops.forEach((o, i) => {
      if (o.heap) return;
      if (o.local >= 0) parts.push(this.incref(`o${i}`));
      parts.push(`i32[sp + ${j++}] = o${i};`);
    });
    if (j > 0) parts.push(`sp += ${j};`);
    parts.push(call);
    parts.push(`sp -= ${ops.length};`);
    ops.forEach((o, i) => parts.push(o.local === IMMORTAL ? "" : this.decref(`o${i}`)));
    return parts.join(" ");
  }

  /** Hand the frame to the interpreter at instruction k, which this has done nothing of
   *  (the interpreter runs and counts it). */
  private giveBack(k: number): string {
    return `{ ${this.spill()} pc = ${k}; break out; }`;
  }

  /** Instruction `from` is done and goes on at `to`: a jump within the translation, or,
   *  out of a loop that contains `from`, an exit to the interpreter at `to`. */
  private jump(from: number, to: number): string {
    const leaves = this.loops.some(([head, end]) => from >= head && from <= end && (to < head || to > end));
    return `{ ${this.spill()} pc = ${to}; ${leaves ? "break" : "continue"} out; }`;
  }

  /** The one-digit int value of int object `p` (the caller checked INT.SIZE). */
  private digit(p: string): string {
    return `i32[(${p} >> 2) + ${INT.SIZE}] * u32[(${p} >> 2) + ${INT.DIGITS}]`;
  }

  /** `dst = ` the value of int `p` (of INT.SIZE `n`) as a number: exact up to two digits
   *  below 2**53, else NaN (intAsNumber, inline: the translated function is too big for
   *  V8 to inline a call into it). */
  private intValue(dst: string, p: string, n: string): string {
    const d = `(${p} >> 2) + ${INT.DIGITS}`;
    // Every operation runs whatever the size (the word above a one-digit int is inside
    // its 32-byte block): a first run at the first two-digit int would be a deopt.
    // (hi + 0.5) * 2**30 - 2**29 is hi * 2**30, exact, as a double from the first run (an
    // int32 product would overflow at the first high digit past 1, a deopt too).
    // And -0, not 0, for no high digit: a double too, so the sum is never speculated int32.
    return `{ const m = ${n} * ${n}, high = (u32[${d} + 1] + 0.5) * ${2 ** 30} - ${2 ** 29}, abs = u32[${d}] + (m === 4 ? high : -0); ` +
      `${dst} = m > 4 || abs > 9007199254740991 ? NAN : ${n} > 0 ? abs : ${n} < 0 ? -abs : 0; }`;
  }

  /** True when `p` is an int. */
  private isInt(p: string): string {
    return `i32[(${p} >> 2) + ${OB.TYPE}] === ${TID.INT}`;
  }

  /** True when `p` is an int of at most one digit. */
  private smallInt(p: string): string {
    return `i32[(${p} >> 2) + ${OB.TYPE}] === ${TID.INT} && (i32[(${p} >> 2) + ${INT.SIZE}] + 1) >>> 0 <= 2`;
  }

  /** One more instruction done. */
  private count(): string {
    return "bytecodes = (bytecodes + 1) | 0;";
  }

  /** Emit instruction k; returns true when it also ran the next one (`fused`, which is
   *  not an entry point). */
  instruction(code: LoadedCode, k: number, op: number, oparg: number, fused: number): boolean {
    const L = (s: string): void => this.line(s);
    if (!VIRTUAL.has(op)) this.flush();
    if (!TRANSLATED.has(op)) {
      // The interpreter's: a return (it pops the frame), or what is not translated.
      L(this.giveBack(k));
      return false;
    }
    // pc as the eval loop has it while running instruction k: past it. Set first, so a
    // throw anywhere in the instruction reports k.
    L(`pc = ${k + 1};`);
    const done = this.count();
    switch (op) {
      case Op.CACHE: case Op.NOP: case Op.EXTENDED_ARG:
        L(done);
        return false;
      case Op.RESUME:
        // The breaker's work is the interpreter's RESUME.
        L(`if (i32[eb] !== 0) ${this.giveBack(k)}`);
        L(done);
        return false;
      case Op.LOAD_FAST:
        if (this.mode.elide) L(`${this.push(`i32[lp + ${oparg}]`, oparg)} ${done}`);
        else L(`${this.push(`i32[lp + ${oparg}]`)} ${this.incref(this.virt[this.virt.length - 1]!.name)} ${done}`);
        return false;
      case Op.LOAD_CONST:
        if (this.immortal(code.consts[oparg]!)) L(`${this.push(String(code.consts[oparg]!), IMMORTAL)} ${done}`);
        else L(`${this.push(String(code.consts[oparg]!))} ${this.incref(this.virt[this.virt.length - 1]!.name)} ${done}`);
        return false;
      case Op.STORE_FAST: {
        const owns = this.ownBorrowedOf(oparg);
        const { code: take, ops } = this.take(1);
        // A value borrowed from another local gets the reference the store keeps.
        const keep = ops[0]!.local >= 0 ? this.incref("o0") : "";
        L(`{ ${owns}${take} ${keep} ${ops[0]!.heap ? "sp--; " : ""}const old = i32[lp + ${oparg}]; i32[lp + ${oparg}] = o0; if (old !== 0) ${this.decref("old")} } ${done}`);
        return false;
      }
      case Op.POP_TOP: {
        const { code: take, ops, onHeap } = this.take(1);
        L(`{ ${take} ${this.consume(ops, onHeap)} } ${done}`);
        return false;
      }
      case Op.PUSH_NULL:
        L(`i32[sp++] = 0; ${done}`);
        return false;
      case Op.COPY:
        L(`{ const v = i32[sp - ${oparg}]; ${this.incref("v")} i32[sp++] = v; } ${done}`);
        return false;
      case Op.SWAP:
        L(`{ const t = i32[sp - 1]; i32[sp - 1] = i32[sp - ${oparg}]; i32[sp - ${oparg}] = t; } ${done}`);
        return false;
      case Op.END_FOR:
        L(`s.decref(i32[--sp]); s.decref(i32[--sp]); ${done}`);
        return false;
      case Op.LOAD_GLOBAL: {
        // Not found: the interpreter raises the NameError.
        const name = code.names[oparg >> 1]!;
        if (this.mode.plainCt) {
          // LOAD_GLOBAL_MODULE / LOAD_GLOBAL_BUILTIN (dictLoadGlobal): the value's word
          // while the globals' keys version (and the builtins', for a built-in) holds.
          const ci = k * 3;
          const keysOf = (d: string): string => `i32[(i32[(${d} >> 2) + ${DICT.KEYS}] >> 2) + ${KEYS.VERSION}]`;
          L(`{ let v = 0;`);
          L(`  if (${keysOf(`i32[f + ${F.GLOBALS}]`)} === cache[${ci}] && (cache[${ci + 1}] === 0 || ${keysOf(`i32[f + ${F.BUILTINS}]`)} === cache[${ci + 1}])) v = i32[cache[${ci + 2}]];`);
          L(`  if (v !== 0) ${this.incref("v")}`);
          L(`  else { v = dictLoadGlobal(s, i32[f + ${F.GLOBALS}], i32[f + ${F.BUILTINS}], ${name}, cache, ${ci}); if (v === 0) ${this.giveBack(k)} }`);
        } else {
          L(`{ let v = dictGetGlobalRef(s, i32[f + ${F.GLOBALS}], ${name});`);
          L(`  if (v === 0) { v = dictGetGlobalRef(s, i32[f + ${F.BUILTINS}], ${name}); if (v === 0) ${this.giveBack(k)} }`);
        }
        L(`  ${oparg & 1 ? "i32[sp++] = 0; " : ""}i32[sp++] = v; } ${done}`);
        return false;
      }
      case Op.LOAD_ATTR: {
        const name = code.names[oparg >> 1]!;
        if (oparg & 1) {
          // The method load with its inline cache (the eval loop's LOAD_ATTR).
          const ci = k * 3;
          L(`{ const owner = i32[sp - 1], otid = i32[(owner >> 2) + ${OB.TYPE}]; let m;`);
          L(`  if (cache[${ci}] === otid && cache[${ci + 2}] === i32[${RT.TYPE_VERSION}] && (otid < ${FIRST_USER_TYPE} || !vm.shadowed(owner, ${name}))) m = cache[${ci + 1}];`);
          L(`  else { m = vm.methodLookup(owner, ${name}); if (m !== 0) { cache[${ci}] = otid; cache[${ci + 1}] = m; cache[${ci + 2}] = i32[${RT.TYPE_VERSION}]; } }`);
          L(`  if (m !== 0) { ${this.incref("m")} i32[sp - 1] = m; i32[sp++] = owner; }`);
          L(`  else { const v = vm.getAttrStr(owner, ${name}, true); i32[sp - 1] = 0; i32[sp++] = v; ${this.decref("owner")} } } ${done}`);
        } else {
          L(`{ const owner = i32[sp - 1]; i32[sp - 1] = vm.getAttrStr(owner, ${name}, true); ${this.decref("owner")} } ${done}`);
        }
        return false;
      }
      case Op.STORE_ATTR:
        L(`{ const owner = i32[sp - 1], v = i32[sp - 2]; vm.setAttrStr(owner, ${code.names[oparg]!}, v); sp -= 2; ${this.decref("owner")} ${this.decref("v")} } ${done}`);
        return false;
      case Op.BINARY_OP:
        this.binaryOp(oparg);
        return false;
      case Op.COMPARE_OP:
        return this.compareOp(k, oparg, fused === Op.POP_JUMP_IF_FALSE || fused === Op.POP_JUMP_IF_TRUE ? fused : -1, code.args[k + 1]!);
      case Op.IS_OP:
        L(`{ const b = i32[sp - 1], a = i32[sp - 2]; sp -= 2; ${this.decref("a")} ${this.decref("b")} i32[sp++] = (a === b) !== ${oparg === 1} ? True : False; } ${done}`);
        return false;
      case Op.CONTAINS_OP:
        L(`{ const b = i32[sp - 1], a = i32[sp - 2]; const r = vm.contains(b, a) !== ${oparg === 1}; sp -= 2; ${this.decref("a")} ${this.decref("b")} i32[sp++] = r ? True : False; } ${done}`);
        return false;
      case Op.UNARY_NOT:
        L(`{ const v = i32[sp - 1]; const r = vm.isTrue(v); ${this.decref("v")} i32[sp - 1] = r ? False : True; } ${done}`);
        return false;
      case Op.UNARY_NEGATIVE:
      case Op.UNARY_INVERT:
        // The interpreter's (coldOp): a hot `-x` no longer hands the loop back every time.
        L(`{ const v = i32[sp - 1]; const r = vm.unary(v, "${op === Op.UNARY_NEGATIVE ? "neg" : "invert"}"); ${this.decref("v")} i32[sp - 1] = r; } ${done}`);
        return false;
      case Op.BINARY_SUBSCR:
        this.binarySubscr();
        return false;
      case Op.STORE_SUBSCR:
        L(`{ const key = i32[sp - 1], container = i32[sp - 2], v = i32[sp - 3], kt = i32[(key >> 2) + ${OB.TYPE}];`);
        L(`  if (i32[(container >> 2) + ${OB.TYPE}] === ${TID.DICT} && kt === ${TID.STR}) dictSetItemStr(s, container, key, v);`);
        L(`  else if (i32[(container >> 2) + ${OB.TYPE}] === ${TID.DICT} && kt === ${TID.INT}) dictSetItemInt(s, container, key, v); else vm.setItem(container, key, v);`);
        L(`  sp -= 3; ${this.decref("key")} ${this.decref("container")} ${this.decref("v")} } ${done}`);
        return false;
      case Op.BUILD_TUPLE:
        if (oparg === 0) L(`{ const t = s.emptyTuple; ${this.incref("t")} i32[sp++] = t; } ${done}`);
        else L(`{ const t = tupleNew(s, ${oparg}); for (let j = 0; j < ${oparg}; j++) tupleInit(s, t, j, i32[sp - ${oparg} + j]); sp -= ${oparg}; i32[sp++] = t; } ${done}`);
        return false;
      case Op.BUILD_LIST:
        L(`{ const l = listNew(s, ${oparg}); for (let j = 0; j < ${oparg}; j++) listSetItem(s, l, j, i32[sp - ${oparg} + j]); sp -= ${oparg}; i32[sp++] = l; } ${done}`);
        return false;
      case Op.LIST_APPEND:
        L(`{ const v = i32[sp - 1]; listAppend(s, i32[sp - ${1 + oparg}], v); ${this.decref("v")} sp--; } ${done}`);
        return false;
      case Op.JUMP_FORWARD:
      case Op.JUMP_BACKWARD_NO_INTERRUPT:
        L(`${done} ${this.jump(k, oparg)}`);
        return false;
      case Op.JUMP_BACKWARD:
        // The interpreter's, when there is work for the breaker, when the counters are due
        // (this function's go to the interpreter's on the way out), and at the first call
        // (the exit then has type feedback before V8 optimizes the loop).
        L(`if (i32[eb] !== 0 || bytecodes >= ${COUNTER_FLUSH} || ((warm = (warm + 1) & 0x3fffffff) & (warm < ${WARM_ITERATIONS} ? ${WARM_EXIT_EVERY - 1} : ${LATER_EXIT_EVERY - 1})) === 1) { pc = ${k}; break out; }`);
        L(`${done} ${this.jump(k, oparg)}`);
        return false;
      case Op.POP_JUMP_IF_FALSE:
      case Op.POP_JUMP_IF_TRUE: {
        const { code: take, ops, onHeap } = this.take(1);
        L(`{ ${take} ${onHeap > 0 ? "sp--;" : ""} ${this.popJump(k, op, oparg, ops[0]!)} }`);
        return false;
      }
      case Op.POP_JUMP_IF_NONE:
        L(`{ const v = i32[--sp]; ${done} if (v === None) ${this.jump(k, oparg)} ${this.decref("v")} }`);
        return false;
      case Op.POP_JUMP_IF_NOT_NONE:
        L(`{ const v = i32[--sp]; ${done} if (v !== None) { ${this.decref("v")} ${this.jump(k, oparg)} } }`);
        return false;
      case Op.GET_ITER:
        L(`{ const v = i32[sp - 1]; const it = vm.getIter(v); ${this.decref("v")} i32[sp - 1] = it; } ${done}`);
        return false;
      case Op.FOR_ITER:
        this.forIter(k, oparg);
        return false;
      case Op.KW_NAMES:
        L(`vm.kwnames = ${code.consts[oparg]!}; ${done}`);
        return false;
      case Op.CALL:
        this.call(k, oparg, calledMethod(code, k, oparg, this.entry));
        return false;
      default:
        throw new Error(`jit: opcode ${op} is in TRANSLATED but has no template`);
    }
  }

  /** POP_JUMP_IF_FALSE / _TRUE (instruction k) on operand o0 (popped already, as the
   *  eval loop pops it before asking isTrue). */
  private popJump(k: number, op: number, target: number, o: Operand): string {
    const onTrue = op === Op.POP_JUMP_IF_TRUE;
    const [jumpOn, stayOn] = onTrue ? ["True", "False"] : ["False", "True"];
    const jump = this.jump(k, target);
    const drop = this.drop(o, "o0");
    return `if (o0 !== ${jumpOn} && o0 !== ${stayOn}) { const t = vm.isTrue(o0); ${drop} ` +
      `${this.count()} if (${onTrue ? "t" : "!t"}) ${jump} } else { ${o.local >= 0 && this.mode.elide ? this.countBorrowed("o0") : ""} ${this.count()} if (o0 === ${jumpOn}) ${jump} }`;
  }

  /** BINARY_OP: ints inline (the operator a constant), the rest as the interpreter's cold
   *  path does it. `+ - * %` take any ints that are safe integers, as wideIntOp does
   *  (exact in doubles: a result past 2**53 is rejected by the range check); the other
   *  operators one-digit ints. */
  private binaryOp(oparg: number): void {
    const L = (s: string): void => this.line(s);
    const expr = smallIntExpr(oparg);
    const wide = WIDE_OPS.has(oparg);
    const { code: take, ops, onHeap } = this.take(2);
    L(`{ ${take} const a = o0, b = o1; let r = 0;`);
    if (expr !== null) {
      // Which kind of result, with every operation run whatever the result: one first run
      // after V8 optimized this (the first small result of a loop that began with big
      // ones, or the reverse) would be an operation without type feedback, a deopt.
      // (`| 0` and `<<` keep the int32 arithmetic int32 whatever v is.) A full heap gives 0
      // from newInt, and the general path raises the MemoryError with the operands on the
      // stack.
      const result = `const vi = v | 0, cached = (smallInt0 + (vi << ${Math.log2(SMALL_INT_STRIDE)})) | 0; ` +
        `const small = ((vi + 5) >>> 0 <= 261) & (vi === v), safe = (v >= -9007199254740991) & (v <= 9007199254740991); ` +
        "if (small !== 0) r = cached; else if (safe !== 0) r = newInt(s, i32, u32, v);";
      L(`  if (i32[(a >> 2) + ${OB.TYPE}] === ${TID.INT} && i32[(b >> 2) + ${OB.TYPE}] === ${TID.INT}) {`);
      L(`    const na = i32[(a >> 2) + ${INT.SIZE}], nb = i32[(b >> 2) + ${INT.SIZE}];`);
      // One-digit operands and wider ones each have their own copy of the operation: one
      // site that saw small ints first would deopt at its first double (an int32 overflow).
      // For `*`, x + 0.5 - 0.5 (exact below 2**52) makes V8 multiply doubles from the start.
      const asDouble = oparg === 5 || oparg === 18 ? " + 0.5 - 0.5" : "";
      L("    if ((na + 1) >>> 0 <= 2 && (nb + 1) >>> 0 <= 2) {");
      L(`      const x = na * u32[(a >> 2) + ${INT.DIGITS}]${asDouble}, y = nb * u32[(b >> 2) + ${INT.DIGITS}]; ${expr}`);
      L(`      ${result}`);
      if (wide) {
        // NaN (not a safe integer) fails the range checks.
        L(`    } else { let x = 0, y = 0; ${this.intValue("x", "a", "na")} ${this.intValue("y", "b", "nb")} ${expr}`);
        L(`      ${result}`);
      }
      L("    }");
      L("  }");
    }
    L(`  if (r === 0) { ${this.slow(ops, `r = vm.binaryOp(a, b, ${oparg});`)} }`);
    L(`  else { ${this.consume(ops, onHeap)} }`);
    L(`  ${this.push("r")} ${this.count()} }`);
  }

  /** COMPARE_OP: one-digit ints inline. `jump` is POP_JUMP_IF_FALSE / _TRUE when that is
   *  the next instruction: on two ints the comparison then jumps without making a bool. */
  private compareOp(k: number, oparg: number, jump: number, target: number): boolean {
    const L = (s: string): void => this.line(s);
    const rel = ["<", "<=", "===", "!==", ">", ">="][oparg >> 4] ?? ">=";
    const { code: take, ops, onHeap } = this.take(2);
    L(`{ ${take} const a = o0, b = o1;`);
    // Two ints below 2**53 as numbers (x and y; NaN for a wider one): the general path
    // for two-digit ints made JS objects (richCompare's numbers) at every comparison.
    const wide = `${this.isInt("a")} && ${this.isInt("b")}`;
    const values = `let x = 0, y = 0; ${this.intValue("x", "a", `i32[(a >> 2) + ${INT.SIZE}]`)} ${this.intValue("y", "b", `i32[(b >> 2) + ${INT.SIZE}]`)}`;
    if (jump < 0) {
      L(`  let r = 0;`);
      L(`  if (${this.smallInt("a")} && ${this.smallInt("b")}) { r = ${this.digit("a")} ${rel} ${this.digit("b")} ? True : False; ${this.consume(ops, onHeap)} }`);
      L(`  else { if (${wide}) { ${values} if (x === x && y === y) r = x ${rel} y ? True : False; }`);
      L(`    if (r !== 0) { ${this.consume(ops, onHeap)} } else { ${this.slow(ops, `r = vm.richCompare(a, b, ${oparg >> 4});`)} } }`);
      L(`  ${this.push("r")} ${this.count()} }`);
      return false;
    }
    // With the jump: the bool never made on two ints; the jump half on what the general
    // path gives. Both halves are counted before either jumps.
    const jumpIf = jump === Op.POP_JUMP_IF_TRUE ? "t" : "!t";
    L(`  let t;`);
    L(`  if (${this.smallInt("a")} && ${this.smallInt("b")}) { t = ${this.digit("a")} ${rel} ${this.digit("b")}; ${this.consume(ops, onHeap)} ${this.count()} pc = ${k + 2}; }`);
    L(`  else { let r = 0; if (${wide}) { ${values} if (x === x && y === y) r = x ${rel} y ? True : False; }`);
    L(`    if (r !== 0) { ${this.consume(ops, onHeap)} } else { ${this.slow(ops, `r = vm.richCompare(a, b, ${oparg >> 4});`)} } ${this.count()} pc = ${k + 2};`);
    L(`    if (r === True || r === False) t = r === True; else { t = vm.isTrue(r); ${this.decref("r")} } }`);
    L(`  ${this.count()} if (${jumpIf}) ${this.jump(k + 1, target)} }`);
    return true;
  }

  private binarySubscr(): void {
    const L = (s: string): void => this.line(s);
    const { code: take, ops, onHeap } = this.take(2);
    L(`{ ${take} const container = o0, key = o1, ct = i32[(container >> 2) + ${OB.TYPE}], kt = i32[(key >> 2) + ${OB.TYPE}]; let r = 0;`);
    if (this.mode.plainCt) {
      L(`  if (ct === ${TID.LIST} && kt === ${TID.INT} && (i32[(key >> 2) + ${INT.SIZE}] + 1) >>> 0 <= 2) {`);
      L(`    let i = ${this.digit("key")}; const n = i32[(container >> 2) + ${LIST.SIZE}];`);
      L(`    if (i < 0) i += n; if (i >= 0 && i < n) { r = i32[(i32[(container >> 2) + ${LIST.ITEMS}] >> 2) + i]; ${this.incref("r")} }`);
      L("  } else");
    }
    L(`  if (ct === ${TID.TUPLE} && kt === ${TID.INT} && (i32[(key >> 2) + ${INT.SIZE}] + 1) >>> 0 <= 2) {`);
    L(`    let i = ${this.digit("key")}; const n = i32[(container >> 2) + ${TUPLE.SIZE}];`);
    L(`    if (i < 0) i += n; if (i >= 0 && i < n) { r = i32[(container >> 2) + ${TUPLE.ITEMS} + i]; ${this.incref("r")} }`);
    L(`  } else if (ct === ${TID.DICT} && kt === ${TID.STR}) r = dictGetItemStrRef(s, container, key);`);
    L(`  else if (ct === ${TID.DICT} && kt === ${TID.INT}) r = dictGetItemRef(s, container, key);`);
    // The general path (getItem raises IndexError, KeyError, TypeError, ...).
    L(`  if (r === 0) { ${this.slow(ops, "r = vm.getItem(container, key);")} }`);
    L(`  else { ${this.consume(ops, onHeap)} }`);
    L(`  ${this.push("r")} ${this.count()} }`);
  }

  /** FOR_ITER: a range or list iterator inline, and at its end the interpreter's FOR_ITER
   *  (asking a built-in iterator again gives the end again); another iterator is asked
   *  once, here. A loop head: nothing is virtual here. */
  private forIter(k: number, oparg: number): void {
    const L = (s: string): void => this.line(s);
    L(`{ const it = i32[sp - 1], itType = i32[(it >> 2) + ${OB.TYPE}]; let v = 0;`);
    L(`  if (itType === ${TID.RANGE_ITER}) {`);
    L(`    const ix = (it + ${RANGE_ITER_BYTE.INDEX}) >> 3, index = f64[ix];`);
    L(`    if (index >= f64[(it + ${RANGE_ITER_BYTE.LEN}) >> 3]) ${this.giveBack(k)}`);
    L(`    f64[ix] = index + 1;`);
    L(`    const x = f64[(it + ${RANGE_ITER_BYTE.START}) >> 3] + index * f64[(it + ${RANGE_ITER_BYTE.STEP}) >> 3];`);
    L(`    v = x >= -5 && x <= 256 ? smallInt0 + x * ${SMALL_INT_STRIDE} : x >= -9007199254740991 && x <= 9007199254740991 ? newInt(s, i32, u32, x) : 0;`);
    L(`    if (v === 0) v = intFromNumber(s, x);`);
    if (this.mode.plainCt) {
      L(`  } else if (itType === ${TID.LIST_ITER}) {`);
      L(`    const seq = i32[(it >> 2) + ${SEQ_ITER.SEQ}], ix = i32[(it >> 2) + ${SEQ_ITER.INDEX}];`);
      L(`    if (seq === 0 || ix >= i32[(seq >> 2) + ${LIST.SIZE}]) ${this.giveBack(k)}`);
      L(`    v = i32[(i32[(seq >> 2) + ${LIST.ITEMS}] >> 2) + ix]; i32[(it >> 2) + ${SEQ_ITER.INDEX}] = ix + 1; ${this.incref("v")}`);
    }
    L("  } else {");
    L("    v = vm.iterNext(it);");
    // Exhausted: pop the iterator and skip the END_FOR (3.12 JUMPBY(oparg + 1)).
    L(`    if (v === 0) { ${this.decref("it")} sp--; ${this.count()} ${this.jump(k, oparg + 1)} }`);
    L("  }");
    L(`  ${this.push("v")} ${this.count()} }`);
  }

  /** CALL. A Python function runs in a frame of its own, through vm.callFrame (the
   *  callee's translation called from there, its return done there, when it has one;
   *  else a nested run of the interpreter), while the thread's frames are few
   *  (JIT_CALL_DEPTH); deeper, and for a bound method object, the interpreter makes the
   *  call in its own loop, as it does for deep recursion. Anything else (a method
   *  descriptor, a built-in function, a type) is called here. */
  private call(k: number, oparg: number, method: string | null): void {
    const L = (s: string): void => this.line(s);
    // CALL_NO_KW_LIST_APPEND (3.12) where the callable is the method load of `append`: the
    // guard checks the method itself, so another `append` costs only the guard. A list with
    // room takes the argument's reference (the append's incref and the slot's decref,
    // counted, not done), nothing allocates or raises, and the frame's pc and sp need no
    // store; a list that must grow grows in listAppend (which may raise MemoryError: the
    // frame is exact for it). Else the general CALL below.
    const append = method === "append" && oparg === 1 && this.mode.elide && this.mode.plainCt ? TYPE_METHODS.get(TID.LIST)?.get("append") : undefined;
    if (append !== undefined) {
      L(`{ const callable = i32[sp - 3], self = i32[sp - 2], arg = i32[sp - 1];`);
      L(`  if (callable !== 0 && i32[(callable >> 2) + ${OB.TYPE}] === ${VTID.METHOD_DESCR} && i32[(callable >> 2) + ${BUILTIN.INDEX}] === ${append} && ` +
        `i32[(self >> 2) + ${OB.TYPE}] === ${TID.LIST} && vm.kwnames === 0) {`);
      L(`    const n = i32[(self >> 2) + ${LIST.SIZE}];`);
      L(`    if (n < i32[(self >> 2) + ${LIST.ALLOCATED}]) { i32[(self >> 2) + ${LIST.SIZE}] = n + 1; i32[(i32[(self >> 2) + ${LIST.ITEMS}] >> 2) + n] = arg; ${this.countBorrowed("arg")} }`);
      L(`    else { i32[f + ${F.PC}] = ${k + 1}; i32[f + ${F.SP}] = sp; listAppend(s, self, arg); ${this.decref("arg")} }`);
      L(`    sp -= 3; ${this.decref("self")} ${this.decref("callable")} i32[sp++] = None;`);
      // The breaker, polled as after any call; the count; line tracing.
      L(`    if (i32[eb] !== 0) { i32[f + ${F.PC}] = ${k + 1}; i32[f + ${F.SP}] = sp; vm.handlePending(); }`);
      L(`    ${this.count()}`);
      L(`    if (vm.traceLines) { pc = ${k + 1}; break out; }`);
      L("  } else");
    }
    // Stack (3.12): [NULL, callable, args...] or [method, self, args...], self then being
    // argument 0; `base` is where the two callable slots begin.
    L(`{ const base = sp - ${oparg + 2}; let n = ${oparg}, callable = i32[base], a = sp - ${oparg};`);
    L(`  if (callable !== 0) { a--; n++; } else callable = i32[base + 1];`);
    L(`  const ctid = i32[(callable >> 2) + ${OB.TYPE}];`);
    L(`  if (ctid === ${TID.METHOD} || (ctid === ${TID.FUNCTION} && vm.frameDepth >= ${JIT_CALL_DEPTH})) ${this.giveBack(k)}`);
    L("  const kw = vm.kwnames; vm.kwnames = 0;");
    L(`  i32[f + ${F.PC}] = ${k + 1}; i32[f + ${F.SP}] = sp;`);
    L("  let r;");
    L(`  if (ctid === ${TID.FUNCTION}) {`);
    // The arguments move into the callee's frame (pushFrame leaves them ours if it
    // raises); the slots below them stay ours until the call returns, as in the eval loop.
    L("    const nf = vm.pushFrame(callable, a, n, kw, true);");
    L(`    i32[f + ${F.SP}] = a; sp = a;`);
    L("    r = vm.callFrame(nf);");
    L(`    while (sp > base) { const v = i32[--sp]; if (v !== 0) ${this.decref("v")} }`);
    L("  } else {");
    // Methods done inline: the impl's work, past a guard that makes its argument checks.
    const inline = INLINE_METHODS.filter((m) => m.args.some((nargs) => nargs === oparg || nargs === oparg + 1));
    for (const m of inline) {
      const index = TYPE_METHODS.get(m.tid)?.get(m.name);
      if (index === undefined) throw new Error(`jit: no native method ${m.name} for INLINE_METHODS`);
      L(`    ${inline.indexOf(m) === 0 ? "" : "else "}if (ctid === ${VTID.METHOD_DESCR} && i32[(callable >> 2) + ${BUILTIN.INDEX}] === ${index} && ` +
        `(${m.args.map((nargs) => `n === ${nargs}`).join(" || ")}) && kw === 0) { ${m.code} }`);
    }
    L(`    ${inline.length > 0 ? "else " : ""}if (ctid === ${VTID.METHOD_DESCR} && n > 0) r = NATIVES[i32[(callable >> 2) + ${BUILTIN.INDEX}]].impl(vm, a, n, kw);`);
    L(`    else if (ctid === ${VTID.BUILTIN} && i32[(callable >> 2) + ${BUILTIN.SELF}] === 0) r = NATIVES[i32[(callable >> 2) + ${BUILTIN.INDEX}]].impl(vm, a, n, kw);`);
    L("    else r = vm.callObject(callable, a, n, kw);");
    // Drop the arguments and the callable slots (Py_XDECREF), unrolled: a constant count.
    for (let j = 1; j <= oparg + 2; j++) L(`    { const v = i32[sp - ${j}]; if (v !== 0) ${this.decref("v")} }`);
    L("    sp = base;");
    L("  }");
    L("  i32[sp++] = r;");
    // The breaker after a call, as the eval loop has it (CPython checks it at the end of CALL).
    L(`  if (i32[eb] !== 0) { i32[f + ${F.PC}] = ${k + 1}; i32[f + ${F.SP}] = sp; vm.handlePending(); }`);
    L(`  ${this.count()}`);
    // The call or the breaker may have started tracemalloc, whose line tracing is the interpreter's.
    L(`  if (vm.traceLines) { pc = ${k + 1}; break out; } }`);
    if (append !== undefined) L("}");
  }
}

/** The name CALL k calls as a method: the method load (LOAD_ATTR, method form) whose
 *  callable and self are below the call's `oparg` arguments, found by walking back
 *  through straight-line code (no jump target on the way, where the stack could come from
 *  elsewhere); null if there is none. */
function calledMethod(code: LoadedCode, k: number, oparg: number, entry: Uint8Array): string | null {
  const { ops, args } = code;
  // The stack's height after instruction j, relative to its height before the call.
  let height = 0;
  for (let j = k - 1; j >= 0; j--) {
    const op = ops[j]!;
    if (op === Op.LOAD_ATTR && (args[j]! & 1) !== 0 && height === -oparg) return code.co.names[args[j]! >> 1] ?? null;
    if (entry[j] || JUMPS.has(op) || op === Op.FOR_ITER) return null;
    if (op !== Op.CACHE) height -= stackEffect(op, args[j]!, false);
  }
  return null;
}

/** Built-in methods CALL does inline, as CPython 3.12 specializes them (list.append where
 *  call()'s CALL_NO_KW_LIST_APPEND does not apply: a call not known to be an `append`'s,
 *  or not gil; and
 *  dict.get as CALL_NO_KW_METHOD_DESCRIPTOR_FAST would): `code` is the impl's
 *  (vm/methods/) without the argument checks, for `a` the arguments (self first), `n` of
 *  them (one of `args`), no keywords; it sets `r`, a new reference. */
const INLINE_METHODS: readonly { tid: number; name: string; args: readonly number[]; code: string }[] = [
  { tid: TID.LIST, name: "append", args: [2], code: "listAppend(s, i32[a], i32[a + 1]); r = None; s.incref(r);" },
  {
    tid: TID.DICT, name: "get", args: [2, 3],
    code: `const key = i32[a + 1], v = i32[(key >> 2) + ${OB.TYPE}] === ${TID.STR} ? dictGetItemStr(s, i32[a], key) : (vm.checkHashable(key), dictGetItem(s, i32[a], key)); ` +
      "r = v !== 0 ? v : n > 2 ? i32[a + 2] : None; s.incref(r);",
  },
];

/** BINARY_OP opargs whose int fast path takes any safe integers (+, -, *, %, in place too). */
const WIDE_OPS = new Set([0, 13, 10, 23, 5, 18, 6, 19]);

/** `const v = x OP y;` for BINARY_OP `oparg` on two ints as numbers (NaN: not an int
 *  result, for the general path; x or y NaN: not safe integers), or null for an operator
 *  done only there. */
function smallIntExpr(oparg: number): string | null {
  switch (oparg) {
    case 0: case 13: return "const v = x + y;";
    case 10: case 23: return "const v = x - y;";
    case 5: case 18: return "const v = x * y;";
    case 2: case 15: return "const v = y === 0 ? NAN : Math.floor(x / y);";
    case 6: case 19: return "let v = NAN; if (y !== 0) { const m = x % y; v = m !== 0 && (m < 0) !== (y < 0) ? m + y : m === 0 ? 0 : m; }";
    case 1: case 14: return "const v = x & y;";
    case 7: case 20: return "const v = x | y;";
    case 12: case 25: return "const v = x ^ y;";
    default: return null;
  }
}

