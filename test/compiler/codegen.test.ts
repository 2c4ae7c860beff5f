/**
 * Code generation, construct by construct: the instruction sequences CPython 3.12 emits
 * (derived from 3.12's compile.c/flowgraph.c), and the code-object contract the VM
 * relies on (jump targets as instruction indices, exception table, localsplus).
 */
import { describe, expect, it } from "vitest";
import {
  CO_NESTED,
  CO_NEWLOCALS,
  CO_OPTIMIZED,
  CO_VARARGS,
  CO_VARKEYWORDS,
  Op,
  dis,
  opName,
} from "../../src/compiler/index.js";
import { child, listing, mod, opnames } from "./helpers.js";

const fn = (src: string, ...path: number[]) => child(mod(src), ...(path.length ? path : [0]));

describe("module level", () => {
  it("starts with RESUME at line 0 and ends in RETURN_CONST None", () => {
    const m = mod("x = 1\n");
    expect(listing(m)).toEqual(["RESUME 0", "LOAD_CONST 0", "STORE_NAME 0", "RETURN_CONST 1"]);
    expect(Array.from(m.instructions.lines)).toEqual([0, 1, 1, 1]);
    expect(m.consts).toEqual([1n, null]);
    expect(m.names).toEqual(["x"]);
    expect(m.name).toBe("<module>");
    expect(m.flags).toBe(0);
  });

  it("an empty module and `pass` compile to RESUME; RETURN_CONST", () => {
    expect(opnames(mod(""))).toEqual(["RESUME", "RETURN_CONST"]);
    expect(opnames(mod("pass\n"))).toEqual(["RESUME", "RETURN_CONST"]);
  });

  it("stores a module docstring in __doc__", () => {
    const m = mod('"""doc"""\nx = 1\n');
    expect(listing(m).slice(1, 3)).toEqual(["LOAD_CONST 0", "STORE_NAME 0"]);
    expect(m.consts[0]).toBe("doc");
    expect(m.names[0]).toBe("__doc__");
  });

  it("calls through PUSH_NULL + LOAD_NAME, and method calls through LOAD_ATTR with the method bit", () => {
    expect(opnames(mod("f(1)\n"))).toEqual(["RESUME", "PUSH_NULL", "LOAD_NAME", "LOAD_CONST", "CALL", "POP_TOP", "RETURN_CONST"]);
    const m = mod("a.append(1)\n");
    expect(listing(m).slice(1, 5)).toEqual(["LOAD_NAME 0", "LOAD_ATTR 3", "LOAD_CONST 0", "CALL 1"]);
  });

  it("does not use the method form for attributes of imported modules", () => {
    const m = mod("import time\ntime.sleep(1)\n");
    expect(opnames(m)).toContain("PUSH_NULL");
    const attr = listing(m).find((s) => s.startsWith("LOAD_ATTR"));
    expect(attr).toBe("LOAD_ATTR 2"); // names[1] << 1, no method bit
  });
});

describe("names and scopes", () => {
  it("uses FAST for locals, GLOBAL (with the NULL bit for calls) for globals", () => {
    const f = fn("def f(a):\n    b = a\n    return g(b)\n");
    expect(listing(f)).toEqual([
      "RESUME 0",
      "LOAD_FAST 0",
      "STORE_FAST 1",
      "LOAD_GLOBAL 1",
      "LOAD_FAST 1",
      "CALL 1",
      "RETURN_VALUE 0",
    ]);
    expect(f.varnames).toEqual(["a", "b"]);
    expect(f.names).toEqual(["g"]);
    expect(f.flags).toBe(CO_OPTIMIZED | CO_NEWLOCALS);
  });

  it("global declarations make module stores STORE_GLOBAL too", () => {
    const m = mod("n = 0\ndef f():\n    global n\n    n = 1\n");
    expect(opnames(m)).toContain("STORE_GLOBAL");
    expect(opnames(child(m, 0))).toContain("STORE_GLOBAL");
  });

  it("closures: MAKE_CELL, LOAD_CLOSURE, COPY_FREE_VARS, LOAD_DEREF/STORE_DEREF with nonlocal", () => {
    const outer = fn("def outer():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n    return inc\n");
    expect(outer.cellvars).toEqual(["n"]);
    expect(opnames(outer).slice(0, 2)).toEqual(["MAKE_CELL", "RESUME"]);
    expect(opnames(outer)).toContain("LOAD_CLOSURE");
    const inc = child(outer, 0);
    expect(inc.freevars).toEqual(["n"]);
    expect(inc.flags & CO_NESTED).toBe(CO_NESTED);
    expect(opnames(inc)).toEqual([
      "COPY_FREE_VARS",
      "RESUME",
      "LOAD_DEREF",
      "LOAD_CONST",
      "BINARY_OP",
      "STORE_DEREF",
      "LOAD_DEREF",
      "RETURN_VALUE",
    ]);
    expect(inc.qualname).toBe("outer.<locals>.inc");
  });

  it("an argument captured by a closure keeps its slot (localsplus)", () => {
    const f = fn("def f(a, b):\n    return lambda: a\n");
    expect(f.varnames).toEqual(["a", "b"]);
    expect(f.cellvars).toEqual(["a"]);
    expect(f.localsplusnames).toEqual(["a", "b"]);
    expect(listing(f)[0]).toBe("MAKE_CELL 0");
  });

  it("deletes with DELETE_FAST / DELETE_NAME / DELETE_ATTR / DELETE_SUBSCR", () => {
    expect(opnames(fn("def f():\n    x = 1\n    del x\n"))).toContain("DELETE_FAST");
    expect(opnames(mod("del x, y.a, z[0]\n"))).toEqual([
      "RESUME",
      "DELETE_NAME",
      "LOAD_NAME",
      "DELETE_ATTR",
      "LOAD_NAME",
      "LOAD_CONST",
      "DELETE_SUBSCR",
      "RETURN_CONST",
    ]);
  });

  it("uses LOAD_FAST_CHECK where a local may be unbound", () => {
    const f = fn("def f(c):\n    if c:\n        x = 1\n    return x\n");
    expect(opnames(f)).toContain("LOAD_FAST_CHECK");
  });

  it("mangles private names in classes", () => {
    const cls = child(mod("class A:\n    __x = 1\n    def f(self):\n        return self.__y\n"), 0);
    expect(cls.names).toContain("_A__x");
    expect(child(cls, 0).names).toContain("_A__y");
  });
});

describe("assignment", () => {
  it("tuple unpacking with UNPACK_SEQUENCE, starred with UNPACK_EX", () => {
    expect(opnames(mod("a, b = c\n"))).toContain("UNPACK_SEQUENCE");
    const m = mod("a, *b, c = d\n");
    expect(listing(m)[2]).toBe(`UNPACK_EX ${1 + (1 << 8)}`);
  });

  it("swaps without a tuple (a, b = b, a → SWAP)", () => {
    expect(opnames(fn("def f(a, b):\n    a, b = b, a\n"))).toEqual([
      "RESUME",
      "LOAD_FAST",
      "LOAD_FAST",
      "STORE_FAST",
      "STORE_FAST",
      "RETURN_CONST",
    ]);
  });

  it("chained assignment copies the value", () => {
    expect(opnames(mod("a = b = 1\n"))).toEqual(["RESUME", "LOAD_CONST", "COPY", "STORE_NAME", "STORE_NAME", "RETURN_CONST"]);
  });

  it("augmented assignment to names, attributes, subscripts and slices", () => {
    expect(listing(mod("x += 1\n"))).toContain("BINARY_OP 13");
    expect(opnames(mod("o.a *= 2\n"))).toEqual([
      "RESUME",
      "LOAD_NAME",
      "COPY",
      "LOAD_ATTR",
      "LOAD_CONST",
      "BINARY_OP",
      "SWAP",
      "STORE_ATTR",
      "RETURN_CONST",
    ]);
    expect(opnames(mod("d[k] -= 1\n"))).toContain("STORE_SUBSCR");
    expect(opnames(mod("s[1:2] += t\n"))).toContain("STORE_SLICE");
  });

  it("subscript and slice stores", () => {
    expect(opnames(mod("x[1:2] = y\n"))).toContain("STORE_SLICE");
    expect(opnames(mod("x[::2] = y\n"))).toEqual(expect.arrayContaining(["BUILD_SLICE", "STORE_SUBSCR"]));
  });

  it("annotated assignment at module level stores __annotations__", () => {
    expect(opnames(mod("x: int = 1\n"))).toEqual([
      "RESUME",
      "SETUP_ANNOTATIONS",
      "LOAD_CONST",
      "STORE_NAME",
      "LOAD_NAME",
      "LOAD_NAME",
      "LOAD_CONST",
      "STORE_SUBSCR",
      "RETURN_CONST",
    ]);
  });
});

describe("expressions", () => {
  it("binary operators use the 3.12 NB_* table", () => {
    const ops: [string, number][] = [
      ["+", 0],
      ["&", 1],
      ["//", 2],
      ["<<", 3],
      ["*", 5],
      ["%", 6],
      ["|", 7],
      ["**", 8],
      [">>", 9],
      ["-", 10],
      ["/", 11],
      ["^", 12],
    ];
    for (const [op, nb] of ops) expect(listing(mod(`x = a ${op} b\n`))).toContain(`BINARY_OP ${nb}`);
  });

  it("unary operators; +x is CALL_INTRINSIC_1 UNARY_POSITIVE", () => {
    expect(opnames(mod("x = -a\n"))).toContain("UNARY_NEGATIVE");
    expect(opnames(mod("x = ~a\n"))).toContain("UNARY_INVERT");
    expect(opnames(mod("x = not a\n"))).toContain("UNARY_NOT");
    expect(listing(mod("x = +a\n"))).toContain("CALL_INTRINSIC_1 5");
  });

  it("folds constants like CPython's AST optimizer", () => {
    expect(mod("x = -1\n").consts[0]).toBe(-1n);
    expect(mod("x = 2 ** 10\n").consts[0]).toBe(1024n);
    expect(mod("x = 7 // -2\n").consts[0]).toBe(-4n);
    expect(mod("x = -7 % 3\n").consts[0]).toBe(2n);
    expect(mod("x = 1 / 4\n").consts[0]).toBe(0.25);
    expect(mod("x = 'ab' * 3\n").consts[0]).toBe("ababab");
    expect(mod("x = (1, 2, 3)\n").consts[0]).toEqual({ kind: "tuple", items: [1n, 2n, 3n] });
    expect(mod("x = 2 ** 200\n").consts).toContain(200n); // too big to fold (128-bit limit)
    expect(opnames(mod("x = 1 / 0\n"))).toContain("BINARY_OP"); // would raise: not folded
  });

  it("comparison opargs are `cmp << 4 | mask`", () => {
    const args = (src: string) => listing(mod(src)).find((s) => s.startsWith("COMPARE_OP"));
    expect(args("x = a < b\n")).toBe("COMPARE_OP 2");
    expect(args("x = a <= b\n")).toBe("COMPARE_OP 26");
    expect(args("x = a == b\n")).toBe("COMPARE_OP 40");
    expect(args("x = a != b\n")).toBe("COMPARE_OP 55");
    expect(args("x = a > b\n")).toBe("COMPARE_OP 68");
    expect(args("x = a >= b\n")).toBe("COMPARE_OP 92");
  });

  it("is / is not / in / not in", () => {
    expect(listing(mod("x = a is b\n"))).toContain("IS_OP 0");
    expect(listing(mod("x = a is not b\n"))).toContain("IS_OP 1");
    expect(listing(mod("x = a in b\n"))).toContain("CONTAINS_OP 0");
    expect(listing(mod("x = a not in b\n"))).toContain("CONTAINS_OP 1");
    expect(listing(mod("x = not a in b\n"))).toContain("CONTAINS_OP 1"); // folded `not (a in b)`
  });

  it("`x in [1, 2]` becomes a constant tuple; `in {1, 2}` a frozenset", () => {
    expect(mod("x = a in [1, 2]\n").consts).toContainEqual({ kind: "tuple", items: [1n, 2n] });
    expect(mod("x = a in {2, 1}\n").consts).toContainEqual({ kind: "frozenset", items: [1n, 2n] });
  });

  it("`if x is None` uses POP_JUMP_IF_NOT_NONE", () => {
    expect(opnames(fn("def f(x):\n    if x is None:\n        return 1\n"))).toContain("POP_JUMP_IF_NOT_NONE");
  });

  it("chained comparisons evaluate the middle operand once", () => {
    expect(opnames(mod("x = a < b < c\nf()\n")).slice(0, 16)).toEqual([
      "RESUME",
      "LOAD_NAME",
      "LOAD_NAME",
      "SWAP",
      "COPY",
      "COMPARE_OP",
      "COPY",
      "POP_JUMP_IF_FALSE",
      "POP_TOP",
      "LOAD_NAME",
      "COMPARE_OP",
      "JUMP_FORWARD",
      "SWAP",
      "POP_TOP",
      "STORE_NAME",
      "PUSH_NULL",
    ]);
  });

  it("and/or keep the deciding value (COPY + POP_JUMP_IF_*)", () => {
    expect(opnames(mod("x = a and b\n"))).toEqual([
      "RESUME",
      "LOAD_NAME",
      "COPY",
      "POP_JUMP_IF_FALSE",
      "POP_TOP",
      "LOAD_NAME",
      "STORE_NAME",
      "RETURN_CONST",
    ]);
  });

  it("conditional expressions", () => {
    expect(opnames(mod("x = a if b else c\nf()\n")).slice(0, 7)).toEqual([
      "RESUME",
      "LOAD_NAME",
      "POP_JUMP_IF_FALSE",
      "LOAD_NAME",
      "JUMP_FORWARD",
      "LOAD_NAME",
      "STORE_NAME",
    ]);
    // At the end of a module the small exit block is copied into both branches.
    expect(opnames(mod("x = a if b else c\n"))).toEqual([
      "RESUME",
      "LOAD_NAME",
      "POP_JUMP_IF_FALSE",
      "LOAD_NAME",
      "STORE_NAME",
      "RETURN_CONST",
      "LOAD_NAME",
      "STORE_NAME",
      "RETURN_CONST",
    ]);
  });

  it("displays: lists, tuples, sets, dicts (BUILD_CONST_KEY_MAP for constant keys)", () => {
    expect(opnames(mod("x = [a, b]\n"))).toContain("BUILD_LIST");
    expect(opnames(mod("x = (a, b)\n"))).toContain("BUILD_TUPLE");
    expect(opnames(mod("x = {a, b}\n"))).toContain("BUILD_SET");
    expect(opnames(mod("x = {'a': 1, 'b': c}\n"))).toContain("BUILD_CONST_KEY_MAP");
    expect(opnames(mod("x = {a: 1}\n"))).toContain("BUILD_MAP");
    expect(opnames(mod("x = [1, 2, 3]\n"))).toEqual(["RESUME", "BUILD_LIST", "LOAD_CONST", "LIST_EXTEND", "STORE_NAME", "RETURN_CONST"]);
    expect(opnames(mod("x = {1, 2, 3}\n"))).toEqual(["RESUME", "BUILD_SET", "LOAD_CONST", "SET_UPDATE", "STORE_NAME", "RETURN_CONST"]);
    expect(opnames(mod("x = [*a, b]\n"))).toEqual(["RESUME", "BUILD_LIST", "LOAD_NAME", "LIST_EXTEND", "LOAD_NAME", "LIST_APPEND", "STORE_NAME", "RETURN_CONST"]);
    expect(opnames(mod("x = (*a, b)\n"))).toContain("CALL_INTRINSIC_1");
    expect(opnames(mod("x = {**a, 'k': 1}\n"))).toEqual(expect.arrayContaining(["DICT_UPDATE"]));
  });

  it("slices: BINARY_SLICE for two bounds, BUILD_SLICE for three", () => {
    expect(opnames(mod("x = s[1:2]\n"))).toContain("BINARY_SLICE");
    expect(opnames(mod("x = s[:]\n"))).toContain("BINARY_SLICE");
    expect(opnames(mod("x = s[::2]\n"))).toEqual(expect.arrayContaining(["BUILD_SLICE", "BINARY_SUBSCR"]));
  });

  it("f-strings: FORMAT_VALUE with conversions and specs, BUILD_STRING", () => {
    const m = mod("x = f'{a!r:>{w}} and {b}'\n");
    expect(opnames(m)).toEqual([
      "RESUME",
      "LOAD_NAME",
      "LOAD_CONST",
      "LOAD_NAME",
      "FORMAT_VALUE",
      "BUILD_STRING",
      "FORMAT_VALUE",
      "LOAD_CONST",
      "LOAD_NAME",
      "FORMAT_VALUE",
      "BUILD_STRING",
      "STORE_NAME",
      "RETURN_CONST",
    ]);
    expect(listing(m)).toContain("FORMAT_VALUE 6"); // repr | have spec
    expect(opnames(mod("x = f'{a}'\n"))).not.toContain("BUILD_STRING");
    expect(mod("x = f'{a=}'\n").consts).toContain("a=");
  });

  it("'%s' % (a, b) becomes an f-string (3.12 optimize_format)", () => {
    expect(opnames(mod("x = '%s-%r' % (a, b)\n"))).toEqual([
      "RESUME",
      "LOAD_NAME",
      "FORMAT_VALUE",
      "LOAD_CONST",
      "LOAD_NAME",
      "FORMAT_VALUE",
      "BUILD_STRING",
      "STORE_NAME",
      "RETURN_CONST",
    ]);
    expect(opnames(mod("x = '%d' % (a,)\n"))).toContain("BINARY_OP"); // %d is not rewritten
  });

  it("calls: keywords (KW_NAMES), * and ** (CALL_FUNCTION_EX)", () => {
    const m = mod("f(1, k=2)\n");
    expect(opnames(m)).toContain("KW_NAMES");
    expect(m.consts).toContainEqual({ kind: "tuple", items: ["k"] });
    expect(listing(mod("f(*a)\n"))).toContain("CALL_FUNCTION_EX 0");
    expect(listing(mod("f(*a, **k)\n"))).toContain("CALL_FUNCTION_EX 1");
  });

  it("lambda is a nested code object named <lambda>", () => {
    const m = mod("f = lambda x, y=2: x + y\n");
    const l = child(m, 0);
    expect(l.name).toBe("<lambda>");
    expect(l.argcount).toBe(2);
    expect(l.consts[0]).toBe(null);
    expect(listing(m)).toContain("MAKE_FUNCTION 1");
  });
});

describe("comprehensions are inlined (PEP 709)", () => {
  it("list comprehension in a function: LOAD_FAST_AND_CLEAR, no nested code object", () => {
    const f = fn("def f(xs):\n    return [x * 2 for x in xs if x]\n");
    expect(f.consts.some((c) => typeof c === "object" && c !== null && c.kind === "code")).toBe(false);
    expect(opnames(f)).toEqual(expect.arrayContaining(["LOAD_FAST_AND_CLEAR", "BUILD_LIST", "FOR_ITER", "LIST_APPEND", "END_FOR"]));
    expect(f.exceptionTable.length).toBeGreaterThan(0);
  });

  it("dict and set comprehensions use MAP_ADD and SET_ADD", () => {
    expect(opnames(mod("d = {k: v for k, v in items}\n"))).toContain("MAP_ADD");
    expect(opnames(mod("s = {x for x in xs}\n"))).toContain("SET_ADD");
  });

  it("at module level the iteration variable is a (hidden) fast local", () => {
    const m = mod("y = [x for x in xs]\n");
    expect(m.varnames).toEqual(["x"]);
  });

  it("a comprehension variable captured by a lambda becomes a cell", () => {
    const f = fn("def f(xs):\n    return [lambda: x for x in xs]\n");
    expect(f.cellvars).toEqual(["x"]);
    expect(opnames(f)).toContain("MAKE_CELL");
  });
});

describe("control flow", () => {
  it("loops compile to JUMP_BACKWARD (the eval breaker check)", () => {
    expect(opnames(fn("def f():\n    while x:\n        g()\n"))).toContain("JUMP_BACKWARD");
    expect(opnames(fn("def f():\n    for i in r:\n        g()\n"))).toContain("JUMP_BACKWARD");
  });

  it("jump args are instruction indices; FOR_ITER targets its END_FOR", () => {
    const f = fn("def f(r):\n    for i in r:\n        g(i)\n    return 1\n");
    const { ops, args, count } = f.instructions;
    for (let i = 0; i < count; i++) {
      if (ops[i] === Op.FOR_ITER) expect(opName(ops[args[i]!]!)).toBe("END_FOR");
      if (ops[i] === Op.JUMP_BACKWARD) expect(opName(ops[args[i]!]!)).toBe("FOR_ITER");
    }
  });

  it("offsets count inline caches and EXTENDED_ARGs", () => {
    const f = fn("def f():\n    return g(1)\n");
    // RESUME 0, LOAD_GLOBAL (1 + 4 caches), LOAD_CONST, CALL (1 + 3 caches), RETURN_VALUE
    expect(Array.from(f.instructions.offsets)).toEqual([0, 2, 12, 14, 22]);
    expect(f.codeSize).toBe(24);
  });

  it("while/else, for/else, break and continue", () => {
    const src =
      "def f(xs):\n    for x in xs:\n        if x:\n            break\n        continue\n    else:\n        g()\n    while True:\n        break\n";
    const d = dis(fn(src));
    expect(d).toContain("JUMP_FORWARD");
    expect(d).toContain("END_FOR");
  });

  it("`while True` loses its test (constant folded jumps)", () => {
    expect(opnames(fn("def f():\n    while True:\n        g()\n"))).not.toContain("POP_JUMP_IF_FALSE");
  });

  it("break out of a for loop pops the iterator", () => {
    const f = fn("def f(xs):\n    for x in xs:\n        break\n");
    expect(opnames(f)).toEqual(["RESUME", "LOAD_FAST", "GET_ITER", "FOR_ITER", "STORE_FAST", "POP_TOP", "RETURN_CONST", "END_FOR", "RETURN_CONST"]);
  });
});

describe("exceptions", () => {
  it("try/except: zero-cost exception table with depth and lasti", () => {
    const f = fn("def f():\n    try:\n        g()\n    except ValueError as e:\n        h(e)\n");
    const t = f.exceptionTable;
    expect(t.length).toBeGreaterThanOrEqual(3);
    const first = t[0]!;
    expect(opName(f.instructions.ops[first.target]!)).toBe("PUSH_EXC_INFO");
    expect(first.depth).toBe(0);
    expect(first.lasti).toBe(false);
    expect(t.some((e) => e.lasti)).toBe(true);
    for (const e of t) {
      expect(e.start).toBeLessThan(e.end);
      expect(f.instructions.offsets[e.start]).toBe(e.startOffset);
      expect(f.instructions.offsets[e.target]).toBe(e.targetOffset);
    }
    expect(opnames(f)).toEqual(expect.arrayContaining(["CHECK_EXC_MATCH", "POP_EXCEPT", "RERAISE", "DELETE_FAST"]));
  });

  it("raise, raise from, bare raise", () => {
    expect(listing(mod("raise\n"))).toContain("RAISE_VARARGS 0");
    expect(listing(mod("raise E\n"))).toContain("RAISE_VARARGS 1");
    expect(listing(mod("raise E from c\n"))).toContain("RAISE_VARARGS 2");
  });

  it("assert: LOAD_ASSERTION_ERROR, message via CALL 0", () => {
    expect(opnames(mod("assert x, 'msg'\n"))).toEqual([
      "RESUME",
      "LOAD_NAME",
      "POP_JUMP_IF_TRUE",
      "LOAD_ASSERTION_ERROR",
      "LOAD_CONST",
      "CALL",
      "RAISE_VARARGS",
      "RETURN_CONST",
    ]);
  });

  it("with: BEFORE_WITH, __exit__(None, None, None), WITH_EXCEPT_START handler", () => {
    const f = fn("def f(lock):\n    with lock:\n        g()\n");
    expect(opnames(f)).toEqual(expect.arrayContaining(["BEFORE_WITH", "WITH_EXCEPT_START", "PUSH_EXC_INFO"]));
    expect(f.exceptionTable.some((e) => e.lasti && e.depth === 1)).toBe(true);
  });

  it("return inside try/finally runs the finally body first", () => {
    const f = fn("def f():\n    try:\n        return g()\n    finally:\n        h()\n");
    const names = opnames(f);
    expect(names.indexOf("RETURN_VALUE")).toBeGreaterThan(names.indexOf("CALL"));
  });
});

describe("functions and classes", () => {
  it("argument counts, flags, defaults and keyword-only defaults", () => {
    const m = mod("def f(a, /, b, c=1, *args, d, e=2, **kw):\n    pass\n");
    const f = child(m, 0);
    expect(f.argcount).toBe(3); // posonly + positional-or-keyword, as co_argcount
    expect(f.posonlyargcount).toBe(1);
    expect(f.kwonlyargcount).toBe(2);
    expect(f.varnames).toEqual(["a", "b", "c", "d", "e", "args", "kw"]);
    expect(f.flags).toBe(CO_OPTIMIZED | CO_NEWLOCALS | CO_VARARGS | CO_VARKEYWORDS);
    expect(listing(m)).toContain("MAKE_FUNCTION 3");
  });

  it("function docstrings are consts[0]; otherwise consts[0] is None", () => {
    expect(child(mod('def f():\n    "doc"\n    return 1\n'), 0).consts[0]).toBe("doc");
    expect(child(mod("def f():\n    return 1\n"), 0).consts[0]).toBe(null);
  });

  it("decorators are called innermost first, with the def's first line at the decorator", () => {
    const m = mod("@a\n@b.c(1)\ndef f():\n    pass\n");
    const f = child(m, 0);
    expect(f.firstlineno).toBe(1);
    expect(opnames(m).filter((n) => n === "CALL").length).toBe(3);
  });

  it("class bodies: LOAD_BUILD_CLASS, __module__/__qualname__, methods, bases", () => {
    const m = mod("class B(A):\n    x = 1\n    def f(self):\n        return self.x\n");
    expect(opnames(m).slice(1, 7)).toEqual(["PUSH_NULL", "LOAD_BUILD_CLASS", "LOAD_CONST", "MAKE_FUNCTION", "LOAD_CONST", "LOAD_NAME"]);
    expect(listing(m)).toContain("CALL 3");
    const body = child(m, 0);
    expect(body.names.slice(0, 3)).toEqual(["__name__", "__module__", "__qualname__"]);
    expect(child(body, 0).qualname).toBe("B.f");
  });

  it("zero-argument super() uses the __class__ cell and LOAD_SUPER_ATTR", () => {
    const m = mod("class B(A):\n    def __init__(self):\n        super().__init__()\n");
    const body = child(m, 0);
    expect(body.cellvars).toEqual(["__class__"]);
    expect(opnames(body)).toContain("STORE_NAME"); // __classcell__
    const init = child(body, 0);
    expect(init.freevars).toEqual(["__class__"]);
    expect(listing(init)).toContain("LOAD_SUPER_ATTR 5");
  });

  it("imports: IMPORT_NAME, IMPORT_FROM, aliases, relative imports", () => {
    expect(opnames(mod("import a.b.c\n"))).toEqual(["RESUME", "LOAD_CONST", "LOAD_CONST", "IMPORT_NAME", "STORE_NAME", "RETURN_CONST"]);
    expect(mod("import a.b.c\n").names).toEqual(["a.b.c", "a"]);
    expect(opnames(mod("import a.b as c\n"))).toContain("IMPORT_FROM");
    const rel = mod("from .. import x as y\n");
    expect(rel.consts[0]).toBe(2n);
    expect(rel.names).toEqual(["", "x", "y"]);
  });
});

describe("stack depth", () => {
  it("matches CPython for simple code", () => {
    expect(mod("x = 1\n").stacksize).toBe(1);
    expect(child(mod("def f(a):\n    return g(a, 1, 2)\n"), 0).stacksize).toBe(5);
  });
});
