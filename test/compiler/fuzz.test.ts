/**
 * Robustness: whatever the input, `compile()` either returns a code object or throws a
 * PySyntaxError — never a JS exception. Seeded, so failures reproduce:
 *   - random token soup from a vocabulary of Python tokens (including broken ones);
 *   - every prefix of a few real programs, and every one-character deletion.
 * Code objects that do compile are disassembled and checked for internal consistency.
 */
import { describe, expect, it } from "vitest";
import { type CodeObject, PySyntaxError, compile, dis, isCode, opInfo } from "../../src/compiler/index.js";

const VOCAB = [
  "x", "y", "f", "self", "None", "True", "1", "0", "2.5", "10**3", "'s'", '"t"', "f'{x}'", "f'{x!r:>4}'",
  "b'b'", "r'\\d'", "(", ")", "[", "]", "{", "}", ":", ",", ".", ";", "=", "==", "+", "-", "*", "**", "/",
  "//", "%", "<", ">=", "+=", "->", "if", "elif", "else", "while", "for", "in", "not", "and", "or", "is",
  "def", "return", "class", "try", "except", "finally", "with", "as", "lambda", "pass", "break", "continue",
  "global", "nonlocal", "del", "import", "from", "raise", "assert", "yield", "async", "await", "@", "\n",
  "\n    ", "\n        ", "\t", "#c\n", "\\\n", "print", "super", "*x", "...", "'''", '"', "\u20ac", "$", "?",
  "!", "`", "0x", "1_", "07", "1j", ":=", "match", "case", "__debug__", "__class__",
];

/** A tiny LCG, so the fuzz corpus is the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

const PROGRAMS = [
  `import sys
from time import sleep as nap

class Counter(object):
    """Counts."""
    __slots__ = ("n",)

    def __init__(self, start=0):
        super().__init__()
        self.n = start

    def bump(self, by=1, *, twice=False):
        self.n += by * (2 if twice else 1)
        return self.n

def run(items):
    total = 0
    seen = {k: v for k, v in enumerate(items) if v}
    for i, item in enumerate(items):
        if i % 2 == 0 and item is not None:
            continue
        elif item in (1, 2, 3):
            break
        total += item ** 2 // 3 - -i
    else:
        total = -1
    while total > 100:
        total >>= 1
    try:
        value = items[1:3][::-1]
    except (IndexError, KeyError) as e:
        print(f"error {e!r}: {total:>10}")
        raise RuntimeError("bad") from e
    finally:
        del seen
    with open("f") as fh, lock:
        assert fh, "no file"
    return [x * 2 for x in value], lambda y, z=1: y + z + total

def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
`,
  `x = 1
y = [1, 2.5, 'three', b"four", None, True, ...]
z = {**{'a': 1}, 'b': [*y, *y]}
print(x, *y, sep="", **z)
a, *b, c = range(10)
s = {i for i in range(3)}
t = (1,)
def f(a, b, /, c, d=4, *args, e, f=6, **kw) -> int:
    global x
    x = a < b <= c != d
    return not x
`,
];

function checkCode(co: CodeObject): void {
  const { count, ops, args, offsets } = co.instructions;
  const fail = (what: string): never => {
    throw new Error(`inconsistent code object ${co.name}: ${what}`);
  };
  for (let i = 0; i < count; i++) {
    if (i > 0 && offsets[i]! <= offsets[i - 1]!) fail(`offsets not increasing at ${i}`);
    if (opInfo(ops[i]!).kind === "jump" && (args[i]! < 0 || args[i]! >= count)) fail(`jump target out of range at ${i}`);
  }
  for (const e of co.exceptionTable) {
    if (!(e.start < e.end && e.end <= count && e.target < count && e.depth >= 0)) fail("bad exception table entry");
  }
  if (co.stacksize < 0) fail("negative stack size");
  for (const c of co.consts) if (isCode(c)) checkCode(c);
}

/** Compile; return "ok", "syntax", or rethrow anything else. */
function attempt(src: string): "ok" | "syntax" {
  try {
    const co = compile(src, "fuzz.py");
    dis(co);
    checkCode(co);
    return "ok";
  } catch (e) {
    if (e instanceof PySyntaxError) {
      if (!(e.lineno >= 1) || !e.format().includes(e.msg)) throw new Error(`malformed SyntaxError for ${JSON.stringify(src)}`);
      return "syntax";
    }
    throw new Error(`non-SyntaxError for ${JSON.stringify(src)}: ${String(e)}`);
  }
}

describe("fuzz: compile never throws anything but PySyntaxError", () => {
  it("2,000 random token soups (seed 20240613)", () => {
    const r = rng(20240613);
    let syntax = 0;
    for (let n = 0; n < 2000; n++) {
      const len = 1 + Math.floor(r() * 24);
      let src = "";
      for (let i = 0; i < len; i++) src += VOCAB[Math.floor(r() * VOCAB.length)]! + (r() < 0.6 ? " " : "");
      if (attempt(src) === "syntax") syntax++;
    }
    expect(syntax).toBeGreaterThan(1000); // most soups are broken, and said so
  });

  it("every prefix of real programs", () => {
    let cases = 0;
    for (const p of PROGRAMS) {
      for (let i = 0; i <= p.length; i += 1) {
        attempt(p.slice(0, i));
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(1000);
  });

  it("every one-character deletion and bracket insertion in a real program", () => {
    const p = PROGRAMS[1]!;
    for (let i = 0; i < p.length; i++) {
      attempt(p.slice(0, i) + p.slice(i + 1));
      attempt(p.slice(0, i) + "(" + p.slice(i));
    }
  });

  it("the real programs themselves compile", () => {
    for (const p of PROGRAMS) expect(attempt(p)).toBe("ok");
  });
});
