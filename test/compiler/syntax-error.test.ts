/**
 * SyntaxErrors: message, line, caret, and the exact text CPython 3.11 prints for an
 * uncaught SyntaxError. Expected texts were produced by running each snippet as a file
 * with python3.11 (`python3 prog.py`).
 */
import { describe, expect, it } from "vitest";
import { GilsimError } from "../../src/errors.js";
import { PySyntaxError, compile } from "../../src/compiler/index.js";

function error(src: string): PySyntaxError {
  try {
    compile(src, "prog.py");
  } catch (e) {
    if (e instanceof PySyntaxError) return e;
    throw e;
  }
  throw new Error(`compiled without error: ${JSON.stringify(src)}`);
}

const CPYTHON_311: [string, string][] = [
  ["x = = 1", '  File "prog.py", line 1\n    x = = 1\n        ^\nSyntaxError: invalid syntax\n'],
  ["def f(:\n  pass", '  File "prog.py", line 1\n    def f(:\n          ^\nSyntaxError: invalid syntax\n'],
  ["x = 1 +", '  File "prog.py", line 1\n    x = 1 +\n           ^\nSyntaxError: invalid syntax\n'],
  ["class A:\n  def f(self):\n      return 1 +* 2", '  File "prog.py", line 3\n    return 1 +* 2\n              ^\nSyntaxError: invalid syntax\n'],
  ["if x:\n    y = (1 +\n", '  File "prog.py", line 2\n    y = (1 +\n        ^\nSyntaxError: \'(\' was never closed\n'],
  ["x = (1,\n2", '  File "prog.py", line 1\n    x = (1,\n        ^\nSyntaxError: \'(\' was never closed\n'],
  ["x = [1, 2)", "  File \"prog.py\", line 1\n    x = [1, 2)\n             ^\nSyntaxError: closing parenthesis ')' does not match opening parenthesis '['\n"],
  ["x = 1)", "  File \"prog.py\", line 1\n    x = 1)\n         ^\nSyntaxError: unmatched ')'\n"],
  ['x = "abc', '  File "prog.py", line 1\n    x = "abc\n        ^\nSyntaxError: unterminated string literal (detected at line 1)\n'],
  ["x = '''abc", "  File \"prog.py\", line 1\n    x = '''abc\n        ^\nSyntaxError: unterminated triple-quoted string literal (detected at line 1)\n"],
  ["x = 'abc\ny'", "  File \"prog.py\", line 1\n    x = 'abc\n        ^\nSyntaxError: unterminated string literal (detected at line 1)\n"],
  ["x = 1 2abc", '  File "prog.py", line 1\n    x = 1 2abc\n          ^\nSyntaxError: invalid decimal literal\n'],
  ["x = 1__0", '  File "prog.py", line 1\n    x = 1__0\n         ^\nSyntaxError: invalid decimal literal\n'],
  ["x = 0777", '  File "prog.py", line 1\n    x = 0777\n        ^\nSyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers\n'],
  ["x = \u20ac", "  File \"prog.py\", line 1\n    x = \u20ac\n        ^\nSyntaxError: invalid character '\u20ac' (U+20AC)\n"],
  ["    x = 1", '  File "prog.py", line 1\n    x = 1\nIndentationError: unexpected indent\n'],
  ["def f():\n    return\n        x", '  File "prog.py", line 3\n    x\nIndentationError: unexpected indent\n'],
  ["if a:\n    b\n  c", '  File "prog.py", line 3\n    c\n     ^\nIndentationError: unindent does not match any outer indentation level\n'],
  ["if x:\npass", "  File \"prog.py\", line 2\n    pass\n    ^^^^\nIndentationError: expected an indented block after 'if' statement on line 1\n"],
  ["if x:\n", "  File \"prog.py\", line 1\n    if x:\n         ^\nIndentationError: expected an indented block after 'if' statement on line 1\n"],
  ["def f()\n  pass", "  File \"prog.py\", line 1\n    def f()\n           ^\nSyntaxError: expected ':'\n"],
  ["1 = x", "  File \"prog.py\", line 1\n    1 = x\n    ^\nSyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?\n"],
  ["f() = 1", "  File \"prog.py\", line 1\n    f() = 1\n    ^^^\nSyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?\n"],
  ["None = 1", '  File "prog.py", line 1\n    None = 1\n    ^^^^\nSyntaxError: cannot assign to None\n'],
  ["x = f() = 1", '  File "prog.py", line 1\n    x = f() = 1\n        ^^^\nSyntaxError: cannot assign to function call\n'],
  ["del f()", '  File "prog.py", line 1\n    del f()\n        ^^^\nSyntaxError: cannot delete function call\n'],
  ["f() += 1", "  File \"prog.py\", line 1\n    f() += 1\n    ^^^\nSyntaxError: 'function call' is an illegal expression for augmented assignment\n"],
  ["for 1 in x: pass", '  File "prog.py", line 1\n    for 1 in x: pass\n        ^\nSyntaxError: cannot assign to literal\n'],
  ["print x", "  File \"prog.py\", line 1\n    print x\n    ^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n"],
  ["f(a=1, b)", '  File "prog.py", line 1\n    f(a=1, b)\n            ^\nSyntaxError: positional argument follows keyword argument\n'],
  ["f(a b)", '  File "prog.py", line 1\n    f(a b)\n      ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n'],
  ["if x = 1:\n    pass", "  File \"prog.py\", line 1\n    if x = 1:\n       ^^^^^\nSyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?\n"],
  ["f(x for x in y, 1)", '  File "prog.py", line 1\n    f(x for x in y, 1)\n      ^^^^^^^^^^^^\nSyntaxError: Generator expression must be parenthesized\n'],
  ["def f(*): pass", '  File "prog.py", line 1\n    def f(*): pass\n          ^\nSyntaxError: named arguments must follow bare *\n'],
  ["def f(a=1, /, b): pass", '  File "prog.py", line 1\n    def f(a=1, /, b): pass\n                  ^\nSyntaxError: non-default argument follows default argument\n'],
  ["return 5", "  File \"prog.py\", line 1\n    return 5\n    ^^^^^^^^\nSyntaxError: 'return' outside function\n"],
  ["break", "  File \"prog.py\", line 1\n    break\n    ^^^^^\nSyntaxError: 'break' outside loop\n"],
  ["def f(a, a): pass", "  File \"prog.py\", line 1\n    def f(a, a): pass\n             ^\nSyntaxError: duplicate argument 'a' in function definition\n"],
  ["nonlocal x", '  File "prog.py", line 1\n    nonlocal x\n    ^^^^^^^^^^\nSyntaxError: nonlocal declaration not allowed at module level\n'],
  ["def f():\n    x = 1\n    global x", "  File \"prog.py\", line 3\n    global x\n    ^^^^^^^^\nSyntaxError: name 'x' is assigned to before global declaration\n"],
  ["try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass", "  File \"prog.py\", line 3\n    except:\n    ^^^^^^^\nSyntaxError: default 'except:' must be last\n"],
  ["try:\n    pass\n", "  File \"prog.py\", line 2\n    pass\n        ^\nSyntaxError: expected 'except' or 'finally' block\n"],
];

describe("CPython 3.11 SyntaxError output", () => {
  for (const [src, expected] of CPYTHON_311) {
    it(JSON.stringify(src), () => {
      expect(error(src).format()).toBe(expected);
    });
  }
});

describe("PySyntaxError fields", () => {
  it("carries filename, lineno, offset, text, msg and is a GilsimError", () => {
    const e = error("a = 1\nb = 2\nc = (3 4)\n");
    expect(e).toBeInstanceOf(GilsimError);
    expect(e.filename).toBe("prog.py");
    expect(e.lineno).toBe(3);
    expect(e.text).toBe("c = (3 4)");
    expect(e.offset).toBe(6);
    expect(e.endOffset).toBe(9);
    expect(e.msg).toBe("invalid syntax. Perhaps you forgot a comma?");
    expect(e.type).toBe("SyntaxError");
  });

  it("uses IndentationError / TabError types", () => {
    expect(error("if x:\npass").type).toBe("IndentationError");
    expect(error("if x:\n\tx = 1\n        y = 2\n").type).toBe("TabError");
  });

  it("reports errors found after parsing (symbol table, code generation)", () => {
    expect(error("def f():\n    nonlocal q\n").msg).toBe("no binding for nonlocal 'q' found");
    expect(error("class A:\n    return 1\n").msg).toBe("'return' outside function");
    expect(error("while x:\n    pass\nelse:\n    continue\n").msg).toBe("'continue' not properly in loop");
    expect(error("f(a=1, a=2)\n").msg).toBe("keyword argument repeated: a");
    expect(error("a, *b, *c = d\n").msg).toBe("multiple starred expressions in assignment");
    expect(error("def f(x):\n    global x\n").msg).toBe("name 'x' is parameter and global");
    expect(error("def f():\n    from m import *\n").msg).toBe("import * only allowed at module level");
  });
});

describe("constructs outside the subset", () => {
  const unsupported: [string, string][] = [
    ["def g():\n    yield 1\n", "yield"],
    ["x = (i for i in y)\n", "generator expressions"],
    ["f(i for i in y)\n", "generator expressions"],
    ["f(a for a, b in c)\n", "generator expressions"],
    ["async def f():\n    pass\n", "async functions"],
    ["match x:\n    case 1:\n        pass\n", "match statements"],
    ["if (n := 10) > 5:\n    pass\n", "assignment expressions (:=)"],
    ["try:\n    pass\nexcept* E:\n    pass\n", "except*"],
    ["type X = int\n", "type alias statements"],
    ["def f[T](x): pass\n", "type parameter lists"],
    ["x = '\\N{DASH}'\n", "\\N{...} escapes"],
  ];
  for (const [src, what] of unsupported) {
    it(what, () => {
      const e = error(src);
      expect(e.msg).toBe(`gilsim does not support ${what} yet`);
      expect(e.lineno).toBeGreaterThanOrEqual(1);
      expect(e.filename).toBe("prog.py");
    });
  }

  it("names the line of the unsupported construct", () => {
    const e = error("x = 1\ny = 2\ndef g():\n    return (yield)\n");
    expect(e.lineno).toBe(4);
    expect(e.format()).toContain("SyntaxError: gilsim does not support yield yet");
  });
});
