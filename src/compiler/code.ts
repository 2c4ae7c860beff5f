/**
 * Code objects as plain data (clox's `Chunk`, CPython's `PyCodeObject`).
 *
 * Instructions are parallel typed arrays, one entry per *instruction* (EXTENDED_ARG
 * prefixes and inline CACHE entries are not instructions here; they only count in
 * `offsets`, so dis can show CPython 3.12's byte offsets):
 *
 *   ops[i]      opcode (opcodes.ts `Op`, always a real 3.12 opcode)
 *   args[i]     full oparg; for jumps (FOR_ITER, JUMP_FORWARD, JUMP_BACKWARD,
 *               POP_JUMP_IF_*) the *instruction index* of the target. FOR_ITER's target
 *               is its END_FOR, as in CPython: on exhaustion the VM continues at
 *               target + 1 (3.12 `JUMPBY(oparg + 1)`), i.e. after the END_FOR.
 *   lines[i]    source line, or -1 where CPython has none (co_lines yields None)
 *   offsets[i]  CPython byte offset of the instruction's first code unit (its first
 *               EXTENDED_ARG if it has any); jump targets and exception-table entries
 *               point here
 *   cols/endLines/endCols  the rest of CPython's co_positions (col in UTF-8 bytes), -1 if none
 *
 * Fast locals, cells and free variables share one index space, "localsplus", exactly as
 * in 3.12: LOAD_FAST/STORE_FAST/LOAD_DEREF/MAKE_CELL/... opargs index `localsplusnames`.
 * An argument that is also a cell keeps its argument slot (MAKE_CELL converts it).
 */

export type PyConst =
  | null // None
  | boolean
  | bigint // int
  | number // float
  | string // str
  | PyTupleConst
  | PyFrozenSetConst
  | PyEllipsisConst
  | PyBytesConst
  | PyComplexConst
  | CodeObject;

export interface PyTupleConst {
  readonly kind: "tuple";
  readonly items: readonly PyConst[];
}
export interface PyFrozenSetConst {
  readonly kind: "frozenset";
  /** In the order the literal listed them (CPython's order is its hash-table order). */
  readonly items: readonly PyConst[];
}
export interface PyEllipsisConst {
  readonly kind: "ellipsis";
}
export interface PyBytesConst {
  readonly kind: "bytes";
  readonly data: Uint8Array;
}
export interface PyComplexConst {
  readonly kind: "complex";
  readonly real: number;
  readonly imag: number;
}

export const ELLIPSIS: PyEllipsisConst = Object.freeze({ kind: "ellipsis" });

export function tupleConst(items: readonly PyConst[]): PyTupleConst {
  return { kind: "tuple", items };
}

// CO_* flags (Include/cpython/code.h).
export const CO_OPTIMIZED = 0x0001;
export const CO_NEWLOCALS = 0x0002;
export const CO_VARARGS = 0x0004;
export const CO_VARKEYWORDS = 0x0008;
export const CO_NESTED = 0x0010;
export const CO_GENERATOR = 0x0020;
export const CO_NOFREE = 0x0040;
export const CO_COROUTINE = 0x0080;
export const CO_ITERABLE_COROUTINE = 0x0100;
export const CO_ASYNC_GENERATOR = 0x0200;

// Kinds of localsplus slots (Include/internal/pycore_code.h).
export const CO_FAST_LOCAL = 0x20;
export const CO_FAST_CELL = 0x40;
export const CO_FAST_FREE = 0x80;

/**
 * One row of 3.12's zero-cost exception table. `start`/`end`/`target` are instruction
 * indices (end exclusive) for the VM; the `*Offset` fields are CPython byte offsets for
 * dis. `depth` is the value-stack depth to unwind to; `lasti` says whether the offset of
 * the raising instruction is pushed before the exception.
 */
export interface ExceptionTableEntry {
  readonly start: number;
  readonly end: number;
  readonly target: number;
  readonly depth: number;
  readonly lasti: boolean;
  readonly startOffset: number;
  readonly endOffset: number;
  readonly targetOffset: number;
}

export interface Instructions {
  readonly count: number;
  readonly ops: Uint8Array;
  readonly args: Int32Array;
  readonly lines: Int32Array;
  readonly offsets: Int32Array;
  readonly endLines: Int32Array;
  readonly cols: Int32Array;
  readonly endCols: Int32Array;
}

export interface CodeObject {
  readonly kind: "code";
  readonly name: string;
  readonly qualname: string;
  readonly filename: string;
  readonly firstlineno: number;
  readonly argcount: number;
  readonly posonlyargcount: number;
  readonly kwonlyargcount: number;
  readonly flags: number;
  /** Fast locals (CO_FAST_LOCAL slots, arguments first), as co_varnames. */
  readonly varnames: readonly string[];
  /** Cell variables (CO_FAST_CELL), as co_cellvars; may include arguments. */
  readonly cellvars: readonly string[];
  /** Free variables (CO_FAST_FREE), as co_freevars. */
  readonly freevars: readonly string[];
  /** Global/attribute/import names, as co_names. */
  readonly names: readonly string[];
  readonly consts: readonly PyConst[];
  /** The localsplus index space: names and CO_FAST_* kinds, one per frame slot. */
  readonly localsplusnames: readonly string[];
  readonly localspluskinds: Uint8Array;
  readonly stacksize: number;
  readonly exceptionTable: readonly ExceptionTableEntry[];
  readonly instructions: Instructions;
  /** Total size in bytes of CPython's co_code for this code object. */
  readonly codeSize: number;
}

export function isCode(c: PyConst): c is CodeObject {
  return typeof c === "object" && c !== null && c.kind === "code";
}
