/**
 * Golden dis outputs from CPython 3.12's own test suite (Lib/test/test_dis.py, 3.12
 * branch): the sources are the functions test_dis disassembles, moved so that they
 * start at line 1, and the expected texts are test_dis's strings with the `%3d` line
 * numbers filled in. As there, offsets are stripped and the exception table is reduced
 * to its row count (see helpers.stripOffsets); where test_dis keeps offsets, so do we.
 * The one edit: test_dis disassembles a traceback (`-->` marks the current
 * instruction); plain dis prints blanks there.
 */
import { describe, expect, it } from "vitest";
import { type CodeObject, dis } from "../../src/compiler/index.js";
import { child, mod, stripOffsets } from "./helpers.js";

interface OracleCase {
  name: string;
  source: string;
  pick: (m: CodeObject) => CodeObject;
  stripOffsets: boolean;
  expected: string;
}

const CASES: OracleCase[] = [
  {
    name: "c_instance_method",
    source: `class _C:
    def __init__(self, x):
        self.x = x == 1

    @staticmethod
    def sm(x):
        x = x == 1

    @classmethod
    def cm(cls, x):
        cls.x = x == 1
`,
    pick: (m) => child(m, 0, 0),
    stripOffsets: true,
    expected: `  2        RESUME                   0

  3        LOAD_FAST                1 (x)
           LOAD_CONST               1 (1)
           COMPARE_OP              40 (==)
           LOAD_FAST                0 (self)
           STORE_ATTR               0 (x)
           RETURN_CONST             0 (None)
`,
  },
  {
    name: "c_static_method",
    source: `class _C:
    def __init__(self, x):
        self.x = x == 1

    @staticmethod
    def sm(x):
        x = x == 1

    @classmethod
    def cm(cls, x):
        cls.x = x == 1
`,
    pick: (m) => child(m, 0, 1),
    stripOffsets: true,
    expected: `  5        RESUME                   0

  7        LOAD_FAST                0 (x)
           LOAD_CONST               1 (1)
           COMPARE_OP              40 (==)
           STORE_FAST               0 (x)
           RETURN_CONST             0 (None)
`,
  },
  {
    name: "c_class_method",
    source: `class _C:
    def __init__(self, x):
        self.x = x == 1

    @staticmethod
    def sm(x):
        x = x == 1

    @classmethod
    def cm(cls, x):
        cls.x = x == 1
`,
    pick: (m) => child(m, 0, 2),
    stripOffsets: true,
    expected: `  9        RESUME                   0

 11        LOAD_FAST                1 (x)
           LOAD_CONST               1 (1)
           COMPARE_OP              40 (==)
           LOAD_FAST                0 (cls)
           STORE_ATTR               0 (x)
           RETURN_CONST             0 (None)
`,
  },
  {
    name: "f",
    source: `def _f(a):
    print(a)
    return 1
`,
    pick: (m) => child(m, 0),
    stripOffsets: true,
    expected: `  1        RESUME                   0

  2        LOAD_GLOBAL              1 (NULL + print)
           LOAD_FAST                0 (a)
           CALL                     1
           POP_TOP

  3        RETURN_CONST             1 (1)
`,
  },
  {
    name: "bug708901",
    source: `def bug708901():
    for res in range(1,
                     10):
        pass
`,
    pick: (m) => child(m, 0),
    stripOffsets: true,
    expected: `  1        RESUME                   0

  2        LOAD_GLOBAL              1 (NULL + range)
           LOAD_CONST               1 (1)

  3        LOAD_CONST               2 (10)

  2        CALL                     2
           GET_ITER
        >> FOR_ITER                 2 (to 34)
           STORE_FAST               0 (res)

  4        JUMP_BACKWARD            4 (to 26)

  2     >> END_FOR
           RETURN_CONST             0 (None)
`,
  },
  {
    name: "kw_names",
    source: `def wrap_func_w_kwargs():
    func_w_kwargs(1, 2, c=5)
`,
    pick: (m) => child(m, 0),
    stripOffsets: true,
    expected: `  1        RESUME                   0

  2        LOAD_GLOBAL              1 (NULL + func_w_kwargs)
           LOAD_CONST               1 (1)
           LOAD_CONST               2 (2)
           LOAD_CONST               3 (5)
           KW_NAMES                 4 (('c',))
           CALL                     3
           POP_TOP
           RETURN_CONST             0 (None)
`,
  },
  {
    name: "intrinsic_1_2",
    source: `from math import *`,
    pick: (m) => m,
    stripOffsets: true,
    expected: `  0        RESUME                   0

  1        LOAD_CONST               0 (0)
           LOAD_CONST               1 (('*',))
           IMPORT_NAME              0 (math)
           CALL_INTRINSIC_1         2 (INTRINSIC_IMPORT_STAR)
           POP_TOP
           RETURN_CONST             2 (None)
`,
  },
  {
    name: "simple_stmt",
    source: `x = x + 1`,
    pick: (m) => m,
    stripOffsets: true,
    expected: `  0        RESUME                   0

  1        LOAD_NAME                0 (x)
           LOAD_CONST               0 (1)
           BINARY_OP                0 (+)
           STORE_NAME               0 (x)
           RETURN_CONST             1 (None)
`,
  },
  {
    name: "annot_stmt",
    source: `
x: int = 1
y: fun(1)
lst[fun(0)]: int = 1
`,
    pick: (m) => m,
    stripOffsets: true,
    expected: `  0        RESUME                   0

  2        SETUP_ANNOTATIONS
           LOAD_CONST               0 (1)
           STORE_NAME               0 (x)
           LOAD_NAME                1 (int)
           LOAD_NAME                2 (__annotations__)
           LOAD_CONST               1 ('x')
           STORE_SUBSCR

  3        PUSH_NULL
           LOAD_NAME                3 (fun)
           LOAD_CONST               0 (1)
           CALL                     1
           LOAD_NAME                2 (__annotations__)
           LOAD_CONST               2 ('y')
           STORE_SUBSCR

  4        LOAD_CONST               0 (1)
           LOAD_NAME                4 (lst)
           PUSH_NULL
           LOAD_NAME                3 (fun)
           LOAD_CONST               3 (0)
           CALL                     1
           STORE_SUBSCR
           LOAD_NAME                1 (int)
           POP_TOP
           RETURN_CONST             4 (None)
`,
  },
  {
    name: "compound_stmt",
    source: `x = 0
while 1:
    x += 1`,
    pick: (m) => m,
    stripOffsets: true,
    expected: `  0        RESUME                   0

  1        LOAD_CONST               0 (0)
           STORE_NAME               0 (x)

  2        NOP

  3     >> LOAD_NAME                0 (x)
           LOAD_CONST               1 (1)
           BINARY_OP               13 (+=)
           STORE_NAME               0 (x)

  2        JUMP_BACKWARD            6 (to 8)
`,
  },
  {
    name: "traceback",
    source: `def _error():
    try:
        1 / 0
    except Exception as e:
        tb = e.__traceback__
    return tb
`,
    pick: (m) => child(m, 0),
    stripOffsets: true,
    expected: `  1        RESUME                   0

  2        NOP

  3        LOAD_CONST               1 (1)
           LOAD_CONST               2 (0)
           BINARY_OP               11 (/)
           POP_TOP

  6        LOAD_FAST_CHECK          1 (tb)
           RETURN_VALUE
        >> PUSH_EXC_INFO

  4        LOAD_GLOBAL              0 (Exception)
           CHECK_EXC_MATCH
           POP_JUMP_IF_FALSE       23 (to 80)
           STORE_FAST               0 (e)

  5        LOAD_FAST                0 (e)
           LOAD_ATTR                2 (__traceback__)
           STORE_FAST               1 (tb)
           POP_EXCEPT
           LOAD_CONST               0 (None)
           STORE_FAST               0 (e)
           DELETE_FAST              0 (e)

  6        LOAD_FAST                1 (tb)
           RETURN_VALUE
        >> LOAD_CONST               0 (None)
           STORE_FAST               0 (e)
           DELETE_FAST              0 (e)
           RERAISE                  1

  4     >> RERAISE                  0
        >> COPY                     3
           POP_EXCEPT
           RERAISE                  1
ExceptionTable:
4 rows
`,
  },
  {
    name: "fstring",
    source: `def _fstring(a, b, c, d):
    return f'{a} {b:4} {c!r} {d!r:4}'
`,
    pick: (m) => child(m, 0),
    stripOffsets: true,
    expected: `  1        RESUME                   0

  2        LOAD_FAST                0 (a)
           FORMAT_VALUE             0
           LOAD_CONST               1 (' ')
           LOAD_FAST                1 (b)
           LOAD_CONST               2 ('4')
           FORMAT_VALUE             4 (with format)
           LOAD_CONST               1 (' ')
           LOAD_FAST                2 (c)
           FORMAT_VALUE             2 (repr)
           LOAD_CONST               1 (' ')
           LOAD_FAST                3 (d)
           LOAD_CONST               2 ('4')
           FORMAT_VALUE             6 (repr, with format)
           BUILD_STRING             7
           RETURN_VALUE
`,
  },
  {
    name: "with",
    source: `def _with(c):
    with c:
        x = 1
    y = 2
`,
    pick: (m) => child(m, 0),
    stripOffsets: true,
    expected: `  1        RESUME                   0

  2        LOAD_FAST                0 (c)
           BEFORE_WITH
           POP_TOP

  3        LOAD_CONST               1 (1)
           STORE_FAST               1 (x)

  2        LOAD_CONST               0 (None)
           LOAD_CONST               0 (None)
           LOAD_CONST               0 (None)
           CALL                     2
           POP_TOP

  4        LOAD_CONST               2 (2)
           STORE_FAST               2 (y)
           RETURN_CONST             0 (None)

  2     >> PUSH_EXC_INFO
           WITH_EXCEPT_START
           POP_JUMP_IF_TRUE         1 (to 42)
           RERAISE                  2
        >> POP_TOP
           POP_EXCEPT
           POP_TOP
           POP_TOP

  4        LOAD_CONST               2 (2)
           STORE_FAST               2 (y)
           RETURN_CONST             0 (None)
        >> COPY                     3
           POP_EXCEPT
           RERAISE                  1
ExceptionTable:
2 rows
`,
  },
  {
    name: "tryfinally",
    source: `def _tryfinally(a, b):
    try:
        return a
    finally:
        b()
`,
    pick: (m) => child(m, 0),
    stripOffsets: true,
    expected: `  1        RESUME                   0

  2        NOP

  3        LOAD_FAST                0 (a)

  5        PUSH_NULL
           LOAD_FAST                1 (b)
           CALL                     0
           POP_TOP
           RETURN_VALUE
        >> PUSH_EXC_INFO
           PUSH_NULL
           LOAD_FAST                1 (b)
           CALL                     0
           POP_TOP
           RERAISE                  0
        >> COPY                     3
           POP_EXCEPT
           RERAISE                  1
ExceptionTable:
2 rows
`,
  },
  {
    name: "tryfinallyconst",
    source: `def _tryfinallyconst(b):
    try:
        return 1
    finally:
        b()
`,
    pick: (m) => child(m, 0),
    stripOffsets: true,
    expected: `  1        RESUME                   0

  2        NOP

  3        NOP

  5        PUSH_NULL
           LOAD_FAST                0 (b)
           CALL                     0
           POP_TOP
           RETURN_CONST             1 (1)
           PUSH_EXC_INFO
           PUSH_NULL
           LOAD_FAST                0 (b)
           CALL                     0
           POP_TOP
           RERAISE                  0
        >> COPY                     3
           POP_EXCEPT
           RERAISE                  1
ExceptionTable:
1 row
`,
  },
  {
    name: "extended_arg_quick",
    source: `def extended_arg_quick():
    *_, _ = ...
`,
    pick: (m) => child(m, 0),
    stripOffsets: false,
    expected: `  1           0 RESUME                   0

  2           2 LOAD_CONST               1 (Ellipsis)
              4 EXTENDED_ARG             1
              6 UNPACK_EX              256
              8 STORE_FAST               0 (_)
             10 STORE_FAST               0 (_)
             12 RETURN_CONST             0 (None)
`,
  },
];

describe("dis matches CPython 3.12 test_dis", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const text = dis(c.pick(mod(c.source)));
      expect(c.stripOffsets ? stripOffsets(text) : text).toBe(c.expected);
    });
  }
});

/**
 * The same functions with offsets and exception-table rows. test_dis only checks the
 * row count; the rows below follow 3.12's assemble_exception_table (a row per run of
 * instructions sharing a handler; depth = handler entry depth - 1, - 1 more with lasti).
 */
describe("full dis output with exception tables", () => {
  it("try/except ... as e", () => {
    expect(dis(child(mod(CASES.find((c) => c.name === "traceback")!.source), 0))).toBe(`  1           0 RESUME                   0

  2           2 NOP

  3           4 LOAD_CONST               1 (1)
              6 LOAD_CONST               2 (0)
              8 BINARY_OP               11 (/)
             12 POP_TOP

  6          14 LOAD_FAST_CHECK          1 (tb)
             16 RETURN_VALUE
        >>   18 PUSH_EXC_INFO

  4          20 LOAD_GLOBAL              0 (Exception)
             30 CHECK_EXC_MATCH
             32 POP_JUMP_IF_FALSE       23 (to 80)
             34 STORE_FAST               0 (e)

  5          36 LOAD_FAST                0 (e)
             38 LOAD_ATTR                2 (__traceback__)
             58 STORE_FAST               1 (tb)
             60 POP_EXCEPT
             62 LOAD_CONST               0 (None)
             64 STORE_FAST               0 (e)
             66 DELETE_FAST              0 (e)

  6          68 LOAD_FAST                1 (tb)
             70 RETURN_VALUE
        >>   72 LOAD_CONST               0 (None)
             74 STORE_FAST               0 (e)
             76 DELETE_FAST              0 (e)
             78 RERAISE                  1

  4     >>   80 RERAISE                  0
        >>   82 COPY                     3
             84 POP_EXCEPT
             86 RERAISE                  1
ExceptionTable:
  4 to 12 -> 18 [0]
  18 to 34 -> 82 [1] lasti
  36 to 58 -> 72 [1] lasti
  72 to 80 -> 82 [1] lasti
`);
  });
  it("with", () => {
    expect(dis(child(mod(CASES.find((c) => c.name === "with")!.source), 0))).toBe(`  1           0 RESUME                   0

  2           2 LOAD_FAST                0 (c)
              4 BEFORE_WITH
              6 POP_TOP

  3           8 LOAD_CONST               1 (1)
             10 STORE_FAST               1 (x)

  2          12 LOAD_CONST               0 (None)
             14 LOAD_CONST               0 (None)
             16 LOAD_CONST               0 (None)
             18 CALL                     2
             26 POP_TOP

  4          28 LOAD_CONST               2 (2)
             30 STORE_FAST               2 (y)
             32 RETURN_CONST             0 (None)

  2     >>   34 PUSH_EXC_INFO
             36 WITH_EXCEPT_START
             38 POP_JUMP_IF_TRUE         1 (to 42)
             40 RERAISE                  2
        >>   42 POP_TOP
             44 POP_EXCEPT
             46 POP_TOP
             48 POP_TOP

  4          50 LOAD_CONST               2 (2)
             52 STORE_FAST               2 (y)
             54 RETURN_CONST             0 (None)
        >>   56 COPY                     3
             58 POP_EXCEPT
             60 RERAISE                  1
ExceptionTable:
  6 to 10 -> 34 [1] lasti
  34 to 42 -> 56 [3] lasti
`);
  });
});
