/**
 * The code table: the compiler's CodeObjects, loaded for one thread.
 *
 * A program's code objects get table indices in a fixed depth-first order, so every
 * thread that loads the same CodeObject tree agrees on them. The thread that boots the
 * program (`bootCode`) makes each code object's heap side once — a code object, a tuple
 * of its constants, a tuple of its names (interned) — and records them in a table tuple;
 * every thread (`attachCode`) then reads the same heap objects, so constants are shared
 * exactly as CPython's co_consts are. Code objects are immortal, as in 3.13t.
 */
import type { CodeObject, PyConst } from "../compiler/code.js";
import { isCode } from "../compiler/code.js";
import { Op } from "../compiler/opcodes.js";
import { codeNew, CODE, IMMORTAL_REFCNT, boolFrom, floatNew, intFromBigInt, setAdd, setNew, strFromJs, strIntern, tupleFromArray, tupleGet, tupleLen } from "../objects/index.js";
import type { ObjSpace } from "../objects/space.js";
import type { JitFn } from "./jit.js";
import { VMG } from "./globals.js";

/** Code object fields the interpreter adds after the object layer's (CODE.* words). */
export const CODE_CONSTS = 10;
export const CODE_NAMES = 11;

export interface LoadedCode {
  readonly co: CodeObject;
  readonly index: number;
  readonly ops: Uint8Array;
  readonly args: Int32Array;
  /** What the eval loop runs: one word per instruction, op | oparg << 8, quickened with
   *  CPython 3.12's superinstructions (see quicken). ops/args stay as compiled. */
  readonly words: Int32Array;
  readonly lines: Int32Array;
  /** co_consts as heap pointers (owned by the code object's consts tuple). */
  readonly consts: Int32Array;
  /** co_names as interned str pointers. */
  readonly names: Int32Array;
  readonly nlocalsplus: number;
  readonly stacksize: number;
  /** The heap code object. */
  readonly codeObj: number;
  /** Exception table, flattened: start, end, target, depth, lasti (instruction indices). */
  readonly excTable: Int32Array;
  /** Names of the localsplus slots (for error messages). */
  readonly localsplusnames: readonly string[];
  /** LOAD_ATTR method cache: per instruction (type id, method, type version). Thread-local. */
  readonly attrCache: Int32Array;
  /** Code without loops: the whole code object translated (jit.ts), once it has been
   *  called often enough; null before, and always for code with loops. */
  jit: JitFn | null;
  /** Calls counted towards translating a loop-free code object. */
  hot: number;
  /** The code has no loop (no JUMP_BACKWARD): it is translated whole, entered after
   *  RESUME and after a call the interpreter made returns. Code with loops is translated
   *  a loop at a time (loopJit), entered at the loop's head. */
  readonly loopFree: boolean;
  /** By the pc of a loop head: the loop's translated function, or null. */
  readonly loopJit: (JitFn | null)[];
  /** By the pc of a loop head: iterations counted towards translating the loop. */
  readonly loopHot: Int32Array;
}

/** Modules written in Python (threading, ...): name -> source. Registered by their
 *  native companions (modules/*.ts) at load time. The thread that boots a program
 *  compiles them (sources.ts) and hands the code to every worker with the program's, so
 *  workers never load the compiler; their code follows the program's in the code table. */
export const SOURCE_MODULES = new Map<string, string>();
const compiledSources = new Map<string, CodeObject>();

/** Record the compiled code of source module `name` for this thread (only the modules
 *  the program imports are compiled; they join the code table in this order). */
export function setSourceModuleCode(name: string, code: CodeObject): void {
  compiledSources.set(name, code);
}

export function clearSourceModuleCode(): void {
  compiledSources.clear();
}

export function hasSourceModuleCode(name: string): boolean {
  return compiledSources.has(name);
}

/** The compiled code of source module `name`. */
export function sourceModuleCode(name: string): CodeObject {
  const c = compiledSources.get(name);
  if (c === undefined) throw new Error(`gilsim: source module ${name} was not compiled for this thread`);
  return c;
}

/** Depth-first, pre-order: the code object, then the code objects among its constants;
 *  the program first, then every source module in registration order. */
export function flattenCode(root: CodeObject): CodeObject[] {
  const out: CodeObject[] = [];
  const visit = (c: CodeObject): void => {
    out.push(c);
    for (const k of c.consts) if (isCode(k)) visit(k);
  };
  visit(root);
  for (const code of compiledSources.values()) visit(code);
  return out;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Make the heap side of every code object (once per program). Returns the table tuple
 *  (code objects in table order), immortal. */
export function bootCode(s: ObjSpace, root: CodeObject): number {
  const codes = flattenCode(root);
  const heapCodes = new Array<number>(codes.length);
  // Children first, so a parent's consts can refer to them: visit in reverse order.
  const indexOf = new Map<CodeObject, number>(codes.map((c, i) => [c, i]));
  // The free-threaded build interns every string constant and makes the other constants
  // immortal once everything inside them is (codeobject.c: should_intern_string,
  // should_immortalize_constant, intern_one_constant). Code objects are immortal anyway.
  const constToHeap = (k: PyConst): number => {
    const v = makeConst(k);
    if (s.immortalConstants && !isCode(k)) s.i32[v >> 2] = IMMORTAL_REFCNT;
    return v;
  };
  const makeConst = (k: PyConst): number => {
    if (k === null) return s.None;
    if (typeof k === "boolean") return boolFrom(s, k);
    if (typeof k === "bigint") return intFromBigInt(s, k);
    if (typeof k === "number") return floatNew(s, k);
    if (typeof k === "string") {
      // CPython interns constant strings that look like identifiers.
      if (IDENTIFIER.test(k) || s.immortalConstants) return strIntern(s, k);
      return strFromJs(s, k);
    }
    if (isCode(k)) {
      const p = heapCodes[indexOf.get(k)!]!;
      s.incref(p);
      return p;
    }
    if (k.kind === "tuple") {
      const items = k.items.map(constToHeap);
      const t = tupleFromArray(s, items);
      for (const it of items) s.decref(it);
      return t;
    }
    if (k.kind === "ellipsis") {
      // The Ellipsis singleton boot made (immortal).
      const e = s.i32[VMG.ELLIPSIS]!;
      s.incref(e);
      return e;
    }
    if (k.kind === "frozenset") {
      // Only `x in {constants}` makes one: a set does the same job (gilsim has no frozenset).
      const st = setNew(s);
      for (const item of k.items) {
        const v = constToHeap(item);
        setAdd(s, st, v);
        s.decref(v);
      }
      return st;
    }
    throw new Error(`gilsim cannot load a constant of kind ${k.kind}`);
  };
  for (let i = codes.length - 1; i >= 0; i--) {
    const co = codes[i]!;
    const name = strIntern(s, co.name);
    const qualname = strIntern(s, co.qualname);
    const filename = strFromJs(s, co.filename);
    const p = codeNew(s, i, name, qualname, filename, co.firstlineno, co.codeSize >> 1);
    s.decref(filename);
    s.i32[p >> 2] = IMMORTAL_REFCNT;
    const consts = co.consts.map(constToHeap);
    const names = co.names.map((n) => strIntern(s, n));
    s.i32[(p >> 2) + CODE_CONSTS] = tupleFromArray(s, consts);
    for (const c of consts) s.decref(c);
    s.i32[(p >> 2) + CODE_NAMES] = tupleFromArray(s, names);
    heapCodes[i] = p;
  }
  const table = tupleFromArray(s, heapCodes);
  s.i32[table >> 2] = IMMORTAL_REFCNT;
  return table;
}

/** Superinstructions: two instructions run by one dispatch of the eval loop (CPython
 *  3.12's specialize.c makes the same pairs when it quickens code). Their numbers are
 *  unused by real opcodes; `dis` never sees them (it reads ops/args). */
export enum SUPER {
  LOAD_FAST__LOAD_FAST = 200,
  LOAD_FAST__LOAD_CONST = 201,
  LOAD_CONST__LOAD_FAST = 202,
  STORE_FAST__LOAD_FAST = 203,
  STORE_FAST__STORE_FAST = 204,
  // Not CPython's: a compare whose bool goes straight to the jump (3.12's
  // COMPARE_AND_BRANCH, in its alphas); the jump half runs alone when the compare
  // gives something else than a bool.
  COMPARE_OP__POP_JUMP_IF_FALSE = 205,
  COMPARE_OP__POP_JUMP_IF_TRUE = 206,
  // Not CPython's either: an operation whose result goes straight into a local.
  BINARY_OP__STORE_FAST = 207,
}

/** Largest oparg a word holds (op in the low 8 bits, a signed 24-bit oparg above). */
const MAX_WORD_ARG = (1 << 23) - 1;

/** The eval loop's instruction words for one code object. A superinstruction replaces
 *  the first instruction of a pair and leaves the second in place: it reads the second's
 *  oparg from the next word and skips it, so a jump to the second still runs it alone.
 *  Only a first half can raise (a compare, an operation), so the pc a traceback sees is
 *  unaffected. */
export function quicken(ops: Uint8Array, args: Int32Array): Int32Array {
  const n = ops.length;
  const words = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const arg = args[i]!;
    if (arg < 0 || arg > MAX_WORD_ARG) throw new Error(`gilsim: instruction argument ${arg} is too large`);
    words[i] = ops[i]! | (arg << 8);
  }
  for (let i = 0; i + 1 < n; i++) {
    const a = ops[i]!, b = ops[i + 1]!;
    let sup = 0;
    if (a === Op.BINARY_OP && b === Op.STORE_FAST) sup = SUPER.BINARY_OP__STORE_FAST;
    else if (a === Op.LOAD_FAST && b === Op.LOAD_FAST) sup = SUPER.LOAD_FAST__LOAD_FAST;
    else if (a === Op.LOAD_FAST && b === Op.LOAD_CONST) sup = SUPER.LOAD_FAST__LOAD_CONST;
    else if (a === Op.LOAD_CONST && b === Op.LOAD_FAST) sup = SUPER.LOAD_CONST__LOAD_FAST;
    else if (a === Op.STORE_FAST && b === Op.LOAD_FAST) sup = SUPER.STORE_FAST__LOAD_FAST;
    else if (a === Op.STORE_FAST && b === Op.STORE_FAST) sup = SUPER.STORE_FAST__STORE_FAST;
    else if (a === Op.COMPARE_OP && b === Op.POP_JUMP_IF_FALSE) sup = SUPER.COMPARE_OP__POP_JUMP_IF_FALSE;
    else if (a === Op.COMPARE_OP && b === Op.POP_JUMP_IF_TRUE) sup = SUPER.COMPARE_OP__POP_JUMP_IF_TRUE;
    if (sup !== 0) {
      words[i] = sup | (args[i]! << 8);
      i++; // the second stays a plain instruction (a jump target may land on it)
    }
  }
  return words;
}

/** This thread's view of a booted program's code. */
export function attachCode(s: ObjSpace, root: CodeObject, table: number): LoadedCode[] {
  const codes = flattenCode(root);
  if (tupleLen(s, table) !== codes.length) throw new Error("attachCode: the code table does not match the program");
  return codes.map((co, index) => {
    const codeObj = tupleGet(s, table, index);
    const constsT = s.i32[(codeObj >> 2) + CODE_CONSTS]!;
    const namesT = s.i32[(codeObj >> 2) + CODE_NAMES]!;
    const consts = new Int32Array(tupleLen(s, constsT));
    for (let i = 0; i < consts.length; i++) consts[i] = tupleGet(s, constsT, i);
    const names = new Int32Array(tupleLen(s, namesT));
    for (let i = 0; i < names.length; i++) names[i] = tupleGet(s, namesT, i);
    const excTable = new Int32Array(co.exceptionTable.length * 5);
    co.exceptionTable.forEach((e, k) => {
      excTable.set([e.start, e.end, e.target, e.depth, e.lasti ? 1 : 0], k * 5);
    });
    if (s.i32[(codeObj >> 2) + CODE.INDEX] !== index) throw new Error("attachCode: code table out of order");
    return {
      co,
      index,
      ops: co.instructions.ops,
      args: co.instructions.args,
      words: quicken(co.instructions.ops, co.instructions.args),
      lines: co.instructions.lines,
      consts,
      names,
      nlocalsplus: co.localsplusnames.length,
      stacksize: co.stacksize,
      codeObj,
      excTable,
      localsplusnames: co.localsplusnames,
      attrCache: new Int32Array(co.instructions.count * 3).fill(-1),
      jit: null,
      hot: 0,
      loopFree: !co.instructions.ops.includes(Op.JUMP_BACKWARD),
      loopJit: new Array<JitFn | null>(co.instructions.count).fill(null),
      loopHot: new Int32Array(co.instructions.count),
    };
  });
}
