/**
 * gilsim's own error classes. A GilsimError is never shown to a user as a JS stack
 * trace: the CLI prints its message (and the interpreter turns HeapExhausted into
 * Python's MemoryError, HeapCorruption into a "simulated segmentation fault" finding).
 */
export class GilsimError extends Error {
  override name = "GilsimError";
}

/** A bad option at the public boundary; the message names the option. */
export class GilsimConfigError extends GilsimError {
  override name = "GilsimConfigError";
  constructor(readonly option: string, detail: string) {
    super(`${option}: ${detail}`);
  }
}

/** The heap could not satisfy a request. Nothing in the heap was changed. */
export class HeapExhausted extends GilsimError {
  override name = "HeapExhausted";
  constructor(readonly requestBytes: number, readonly where: "pymalloc" | "raw") {
    super(`out of simulated memory: ${where} could not allocate ${requestBytes} bytes`);
  }
}

/** A pointer or list in the heap failed a bounds or tag check. */
export class HeapCorruption extends GilsimError {
  override name = "HeapCorruption";
  constructor(readonly address: number, detail: string) {
    super(`heap corruption at 0x${address.toString(16)}: ${detail}`);
  }
}
