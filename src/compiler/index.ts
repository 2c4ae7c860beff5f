// Public surface of the compiler: re-exports only.
export { compile, compileToRun } from "./compile.js";
export { parseModule as parse } from "./parser.js";
export { dis, getInstructions, formatInstruction, type DisInstruction } from "./dis.js";
export { PySyntaxError, type SyntaxErrorType } from "./syntax-error.js";
export {
  CO_ASYNC_GENERATOR,
  CO_COROUTINE,
  CO_FAST_CELL,
  CO_FAST_FREE,
  CO_FAST_LOCAL,
  CO_GENERATOR,
  CO_NESTED,
  CO_NEWLOCALS,
  CO_OPTIMIZED,
  CO_VARARGS,
  CO_VARKEYWORDS,
  ELLIPSIS,
  isCode,
  type CodeObject,
  type ExceptionTableEntry,
  type Instructions,
  type PyBytesConst,
  type PyComplexConst,
  type PyConst,
  type PyEllipsisConst,
  type PyFrozenSetConst,
  type PyTupleConst,
} from "./code.js";
export {
  Op,
  opName,
  opInfo,
  NB_OPS,
  CMP_OP,
  INTRINSIC_1,
  INTRINSIC_2,
  FVC_NONE,
  FVC_STR,
  FVC_REPR,
  FVC_ASCII,
  FVS_HAVE_SPEC,
  type OpInfo,
} from "./opcodes.js";
export { pyRepr } from "./pyrepr.js";
export { floatRepr, strRepr } from "../util/pyformat.js";
export type * as ast from "./ast.js";
