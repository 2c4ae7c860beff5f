import { GilsimError } from "../errors.js";

export type SyntaxErrorType = "SyntaxError" | "IndentationError" | "TabError";

/**
 * A Python SyntaxError (or IndentationError/TabError) raised while compiling. Fields are
 * those of CPython's SyntaxError: `lineno` 1-based, `offset`/`endOffset` 1-based
 * character columns (null when CPython shows no caret), `text` the offending line.
 */
export class PySyntaxError extends GilsimError {
  override name = "PySyntaxError";

  constructor(
    readonly msg: string,
    readonly filename: string,
    readonly lineno: number,
    readonly offset: number | null,
    readonly text: string | null,
    readonly endOffset: number | null = null,
    readonly type: SyntaxErrorType = "SyntaxError",
  ) {
    super(`${type}: ${msg} (${filename}, line ${lineno})`);
  }

  /**
   * The text CPython 3.11 prints for this error when it is uncaught (pythonrun.c
   * `print_exception` / `print_error_text`): the file/line header, the source line with
   * leading whitespace stripped, a caret line spanning offset..endOffset (clipped to
   * the line; at least one caret), and `Type: msg`. Ends with a newline.
   */
  format(): string {
    let out = `  File "${this.filename}", line ${this.lineno}\n`;
    if (this.text !== null) {
      const chars = Array.from(this.text.replace(/[\r\n]+$/, ""));
      let stripped = 0;
      while (stripped < chars.length && (chars[stripped] === " " || chars[stripped] === "\t" || chars[stripped] === "\f")) {
        stripped++;
      }
      const text = chars.slice(stripped);
      out += `    ${text.join("")}\n`;
      if (this.offset !== null) {
        const len = text.length;
        const offset = Math.min(this.offset - 1 - stripped, len);
        let end = (this.endOffset !== null && this.endOffset > 0 ? this.endOffset : this.offset + 1) - 1 - stripped;
        end = Math.min(end, len + 1);
        if (offset >= 0) out += `    ${" ".repeat(offset)}${"^".repeat(Math.max(end - offset, 1))}\n`;
      }
    }
    out += `${this.type}: ${this.msg || "<no detail available>"}\n`;
    return out;
  }
}

/** The message for constructs outside gilsim's Python subset. */
export function unsupportedMessage(construct: string): string {
  return `gilsim does not support ${construct} yet`;
}
