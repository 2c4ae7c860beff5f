/**
 * CPython 3.12 opcodes: numeric values and names exactly as in 3.12's `Lib/opcode.py`,
 * plus the compiler-only pseudo-opcodes (>= 256) that the flow-graph pass removes.
 *
 * Per-opcode metadata (one row per opcode, like `Lib/opcode.py`'s `has*` lists):
 *   arg      – the opcode takes an oparg (op >= HAVE_ARGUMENT)
 *   kind     – how dis formats the oparg (const / name / jump / local / free / compare / …)
 *   caches   – inline CACHE code units after the instruction (`_inline_cache_entries`)
 *
 * Stack effects follow 3.12's `Python/bytecodes.c` (`_PyOpcode_num_popped/pushed`), and
 * for the pseudo-ops `Python/compile.c: stack_effect`.
 */

export enum Op {
  CACHE = 0,
  POP_TOP = 1,
  PUSH_NULL = 2,
  INTERPRETER_EXIT = 3,
  END_FOR = 4,
  END_SEND = 5,
  NOP = 9,
  UNARY_NEGATIVE = 11,
  UNARY_NOT = 12,
  UNARY_INVERT = 15,
  RESERVED = 17,
  BINARY_SUBSCR = 25,
  BINARY_SLICE = 26,
  STORE_SLICE = 27,
  GET_LEN = 30,
  MATCH_MAPPING = 31,
  MATCH_SEQUENCE = 32,
  MATCH_KEYS = 33,
  PUSH_EXC_INFO = 35,
  CHECK_EXC_MATCH = 36,
  CHECK_EG_MATCH = 37,
  WITH_EXCEPT_START = 49,
  GET_AITER = 50,
  GET_ANEXT = 51,
  BEFORE_ASYNC_WITH = 52,
  BEFORE_WITH = 53,
  END_ASYNC_FOR = 54,
  CLEANUP_THROW = 55,
  STORE_SUBSCR = 60,
  DELETE_SUBSCR = 61,
  GET_ITER = 68,
  GET_YIELD_FROM_ITER = 69,
  LOAD_BUILD_CLASS = 71,
  LOAD_ASSERTION_ERROR = 74,
  RETURN_GENERATOR = 75,
  RETURN_VALUE = 83,
  SETUP_ANNOTATIONS = 85,
  LOAD_LOCALS = 87,
  POP_EXCEPT = 89,
  // HAVE_ARGUMENT = 90
  STORE_NAME = 90,
  DELETE_NAME = 91,
  UNPACK_SEQUENCE = 92,
  FOR_ITER = 93,
  UNPACK_EX = 94,
  STORE_ATTR = 95,
  DELETE_ATTR = 96,
  STORE_GLOBAL = 97,
  DELETE_GLOBAL = 98,
  SWAP = 99,
  LOAD_CONST = 100,
  LOAD_NAME = 101,
  BUILD_TUPLE = 102,
  BUILD_LIST = 103,
  BUILD_SET = 104,
  BUILD_MAP = 105,
  LOAD_ATTR = 106,
  COMPARE_OP = 107,
  IMPORT_NAME = 108,
  IMPORT_FROM = 109,
  JUMP_FORWARD = 110,
  POP_JUMP_IF_FALSE = 114,
  POP_JUMP_IF_TRUE = 115,
  LOAD_GLOBAL = 116,
  IS_OP = 117,
  CONTAINS_OP = 118,
  RERAISE = 119,
  COPY = 120,
  RETURN_CONST = 121,
  BINARY_OP = 122,
  SEND = 123,
  LOAD_FAST = 124,
  STORE_FAST = 125,
  DELETE_FAST = 126,
  LOAD_FAST_CHECK = 127,
  POP_JUMP_IF_NOT_NONE = 128,
  POP_JUMP_IF_NONE = 129,
  RAISE_VARARGS = 130,
  GET_AWAITABLE = 131,
  MAKE_FUNCTION = 132,
  BUILD_SLICE = 133,
  JUMP_BACKWARD_NO_INTERRUPT = 134,
  MAKE_CELL = 135,
  LOAD_CLOSURE = 136,
  LOAD_DEREF = 137,
  STORE_DEREF = 138,
  DELETE_DEREF = 139,
  JUMP_BACKWARD = 140,
  LOAD_SUPER_ATTR = 141,
  CALL_FUNCTION_EX = 142,
  LOAD_FAST_AND_CLEAR = 143,
  EXTENDED_ARG = 144,
  LIST_APPEND = 145,
  SET_ADD = 146,
  MAP_ADD = 147,
  COPY_FREE_VARS = 149,
  YIELD_VALUE = 150,
  RESUME = 151,
  MATCH_CLASS = 152,
  FORMAT_VALUE = 155,
  BUILD_CONST_KEY_MAP = 156,
  BUILD_STRING = 157,
  LIST_EXTEND = 162,
  SET_UPDATE = 163,
  DICT_MERGE = 164,
  DICT_UPDATE = 165,
  CALL = 171,
  KW_NAMES = 172,
  CALL_INTRINSIC_1 = 173,
  CALL_INTRINSIC_2 = 174,
  LOAD_FROM_DICT_OR_GLOBALS = 175,
  LOAD_FROM_DICT_OR_DEREF = 176,

  // Pseudo-opcodes: emitted by codegen, gone before assembly (3.12 `pseudo_op`).
  SETUP_FINALLY = 256,
  SETUP_CLEANUP = 257,
  SETUP_WITH = 258,
  POP_BLOCK = 259,
  JUMP = 260,
  JUMP_NO_INTERRUPT = 261,
  LOAD_METHOD = 262,
  LOAD_SUPER_METHOD = 263,
  LOAD_ZERO_SUPER_METHOD = 264,
  LOAD_ZERO_SUPER_ATTR = 265,
  STORE_FAST_MAYBE_NULL = 266,
}

export const HAVE_ARGUMENT = 90;
export const MIN_PSEUDO_OPCODE = 256;

/** How dis renders an oparg (one formatter per kind, see dis.ts). */
export type ArgKind =
  | "none" // no oparg
  | "plain" // number only
  | "const" // index into consts
  | "name" // index into names (LOAD_GLOBAL/LOAD_ATTR/LOAD_SUPER_ATTR are special-cased)
  | "jump" // relative jump (forward or backward)
  | "local" // index into localsplus (fast locals)
  | "free" // index into localsplus (cells and free vars)
  | "compare" // COMPARE_OP: cmp << 4 | mask
  | "binop" // BINARY_OP: NB_* index
  | "format" // FORMAT_VALUE conversion bits
  | "makefn" // MAKE_FUNCTION flag bits
  | "intrinsic1"
  | "intrinsic2";

export interface OpInfo {
  readonly name: string;
  readonly arg: boolean;
  readonly kind: ArgKind;
  /** Inline CACHE entries (code units) following the instruction, 3.12 `_inline_cache_entries`. */
  readonly caches: number;
}

const info: OpInfo[] = [];

function def(op: number, name: string, kind: ArgKind = op >= HAVE_ARGUMENT ? "plain" : "none", caches = 0): void {
  info[op] = { name, arg: op >= HAVE_ARGUMENT && op < MIN_PSEUDO_OPCODE ? true : kind !== "none", kind, caches };
}

// Real opcodes (Lib/opcode.py, 3.12).
def(Op.CACHE, "CACHE");
def(Op.POP_TOP, "POP_TOP");
def(Op.PUSH_NULL, "PUSH_NULL");
def(Op.INTERPRETER_EXIT, "INTERPRETER_EXIT");
def(Op.END_FOR, "END_FOR");
def(Op.END_SEND, "END_SEND");
def(Op.NOP, "NOP");
def(Op.UNARY_NEGATIVE, "UNARY_NEGATIVE");
def(Op.UNARY_NOT, "UNARY_NOT");
def(Op.UNARY_INVERT, "UNARY_INVERT");
def(Op.RESERVED, "RESERVED");
def(Op.BINARY_SUBSCR, "BINARY_SUBSCR", "none", 1);
def(Op.BINARY_SLICE, "BINARY_SLICE");
def(Op.STORE_SLICE, "STORE_SLICE");
def(Op.GET_LEN, "GET_LEN");
def(Op.MATCH_MAPPING, "MATCH_MAPPING");
def(Op.MATCH_SEQUENCE, "MATCH_SEQUENCE");
def(Op.MATCH_KEYS, "MATCH_KEYS");
def(Op.PUSH_EXC_INFO, "PUSH_EXC_INFO");
def(Op.CHECK_EXC_MATCH, "CHECK_EXC_MATCH");
def(Op.CHECK_EG_MATCH, "CHECK_EG_MATCH");
def(Op.WITH_EXCEPT_START, "WITH_EXCEPT_START");
def(Op.GET_AITER, "GET_AITER");
def(Op.GET_ANEXT, "GET_ANEXT");
def(Op.BEFORE_ASYNC_WITH, "BEFORE_ASYNC_WITH");
def(Op.BEFORE_WITH, "BEFORE_WITH");
def(Op.END_ASYNC_FOR, "END_ASYNC_FOR");
def(Op.CLEANUP_THROW, "CLEANUP_THROW");
def(Op.STORE_SUBSCR, "STORE_SUBSCR", "none", 1);
def(Op.DELETE_SUBSCR, "DELETE_SUBSCR");
def(Op.GET_ITER, "GET_ITER");
def(Op.GET_YIELD_FROM_ITER, "GET_YIELD_FROM_ITER");
def(Op.LOAD_BUILD_CLASS, "LOAD_BUILD_CLASS");
def(Op.LOAD_ASSERTION_ERROR, "LOAD_ASSERTION_ERROR");
def(Op.RETURN_GENERATOR, "RETURN_GENERATOR");
def(Op.RETURN_VALUE, "RETURN_VALUE");
def(Op.SETUP_ANNOTATIONS, "SETUP_ANNOTATIONS");
def(Op.LOAD_LOCALS, "LOAD_LOCALS");
def(Op.POP_EXCEPT, "POP_EXCEPT");
def(Op.STORE_NAME, "STORE_NAME", "name");
def(Op.DELETE_NAME, "DELETE_NAME", "name");
def(Op.UNPACK_SEQUENCE, "UNPACK_SEQUENCE", "plain", 1);
def(Op.FOR_ITER, "FOR_ITER", "jump", 1);
def(Op.UNPACK_EX, "UNPACK_EX");
def(Op.STORE_ATTR, "STORE_ATTR", "name", 4);
def(Op.DELETE_ATTR, "DELETE_ATTR", "name");
def(Op.STORE_GLOBAL, "STORE_GLOBAL", "name");
def(Op.DELETE_GLOBAL, "DELETE_GLOBAL", "name");
def(Op.SWAP, "SWAP");
def(Op.LOAD_CONST, "LOAD_CONST", "const");
def(Op.LOAD_NAME, "LOAD_NAME", "name");
def(Op.BUILD_TUPLE, "BUILD_TUPLE");
def(Op.BUILD_LIST, "BUILD_LIST");
def(Op.BUILD_SET, "BUILD_SET");
def(Op.BUILD_MAP, "BUILD_MAP");
def(Op.LOAD_ATTR, "LOAD_ATTR", "name", 9);
def(Op.COMPARE_OP, "COMPARE_OP", "compare", 1);
def(Op.IMPORT_NAME, "IMPORT_NAME", "name");
def(Op.IMPORT_FROM, "IMPORT_FROM", "name");
def(Op.JUMP_FORWARD, "JUMP_FORWARD", "jump");
def(Op.POP_JUMP_IF_FALSE, "POP_JUMP_IF_FALSE", "jump");
def(Op.POP_JUMP_IF_TRUE, "POP_JUMP_IF_TRUE", "jump");
def(Op.LOAD_GLOBAL, "LOAD_GLOBAL", "name", 4);
def(Op.IS_OP, "IS_OP");
def(Op.CONTAINS_OP, "CONTAINS_OP");
def(Op.RERAISE, "RERAISE");
def(Op.COPY, "COPY");
def(Op.RETURN_CONST, "RETURN_CONST", "const");
def(Op.BINARY_OP, "BINARY_OP", "binop", 1);
def(Op.SEND, "SEND", "jump", 1);
def(Op.LOAD_FAST, "LOAD_FAST", "local");
def(Op.STORE_FAST, "STORE_FAST", "local");
def(Op.DELETE_FAST, "DELETE_FAST", "local");
def(Op.LOAD_FAST_CHECK, "LOAD_FAST_CHECK", "local");
def(Op.POP_JUMP_IF_NOT_NONE, "POP_JUMP_IF_NOT_NONE", "jump");
def(Op.POP_JUMP_IF_NONE, "POP_JUMP_IF_NONE", "jump");
def(Op.RAISE_VARARGS, "RAISE_VARARGS");
def(Op.GET_AWAITABLE, "GET_AWAITABLE");
def(Op.MAKE_FUNCTION, "MAKE_FUNCTION", "makefn");
def(Op.BUILD_SLICE, "BUILD_SLICE");
def(Op.JUMP_BACKWARD_NO_INTERRUPT, "JUMP_BACKWARD_NO_INTERRUPT", "jump");
def(Op.MAKE_CELL, "MAKE_CELL", "free");
def(Op.LOAD_CLOSURE, "LOAD_CLOSURE", "free");
def(Op.LOAD_DEREF, "LOAD_DEREF", "free");
def(Op.STORE_DEREF, "STORE_DEREF", "free");
def(Op.DELETE_DEREF, "DELETE_DEREF", "free");
def(Op.JUMP_BACKWARD, "JUMP_BACKWARD", "jump");
def(Op.LOAD_SUPER_ATTR, "LOAD_SUPER_ATTR", "name", 1);
def(Op.CALL_FUNCTION_EX, "CALL_FUNCTION_EX");
def(Op.LOAD_FAST_AND_CLEAR, "LOAD_FAST_AND_CLEAR", "local");
def(Op.EXTENDED_ARG, "EXTENDED_ARG");
def(Op.LIST_APPEND, "LIST_APPEND");
def(Op.SET_ADD, "SET_ADD");
def(Op.MAP_ADD, "MAP_ADD");
def(Op.COPY_FREE_VARS, "COPY_FREE_VARS");
def(Op.YIELD_VALUE, "YIELD_VALUE");
def(Op.RESUME, "RESUME");
def(Op.MATCH_CLASS, "MATCH_CLASS");
def(Op.FORMAT_VALUE, "FORMAT_VALUE", "format");
def(Op.BUILD_CONST_KEY_MAP, "BUILD_CONST_KEY_MAP");
def(Op.BUILD_STRING, "BUILD_STRING");
def(Op.LIST_EXTEND, "LIST_EXTEND");
def(Op.SET_UPDATE, "SET_UPDATE");
def(Op.DICT_MERGE, "DICT_MERGE");
def(Op.DICT_UPDATE, "DICT_UPDATE");
def(Op.CALL, "CALL", "plain", 3);
def(Op.KW_NAMES, "KW_NAMES", "const");
def(Op.CALL_INTRINSIC_1, "CALL_INTRINSIC_1", "intrinsic1");
def(Op.CALL_INTRINSIC_2, "CALL_INTRINSIC_2", "intrinsic2");
def(Op.LOAD_FROM_DICT_OR_GLOBALS, "LOAD_FROM_DICT_OR_GLOBALS", "name");
def(Op.LOAD_FROM_DICT_OR_DEREF, "LOAD_FROM_DICT_OR_DEREF", "free");

// Pseudo-opcodes.
def(Op.SETUP_FINALLY, "SETUP_FINALLY", "jump");
def(Op.SETUP_CLEANUP, "SETUP_CLEANUP", "jump");
def(Op.SETUP_WITH, "SETUP_WITH", "jump");
def(Op.POP_BLOCK, "POP_BLOCK", "none");
def(Op.JUMP, "JUMP", "jump");
def(Op.JUMP_NO_INTERRUPT, "JUMP_NO_INTERRUPT", "jump");
def(Op.LOAD_METHOD, "LOAD_METHOD", "name");
def(Op.LOAD_SUPER_METHOD, "LOAD_SUPER_METHOD", "name");
def(Op.LOAD_ZERO_SUPER_METHOD, "LOAD_ZERO_SUPER_METHOD", "name");
def(Op.LOAD_ZERO_SUPER_ATTR, "LOAD_ZERO_SUPER_ATTR", "name");
def(Op.STORE_FAST_MAYBE_NULL, "STORE_FAST_MAYBE_NULL", "local");

const unknown: OpInfo = { name: "<unknown>", arg: false, kind: "none", caches: 0 };

export function opInfo(op: number): OpInfo {
  return info[op] ?? unknown;
}

export function opName(op: number): string {
  return info[op]?.name ?? `<${op}>`;
}

/** Opcode number by name (real and pseudo); undefined if unknown. */
export const opmap: ReadonlyMap<string, number> = new Map(
  info.flatMap((i, op) => (i ? [[i.name, op] as [string, number]] : [])),
);

export function isPseudo(op: number): boolean {
  return op >= MIN_PSEUDO_OPCODE;
}

// ---- opcode classes (3.12 Include/internal/pycore_opcode_utils.h) -------------------

/** `_PyOpcode_Jump`: real jumps plus the JUMP/JUMP_NO_INTERRUPT pseudo-ops. */
export function isJump(op: number): boolean {
  switch (op) {
    case Op.FOR_ITER:
    case Op.JUMP_FORWARD:
    case Op.POP_JUMP_IF_FALSE:
    case Op.POP_JUMP_IF_TRUE:
    case Op.SEND:
    case Op.POP_JUMP_IF_NOT_NONE:
    case Op.POP_JUMP_IF_NONE:
    case Op.JUMP_BACKWARD_NO_INTERRUPT:
    case Op.JUMP_BACKWARD:
    case Op.JUMP:
    case Op.JUMP_NO_INTERRUPT:
      return true;
    default:
      return false;
  }
}

export function isBlockPush(op: number): boolean {
  return op === Op.SETUP_FINALLY || op === Op.SETUP_WITH || op === Op.SETUP_CLEANUP;
}

export function hasTarget(op: number): boolean {
  return isJump(op) || isBlockPush(op);
}

export function isScopeExit(op: number): boolean {
  return op === Op.RETURN_VALUE || op === Op.RETURN_CONST || op === Op.RAISE_VARARGS || op === Op.RERAISE;
}

export function isTerminator(op: number): boolean {
  return isJump(op) || isScopeExit(op);
}

export function isUnconditionalJump(op: number): boolean {
  return (
    op === Op.JUMP ||
    op === Op.JUMP_NO_INTERRUPT ||
    op === Op.JUMP_FORWARD ||
    op === Op.JUMP_BACKWARD ||
    op === Op.JUMP_BACKWARD_NO_INTERRUPT
  );
}

export function isBackwardJump(op: number): boolean {
  return op === Op.JUMP_BACKWARD || op === Op.JUMP_BACKWARD_NO_INTERRUPT;
}

export function hasConst(op: number): boolean {
  return op === Op.LOAD_CONST || op === Op.RETURN_CONST || op === Op.KW_NAMES;
}

/** Size in code units, counting EXTENDED_ARG prefixes and inline caches (`_PyCompile_InstrSize`). */
export function instrSize(op: number, oparg: number): number {
  const ext = (oparg > 0xffffff ? 1 : 0) + (oparg > 0xffff ? 1 : 0) + (oparg > 0xff ? 1 : 0);
  return ext + 1 + opInfo(op).caches;
}

export function extendedArgCount(oparg: number): number {
  return (oparg > 0xffffff ? 1 : 0) + (oparg > 0xffff ? 1 : 0) + (oparg > 0xff ? 1 : 0);
}

// ---- stack effects (3.12 bytecodes.c; pseudo-ops from compile.c stack_effect) ----------

/**
 * Net stack effect of `op` with `oparg`; `jump` selects the branch-taken effect for
 * instructions with a target. Throws on opcodes gilsim never emits.
 */
export function stackEffect(op: number, oparg: number, jump: boolean): number {
  switch (op) {
    case Op.NOP:
    case Op.RESUME:
    case Op.EXTENDED_ARG:
    case Op.UNARY_NEGATIVE:
    case Op.UNARY_NOT:
    case Op.UNARY_INVERT:
    case Op.GET_ITER:
    case Op.SWAP:
    case Op.DELETE_FAST:
    case Op.DELETE_NAME:
    case Op.DELETE_GLOBAL:
    case Op.DELETE_DEREF:
    case Op.MAKE_CELL:
    case Op.COPY_FREE_VARS:
    case Op.JUMP_FORWARD:
    case Op.JUMP_BACKWARD:
    case Op.JUMP_BACKWARD_NO_INTERRUPT:
    case Op.RETURN_CONST:
    case Op.KW_NAMES:
    case Op.CALL_INTRINSIC_1:
    case Op.CHECK_EXC_MATCH:
    case Op.LOAD_FROM_DICT_OR_DEREF:
    case Op.LOAD_FROM_DICT_OR_GLOBALS:
    case Op.SETUP_ANNOTATIONS:
    case Op.POP_BLOCK:
    case Op.JUMP:
    case Op.JUMP_NO_INTERRUPT:
      return 0;
    case Op.POP_TOP:
    case Op.RETURN_VALUE:
    case Op.STORE_FAST:
    case Op.STORE_FAST_MAYBE_NULL:
    case Op.STORE_NAME:
    case Op.STORE_GLOBAL:
    case Op.STORE_DEREF:
    case Op.DELETE_ATTR:
    case Op.BINARY_SUBSCR:
    case Op.BINARY_OP:
    case Op.COMPARE_OP:
    case Op.IS_OP:
    case Op.CONTAINS_OP:
    case Op.LIST_APPEND:
    case Op.SET_ADD:
    case Op.LIST_EXTEND:
    case Op.SET_UPDATE:
    case Op.DICT_UPDATE:
    case Op.DICT_MERGE:
    case Op.POP_JUMP_IF_FALSE:
    case Op.POP_JUMP_IF_TRUE:
    case Op.POP_JUMP_IF_NONE:
    case Op.POP_JUMP_IF_NOT_NONE:
    case Op.IMPORT_NAME:
    case Op.POP_EXCEPT:
    case Op.RERAISE:
    case Op.CALL_INTRINSIC_2:
      return -1;
    case Op.PUSH_NULL:
    case Op.LOAD_CONST:
    case Op.LOAD_FAST:
    case Op.LOAD_FAST_CHECK:
    case Op.LOAD_FAST_AND_CLEAR:
    case Op.LOAD_NAME:
    case Op.LOAD_DEREF:
    case Op.LOAD_CLOSURE:
    case Op.LOAD_BUILD_CLASS:
    case Op.LOAD_ASSERTION_ERROR:
    case Op.LOAD_LOCALS:
    case Op.IMPORT_FROM:
    case Op.COPY:
    case Op.PUSH_EXC_INFO:
    case Op.BEFORE_WITH:
    case Op.WITH_EXCEPT_START:
    case Op.FOR_ITER: // (iter -- iter, next); the exhausted branch lands on END_FOR with both still counted
    case Op.LOAD_METHOD:
      return 1;
    case Op.END_FOR:
    case Op.STORE_ATTR:
    case Op.DELETE_SUBSCR:
    case Op.BINARY_SLICE:
    case Op.MAP_ADD:
      return -2;
    case Op.STORE_SUBSCR:
      return -3;
    case Op.STORE_SLICE:
      return -4;
    case Op.LOAD_GLOBAL:
      return 1 + (oparg & 1);
    case Op.LOAD_ATTR:
      return oparg & 1;
    case Op.LOAD_SUPER_ATTR:
      return -2 + (oparg & 1);
    case Op.LOAD_SUPER_METHOD:
    case Op.LOAD_ZERO_SUPER_METHOD:
    case Op.LOAD_ZERO_SUPER_ATTR:
      return -1;
    case Op.BUILD_SLICE:
      return oparg === 3 ? -2 : -1;
    case Op.BUILD_TUPLE:
    case Op.BUILD_LIST:
    case Op.BUILD_SET:
    case Op.BUILD_STRING:
      return 1 - oparg;
    case Op.BUILD_MAP:
      return 1 - 2 * oparg;
    case Op.BUILD_CONST_KEY_MAP:
      return -oparg;
    case Op.UNPACK_SEQUENCE:
      return oparg - 1;
    case Op.UNPACK_EX:
      return (oparg & 0xff) + (oparg >> 8);
    case Op.CALL:
      return -1 - oparg;
    case Op.CALL_FUNCTION_EX:
      return -2 - (oparg & 1);
    case Op.MAKE_FUNCTION:
      return -((oparg & 1 ? 1 : 0) + (oparg & 2 ? 1 : 0) + (oparg & 4 ? 1 : 0) + (oparg & 8 ? 1 : 0));
    case Op.RAISE_VARARGS:
      return -oparg;
    case Op.FORMAT_VALUE:
      return (oparg & 0x04) === 0x04 ? -1 : 0;
    case Op.SETUP_FINALLY:
      return jump ? 1 : 0;
    case Op.SETUP_CLEANUP:
      return jump ? 2 : 0;
    case Op.SETUP_WITH:
      return jump ? 1 : 0;
    default:
      throw new Error(`stackEffect: opcode ${opName(op)} is not emitted by gilsim`);
  }
}

// ---- oparg tables --------------------------------------------------------------------

/** 3.12 `Lib/opcode.py: cmp_op`. COMPARE_OP's oparg is `index << 4 | mask`. */
export const CMP_OP = ["<", "<=", "==", "!=", ">", ">="] as const;

/** COMPARISON_* masks from pycore_opcode_utils.h (low 4 bits of COMPARE_OP's oparg). */
export const COMPARE_MASKS: readonly number[] = [
  /* <  */ 2,
  /* <= */ 2 | 8,
  /* == */ 8,
  /* != */ 1 | 2 | 4, // COMPARISON_NOT_EQUALS = UNORDERED | LESS_THAN | GREATER_THAN
  /* >  */ 4,
  /* >= */ 4 | 8,
];

/** 3.12 `Lib/opcode.py: _nb_ops` (BINARY_OP's oparg indexes this). */
export const NB_OPS: readonly (readonly [string, string])[] = [
  ["NB_ADD", "+"],
  ["NB_AND", "&"],
  ["NB_FLOOR_DIVIDE", "//"],
  ["NB_LSHIFT", "<<"],
  ["NB_MATRIX_MULTIPLY", "@"],
  ["NB_MULTIPLY", "*"],
  ["NB_REMAINDER", "%"],
  ["NB_OR", "|"],
  ["NB_POWER", "**"],
  ["NB_RSHIFT", ">>"],
  ["NB_SUBTRACT", "-"],
  ["NB_TRUE_DIVIDE", "/"],
  ["NB_XOR", "^"],
  ["NB_INPLACE_ADD", "+="],
  ["NB_INPLACE_AND", "&="],
  ["NB_INPLACE_FLOOR_DIVIDE", "//="],
  ["NB_INPLACE_LSHIFT", "<<="],
  ["NB_INPLACE_MATRIX_MULTIPLY", "@="],
  ["NB_INPLACE_MULTIPLY", "*="],
  ["NB_INPLACE_REMAINDER", "%="],
  ["NB_INPLACE_OR", "|="],
  ["NB_INPLACE_POWER", "**="],
  ["NB_INPLACE_RSHIFT", ">>="],
  ["NB_INPLACE_SUBTRACT", "-="],
  ["NB_INPLACE_TRUE_DIVIDE", "/="],
  ["NB_INPLACE_XOR", "^="],
];

/** NB_* index by operator symbol; the in-place form is `NB_INPLACE_OFFSET` further on. */
export const NB: Readonly<Record<string, number>> = Object.fromEntries(NB_OPS.map(([, sym], i) => [sym, i]));
export const NB_INPLACE_OFFSET = 13;

/** 3.12 `_intrinsic_1_descs`. */
export const INTRINSIC_1 = [
  "INTRINSIC_1_INVALID",
  "INTRINSIC_PRINT",
  "INTRINSIC_IMPORT_STAR",
  "INTRINSIC_STOPITERATION_ERROR",
  "INTRINSIC_ASYNC_GEN_WRAP",
  "INTRINSIC_UNARY_POSITIVE",
  "INTRINSIC_LIST_TO_TUPLE",
  "INTRINSIC_TYPEVAR",
  "INTRINSIC_PARAMSPEC",
  "INTRINSIC_TYPEVARTUPLE",
  "INTRINSIC_SUBSCRIPT_GENERIC",
  "INTRINSIC_TYPEALIAS",
] as const;
export const INTRINSIC_PRINT = 1;
export const INTRINSIC_IMPORT_STAR = 2;
export const INTRINSIC_UNARY_POSITIVE = 5;
export const INTRINSIC_LIST_TO_TUPLE = 6;

/** 3.12 `_intrinsic_2_descs`. */
export const INTRINSIC_2 = [
  "INTRINSIC_2_INVALID",
  "INTRINSIC_PREP_RERAISE_STAR",
  "INTRINSIC_TYPEVAR_WITH_BOUND",
  "INTRINSIC_TYPEVAR_WITH_CONSTRAINTS",
  "INTRINSIC_SET_FUNCTION_TYPE_PARAMS",
] as const;

/** FORMAT_VALUE oparg bits (FVC_* conversion in the low 2 bits, FVS_HAVE_SPEC = 4). */
export const FVC_NONE = 0;
export const FVC_STR = 1;
export const FVC_REPR = 2;
export const FVC_ASCII = 3;
export const FVS_HAVE_SPEC = 4;

/** MAKE_FUNCTION flag bits, in dis's order. */
export const MAKE_FUNCTION_FLAGS = ["defaults", "kwdefaults", "annotations", "closure"] as const;
