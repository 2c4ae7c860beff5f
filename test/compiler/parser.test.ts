/** Lezer tree → typed AST: shapes, locations, literal decoding. */
import { describe, expect, it } from "vitest";
import type * as A from "../../src/compiler/ast.js";
import { parse } from "../../src/compiler/index.js";

const stmts = (src: string): A.Stmt[] => parse(src, "prog.py").body;
const expr = (src: string): A.Expr => {
  const s = stmts(src)[0]!;
  if (s.kind !== "Expr") throw new Error(`not an expression statement: ${s.kind}`);
  return s.value;
};
const value = (src: string) => {
  const e = expr(src);
  if (e.kind !== "Constant") throw new Error(`not a constant: ${e.kind}`);
  return e.value;
};

describe("statements", () => {
  it("assignment: targets get store context; chained targets", () => {
    const s = stmts("a = b = c\n")[0] as A.AssignStmt;
    expect(s.kind).toBe("Assign");
    expect(s.targets.map((t) => (t as A.NameExpr).ctx)).toEqual(["store", "store"]);
    expect((s.value as A.NameExpr).id).toBe("c");
  });

  it("tuple targets with a starred element", () => {
    const s = stmts("a, *b = c\n")[0] as A.AssignStmt;
    const t = s.targets[0] as A.TupleExpr;
    expect(t.kind).toBe("Tuple");
    expect(t.elts.map((e) => e.kind)).toEqual(["Name", "Starred"]);
    expect(t.ctx).toBe("store");
  });

  it("augmented and annotated assignment", () => {
    const aug = stmts("x.y += 1\n")[0] as A.AugAssignStmt;
    expect(aug.op).toBe("+");
    expect(aug.target.kind).toBe("Attribute");
    const ann = stmts("x: int = 5\n")[0] as A.AnnAssignStmt;
    expect(ann.kind).toBe("AnnAssign");
    expect(ann.simple).toBe(true);
  });

  it("if/elif/else nests elif as an If in orelse", () => {
    const s = stmts("if a:\n    pass\nelif b:\n    pass\nelse:\n    x = 1\n")[0] as A.IfStmt;
    expect(s.orelse.length).toBe(1);
    const elif = s.orelse[0] as A.IfStmt;
    expect(elif.kind).toBe("If");
    expect(elif.line).toBe(3);
    expect(elif.orelse[0]!.kind).toBe("Assign");
  });

  it("for/else and while/else", () => {
    const f = stmts("for i, j in x:\n    pass\nelse:\n    pass\n")[0] as A.ForStmt;
    expect(f.target.kind).toBe("Tuple");
    expect(f.orelse.length).toBe(1);
    const w = stmts("while x:\n    break\nelse:\n    continue\n")[0] as A.WhileStmt;
    expect(w.body[0]!.kind).toBe("Break");
  });

  it("try with handlers, else and finally", () => {
    const t = stmts("try:\n    a\nexcept (E, F) as e:\n    b\nexcept G:\n    c\nexcept:\n    d\nelse:\n    e\nfinally:\n    f\n")[0] as A.TryStmt;
    expect(t.handlers.map((h) => h.name)).toEqual(["e", null, null]);
    expect(t.handlers[0]!.type!.kind).toBe("Tuple");
    expect(t.handlers[2]!.type).toBeNull();
    expect(t.orelse.length).toBe(1);
    expect(t.finalbody.length).toBe(1);
  });

  it("with items", () => {
    const w = stmts("with a as b, c:\n    pass\n")[0] as A.WithStmt;
    expect(w.items.length).toBe(2);
    expect((w.items[0]!.optionalVars as A.NameExpr).id).toBe("b");
    expect(w.items[1]!.optionalVars).toBeNull();
  });

  it("def: all parameter kinds, defaults, annotations, decorators", () => {
    const d = stmts("@dec\n@mod.deco(1)\ndef f(a, b=1, /, c=2, *args, d, e=3, **kw) -> int:\n    return a\n")[0] as A.FunctionDefStmt;
    expect(d.args.posonlyargs.map((a) => a.arg)).toEqual(["a", "b"]);
    expect(d.args.args.map((a) => a.arg)).toEqual(["c"]);
    expect(d.args.defaults.length).toBe(2);
    expect(d.args.vararg!.arg).toBe("args");
    expect(d.args.kwonlyargs.map((a) => a.arg)).toEqual(["d", "e"]);
    expect(d.args.kwDefaults.map((x) => x === null)).toEqual([true, false]);
    expect(d.args.kwarg!.arg).toBe("kw");
    expect(d.returns!.kind).toBe("Name");
    expect(d.decorators.map((x) => x.kind)).toEqual(["Name", "Call"]);
    expect(d.line).toBe(3);
  });

  it("class with bases and keywords", () => {
    const c = stmts("class A(B, metaclass=M):\n    x = 1\n")[0] as A.ClassDefStmt;
    expect(c.bases.length).toBe(1);
    expect(c.keywords.map((k) => k.arg)).toEqual(["metaclass"]);
  });

  it("imports", () => {
    const i = stmts("import a.b.c as d, e\n")[0] as A.ImportStmt;
    expect(i.names.map((n) => [n.name, n.asname])).toEqual([
      ["a.b.c", "d"],
      ["e", null],
    ]);
    const f = stmts("from ..m.n import (x as y, z)\n")[0] as A.ImportFromStmt;
    expect([f.level, f.module]).toEqual([2, "m.n"]);
    expect(f.names.map((n) => n.asname ?? n.name)).toEqual(["y", "z"]);
    const star = stmts("from m import *\n")[0] as A.ImportFromStmt;
    expect(star.names[0]!.name).toBe("*");
  });

  it("global, nonlocal, del, assert, raise, pass, semicolons", () => {
    const s = stmts("global a, b; pass\ndel x, y[0]\nassert x, 'm'\nraise E from c\n");
    expect(s.map((x) => x.kind)).toEqual(["Global", "Pass", "Delete", "Assert", "Raise"]);
    expect((s[0] as A.GlobalStmt).names).toEqual(["a", "b"]);
    expect((s[2] as A.DeleteStmt).targets.length).toBe(2);
    expect((s[4] as A.RaiseStmt).cause!.kind).toBe("Name");
  });

  it("`print` is an ordinary name", () => {
    expect(stmts("print = 3\n")[0]!.kind).toBe("Assign");
    expect(expr("f(print, x)\n").kind).toBe("Call");
  });
});

describe("expressions", () => {
  it("operator precedence and associativity", () => {
    const e = expr("a + b * c ** -d\n") as A.BinOpExpr;
    expect(e.op).toBe("+");
    const mul = e.right as A.BinOpExpr;
    expect(mul.op).toBe("*");
    const pow = mul.right as A.BinOpExpr;
    expect(pow.op).toBe("**");
    expect(pow.right.kind).toBe("UnaryOp");
  });

  it("chained comparisons become one Compare; parenthesized ones do not", () => {
    const c = expr("a < b <= c != d\n") as A.CompareExpr;
    expect(c.ops).toEqual(["<", "<=", "!="]);
    expect(c.comparators.length).toBe(3);
    const p = expr("(a < b) < c\n") as A.CompareExpr;
    expect(p.ops).toEqual(["<"]);
    expect(p.left.kind).toBe("Compare");
    expect((expr("a not in b\n") as A.CompareExpr).ops).toEqual(["not in"]);
    expect((expr("a is not b\n") as A.CompareExpr).ops).toEqual(["is not"]);
  });

  it("and/or chains flatten like CPython's BoolOp", () => {
    const e = expr("a and b and c or d\n") as A.BoolOpExpr;
    expect(e.op).toBe("or");
    expect((e.values[0] as A.BoolOpExpr).values.length).toBe(3);
  });

  it("subscripts and slices", () => {
    const s = expr("x[1:2, ::3]\n") as A.SubscriptExpr;
    const t = s.slice as A.TupleExpr;
    expect(t.elts.map((e) => e.kind)).toEqual(["Slice", "Slice"]);
    expect((t.elts[1] as A.SliceExpr).lower).toBeNull();
    expect((t.elts[1] as A.SliceExpr).step!.kind).toBe("Constant");
  });

  it("calls with keyword, * and ** arguments", () => {
    const c = expr("f(a, *b, k=1, **d)\n") as A.CallExpr;
    expect(c.args.map((a) => a.kind)).toEqual(["Name", "Starred"]);
    expect(c.keywords.map((k) => k.arg)).toEqual(["k", null]);
  });

  it("comprehensions with several for/if clauses", () => {
    const l = expr("[x for x in y if x for z in x if z if z]\n") as A.ListCompExpr;
    expect(l.generators.length).toBe(2);
    expect(l.generators[1]!.ifs.length).toBe(2);
    const d = expr("{k: v for k, v in items}\n") as A.DictCompExpr;
    expect(d.generators[0]!.target.kind).toBe("Tuple");
  });

  it("lambda, conditional expression, dict and set displays", () => {
    const l = expr("lambda x, *a, y=1, **k: x\n") as A.LambdaExpr;
    expect(l.args.kwonlyargs.map((a) => a.arg)).toEqual(["y"]);
    expect(expr("a if b else c\n").kind).toBe("IfExp");
    const d = expr("{**a, 1: 2}\n") as A.DictExpr;
    expect(d.keys[0]).toBeNull();
    expect(expr("{1, 2}\n").kind).toBe("Set");
    expect(expr("{}\n").kind).toBe("Dict");
    expect((expr("()\n") as A.TupleExpr).elts).toEqual([]);
    expect((expr("(1,)\n") as A.TupleExpr).elts.length).toBe(1);
  });

  it("locations: 1-based lines, 0-based byte columns, end positions", () => {
    const s = stmts("x = 1\nif y:\n    z = foo(1,\n            2)\n");
    expect([s[0]!.line, s[0]!.col, s[0]!.endLine, s[0]!.endCol]).toEqual([1, 0, 1, 5]);
    const inner = (s[1] as A.IfStmt).body[0] as A.AssignStmt;
    expect([inner.value.line, inner.value.col, inner.value.endLine, inner.value.endCol]).toEqual([3, 8, 4, 14]);
    expect((s[1] as A.IfStmt).endLine).toBe(4);
    const u = stmts("s = 'é'; t = 1\n");
    expect(u[1]!.col).toBe(10); // UTF-8 bytes, as CPython's col_offset
  });
});

describe("literals", () => {
  it("ints of any size, hex/octal/binary, underscores", () => {
    expect(value("123\n")).toBe(123n);
    expect(value("0xff\n")).toBe(255n);
    expect(value("0o17\n")).toBe(15n);
    expect(value("0b101\n")).toBe(5n);
    expect(value("1_000_000\n")).toBe(1000000n);
    expect(value("123456789012345678901234567890\n")).toBe(123456789012345678901234567890n);
  });

  it("floats and complex numbers", () => {
    expect(value("2.5\n")).toBe(2.5);
    expect(value("1e3\n")).toBe(1000);
    expect(value(".5\n")).toBe(0.5);
    expect(value("1_0.0_1\n")).toBe(10.01);
    expect(value("2j\n")).toEqual({ kind: "complex", real: 0, imag: 2 });
  });

  it("floats with a trailing dot (which the lezer tokenizer splits)", () => {
    expect(value("4.\n")).toBe(4);
    const e = expr("24.*3600.\n") as A.BinOpExpr;
    expect(e.kind).toBe("BinOp");
    expect([e.left, e.right].map((x) => (x as A.ConstantExpr).value)).toEqual([24, 3600]);
    expect(expr("x[1.:2.]\n").kind).toBe("Subscript");
  });

  it("strings: escapes, raw, triple-quoted, implicit concatenation", () => {
    expect(value("'a\\tb\\n\\x41\\u00e9\\101\\\\'\n")).toBe("a\tb\nAé" + "A\\");
    expect(value("r'a\\tb'\n")).toBe("a\\tb");
    expect(value("'''a\nb'''\n")).toBe("a\nb");
    expect(value("'a' \"b\" 'c'\n")).toBe("abc");
    expect(value("'line \\\ncontinued'\n")).toBe("line continued");
    expect(value("'\\q'\n")).toBe("\\q");
  });

  it("bytes", () => {
    const b = value("b'ab\\x00'\n") as { kind: string; data: Uint8Array };
    expect(b.kind).toBe("bytes");
    expect(Array.from(b.data)).toEqual([97, 98, 0]);
  });

  it("None, True, False, Ellipsis", () => {
    expect(value("None\n")).toBeNull();
    expect(value("True\n")).toBe(true);
    expect(value("False\n")).toBe(false);
    expect(value("...\n")).toEqual({ kind: "ellipsis" });
  });

  it("f-strings: literal parts, conversions, specs, nested fields, =, braces", () => {
    const j = expr("f'a{x!r:>{w}}b{{c}}{y=}'\n") as A.JoinedStrExpr;
    expect(j.kind).toBe("JoinedStr");
    expect(j.values.map((v) => v.kind)).toEqual(["Constant", "FormattedValue", "Constant", "FormattedValue"]);
    const fv = j.values[1] as A.FormattedValueExpr;
    expect(fv.conversion).toBe("r".charCodeAt(0));
    const spec = fv.formatSpec as A.JoinedStrExpr;
    expect(spec.values.map((v) => v.kind)).toEqual(["Constant", "FormattedValue"]);
    expect((j.values[2] as A.ConstantExpr).value).toBe("b{c}y=");
    expect((j.values[3] as A.FormattedValueExpr).conversion).toBe("r".charCodeAt(0));
  });

  it("f-strings concatenate with plain strings", () => {
    const j = expr("'a' f'{x}' 'b'\n") as A.JoinedStrExpr;
    expect(j.values.map((v) => (v.kind === "Constant" ? v.value : v.kind))).toEqual(["a", "FormattedValue", "b"]);
  });
});

describe("not binds tighter than and/or (lezer groups it the other way)", () => {
  const shape = (src: string): string => {
    const show = (e: A.Expr): string =>
      e.kind === "BoolOp" ? `(${e.values.map(show).join(` ${e.op} `)})`
        : e.kind === "UnaryOp" ? `(not ${show(e.operand)})`
          : e.kind === "Name" ? e.id : "?";
    const stmt = parse(`x = ${src}\n`, "t.py").body[0] as A.Stmt & { value: A.Expr };
    return show(stmt.value);
  };
  it("regroups an unparenthesized and/or under not", () => {
    expect(shape("not a or b")).toBe("((not a) or b)");
    expect(shape("a or not b and c")).toBe("(a or ((not b) and c))");
    expect(shape("not a and b or c")).toBe("(((not a) and b) or c)");
    expect(shape("not a and b and c")).toBe("((not a) and b and c)");
  });
  it("leaves parentheses alone", () => {
    expect(shape("not (a or b)")).toBe("(not (a or b))");
    expect(shape("not not a")).toBe("(not (not a))");
  });
});
