/**
 * The installed command, run as a user runs it (node bin/gilsim.js, from the build in
 * dist/ that `npm test` makes first): output, exit codes, error messages, --json.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../support/tmp.js";

const bin = new URL("../../bin/gilsim.js", import.meta.url).pathname;
const dir = tempDir("gilsim-cli-");

function gilsim(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function program(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("gilsim run", () => {
  it("prints the seeds' refcount example as CPython does", () => {
    const p = program("refs.py", "import sys\na = [1, 2, 3]\nprint(sys.getrefcount(a))\nb = a\nprint(sys.getrefcount(a))\ndel b\nprint(sys.getrefcount(a))\n");
    expect(gilsim("run", p)).toEqual({ code: 0, out: "2\n3\n2\n", err: "" });
  });

  it("prints an uncaught exception as a CPython traceback on stderr, exit 1", () => {
    const p = program("boom.py", "def f(x):\n    return 10 // x\n\nprint('before')\nf(0)\n");
    const r = gilsim("run", p);
    expect(r.code).toBe(1);
    expect(r.out).toBe("before\n");
    expect(r.err).toBe(
      'Traceback (most recent call last):\n  File "boom.py", line 5, in <module>\n    f(0)\n' +
      '  File "boom.py", line 2, in f\n    return 10 // x\nZeroDivisionError: integer division or modulo by zero\n');
  });

  it("passes sys.exit's code through", () => {
    expect(gilsim("run", program("exit.py", "import sys\nsys.exit(7)\n")).code).toBe(7);
  });

  it("reports a syntax error CPython-style, exit 1", () => {
    const r = gilsim("run", program("bad.py", "x = = 1\n"));
    expect(r).toEqual({ code: 1, out: "", err: '  File "bad.py", line 1\n    x = = 1\n        ^\nSyntaxError: invalid syntax\n' });
  });

  it("names the construct it does not support yet", () => {
    const r = gilsim("run", program("gen.py", "def g():\n    yield 1\n"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/gilsim does not support .*yield.* yet/);
  });

  it("stops writing quietly when the reader of its stdout goes away (| head -1)", () => {
    const p = program("many.py", "for i in range(200000):\n    print(i)\nprint('done')\n");
    const r = spawnSync("sh", ["-c", `"${process.execPath}" "${bin}" run "${p}" | head -1`], { encoding: "utf8" });
    expect(r.stdout).toBe("0\n");
    expect(r.stderr).not.toMatch(/internal error|EPIPE/);
    // Threads printing to it, and threads' tracebacks to a closed stderr (which spun).
    const t = program("threads.py", "import threading\ndef w():\n    for i in range(300):\n        print('t', i)\nfor k in range(2):\n    th = threading.Thread(target=w); th.start(); th.join()\n");
    const rt = spawnSync("sh", ["-c", `"${process.execPath}" "${bin}" run "${t}" | head -1`], { encoding: "utf8", timeout: 60_000 });
    expect({ out: rt.stdout, internal: /internal error/.test(rt.stderr) }).toEqual({ out: "t 0\n", internal: false });
    const e = program("raise.py", "import threading\ndef bad():\n    raise ValueError('boom')\nfor k in range(2):\n    th = threading.Thread(target=bad); th.start(); th.join()\nprint('end')\n");
    const re = spawnSync("sh", ["-c", `"${process.execPath}" "${bin}" run "${e}" 2>&1 | head -1`], { encoding: "utf8", timeout: 60_000 });
    expect({ out: re.stdout, status: re.status, signal: re.signal }).toEqual({ out: "Exception in thread Thread-1 (bad):\n", status: 0, signal: null });
  });

  it("names a constant it cannot make (bytes, complex) at its line before the program runs, as dis still shows it", () => {
    const r = gilsim("run", program("bytes.py", "print('before')\nx = b'ab'\n"));
    expect(r).toEqual({ code: 1, out: "", err: '  File "bytes.py", line 2\n    x = b\'ab\'\n        ^^^^^\nSyntaxError: gilsim does not support bytes literals yet\n' });
    const c = gilsim("run", program("complex.py", "def f():\n    return (1, 2j)\n"));
    expect(c.code).toBe(1);
    expect(c.err).toMatch(/line 2\n[^]*SyntaxError: gilsim does not support complex numbers yet\n$/);
    expect(gilsim("dis", program("bytes2.py", "x = b'ab'\n")).out).toContain("LOAD_CONST               0 (b'ab')");
  });

  it("writes a JSON summary with the fields the issue names", () => {
    const out = join(dir, "summary.json");
    const r = gilsim("run", program("sum.py", "x = [i * i for i in range(1000)]\nprint(len(x))\n"), "--json", out);
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(out, "utf8"));
    expect(j.mode).toBe("gil");
    expect(j.exitCode).toBe(0);
    expect(j.bytecodes).toBeGreaterThan(3000);
    expect(j.refcount.increfs).toBeGreaterThan(1000);
    expect(j.refcount.deallocs).toBeGreaterThan(0);
    expect(j.heap.arenas).toBeGreaterThan(0);
    expect(typeof j.heap.rawBytes).toBe("number");
    expect(Object.keys(j.heap.blocks).length).toBeGreaterThan(0);
  });
});

describe("the installed command", () => {
  // npm links bin/gilsim.js into node_modules/.bin and runs it as an executable: its
  // `#!/bin/sh` line starts Node on it without NODE_EXTRA_CA_CERTS, which Node 20 loads
  // before any script runs (40-45 ms here). A file that does not exist shows whether it
  // read the variable: Node warns on stderr that it could not load it.
  const hello = program("hello.py", "print('hi')\n");
  const env = { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, "no-such-certs.pem") };

  it("runs through a symlink as npm links it, and Node does not load NODE_EXTRA_CA_CERTS", () => {
    const link = join(dir, "gilsim");
    symlinkSync(bin, link);
    const r = spawnSync(link, ["run", hello, "--", "a b", ""], { encoding: "utf8", env });
    expect({ code: r.status, out: r.stdout, err: r.stderr }).toEqual({ code: 0, out: "hi\n", err: "" });
    const argv = program("argv.py", "import sys\nprint(sys.argv[1:])\n");
    expect(spawnSync(link, ["run", argv, "--", "a b", "c$d", ""], { encoding: "utf8" }).stdout).toBe("['a b', 'c$d', '']\n");
  });

  it("run by node itself, keeps the variable (and Node warns about the missing file)", () => {
    const r = spawnSync(process.execPath, [bin, "run", hello], { encoding: "utf8", env });
    expect(r.stdout).toBe("hi\n");
    expect(r.stderr).toContain("no-such-certs.pem");
  });
});

describe("command-line mistakes name the flag and the allowed values", () => {
  it("an unknown mode", () => {
    const r = gilsim("run", program("m.py", "pass\n"), "--mode", "fast");
    expect(r.code).toBe(2);
    expect(r.err).toBe("gilsim: --mode: unknown mode 'fast'; allowed values: gil, nogil, nogil-atomic, free-threaded\n");
  });
  it("a bad heap size", () => {
    const r = gilsim("run", program("h.py", "pass\n"), "--heap-mb", "lots");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^gilsim: --heap-mb: /);
  });
  it("a missing file", () => {
    const r = gilsim("run", join(dir, "nope.py"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/can't open file/);
  });
  it("an unknown command", () => {
    const r = gilsim("frobnicate");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command 'frobnicate'; choose from: run, dis, tour, mallocstats/);
  });
});

describe("gilsim dis", () => {
  it("prints 3.12-style bytecode", () => {
    const r = gilsim("dis", program("d.py", "x = 1\nprint(x + 2)\n"));
    expect(r.code).toBe(0);
    expect(r.out).toContain("RESUME");
    expect(r.out).toMatch(/LOAD_CONST\s+0 \(1\)/);
    expect(r.out).toMatch(/BINARY_OP\s+0 \(\+\)/);
  });
});
