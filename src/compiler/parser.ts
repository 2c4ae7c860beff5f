/**
 * Front end: Python source → typed AST (ast.ts), using @lezer/python for parsing.
 *
 *   source ──@lezer/python──► concrete tree ──checkTree──► (errors?) ──Converter──► Module
 *
 * Lezer never throws: it recovers and leaves error nodes (⚠) in the tree. `checkTree`
 * turns the first problem into a PySyntaxError with CPython's wording where we can
 * reproduce it (unterminated strings, unclosed brackets, indentation), "invalid syntax"
 * otherwise. Lezer's grammar is also looser than CPython's (it accepts `print x`,
 * `except E, e`, `1 = x`, ...), so the Converter validates what it builds and rejects
 * the rest as CPython would, and rejects constructs outside gilsim's subset with
 * "gilsim does not support X yet".
 */

import { parser as lezerPython } from "@lezer/python";
import type { SyntaxNode, Tree } from "@lezer/common";
import type * as A from "./ast.js";
import { ELLIPSIS, type PyConst } from "./code.js";
import { PySyntaxError, type SyntaxErrorType, unsupportedMessage } from "./syntax-error.js";

// @lezer/python treats `print` followed by anything but `(`/`.`/newline as a Python 2
// print statement, which breaks valid code like `f(print, x)` or `print = 3`. Swap its
// legacyPrint tokenizer (the first external tokenizer) for one that never fires.
const parser = (() => {
  try {
    const tokenizers = (lezerPython as unknown as { tokenizers: unknown[] }).tokenizers;
    const legacy = tokenizers[0] as { constructor: new (fn: () => void, opts: object) => unknown };
    const silent = new legacy.constructor(() => {}, {});
    const configured = lezerPython.configure({ tokenizers: [{ from: legacy, to: silent }] } as never);
    const probe = configured.parse("print = 3\n").topNode.firstChild;
    return probe?.name === "AssignStatement" ? configured : lezerPython;
  } catch {
    return lezerPython;
  }
})();

const IDENT = /^[\p{XID_Start}_][\p{XID_Continue}]*$/u;

const COMPARE_OPS: Readonly<Record<string, A.CmpOperator>> = {
  "==": "==",
  "!=": "!=",
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
};

const BIN_OPS = new Set(["+", "-", "*", "@", "/", "%", "**", "<<", ">>", "|", "^", "&", "//"]);

/** Parse `source` into a Module, or throw PySyntaxError. */
export function parseModule(source: string, filename: string): A.Module {
  const src = new Source(source, filename);
  const tree = parseWithFixes(source);
  checkTree(tree, src);
  return new Converter(src).module(tree.topNode);
}

/**
 * Lezer's tree, for a copy of the source patched where lezer reads valid Python wrongly;
 * each patch keeps the length, so every position still matches the real source, and the
 * converter reads numbers and format specs from the real source text:
 * - Lezer's Number token needs a digit after the decimal point, so `4.`, `24.*3600.`,
 *   `1.e5` and `2.j` (valid Python floats) come out as an int followed by `.`: the dot
 *   moves to the front (`4.` → `.4`, `1.e5` → `.1e5`).
 * - In an f-string, `{n:=8}` is `n` with the format spec `=8` (`=` alignment), but lezer
 *   reads `:=` as the walrus operator and fails: the `=` becomes `>` for lezer (a walrus
 *   in an f-string needs parentheses, where lezer reads it right).
 */
function parseWithFixes(source: string): Tree {
  let text = source;
  for (let round = 0; ; round++) {
    const tree = parser.parse(text);
    const fixes: [number, string][] = []; // [position, replacement of the same length]
    tree.iterate({
      enter(ref) {
        if (ref.name === "String" || ref.name === "Comment") return false;
        if (ref.name === "FormatReplacement" && text[ref.to - 1] !== "}" && text.startsWith(":=", ref.to)) {
          fixes.push([ref.to + 1, ">"]);
          return true;
        }
        if (ref.name !== "Number" || text[ref.to] !== ".") return true;
        const digits = text.slice(ref.from, ref.to);
        const after = text.slice(ref.to + 1);
        if (/^[0-9][0-9_]*$/.test(digits) && (/^[eE][+-]?[0-9]/.test(after) || /^[jJ]/.test(after) || !/^[\p{XID_Continue}.]/u.test(after))) {
          fixes.push([ref.from, "." + digits]);
        }
        return false;
      },
    });
    if (fixes.length === 0 || round === 20) return tree;
    let patched = "";
    let pos = 0;
    for (const [at, replacement] of fixes.sort((x, y) => x[0] - y[0])) {
      patched += text.slice(pos, at) + replacement;
      pos = at + replacement.length;
    }
    text = patched + text.slice(pos);
  }
}

// ---------------------------------------------------------------------------------------
// Source text helpers: positions → CPython locations, errors.

class Source {
  readonly lineStarts: number[] = [0];
  private readonly asciiOnly: boolean;

  constructor(
    readonly text: string,
    readonly filename: string,
  ) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.lineStarts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.lineStarts.push(i + 1);
    }
    this.asciiOnly = !/[^\x00-\x7f]/.test(text);
  }

  /** 1-based line of a position. */
  lineOf(pos: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    let end = this.lineStarts[line] ?? this.text.length;
    while (end > start && (this.text[end - 1] === "\n" || this.text[end - 1] === "\r")) end--;
    return this.text.slice(start, end);
  }

  /** 0-based column as CPython's AST has it: UTF-8 bytes from the line start. */
  byteCol(pos: number): number {
    const start = this.lineStarts[this.lineOf(pos) - 1]!;
    if (this.asciiOnly) return pos - start;
    return Buffer.byteLength(this.text.slice(start, pos), "utf8");
  }

  /** 1-based character (code point) column, as SyntaxError.offset. */
  charOffset(pos: number): number {
    const start = this.lineStarts[this.lineOf(pos) - 1]!;
    return Array.from(this.text.slice(start, pos)).length + 1;
  }

  loc(from: number, to: number): A.Loc {
    return { line: this.lineOf(from), col: this.byteCol(from), endLine: this.lineOf(to), endCol: this.byteCol(to) };
  }

  error(
    msg: string,
    pos: number | null,
    endPos: number | null = null,
    type: SyntaxErrorType = "SyntaxError",
    line?: number,
  ): PySyntaxError {
    const lineno = line ?? (pos === null ? this.lineStarts.length : this.lineOf(pos));
    const offset = pos === null ? null : this.charOffset(pos);
    const endOffset =
      pos === null || endPos === null || this.lineOf(endPos) !== lineno ? null : this.charOffset(endPos);
    return new PySyntaxError(msg, this.filename, lineno, offset, this.lineText(lineno), endOffset, type);
  }

  /** An error spanning an AST location (compile-time errors from later passes). */
  errorAtLoc(msg: string, loc: A.Loc): PySyntaxError {
    const text = this.lineText(loc.line);
    const offset = byteToCharOffset(text, loc.col);
    // A span over several lines is underlined to the end of its first line.
    const endOffset = loc.endLine === loc.line ? byteToCharOffset(text, loc.endCol) : Array.from(text).length + 1;
    return new PySyntaxError(msg, this.filename, loc.line, offset, text, endOffset);
  }
}

function byteToCharOffset(line: string, byteCol: number): number {
  let bytes = 0;
  let chars = 0;
  for (const ch of line) {
    if (bytes >= byteCol) break;
    bytes += Buffer.byteLength(ch, "utf8");
    chars++;
  }
  return chars + 1 + Math.max(0, byteCol - bytes);
}

/** Build a SyntaxError at an AST location; used by symtable and codegen. */
export function syntaxErrorAt(source: string, filename: string, msg: string, loc: A.Loc): PySyntaxError {
  return new Source(source, filename).errorAtLoc(msg, loc);
}

// ---------------------------------------------------------------------------------------
// Tree checks: lezer error nodes, brackets, indentation.

const OPEN_BRACKETS: Readonly<Record<string, string>> = { "(": ")", "[": "]", "{": "}" };
const UNSUPPORTED_KEYWORDS: Readonly<Record<string, string>> = {
  yield: "yield",
  await: "await",
  async: "async functions",
};

/** The tokenizer's MAXLEVEL (Parser/tokenizer.h). */
const MAX_NESTING = 200;
/** Deeper than this, a lezer error node means lezer hit its own stack limit. */
const MAX_TREE_DEPTH = 300;
const CLOSE_BRACKETS = new Set([")", "]", "}"]);

function checkTree(tree: Tree, src: Source): void {
  let firstError: SyntaxNode | null = null;
  const leaves: SyntaxNode[] = [];
  const unterminated: SyntaxNode[] = [];
  let depth = 0;
  let maxDepth = 0;
  const consider = (n: SyntaxNode): void => {
    if (firstError === null || n.from < firstError.from) firstError = n;
  };
  tree.iterate({
    leave() {
      depth--;
    },
    enter(ref) {
      if (++depth > maxDepth) maxDepth = depth;
      if (ref.type.isError) {
        consider(ref.node);
        return true; // its children are the skipped tokens (brackets matter)
      }
      if (ref.name === "String" || ref.name === "FormatString" || ref.name === "Comment") {
        leaves.push(ref.node);
        // Strings: an error child, or no closing quote, means the literal is unterminated.
        const inner = ref.node.getChild("⚠");
        if (inner !== null) consider(inner);
        else if (ref.name !== "Comment" && !isTerminated(src.text.slice(ref.from, ref.to))) unterminated.push(ref.node);
        if (ref.name === "FormatString") return true;
        depth--;
        return false;
      }
      if (ref.node.firstChild === null) leaves.push(ref.node);
      return true;
    },
  });

  const errNode = firstError as SyntaxNode | null;
  const open = unterminated[0];
  if (open !== undefined && (errNode === null || open.from <= errNode.from)) {
    const triple = /^[a-zA-Z]*('''|""")/.test(src.text.slice(open.from, open.to));
    const detected = triple ? src.lineOf(src.text.length) : src.lineOf(open.from);
    const kind = triple ? "triple-quoted string literal" : "string literal";
    throw src.error(`unterminated ${kind} (detected at line ${detected})`, open.from);
  }
  const numberErr = checkNumbers(leaves, src, errNode);
  if (numberErr) throw numberErr;
  const bracketErr = checkBrackets(leaves, src, errNode);
  if (bracketErr) throw bracketErr;
  const indentErr = checkIndentation(tree.topNode, src);
  if (indentErr && (errNode === null || indentErr.pos <= errNode.from)) throw indentErr.error;
  if (errNode !== null) {
    // Lezer gives up (and recovers) when its parse stack gets very deep, e.g. on ~900
    // chained `+` or calls, which CPython parses. Say so rather than "invalid syntax".
    if (maxDepth > MAX_TREE_DEPTH) throw src.error(unsupportedMessage("expressions nested this deeply"), errNode.from);
    // Lezer cannot parse some valid uses of constructs gilsim rejects anyway (`(yield)`):
    // name the construct rather than calling valid Python invalid.
    const kw = leaves.find((l) => l.from <= errNode.from && UNSUPPORTED_KEYWORDS[l.name] !== undefined);
    if (kw !== undefined) throw src.error(unsupportedMessage(UNSUPPORTED_KEYWORDS[kw.name]!), kw.from, kw.to);
    throw errorForNode(errNode, src, leaves);
  }
  checkCharacters(leaves, src);
}

/** Does a string token's text end with its opening quote (and not an escaped one)? */
function isTerminated(raw: string): boolean {
  const m = /^([a-zA-Z]*)('''|"""|'|")/.exec(raw);
  if (m === null) return true;
  const quote = m[2]!;
  const body = raw.slice(m[0].length);
  if (body.length < quote.length || !body.endsWith(quote)) return false;
  if (quote.length === 1 && /[\n\r]/.test(body.replace(/\\\r?\n/g, ""))) return false;
  const inner = body.slice(0, body.length - quote.length);
  const trailing = /\\*$/.exec(inner)![0].length;
  return trailing % 2 === 0;
}

/** A number running into a name (`1if`, `2abc`): the tokenizer's "invalid decimal literal". */
function checkNumbers(leaves: SyntaxNode[], src: Source, firstError: SyntaxNode | null): PySyntaxError | null {
  for (const leaf of leaves) {
    if (firstError !== null && leaf.from > firstError.from) break;
    if (leaf.name !== "Number") continue;
    const after = src.text[leaf.to];
    if (after !== undefined && /\p{XID_Continue}/u.test(after) && !/[jJ]$/.test(src.text.slice(leaf.from, leaf.to))) {
      const raw = src.text.slice(leaf.from, leaf.to);
      const kind = /^0[xX]/.test(raw) ? "hexadecimal" : /^0[oO]/.test(raw) ? "octal" : /^0[bB]/.test(raw) ? "binary" : "decimal";
      return src.error(`invalid ${kind} literal`, leaf.from);
    }
  }
  return null;
}

/** Unmatched / mismatched / never-closed brackets, as CPython's tokenizer reports them. */
function checkBrackets(leaves: SyntaxNode[], src: Source, firstError: SyntaxNode | null): PySyntaxError | null {
  const stack: SyntaxNode[] = [];
  for (const leaf of leaves) {
    if (firstError !== null && leaf.from > firstError.from && stack.length === 0) break;
    const t = leaf.name;
    if (t in OPEN_BRACKETS && leaf.to - leaf.from === 1) {
      stack.push(leaf);
      if (stack.length > MAX_NESTING) return src.error("too many nested parentheses", leaf.from);
    } else if (CLOSE_BRACKETS.has(t) && leaf.to - leaf.from === 1) {
      const open = stack.pop();
      if (open === undefined) return src.error(`unmatched '${t}'`, leaf.from);
      if (OPEN_BRACKETS[open.name] !== t) {
        const openLine = src.lineOf(open.from);
        const onLine = openLine !== src.lineOf(leaf.from) ? ` on line ${openLine}` : "";
        return src.error(
          `closing parenthesis '${t}' does not match opening parenthesis '${open.name}'${onLine}`,
          leaf.from,
        );
      }
    }
  }
  if (stack.length > 0 && (firstError === null || isAtEnd(firstError, src))) {
    const open = stack[stack.length - 1]!;
    return src.error(`'${open.name}' was never closed`, open.from);
  }
  return null;
}

function isAtEnd(node: SyntaxNode, src: Source): boolean {
  return /^\s*$/.test(src.text.slice(node.from));
}

interface IndentError {
  pos: number;
  error: PySyntaxError;
}

/** Python's indentation rules, which lezer's tokenizer does not enforce. */
function checkIndentation(top: SyntaxNode, src: Source): IndentError | null {
  const measure = (pos: number): { start: number; w8: number; w1: number } | null => {
    const line = src.lineOf(pos);
    const start = src.lineStarts[line - 1]!;
    const prefix = src.text.slice(start, pos);
    if (!/^[ \t\f]*$/.test(prefix)) return null; // not the first thing on its line
    let w8 = 0;
    let w1 = 0;
    for (const c of prefix) {
      if (c === "\t") {
        w8 = (Math.floor(w8 / 8) + 1) * 8;
        w1 += 1;
      } else if (c === " ") {
        w8++;
        w1++;
      } else {
        w8 = 0;
        w1 = 0;
      }
    }
    return { start, w8, w1 };
  };

  const visitBlock = (stmts: SyntaxNode[], outer: { w8: number; w1: number }[]): IndentError | null => {
    let block: { w8: number; w1: number } | null = null;
    let prevBlockIndent = -1;
    for (const s of stmts) {
      const m = measure(s.from);
      if (m === null) continue;
      const line = src.lineOf(s.from);
      const pos = m.start;
      if (block === null) {
        block = m;
        const parent = outer[outer.length - 1];
        if (parent === undefined && m.w8 !== 0) {
          return { pos, error: src.error("unexpected indent", null, null, "IndentationError", line) };
        }
      } else if (m.w8 !== block.w8 || m.w1 !== block.w1) {
        if ((m.w8 === block.w8) !== (m.w1 === block.w1)) {
          return {
            pos,
            error: src.error("inconsistent use of tabs and spaces in indentation", null, null, "TabError", line),
          };
        }
        if (m.w8 > block.w8 && !(prevBlockIndent > block.w8 && m.w8 < prevBlockIndent)) {
          return { pos, error: src.error("unexpected indent", null, null, "IndentationError", line) };
        }
        return {
          pos,
          error: new PySyntaxError(
            "unindent does not match any outer indentation level",
            src.filename,
            line,
            Array.from(src.lineText(line)).length + 1,
            src.lineText(line),
            null,
            "IndentationError",
          ),
        };
      }
      prevBlockIndent = -1;
      for (const body of bodiesOf(s)) {
        const inner = body.filter((n) => n.name !== ":" && n.name !== "Comment" && !n.type.isError);
        const first = inner[0];
        if (first === undefined) continue;
        const fm = measure(first.from);
        if (fm === null) continue; // simple statement on the header line
        if (fm.w8 <= m.w8) continue; // lezer reported this one
        prevBlockIndent = fm.w8;
        const err = visitBlock(inner, [...outer, block]);
        if (err) return err;
      }
    }
    return null;
  };
  return visitBlock(kids(top), []);
}

function bodiesOf(stmt: SyntaxNode): SyntaxNode[][] {
  const out: SyntaxNode[][] = [];
  const collect = (n: SyntaxNode): void => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === "Body") out.push(allKids(c));
      else if (c.name === "FunctionDefinition" || c.name === "ClassDefinition") collect(c);
      else if (c.name === "MatchBody") for (const cl of c.getChildren("MatchClause")) collect(cl);
    }
  };
  collect(stmt);
  return out;
}

const BLOCK_NAMES: Readonly<Record<string, string>> = {
  if: "'if' statement",
  elif: "'elif' statement",
  else: "'else' statement",
  while: "'while' statement",
  for: "'for' statement",
  try: "'try' statement",
  except: "'except' statement",
  finally: "'finally' statement",
  with: "'with' statement",
  def: "function definition",
  class: "class definition",
};

function errorForNode(err: SyntaxNode, src: Source, leaves: SyntaxNode[]): PySyntaxError {
  const parent = err.parent;
  // Unterminated string literal.
  if (parent && (parent.name === "String" || parent.name === "FormatString")) {
    const raw = src.text.slice(parent.from, parent.to);
    const triple = /^[a-zA-Z]*('''|""")/.test(raw);
    const detected = triple ? src.lineOf(src.text.length) : src.lineOf(parent.from);
    const kind = triple ? "triple-quoted string literal" : "string literal";
    return src.error(`unterminated ${kind} (detected at line ${detected})`, parent.from);
  }
  const nextLeaf = (pos: number): SyntaxNode | undefined =>
    leaves.find((l) => l.from >= pos && l.name !== "Comment" && l.to > l.from);
  // Missing block after a compound statement header.
  if (parent && parent.name === "Body" && err.prevSibling?.name === ":" && noStatementBefore(err)) {
    const header = headerKeyword(parent);
    const next = nextLeaf(err.to);
    const colon = err.prevSibling;
    const headerLine = src.lineOf(parent.parent?.from ?? parent.from);
    const msg = `expected an indented block after ${BLOCK_NAMES[header] ?? "'" + header + "' statement"} on line ${headerLine}`;
    if (next === undefined) return src.error(msg, lineEnd(src, colon.to), null, "IndentationError");
    return src.error(msg, next.from, next.to, "IndentationError");
  }
  // A compound statement header without its colon.
  if (parent && parent.name === "Body" && err.prevSibling === null) {
    return src.error("expected ':'", err.from);
  }
  // Python 2 print statement.
  const before = err.prevSibling;
  // `f(a b)`, `(1 2)`: CPython's "Perhaps you forgot a comma?" (only inside brackets).
  const errText = src.text.slice(err.from, err.to);
  if (
    before !== null &&
    EXPRESSION_NODES.has(before.name) &&
    /^[\p{XID_Start}_0-9'"(\[{]/u.test(errText) &&
    !(before.name === "VariableName" && /^[a-zA-Z]*['"]/.test(errText)) &&
    insideBrackets(err) &&
    src.lineOf(before.from) === src.lineOf(err.to)
  ) {
    return src.error("invalid syntax. Perhaps you forgot a comma?", before.from, err.to);
  }
  if (
    before?.name === "ExpressionStatement" &&
    before.firstChild?.name === "VariableName" &&
    src.text.slice(before.from, before.to).trim() === "print"
  ) {
    return src.error(
      "Missing parentheses in call to 'print'. Did you mean print(...)?",
      before.from,
      lineEnd(src, before.from),
    );
  }
  // `if x = 1:` — CPython's invalid_named_expression hint.
  if (
    src.text.slice(err.from, err.to) === "=" &&
    before?.name === "VariableName" &&
    parent !== null &&
    /^(If|While)Statement$/.test(parent.name)
  ) {
    const rhs = err.nextSibling;
    const end = rhs !== null && rhs.name !== "Body" ? rhs.to : err.to;
    return src.error("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", before.from, end);
  }
  // The offending token: the skipped token itself, or the next token on the same line;
  // at the end of a line, CPython points at the NEWLINE token (just past the last token).
  let pos = err.from;
  let end: number | null = err.to > err.from ? err.to : null;
  if (err.to === err.from) {
    let p = err.from;
    while (p < src.text.length && (src.text[p] === " " || src.text[p] === "\t" || src.text[p] === "\f")) p++;
    const atLineEnd = p >= src.text.length || src.text[p] === "\n" || src.text[p] === "\r" || src.text[p] === "#";
    const next = nextLeaf(err.from);
    if (atLineEnd && !insideBrackets(err)) {
      pos = lineEnd(src, err.from);
      end = null;
    } else if (next !== undefined) {
      pos = next.from;
      end = next.to;
    }
  }
  const ch = src.text[pos];
  if (ch !== undefined && /[^\x00-\x7f]/.test(ch) && !IDENT.test(ch)) return invalidCharacter(src, pos);
  return src.error("invalid syntax", pos, end);
}

/** Position of the end of the line containing `pos` (before any comment and newline). */
function lineEnd(src: Source, pos: number): number {
  const line = src.lineOf(pos);
  const start = src.lineStarts[line - 1]!;
  let text = src.lineText(line);
  const hash = text.indexOf("#", pos - start);
  if (hash >= 0) text = text.slice(0, hash);
  return start + text.trimEnd().length;
}

function insideBrackets(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (
      p.name === "ArgList" ||
      p.name === "ParamList" ||
      p.name === "ParenthesizedExpression" ||
      p.name === "TupleExpression" ||
      p.name.endsWith("Expression") && /^(Array|Dictionary|Set|Comprehension)/.test(p.name) ||
      p.name === "MemberExpression" && p.getChild("[") !== null
    ) {
      return true;
    }
    if (p.name === "Body" || p.name === "Script") return false;
  }
  return false;
}

function noStatementBefore(err: SyntaxNode): boolean {
  for (let p = err.prevSibling; p; p = p.prevSibling) {
    if (p.name !== ":" && p.name !== "Comment") return false;
  }
  return true;
}

function headerKeyword(body: SyntaxNode): string {
  const stmt = body.parent;
  if (stmt === null) return "if";
  if (stmt.name === "FunctionDefinition") return "def";
  if (stmt.name === "ClassDefinition") return "class";
  for (let p = body.prevSibling; p; p = p.prevSibling) {
    if (p.name in BLOCK_NAMES) return p.name;
  }
  return stmt.firstChild?.name ?? "if";
}

function invalidCharacter(src: Source, pos: number): PySyntaxError {
  const cp = src.text.codePointAt(pos) ?? 0;
  const hex = cp.toString(16).toUpperCase().padStart(4, "0");
  return src.error(`invalid character '${String.fromCodePoint(cp)}' (U+${hex})`, pos);
}

/** Identifier characters lezer accepts but Python does not (e.g. `€`). */
function checkCharacters(leaves: SyntaxNode[], src: Source): void {
  for (const leaf of leaves) {
    if (leaf.name !== "VariableName" && leaf.name !== "PropertyName") continue;
    const text = src.text.slice(leaf.from, leaf.to);
    if (IDENT.test(text)) continue;
    let i = 0;
    for (const ch of text) {
      const ok = i === 0 ? /[\p{XID_Start}_]/u.test(ch) : /\p{XID_Continue}/u.test(ch);
      if (!ok) throw invalidCharacter(src, leaf.from + text.indexOf(ch));
      i++;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Concrete tree → AST.

function allKids(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** Children without comments. */
function kids(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== "Comment") out.push(c);
  return out;
}

/** Split a flat child list on a separator token. */
function splitOn(nodes: SyntaxNode[], sep: string): SyntaxNode[][] {
  const parts: SyntaxNode[][] = [[]];
  for (const n of nodes) {
    if (n.name === sep) parts.push([]);
    else parts[parts.length - 1]!.push(n);
  }
  return parts;
}

const EXPRESSION_NODES = new Set([
  "VariableName",
  "Number",
  "String",
  "FormatString",
  "ContinuedString",
  "Ellipsis",
  "None",
  "Boolean",
  "BinaryExpression",
  "UnaryExpression",
  "AwaitExpression",
  "ParenthesizedExpression",
  "TupleExpression",
  "ComprehensionExpression",
  "ArrayExpression",
  "ArrayComprehensionExpression",
  "DictionaryExpression",
  "DictionaryComprehensionExpression",
  "SetExpression",
  "SetComprehensionExpression",
  "CallExpression",
  "MemberExpression",
  "ConditionalExpression",
  "LambdaExpression",
  "NamedExpression",
  "YieldExpression",
]);

class Converter {
  constructor(private readonly src: Source) {}

  // ---- helpers ----

  private text(n: SyntaxNode): string {
    return this.src.text.slice(n.from, n.to);
  }

  /** End of a node, without trailing newlines/comments (CPython's end position). */
  private endOf(n: SyntaxNode): number {
    for (let c = n.lastChild; c; c = c.prevSibling) {
      if (c.name === "Comment" || c.type.isError || c.to <= c.from) continue;
      if (c.firstChild !== null) return this.endOf(c);
      if (/^\s*$/.test(this.text(c))) continue; // a newline/indentation token
      return this.endOf(c);
    }
    let end = n.to;
    while (end > n.from && /\s/.test(this.src.text[end - 1]!)) end--;
    return end;
  }

  private loc(n: SyntaxNode): A.Loc {
    return this.src.loc(n.from, this.endOf(n));
  }

  private span(first: SyntaxNode, last: SyntaxNode): A.Loc {
    return this.src.loc(first.from, this.endOf(last));
  }

  private fail(n: SyntaxNode, msg: string, toEnd = true): never {
    throw this.src.error(msg, n.from, toEnd ? this.endOf(n) : null);
  }

  private failLoc(loc: A.Loc, msg: string): never {
    throw this.src.errorAtLoc(msg, loc);
  }

  private unsupported(n: SyntaxNode, construct: string): never {
    throw this.src.error(unsupportedMessage(construct), n.from, this.endOf(n));
  }

  private invalid(n: SyntaxNode | undefined): never {
    if (n === undefined) throw this.src.error("invalid syntax", this.src.text.length);
    throw this.src.error("invalid syntax", n.from);
  }

  private name(n: SyntaxNode): string {
    const id = this.text(n);
    if (!IDENT.test(id)) throw invalidCharacter(this.src, n.from);
    return id.normalize("NFKC");
  }

  // ---- module and statements ----

  module(top: SyntaxNode): A.Module {
    return { kind: "Module", body: this.statements(kids(top)) };
  }

  private statements(nodes: SyntaxNode[]): A.Stmt[] {
    const out: A.Stmt[] = [];
    for (const n of nodes) this.statement(n, out);
    return out;
  }

  private body(n: SyntaxNode | undefined): A.Stmt[] {
    if (n === undefined || n.name !== "Body") this.invalid(n);
    const stmts = kids(n).filter((c) => c.name !== ":");
    return this.statements(stmts);
  }

  private statement(n: SyntaxNode, out: A.Stmt[]): void {
    const loc = this.loc(n);
    const c = kids(n);
    switch (n.name) {
      case "StatementGroup":
        for (const part of c) if (part.name !== ";") this.statement(part, out);
        return;
      case "ExpressionStatement": {
        out.push({ kind: "Expr", value: this.exprList(c, n), ...loc });
        return;
      }
      case "AssignStatement":
        out.push(this.assign(n, c, loc));
        return;
      case "UpdateStatement": {
        const opIdx = c.findIndex((k) => k.name === "UpdateOp");
        const targetNodes = c.slice(0, opIdx);
        const target = this.exprList(targetNodes, n);
        const opText = this.text(c[opIdx]!).slice(0, -1);
        const valueNodes = c.slice(opIdx + 1);
        if (valueNodes.some((k) => k.name === "YieldExpression")) this.unsupported(valueNodes[0]!, "yield");
        const value = this.exprList(valueNodes, n);
        if (target.kind !== "Name" && target.kind !== "Attribute" && target.kind !== "Subscript") {
          this.failLoc(target, `'${describeExpr(target)}' is an illegal expression for augmented assignment`);
        }
        this.setContext(target, "store", false);
        out.push({ kind: "AugAssign", target, op: opText as A.Operator, value, ...loc });
        return;
      }
      case "DeleteStatement": {
        const parts = splitOn(c.slice(1), ",").filter((p) => p.length > 0);
        const targets = parts.map((p) => {
          const e = this.exprSeq(p);
          this.setContext(e, "del", false);
          return e;
        });
        if (targets.length === 0) this.invalid(c[1] ?? n);
        out.push({ kind: "Delete", targets, ...loc });
        return;
      }
      case "PassStatement":
        out.push({ kind: "Pass", ...loc });
        return;
      case "BreakStatement":
        out.push({ kind: "Break", ...loc });
        return;
      case "ContinueStatement":
        out.push({ kind: "Continue", ...loc });
        return;
      case "ReturnStatement": {
        const rest = c.slice(1);
        out.push({ kind: "Return", value: rest.length ? this.exprList(rest, n) : null, ...loc });
        return;
      }
      case "YieldStatement":
        return this.unsupported(n, "yield");
      case "PrintStatement":
        return this.fail(n, "Missing parentheses in call to 'print'. Did you mean print(...)?");
      case "RaiseStatement": {
        const rest = c.slice(1);
        if (rest.some((k) => k.name === ",")) this.invalid(rest.find((k) => k.name === ","));
        const fromIdx = rest.findIndex((k) => k.name === "from");
        const exc = rest.length ? this.expr(rest[0]!) : null;
        const cause = fromIdx >= 0 ? this.expr(rest[fromIdx + 1]!) : null;
        out.push({ kind: "Raise", exc, cause, ...loc });
        return;
      }
      case "ImportStatement":
        out.push(this.importStmt(n, c, loc));
        return;
      case "ScopeStatement": {
        const names = c.slice(1).filter((k) => k.name === "VariableName").map((k) => this.name(k));
        out.push({ kind: c[0]!.name === "global" ? "Global" : "Nonlocal", names, ...loc });
        return;
      }
      case "AssertStatement": {
        const parts = splitOn(c.slice(1), ",");
        if (parts.length > 2 || parts.some((p) => p.length === 0)) this.invalid(c[c.length - 1]);
        const test = this.exprSeq(parts[0]!);
        const msg = parts[1] ? this.exprSeq(parts[1]) : null;
        out.push({ kind: "Assert", test, msg, ...loc });
        return;
      }
      case "TypeDefinition":
        return this.unsupported(n, "type alias statements");
      case "IfStatement":
        out.push(this.ifStmt(c, 0));
        return;
      case "WhileStatement": {
        const bodies = c.filter((k) => k.name === "Body");
        const testNode = c[1]!;
        if (testNode.name === "NamedExpression") this.unsupported(testNode, "assignment expressions (:=)");
        out.push({
          kind: "While",
          test: this.expr(testNode),
          body: this.body(bodies[0]),
          orelse: bodies[1] ? this.body(bodies[1]) : [],
          ...this.compoundLoc(n),
        });
        return;
      }
      case "ForStatement":
        out.push(this.forStmt(n, c));
        return;
      case "TryStatement":
        out.push(this.tryStmt(n, c));
        return;
      case "WithStatement":
        out.push(this.withStmt(n, c));
        return;
      case "FunctionDefinition":
        out.push(this.funcDef(n, c, []));
        return;
      case "ClassDefinition":
        out.push(this.classDef(n, c, []));
        return;
      case "DecoratedStatement": {
        const decorators = c.filter((k) => k.name === "Decorator").map((d) => this.decorator(d));
        const def = c[c.length - 1]!;
        if (def.name === "FunctionDefinition") out.push(this.funcDef(def, kids(def), decorators));
        else if (def.name === "ClassDefinition") out.push(this.classDef(def, kids(def), decorators));
        else this.invalid(def);
        return;
      }
      case "MatchStatement":
        return this.unsupported(n, "match statements");
      default:
        if (EXPRESSION_NODES.has(n.name)) {
          out.push({ kind: "Expr", value: this.expr(n), ...loc });
          return;
        }
        this.invalid(n);
    }
  }

  /** Location of a compound statement: header start to the end of its last body. */
  private compoundLoc(n: SyntaxNode): A.Loc {
    return this.loc(n);
  }

  private assign(n: SyntaxNode, c: SyntaxNode[], loc: A.Loc): A.Stmt {
    const typeIdx = c.findIndex((k) => k.name === "TypeDef");
    const segments: SyntaxNode[][] = [[]];
    let annotation: SyntaxNode | null = null;
    for (const k of c) {
      if (k.name === "AssignOp") {
        if (this.text(k) !== "=") this.unsupported(k, "assignment expressions (:=)");
        segments.push([]);
      } else if (k.name === "TypeDef") annotation = k;
      else segments[segments.length - 1]!.push(k);
    }
    for (const seg of segments) {
      if (seg.length === 0) this.invalid(n);
      if (seg.some((k) => k.name === "YieldExpression")) this.unsupported(seg[0]!, "yield");
    }
    if (annotation !== null) {
      if (typeIdx !== 1 && segments[0]!.length !== 1) {
        this.fail(segments[0]![0]!, "only single target (not tuple) can be annotated", false);
      }
      const targetNode = segments[0]![0]!;
      const target = this.expr(targetNode);
      if (target.kind !== "Name" && target.kind !== "Attribute" && target.kind !== "Subscript") {
        this.failLoc(target, `illegal target for annotation`);
      }
      this.setContext(target, "store", false);
      const annNodes = kids(annotation).filter((k) => k.name !== ":");
      if (segments.length > 2) this.invalid(n);
      return {
        kind: "AnnAssign",
        target,
        annotation: this.exprSeq(annNodes),
        value: segments.length === 2 ? this.exprList(segments[1]!, n) : null,
        simple: target.kind === "Name" && targetNode.name === "VariableName",
        ...loc,
      };
    }
    const value = this.exprList(segments[segments.length - 1]!, n);
    const targets = segments.slice(0, -1).map((seg, i) => {
      if (seg.length === 2 && seg[0]!.name === "*") {
        throw this.src.error("starred assignment target must be in a list or tuple", seg[0]!.from, this.endOf(seg[1]!));
      }
      const t = this.exprList(seg, n);
      // CPython adds "here. Maybe you meant '==' ...?" only for `target = value` forms.
      this.setContext(t, "store", i === 0 && segments.length === 2);
      return t;
    });
    return { kind: "Assign", targets, value, ...loc };
  }

  private ifStmt(c: SyntaxNode[], start: number): A.IfStmt {
    // c[start] is `if` or `elif`, then test, Body, then more elif/else.
    const kw = c[start]!;
    const testNode = c[start + 1]!;
    if (testNode.name === "Body") this.invalid(testNode);
    if (testNode.name === "NamedExpression") this.unsupported(testNode, "assignment expressions (:=)");
    const test = this.expr(testNode);
    const body = this.body(c[start + 2]);
    const next = c[start + 3];
    let orelse: A.Stmt[] = [];
    let last = c[start + 2]!;
    if (next?.name === "elif") {
      const inner = this.ifStmt(c, start + 3);
      orelse = [inner];
      last = c[c.length - 1]!;
    } else if (next?.name === "else") {
      orelse = this.body(c[start + 4]);
      last = c[start + 4]!;
    }
    return { kind: "If", test, body, orelse, ...this.span(kw, last) };
  }

  private forStmt(n: SyntaxNode, c: SyntaxNode[]): A.ForStmt {
    if (c[0]!.name === "async") this.unsupported(c[0]!, "async for");
    const inIdx = c.findIndex((k) => k.name === "in");
    const bodyIdx = c.findIndex((k) => k.name === "Body");
    const target = this.exprList(c.slice(1, inIdx), n);
    this.setContext(target, "store", false);
    const iter = this.exprList(c.slice(inIdx + 1, bodyIdx), n);
    const bodies = c.filter((k) => k.name === "Body");
    return {
      kind: "For",
      target,
      iter,
      body: this.body(bodies[0]),
      orelse: bodies[1] ? this.body(bodies[1]) : [],
      ...this.loc(n),
    };
  }

  private tryStmt(n: SyntaxNode, c: SyntaxNode[]): A.TryStmt {
    const body = this.body(c[1]);
    const handlers: A.ExceptHandler[] = [];
    let orelse: A.Stmt[] = [];
    let finalbody: A.Stmt[] = [];
    let i = 2;
    while (i < c.length) {
      const k = c[i]!;
      if (k.name === "except") {
        const start = k;
        i++;
        if (c[i]?.name === "*") this.unsupported(c[i]!, "except*");
        let type: A.Expr | null = null;
        let name: string | null = null;
        if (c[i] && c[i]!.name !== "Body") {
          type = this.expr(c[i]!);
          i++;
          if (c[i]?.name === ",") {
            throw this.src.error("multiple exception types must be parenthesized", c[i - 1]!.from, c[i + 1]?.to ?? null);
          }
          if (c[i]?.name === "as") {
            name = this.name(c[i + 1]!);
            i += 2;
          }
        }
        const bodyNode = c[i]!;
        const hbody = this.body(bodyNode);
        handlers.push({ type, name, body: hbody, ...this.span(start, bodyNode) });
        i++;
      } else if (k.name === "else") {
        orelse = this.body(c[i + 1]);
        i += 2;
      } else if (k.name === "finally") {
        finalbody = this.body(c[i + 1]);
        i += 2;
      } else {
        this.invalid(k);
      }
    }
    if (handlers.length === 0 && finalbody.length === 0) {
      throw this.src.error("expected 'except' or 'finally' block", this.endOf(c[c.length - 1]!));
    }
    for (let h = 0; h < handlers.length - 1; h++) {
      if (handlers[h]!.type === null) this.failLoc(handlers[h]!, "default 'except:' must be last");
    }
    return { kind: "Try", body, handlers, orelse, finalbody, ...this.loc(n) };
  }

  private withStmt(n: SyntaxNode, c: SyntaxNode[]): A.WithStmt {
    if (c[0]!.name === "async") this.unsupported(c[0]!, "async with");
    const bodyIdx = c.findIndex((k) => k.name === "Body");
    const items: A.WithItem[] = [];
    for (const part of splitOn(c.slice(1, bodyIdx), ",")) {
      if (part.length === 0) this.invalid(c[bodyIdx]);
      const asIdx = part.findIndex((k) => k.name === "as");
      const contextExpr = this.exprSeq(asIdx >= 0 ? part.slice(0, asIdx) : part);
      let optionalVars: A.Expr | null = null;
      if (asIdx >= 0) {
        optionalVars = this.exprSeq(part.slice(asIdx + 1));
        this.setContext(optionalVars, "store", false);
      }
      items.push({ contextExpr, optionalVars });
    }
    return { kind: "With", items, body: this.body(c[bodyIdx]), ...this.loc(n) };
  }

  private decorator(d: SyntaxNode): A.Expr {
    const c = kids(d).filter((k) => k.name !== "At");
    let expr: A.Expr | null = null;
    let first: SyntaxNode | null = null;
    for (const k of c) {
      if (k.name === "VariableName") {
        const id = this.name(k);
        if (expr === null) {
          first = k;
          expr = { kind: "Name", id, ctx: "load", ...this.loc(k) };
        } else {
          expr = { kind: "Attribute", value: expr, attr: id, ctx: "load", ...this.span(first!, k) };
        }
      } else if (k.name === "ArgList" && expr !== null) {
        const { args, keywords } = this.argList(k);
        expr = { kind: "Call", func: expr, args, keywords, ...this.span(first!, k) };
      }
    }
    if (expr === null) this.invalid(d);
    return expr;
  }

  private funcDef(n: SyntaxNode, c: SyntaxNode[], decorators: A.Expr[]): A.FunctionDefStmt {
    if (c[0]!.name === "async") this.unsupported(c[0]!, "async functions");
    const nameNode = c.find((k) => k.name === "VariableName")!;
    const tp = c.find((k) => k.name === "TypeParamList");
    if (tp) this.unsupported(tp, "type parameter lists");
    const params = c.find((k) => k.name === "ParamList");
    if (params === undefined) this.invalid(nameNode.nextSibling ?? nameNode);
    const returnsNode = c.find((k) => k.name === "TypeDef");
    const args = this.parameters(
      kids(params).filter((k) => k.name !== "(" && k.name !== ")"),
      false,
      params.from + 1,
      params.to - 1,
    );
    const returns = returnsNode ? this.exprSeq(kids(returnsNode).filter((k) => k.name !== "->")) : null;
    const body = this.body(c.find((k) => k.name === "Body"));
    return { kind: "FunctionDef", name: this.name(nameNode), args, body, decorators, returns, ...this.loc(n) };
  }

  private classDef(n: SyntaxNode, c: SyntaxNode[], decorators: A.Expr[]): A.ClassDefStmt {
    const nameNode = c.find((k) => k.name === "VariableName")!;
    const tp = c.find((k) => k.name === "TypeParamList");
    if (tp) this.unsupported(tp, "type parameter lists");
    const argNode = c.find((k) => k.name === "ArgList");
    const { args, keywords } = argNode ? this.argList(argNode) : { args: [], keywords: [] };
    const body = this.body(c.find((k) => k.name === "Body"));
    return {
      kind: "ClassDef",
      name: this.name(nameNode),
      bases: args,
      keywords,
      body,
      decorators,
      ...this.loc(n),
    };
  }

  /** Parameters of `def` (`isLambda` false) or `lambda`. */
  /**
   * Parameters of `def` (`isLambda` false) or `lambda`, from the ParamList's children
   * spanning source positions from..to. Lezer drops the `/` marker from the tree, so an
   * empty comma-separated slot whose text is `/` is the positional-only marker.
   */
  private parameters(nodes: SyntaxNode[], isLambda: boolean, from: number, to: number): A.Arguments {
    const result: A.Arguments = {
      posonlyargs: [],
      args: [],
      vararg: null,
      kwonlyargs: [],
      kwDefaults: [],
      kwarg: null,
      defaults: [],
    };
    let sawStar = false;
    let sawDefault = false;
    let sawSlash = false;
    const parts = splitOn(nodes, ",");
    const commas = nodes.filter((k) => k.name === ",");
    const slotText = (i: number): string =>
      this.src.text.slice(i === 0 ? from : commas[i - 1]!.to, i < commas.length ? commas[i]!.from : to).trim();
    if (parts.length > 1 && parts[parts.length - 1]!.length === 0 && slotText(parts.length - 1) === "") parts.pop();
    for (let pi = 0; pi < parts.length; pi++) {
      const p = parts[pi]!;
      const isSlash = p.length === 0 && slotText(pi) === "/";
      if (p.length === 0 && !isSlash) {
        if (parts.length === 1) break;
        this.invalid(commas[pi] ?? nodes[0]);
      }
      const head = isSlash ? commas[pi - 1] ?? commas[0]! : p[0]!;
      if (result.kwarg !== null) this.fail(head, "arguments cannot follow var-keyword argument");
      if (isSlash) {
        const slotFrom = pi === 0 ? from : commas[pi - 1]!.to;
        const at = this.src.text.indexOf("/", slotFrom);
        if (sawSlash) throw this.src.error("/ may appear only once", at);
        if (sawStar) throw this.src.error("/ must be ahead of *", at);
        if (result.args.length === 0) throw this.src.error("at least one argument must precede /", at);
        sawSlash = true;
        result.posonlyargs = result.args;
        result.args = [];
        continue;
      }
      if (head.name === "*" || head.name === "**") {
        const nameNode = p[1];
        if (head.name === "**") {
          if (nameNode === undefined) this.invalid(head);
          result.kwarg = this.arg(nameNode, p.slice(2), isLambda);
          continue;
        }
        if (sawStar) this.fail(head, "* argument may appear only once", false);
        sawStar = true;
        if (nameNode !== undefined) result.vararg = this.arg(nameNode, p.slice(2), isLambda);
        else {
          const next = parts[pi + 1];
          if (next === undefined || next.length === 0 || next[0]!.name === "**") {
            this.fail(head, "named arguments must follow bare *", false);
          }
        }
        continue;
      }
      if (head.name !== "VariableName") this.invalid(head);
      const eq = p.findIndex((k) => k.name === "AssignOp");
      const a = this.arg(head, eq >= 0 ? p.slice(1, eq) : p.slice(1), isLambda);
      const dflt = eq >= 0 ? this.exprSeq(p.slice(eq + 1)) : null;
      if (sawStar) {
        result.kwonlyargs.push(a);
        result.kwDefaults.push(dflt);
      } else {
        result.args.push(a);
        if (dflt !== null) {
          sawDefault = true;
          result.defaults.push(dflt);
        } else if (sawDefault) {
          this.fail(head, "non-default argument follows default argument");
        }
      }
    }
    return result;
  }

  private arg(nameNode: SyntaxNode, rest: SyntaxNode[], isLambda: boolean): A.Arg {
    if (nameNode.name !== "VariableName") this.invalid(nameNode);
    let annotation: A.Expr | null = null;
    const typeDef = rest.find((k) => k.name === "TypeDef");
    if (typeDef) {
      if (isLambda) this.invalid(typeDef);
      annotation = this.exprSeq(kids(typeDef).filter((k) => k.name !== ":"));
    }
    const name = this.name(nameNode);
    if (name === "__debug__") this.fail(nameNode, "cannot assign to __debug__");
    return { arg: name, annotation, ...this.loc(nameNode) };
  }

  private importStmt(n: SyntaxNode, c: SyntaxNode[], loc: A.Loc): A.Stmt {
    const aliases = (nodes: SyntaxNode[]): A.Alias[] => {
      const inner = nodes.filter((k) => k.name !== "(" && k.name !== ")");
      const parts = splitOn(inner, ",");
      if (parts.length > 1 && parts[parts.length - 1]!.length === 0 && nodes.some((k) => k.name === "(")) parts.pop();
      return parts.map((p) => {
        if (p.length === 0) this.invalid(n);
        const asIdx = p.findIndex((k) => k.name === "as");
        const dotted = (asIdx >= 0 ? p.slice(0, asIdx) : p).filter((k) => k.name !== ".");
        if (dotted.length === 0 || dotted.some((k) => k.name !== "VariableName")) this.invalid(p[0]);
        const name = dotted.map((k) => this.name(k)).join(".");
        const asname = asIdx >= 0 ? this.name(p[asIdx + 1]!) : null;
        return { name, asname, ...this.span(p[0]!, p[p.length - 1]!) };
      });
    };
    if (c[0]!.name === "import") {
      return { kind: "Import", names: aliases(c.slice(1)), ...loc };
    }
    // from [dots] [module] import names
    const importIdx = c.findIndex((k) => k.name === "import");
    let level = 0;
    const modParts: string[] = [];
    for (const k of c.slice(1, importIdx)) {
      if (k.name === ".") {
        if (modParts.length === 0) level++;
      } else if (k.name === "Ellipsis") level += 3;
      else if (k.name === "VariableName") modParts.push(this.name(k));
      else this.invalid(k);
    }
    const rest = c.slice(importIdx + 1);
    let names: A.Alias[];
    if (rest.length === 1 && rest[0]!.name === "*") {
      names = [{ name: "*", asname: null, ...this.loc(rest[0]!) }];
    } else {
      names = aliases(rest);
    }
    return { kind: "ImportFrom", module: modParts.length ? modParts.join(".") : null, names, level, ...loc };
  }

  // ---- expressions ----

  /**
   * An expression list (`a`, `a, b`, `*a, b,`): a single expression, or a Tuple when
   * there is a comma.
   */
  private exprList(nodes: SyntaxNode[], ctxNode: SyntaxNode): A.Expr {
    if (nodes.length === 0) this.invalid(ctxNode.lastChild ?? ctxNode);
    const parts = splitOn(nodes, ",");
    if (parts.length === 1) return this.starOrExpr(parts[0]!, false);
    const trailing = parts[parts.length - 1]!.length === 0;
    if (trailing) parts.pop();
    const elts = parts.map((p) => {
      if (p.length === 0) this.invalid(nodes[0]);
      return this.starOrExpr(p, true);
    });
    return { kind: "Tuple", elts, ctx: "load", ...this.span(nodes[0]!, nodes[nodes.length - 1]!) };
  }

  /** One expression from a single-item token run. */
  private exprSeq(nodes: SyntaxNode[]): A.Expr {
    if (nodes.length !== 1) this.invalid(nodes[1] ?? nodes[0]);
    return this.expr(nodes[0]!);
  }

  private starOrExpr(p: SyntaxNode[], inSequence: boolean): A.Expr {
    if (p[0]!.name === "*") {
      if (p.length !== 2) this.invalid(p[2] ?? p[0]);
      const value = this.expr(p[1]!);
      const star: A.StarredExpr = { kind: "Starred", value, ctx: "load", ...this.span(p[0]!, p[1]!) };
      if (!inSequence) {
        // `*a = b` / `x = *a` / `return *a` are only valid as part of a tuple.
        this.failLoc(star, "can't use starred expression here");
      }
      return star;
    }
    return this.exprSeq(p);
  }

  private expr(n: SyntaxNode): A.Expr {
    const loc = this.loc(n);
    switch (n.name) {
      case "VariableName":
        return { kind: "Name", id: this.name(n), ctx: "load", ...loc };
      case "Number":
        return { kind: "Constant", value: this.number(n), ...loc };
      case "String":
      case "FormatString":
      case "ContinuedString":
        return this.strings(n);
      case "Ellipsis":
        return { kind: "Constant", value: ELLIPSIS, ...loc };
      case "None":
        return { kind: "Constant", value: null, ...loc };
      case "Boolean":
        return { kind: "Constant", value: this.text(n) === "True", ...loc };
      case "BinaryExpression":
        return this.binary(n);
      case "UnaryExpression": {
        const [opNode, operandNode] = kids(n);
        if (operandNode === undefined) this.invalid(n);
        if (opNode!.name === "not") return this.notExpr(operandNode!, loc);
        return { kind: "UnaryOp", op: this.text(opNode!) as A.UnaryOperator, operand: this.expr(operandNode), ...loc };
      }
      case "AwaitExpression":
        return this.unsupported(n, "await");
      case "YieldExpression":
        return this.unsupported(n, "yield");
      case "NamedExpression":
        return this.unsupported(n, "assignment expressions (:=)");
      case "ParenthesizedExpression": {
        const inner = kids(n).filter((k) => k.name !== "(" && k.name !== ")");
        if (inner[0]?.name === "*") this.fail(n, "cannot use starred expression here");
        return this.exprSeq(inner);
      }
      case "TupleExpression": {
        const inner = kids(n).filter((k) => k.name !== "(" && k.name !== ")");
        const parts = splitOn(inner, ",");
        if (parts[parts.length - 1]!.length === 0) parts.pop();
        const elts = parts.map((p) => this.starOrExpr(p, true));
        return { kind: "Tuple", elts, ctx: "load", ...loc };
      }
      case "ArrayExpression": {
        const inner = kids(n).filter((k) => k.name !== "[" && k.name !== "]");
        const parts = splitOn(inner, ",");
        if (parts[parts.length - 1]!.length === 0) parts.pop();
        const elts = parts.map((p) => {
          if (p.length === 0) this.invalid(n);
          return this.starOrExpr(p, true);
        });
        return { kind: "List", elts, ctx: "load", ...loc };
      }
      case "SetExpression": {
        const inner = kids(n).filter((k) => k.name !== "{" && k.name !== "}");
        const parts = splitOn(inner, ",");
        if (parts[parts.length - 1]!.length === 0) parts.pop();
        const elts = parts.map((p) => {
          if (p.length === 0) this.invalid(n);
          return this.starOrExpr(p, true);
        });
        return { kind: "Set", elts, ...loc };
      }
      case "DictionaryExpression":
        return this.dict(n, loc);
      case "ComprehensionExpression":
        return this.unsupported(n, "generator expressions");
      case "ArrayComprehensionExpression":
      case "SetComprehensionExpression":
      case "DictionaryComprehensionExpression":
        return this.comprehension(n, loc);
      case "CallExpression": {
        const [funcNode, argNode] = kids(n);
        if (argNode === undefined || argNode.name !== "ArgList") this.invalid(n);
        const { args, keywords } = this.argList(argNode);
        return { kind: "Call", func: this.expr(funcNode!), args, keywords, ...loc };
      }
      case "MemberExpression":
        return this.member(n, loc);
      case "ConditionalExpression": {
        const c = kids(n);
        if (c.length !== 5 || c[1]!.name !== "if" || c[3]!.name !== "else") this.invalid(c[c.length - 1]);
        return { kind: "IfExp", body: this.expr(c[0]!), test: this.expr(c[2]!), orelse: this.expr(c[4]!), ...loc };
      }
      case "LambdaExpression": {
        const c = kids(n);
        const params = c.find((k) => k.name === "ParamList");
        const colon = c.findIndex((k) => k.name === ":");
        const bodyNode = c[colon + 1];
        if (bodyNode === undefined) this.invalid(n);
        if (bodyNode.name === "YieldExpression") this.unsupported(bodyNode, "yield");
        const args = params ? this.parameters(kids(params), true, params.from, params.to) : emptyArgs();
        return { kind: "Lambda", args, body: this.expr(bodyNode), ...loc };
      }
      default:
        if (n.type.isError) this.invalid(n);
        return this.invalid(n);
    }
  }

  /**
   * `not X`. @lezer/python gives `not` a lower precedence than `and`/`or`, so it parses
   * `not a or b` as `not (a or b)`; Python's grammar binds `not` tighter (`(not a) or b`).
   * An unparenthesized and/or directly under `not` is therefore regrouped here: the `not`
   * moves down to the leftmost operand.
   */
  private notExpr(operand: SyntaxNode, loc: A.Loc): A.Expr {
    if (operand.name === "BinaryExpression") {
      const [l, opNode, r] = kids(operand);
      if ((opNode?.name === "and" || opNode?.name === "or") && l !== undefined && r !== undefined) {
        const op = opNode.name as A.BoolOperator;
        const left = this.notExpr(l, { ...loc, endLine: this.loc(l).endLine, endCol: this.loc(l).endCol });
        const right = this.expr(r);
        const values = left.kind === "BoolOp" && left.op === op ? [...left.values, right] : [left, right];
        return { kind: "BoolOp", op, values, ...loc };
      }
    }
    return { kind: "UnaryOp", op: "not", operand: this.expr(operand), ...loc };
  }

  private binary(n: SyntaxNode): A.Expr {
    const c = kids(n);
    const left = c[0]!;
    const right = c[c.length - 1]!;
    const ops = c.slice(1, -1);
    if (ops.length === 0 || c.length < 3) this.invalid(n);
    const loc = this.loc(n);
    const first = ops[0]!;
    if (first.name === "and" || first.name === "or") {
      const op = first.name;
      const values: A.Expr[] = [];
      const l = this.expr(left);
      if (left.name === "BinaryExpression" && l.kind === "BoolOp" && l.op === op) values.push(...l.values);
      else values.push(l);
      values.push(this.expr(right));
      return { kind: "BoolOp", op, values, ...loc };
    }
    let cmp: A.CmpOperator | null = null;
    if (first.name === "CompareOp") {
      const t = this.text(first);
      cmp = COMPARE_OPS[t] ?? null;
      if (cmp === null) this.invalid(first); // `<>`
    } else if (first.name === "in") cmp = "in";
    else if (first.name === "not" && ops[1]?.name === "in") cmp = "not in";
    else if (first.name === "is") cmp = ops[1]?.name === "not" ? "is not" : "is";
    if (cmp !== null) {
      const l = this.expr(left);
      const r = this.expr(right);
      if (left.name === "BinaryExpression" && l.kind === "Compare") {
        return { kind: "Compare", left: l.left, ops: [...l.ops, cmp], comparators: [...l.comparators, r], ...loc };
      }
      return { kind: "Compare", left: l, ops: [cmp], comparators: [r], ...loc };
    }
    const opText = this.text(first);
    if (!BIN_OPS.has(opText)) this.invalid(first);
    return { kind: "BinOp", left: this.expr(left), op: opText as A.Operator, right: this.expr(right), ...loc };
  }

  private member(n: SyntaxNode, loc: A.Loc): A.Expr {
    const c = kids(n);
    const value = this.expr(c[0]!);
    if (c[1]?.name === ".") {
      const prop = c[2];
      if (prop === undefined || prop.name !== "PropertyName") this.invalid(prop ?? n);
      return { kind: "Attribute", value, attr: this.name(prop), ctx: "load", ...loc };
    }
    if (c[1]?.name !== "[" || c[c.length - 1]!.name !== "]") this.invalid(c[c.length - 1]);
    const inner = c.slice(2, -1);
    if (inner.length === 0) this.invalid(c[c.length - 1]);
    const parts = splitOn(inner, ",");
    let slice: A.Expr;
    if (parts.length === 1) {
      slice = this.subscriptItem(parts[0]!, n);
    } else {
      const trailing = parts[parts.length - 1]!.length === 0;
      if (trailing) parts.pop();
      const elts = parts.map((p) => this.subscriptItem(p, n));
      slice = { kind: "Tuple", elts, ctx: "load", ...this.span(inner[0]!, inner[inner.length - 1]!) };
    }
    return { kind: "Subscript", value, slice, ctx: "load", ...loc };
  }

  private subscriptItem(p: SyntaxNode[], ctx: SyntaxNode): A.Expr {
    if (p.length === 0) this.invalid(ctx);
    if (!p.some((k) => k.name === ":")) {
      if (p[0]!.name === "*") return this.starOrExpr(p, true);
      if (p[0]!.name === "NamedExpression") this.unsupported(p[0]!, "assignment expressions (:=)");
      return this.exprSeq(p);
    }
    const sections = splitOn(p, ":");
    if (sections.length > 3) this.invalid(p[p.length - 1]);
    const part = (i: number): A.Expr | null => {
      const s = sections[i];
      if (s === undefined || s.length === 0) return null;
      return this.exprSeq(s);
    };
    return { kind: "Slice", lower: part(0), upper: part(1), step: part(2), ...this.span(p[0]!, p[p.length - 1]!) };
  }

  /**
   * An unparenthesized generator expression in an argument list (`f(x for x in y)`)
   * must be the only argument. Its `for` target list may contain commas, so find where
   * the comprehension clauses end before splitting arguments on commas.
   */
  private checkBareGenerator(inner: SyntaxNode[]): void {
    const forIdx = inner.findIndex((k) => k.name === "for" || k.name === "async");
    if (forIdx < 0) return;
    const first = inner.findIndex((k, i) => i < forIdx && k.name === ",");
    let i = forIdx;
    let last = inner[forIdx]!;
    while (i < inner.length) {
      const k = inner[i]!;
      if (k.name === "for" || k.name === "async") {
        const inIdx = inner.findIndex((x, j) => j > i && x.name === "in");
        if (inIdx < 0 || inner[inIdx + 1] === undefined) this.invalid(k);
        last = inner[inIdx + 1]!;
        i = inIdx + 2;
      } else if (k.name === "if" && inner[i + 1] !== undefined) {
        last = inner[i + 1]!;
        i += 2;
      } else break;
    }
    const extra = i < inner.length; // more arguments, or even a trailing comma (3.11)
    if (first >= 0 || extra) {
      const start = first >= 0 ? inner[first + 1]! : inner[0]!;
      throw this.src.error("Generator expression must be parenthesized", start.from, this.endOf(last));
    }
    this.unsupported(inner[0]!, "generator expressions");
  }

  private argList(argNode: SyntaxNode): { args: A.Expr[]; keywords: A.Keyword[] } {
    const inner = kids(argNode).filter((k) => k.name !== "(" && k.name !== ")");
    const args: A.Expr[] = [];
    const keywords: A.Keyword[] = [];
    this.checkBareGenerator(inner);
    const parts = splitOn(inner, ",");
    if (parts[parts.length - 1]!.length === 0) parts.pop();
    let sawKeyword = false;
    let sawDoubleStar = false;
    for (const p of parts) {
      if (p.length === 0) this.invalid(argNode);
      const head = p[0]!;
      if (head.name === "*") {
        if (sawDoubleStar) this.fail(head, "iterable argument unpacking follows keyword argument unpacking", false);
        args.push({ kind: "Starred", value: this.exprSeq(p.slice(1)), ctx: "load", ...this.span(head, p[p.length - 1]!) });
        continue;
      }
      if (head.name === "**") {
        sawDoubleStar = true;
        keywords.push({ arg: null, value: this.exprSeq(p.slice(1)), ...this.span(head, p[p.length - 1]!) });
        continue;
      }
      if (p.length >= 2 && p[1]!.name === "AssignOp") {
        if (this.text(p[1]!) === ":=") this.unsupported(p[1]!, "assignment expressions (:=)");
        if (head.name !== "VariableName") {
          this.fail(head, 'expression cannot contain assignment, perhaps you meant "=="?');
        }
        sawKeyword = true;
        keywords.push({ arg: this.name(head), value: this.exprSeq(p.slice(2)), ...this.span(head, p[p.length - 1]!) });
        continue;
      }
      // CPython reports these at the parser's last token, the closing parenthesis.
      const close = argNode.lastChild?.name === ")" ? argNode.lastChild : head;
      if (sawDoubleStar) this.fail(close, "positional argument follows keyword argument unpacking", false);
      if (sawKeyword) this.fail(close, "positional argument follows keyword argument", false);
      if (head.name === "NamedExpression") this.unsupported(head, "assignment expressions (:=)");
      args.push(this.exprSeq(p));
    }
    return { args, keywords };
  }

  private dict(n: SyntaxNode, loc: A.Loc): A.DictExpr {
    const inner = kids(n).filter((k) => k.name !== "{" && k.name !== "}");
    const parts = splitOn(inner, ",");
    if (parts[parts.length - 1]!.length === 0) parts.pop();
    const keys: (A.Expr | null)[] = [];
    const values: A.Expr[] = [];
    for (const p of parts) {
      if (p.length === 0) this.invalid(n);
      if (p[0]!.name === "**") {
        keys.push(null);
        values.push(this.exprSeq(p.slice(1)));
        continue;
      }
      const colon = p.findIndex((k) => k.name === ":");
      if (colon < 0) this.invalid(p[0]);
      keys.push(this.exprSeq(p.slice(0, colon)));
      values.push(this.exprSeq(p.slice(colon + 1)));
    }
    return { kind: "Dict", keys, values, ...loc };
  }

  private comprehension(n: SyntaxNode, loc: A.Loc): A.Expr {
    const c = kids(n).slice(1, -1); // drop brackets
    const forIdx = c.findIndex((k) => k.name === "for" || k.name === "async");
    if (forIdx < 0) this.invalid(n);
    if (c[forIdx]!.name === "async") this.unsupported(c[forIdx]!, "asynchronous comprehensions");
    const head = c.slice(0, forIdx);
    const generators: A.Comprehension[] = [];
    let i = forIdx;
    while (i < c.length) {
      const k = c[i]!;
      if (k.name === "async") this.unsupported(k, "asynchronous comprehensions");
      if (k.name === "for") {
        const inIdx = c.findIndex((x, j) => j > i && x.name === "in");
        if (inIdx < 0) this.invalid(k);
        const target = this.exprList(c.slice(i + 1, inIdx), n);
        this.setContext(target, "store", false);
        const iterNode = c[inIdx + 1];
        if (iterNode === undefined) this.invalid(c[inIdx]);
        generators.push({ target, iter: this.expr(iterNode), ifs: [] });
        i = inIdx + 2;
      } else if (k.name === "if") {
        const cond = c[i + 1];
        if (cond === undefined) this.invalid(k);
        generators[generators.length - 1]!.ifs.push(this.expr(cond));
        i += 2;
      } else {
        this.invalid(k);
      }
    }
    if (head[0]?.name === "*" || head[0]?.name === "**") {
      const msg =
        n.name === "DictionaryComprehensionExpression"
          ? "dict unpacking cannot be used in dict comprehension"
          : "iterable unpacking cannot be used in comprehension";
      throw this.src.error(msg, head[0].from, this.endOf(head[1] ?? head[0]));
    }
    if (n.name === "DictionaryComprehensionExpression") {
      const colon = head.findIndex((k) => k.name === ":");
      if (colon < 0) this.invalid(head[0]);
      return {
        kind: "DictComp",
        key: this.exprSeq(head.slice(0, colon)),
        value: this.exprSeq(head.slice(colon + 1)),
        generators,
        ...loc,
      };
    }
    const elt = this.exprSeq(head);
    return { kind: n.name === "SetComprehensionExpression" ? "SetComp" : "ListComp", elt, generators, ...loc };
  }

  /** Set an assignment context, rejecting invalid targets with CPython's messages. */
  private setContext(e: A.Expr, ctx: A.ExprContext, topLevelAssign: boolean): void {
    switch (e.kind) {
      case "Name":
        if (e.id === "__debug__") this.failLoc(e, ctx === "del" ? "cannot delete __debug__" : "cannot assign to __debug__");
        e.ctx = ctx;
        return;
      case "Attribute":
      case "Subscript":
        e.ctx = ctx;
        return;
      case "Starred":
        if (ctx === "del") this.failLoc(e, "cannot delete starred");
        e.ctx = ctx;
        this.setContext(e.value, ctx, false);
        return;
      case "Tuple":
      case "List": {
        e.ctx = ctx;
        let stars = 0;
        for (const elt of e.elts) {
          if (elt.kind === "Starred") stars++;
          this.setContext(elt, ctx, topLevelAssign && e.kind === "Tuple");
        }
        if (stars > 1 && ctx === "store") this.failLoc(e, "multiple starred expressions in assignment");
        return;
      }
      default: {
        const what = describeExpr(e);
        if (ctx === "del") this.failLoc(e, `cannot delete ${what}`);
        const here = topLevelAssign && isComparisonLike(e) ? " here. Maybe you meant '==' instead of '='?" : "";
        this.failLoc(e, `cannot assign to ${what}${here}`);
      }
    }
  }

  // ---- literals ----

  private number(n: SyntaxNode): PyConst {
    const raw = this.text(n);
    const after = this.src.text[n.to];
    if (after !== undefined && /[\p{XID_Continue}]/u.test(after)) {
      throw this.src.error("invalid decimal literal", n.from);
    }
    const r = parseNumberLiteral(raw);
    if (typeof r === "object" && r !== null && "error" in r) {
      throw this.src.error(r.error, n.from + r.at);
    }
    return r as PyConst;
  }

  /** String / f-string / implicit concatenation → Constant or JoinedStr. */
  private strings(n: SyntaxNode): A.Expr {
    const loc = this.loc(n);
    const pieces = n.name === "ContinuedString" ? kids(n) : [n];
    let bytes: number[] | null = null;
    let sawStr = false;
    const values: A.Expr[] = [];
    let pending = "";
    let pendingStart: SyntaxNode | null = null;
    let anyFormat = false;
    const flush = (end: SyntaxNode | null): void => {
      if (pending !== "" && pendingStart !== null) {
        values.push({ kind: "Constant", value: pending, ...this.span(pendingStart, end ?? pendingStart) });
      }
      pending = "";
      pendingStart = null;
    };
    for (const piece of pieces) {
      const raw = this.text(piece);
      const m = /^([a-zA-Z]*)('''|"""|'|")/.exec(raw);
      if (m === null) this.invalid(piece);
      const prefix = m[1]!.toLowerCase();
      const quote = m[2]!;
      const isBytes = prefix.includes("b");
      const isRaw = prefix.includes("r");
      if (isBytes) {
        if (sawStr) this.fail(n, "cannot mix bytes and nonbytes literals");
        bytes ??= [];
        const body = raw.slice(m[0].length, raw.length - quote.length);
        bytes.push(...this.decodeBytes(body, isRaw, piece));
        continue;
      }
      if (bytes !== null) this.fail(n, "cannot mix bytes and nonbytes literals");
      sawStr = true;
      if (piece.name === "FormatString") {
        anyFormat = true;
        this.fstring(piece, m[0].length, quote.length, isRaw, (lit) => {
          if (pendingStart === null) pendingStart = piece;
          pending += lit;
        }, (fv) => {
          flush(piece);
          values.push(fv);
        });
      } else {
        if (pendingStart === null) pendingStart = piece;
        const body = raw.slice(m[0].length, raw.length - quote.length);
        pending += isRaw ? normalizeNewlines(body) : this.decodeStr(body, piece);
      }
    }
    if (bytes !== null) return { kind: "Constant", value: { kind: "bytes", data: Uint8Array.from(bytes) }, ...loc };
    if (!anyFormat) return { kind: "Constant", value: pending, ...loc };
    // Adjacent constants merged, empty ones dropped (3.12 _PyPegen_concatenate_strings).
    if (pending !== "") values.push({ kind: "Constant", value: pending, ...loc });
    for (const v of values) if (v.kind === "Constant") Object.assign(v, loc);
    return { kind: "JoinedStr", values, ...loc };
  }

  private fstring(
    piece: SyntaxNode,
    prefixLen: number,
    quoteLen: number,
    isRaw: boolean,
    literal: (s: string) => void,
    value: (fv: A.Expr) => void,
  ): void {
    let pos = piece.from + prefixLen;
    const end = piece.to - quoteLen;
    const lit = (from: number, to: number): void => {
      if (to <= from) return;
      literal(this.fstringLiteral(this.src.text.slice(from, to), isRaw, piece, from));
    };
    for (const repl of kids(piece).filter((k) => k.name === "FormatReplacement")) {
      lit(pos, repl.from);
      this.replacementField(repl, isRaw, literal, value);
      pos = repl.to;
    }
    lit(pos, end);
  }

  private fstringLiteral(text: string, isRaw: boolean, piece: SyntaxNode, at: number): string {
    // `{{`/`}}` are escaped braces; a lone `}` is an error.
    let out = "";
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === "{" || ch === "}") {
        if (text[i + 1] === ch) {
          out += ch;
          i++;
          continue;
        }
        if (ch === "}") throw this.src.error("f-string: single '}' is not allowed", at + i);
      }
      out += ch;
    }
    return isRaw ? normalizeNewlines(out) : this.decodeStr(out, piece);
  }

  private replacementField(
    repl: SyntaxNode,
    isRaw: boolean,
    literal: (s: string) => void,
    value: (fv: A.Expr) => void,
  ): void {
    const c = kids(repl);
    const exprNodes: SyntaxNode[] = [];
    let selfDoc: SyntaxNode | null = null;
    let conversion = -1;
    let spec: SyntaxNode | null = null;
    for (const k of c.slice(1)) {
      if (k.name === "FormatSelfDoc") selfDoc = k;
      else if (k.name === "FormatConversion") conversion = this.text(k).charCodeAt(1);
      else if (k.name === "FormatSpec") spec = k;
      else if (k.name === "}") break;
      else exprNodes.push(k);
    }
    if (exprNodes.length === 0) this.fail(repl, "f-string: valid expression required before '}'");
    if (exprNodes.some((k) => k.name === "YieldExpression")) this.unsupported(exprNodes[0]!, "yield");
    const e = this.exprList(exprNodes, repl);
    if (selfDoc !== null) {
      literal(this.src.text.slice(c[0]!.to, selfDoc.to));
      if (conversion === -1 && spec === null) conversion = "r".charCodeAt(0);
    }
    let formatSpec: A.JoinedStrExpr | null = null;
    if (spec !== null) {
      const parts: A.Expr[] = [];
      let pending = "";
      let pos = spec.from + 1; // after ':'
      const specLoc = this.loc(spec);
      const flushLit = (): void => {
        if (pending !== "") parts.push({ kind: "Constant", value: pending, ...specLoc });
        pending = "";
      };
      for (const inner of kids(spec).filter((k) => k.name === "FormatReplacement")) {
        pending += this.fstringLiteral(this.src.text.slice(pos, inner.from), isRaw, spec, pos);
        this.replacementField(inner, isRaw, (s) => (pending += s), (fv) => {
          flushLit();
          parts.push(fv);
        });
        pos = inner.to;
      }
      pending += this.fstringLiteral(this.src.text.slice(pos, spec.to), isRaw, spec, pos);
      flushLit();
      formatSpec = { kind: "JoinedStr", values: parts, ...specLoc };
    }
    value({ kind: "FormattedValue", value: e, conversion, formatSpec, ...this.loc(repl) });
  }

  private decodeStr(body: string, piece: SyntaxNode): string {
    if (!body.includes("\\")) return normalizeNewlines(body);
    const r = decodeEscapes(body, false);
    if (typeof r !== "string") throw this.src.error(r.error, piece.from, piece.to);
    return r;
  }

  private decodeBytes(body: string, isRaw: boolean, piece: SyntaxNode): number[] {
    if (/[^\x00-\x7f]/.test(body)) this.fail(piece, "bytes can only contain ASCII literal characters");
    const text = isRaw ? normalizeNewlines(body) : decodeEscapes(body, true);
    if (typeof text !== "string") throw this.src.error(text.error, piece.from, piece.to);
    return Array.from(text, (ch) => ch.charCodeAt(0));
  }
}

function emptyArgs(): A.Arguments {
  return { posonlyargs: [], args: [], vararg: null, kwonlyargs: [], kwDefaults: [], kwarg: null, defaults: [] };
}

function normalizeNewlines(s: string): string {
  return s.includes("\r") ? s.replace(/\r\n?/g, "\n") : s;
}

/** CPython's `_PyPegen_get_expr_name`: what a construct is called in error messages. */
export function describeExpr(e: A.Expr): string {
  switch (e.kind) {
    case "Attribute":
      return "attribute";
    case "Subscript":
      return "subscript";
    case "Starred":
      return "starred";
    case "Name":
      return "name";
    case "List":
      return "list";
    case "Tuple":
      return "tuple";
    case "Lambda":
      return "lambda";
    case "Call":
      return "function call";
    case "BoolOp":
    case "BinOp":
    case "UnaryOp":
      return "expression";
    case "ListComp":
      return "list comprehension";
    case "SetComp":
      return "set comprehension";
    case "DictComp":
      return "dict comprehension";
    case "Dict":
      return "dict literal";
    case "Set":
      return "set display";
    case "JoinedStr":
    case "FormattedValue":
      return "f-string expression";
    case "Constant": {
      const v = e.value;
      if (v === null) return "None";
      if (v === true) return "True";
      if (v === false) return "False";
      if (typeof v === "object" && "kind" in v && v.kind === "ellipsis") return "ellipsis";
      return "literal";
    }
    case "Compare":
      return "comparison";
    case "IfExp":
      return "conditional expression";
    case "Slice":
      return "slice";
  }
}

/** Targets for which CPython suggests '==' (its invalid_named_expression rule). */
function isComparisonLike(e: A.Expr): boolean {
  switch (e.kind) {
    case "Compare":
    case "BoolOp":
    case "IfExp":
    case "Lambda":
      return false;
    case "UnaryOp":
      return e.op !== "not";
    case "Constant":
      return e.value !== null && e.value !== true && e.value !== false;
    default:
      return true;
  }
}

// ---------------------------------------------------------------------------------------
// Literal decoding.

/** Parse a Python numeric literal; `{error, at}` describes an invalid one. */
export function parseNumberLiteral(raw: string): PyConst | { error: string; at: number } {
  const imag = /[jJ]$/.test(raw);
  const text = imag ? raw.slice(0, -1) : raw;
  const badUnderscore = (kind: string): { error: string; at: number } => {
    const m = /__|_$|_(?=[.eEjJ])|(?<=[.eE+-])_/.exec(text);
    return { error: `invalid ${kind} literal`, at: m ? m.index : 0 };
  };
  const radix = /^0([xXoObB])/.exec(text);
  if (radix !== null && !imag) {
    const kind = radix[1]!.toLowerCase();
    const digits = text.slice(2);
    const [re, name] =
      kind === "x" ? [/^(_?[0-9a-fA-F])+$/, "hexadecimal"] : kind === "o" ? [/^(_?[0-7])+$/, "octal"] : [/^(_?[01])+$/, "binary"];
    if (!re.test(digits)) {
      const bad = digits.search(kind === "x" ? /[^0-9a-fA-F_]/ : kind === "o" ? /[^0-7_]/ : /[^01_]/);
      if (bad >= 0 && /[0-9]/.test(digits[bad]!)) {
        return { error: `invalid digit '${digits[bad]}' in ${name} literal`, at: 2 + bad };
      }
      return badUnderscore(name);
    }
    return BigInt(`0${kind}${digits.replace(/_/g, "")}`);
  }
  const isInt = /^[0-9_]+$/.test(text);
  if (isInt && !imag) {
    if (!/^[0-9](_?[0-9])*$/.test(text)) return badUnderscore("decimal");
    if (/^0+[1-9]/.test(text.replace(/_/g, ""))) {
      return {
        error: "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
        at: 0,
      };
    }
    return BigInt(text.replace(/_/g, ""));
  }
  const floatRe = /^(?:[0-9](?:_?[0-9])*(?:\.(?:[0-9](?:_?[0-9])*)?)?|\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?$/;
  if (!floatRe.test(text)) return badUnderscore(imag ? "imaginary" : "decimal");
  const value = Number(text.replace(/_/g, ""));
  if (imag) return { kind: "complex", real: 0, imag: value };
  return value;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

/** Decode backslash escapes of a (non-raw) str or bytes literal body. */
export function decodeEscapes(body: string, bytes: boolean): string | { error: string } {
  let out = "";
  const codec = bytes ? "" : "(unicode error) 'unicodeescape' codec can't decode bytes in position";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === "\r") {
      out += "\n";
      if (body[i + 1] === "\n") i++;
      continue;
    }
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) {
      out += "\\";
      continue;
    }
    if (next === "\n" || next === "\r") {
      i += next === "\r" && body[i + 2] === "\n" ? 2 : 1;
      continue;
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i++;
      continue;
    }
    if (/[0-7]/.test(next)) {
      let j = i + 1;
      let v = 0;
      while (j < body.length && j < i + 4 && /[0-7]/.test(body[j]!)) v = v * 8 + Number(body[j++]);
      out += String.fromCharCode(bytes ? v & 0xff : v);
      i = j - 1;
      continue;
    }
    const hexLen = next === "x" ? 2 : !bytes && next === "u" ? 4 : !bytes && next === "U" ? 8 : 0;
    if (hexLen > 0) {
      const hex = body.slice(i + 2, i + 2 + hexLen);
      if (!new RegExp(`^[0-9a-fA-F]{${hexLen}}$`).test(hex)) {
        const shown = hexLen === 2 ? "\\xXX" : hexLen === 4 ? "\\uXXXX" : "\\UXXXXXXXX";
        const n = /^[0-9a-fA-F]*/.exec(hex)![0].length;
        return {
          error: bytes
            ? `(value error) invalid \\x escape at position ${i}`
            : `${codec} ${i}-${i + 1 + n}: truncated ${shown} escape`,
        };
      }
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) return { error: `${codec} ${i}-${i + 9}: illegal Unicode character` };
      out += String.fromCodePoint(cp);
      i += 1 + hexLen;
      continue;
    }
    if (!bytes && next === "N") return { error: unsupportedMessage("\\N{...} escapes") };
    out += "\\" + next;
    i++;
  }
  return out;
}

