/**
 * Errors the object layer raises for the Python program, not for gilsim: the interpreter
 * catches a PyError and raises the Python exception named by `pyType` with `message`
 * (the same text CPython uses). Heap-level failures stay HeapExhausted / HeapCorruption.
 */
import { GilsimError } from "../errors.js";

export type PyErrorType = "TypeError" | "IndexError" | "KeyError" | "ValueError" | "RuntimeError" | "OverflowError";

export class PyError extends GilsimError {
  override name = "PyError";
  constructor(readonly pyType: PyErrorType, message: string) {
    super(message);
  }
}
