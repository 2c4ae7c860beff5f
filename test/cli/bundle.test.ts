/**
 * The bundles `npm test` builds first (dist/bundle/, scripts/bundle.mjs) have every member
 * of every TypeScript enum in src/ inlined as a literal. A member esbuild cannot compute
 * (one defined from a `const` of another module, say) stays a property load of a module
 * variable, on the interpreter's hot path among others: RT.TYPE_VERSION (then VMG.TYPE_VERSION) in LOAD_ATTR's
 * method cache was one. Layout enums count from a literal BASE for this reason.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Script } from "node:vm";
import { describe, expect, it } from "vitest";

const root = new URL("../..", import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

const enums = new Set(sourceFiles(join(root, "src")).flatMap((f) => [...readFileSync(f, "utf8").matchAll(/^export enum (\w+)/gm)].map((m) => m[1]!)));

/** `Enum.MEMBER` in the bundle's code, its comments (esbuild writes `1 /* TYPE *\/`) and
 *  quoted strings (error messages name members) left out. */
function enumLoads(bundle: string): string[] {
  const code = readFileSync(join(root, "dist/bundle", bundle), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""')
    .replace(/\/\/.*$/gm, "");
  return [...code.matchAll(/\b(\w+)\.([A-Za-z_]\w*)\b/g)].filter((m) => enums.has(m[1]!)).map((m) => m[0]);
}

describe("the bundles", () => {
  it("finds the layout enums it checks", () => {
    for (const e of ["OB", "VMG", "GCS", "OBJ", "RT", "GIL", "RAW", "OBM", "OUT"]) expect(enums).toContain(e);
  });

  for (const bundle of ["thread.cjs", "cli.cjs", "prestart.cjs", "piscina-worker.cjs"]) {
    it(`${bundle} inlines every enum member`, () => {
      expect([...new Set(enumLoads(bundle))]).toEqual([]);
    });

    // bin/load-bundle.js reads an ASCII bundle as latin1, a one-byte string.
    it(`${bundle} is ASCII, and its code cache matches that reading`, () => {
      const file = join(root, "dist/bundle", bundle);
      const bytes = readFileSync(file);
      expect(bytes.findIndex((b) => b > 0x7f)).toBe(-1);
      const source = `(function (exports, require, module, __filename, __dirname) {${bytes.toString("latin1")}\n})`;
      const script = new Script(source, { filename: file, cachedData: readFileSync(`${file}.cache`) });
      expect(script.cachedDataRejected).toBe(false);
    });
  }

  it("starts workers on piscina's bundled worker entry (bin/piscina-worker.js)", () => {
    for (const bundle of ["prestart.cjs", "cli.cjs"]) {
      expect(readFileSync(join(root, "dist/bundle", bundle), "latin1")).toContain('(__dirname, "..", "..", "bin", "piscina-worker.js")');
    }
  });

  it("carries @lezer/python's parse tables decoded (lezer-python.bin), equal to the parser's own", async () => {
    const { parser } = await import("@lezer/python");
    const lezer = parser as unknown as { states: Uint32Array; data: Uint16Array; goto: Uint16Array; tokenizers: { data?: unknown }[] };
    const tokens = lezer.tokenizers.find((t) => typeof t === "object" && t.data instanceof Uint16Array)!.data;
    const bytes = readFileSync(join(root, "dist/bundle/lezer-python.bin"));
    const read: number[][] = [];
    let at = 0;
    for (const size of [4, 2, 2, 2]) {
      const length = bytes.readUInt32LE(at);
      read.push(Array.from({ length }, (_, i) => (size === 4 ? bytes.readUInt32LE(at + 4 + 4 * i) : bytes.readUInt16LE(at + 4 + 2 * i))));
      at += 4 + Math.ceil((length * size) / 4) * 4;
    }
    expect(at).toBe(bytes.length);
    expect(read).toEqual([lezer.states, lezer.data, lezer.goto, tokens].map((a) => Array.from(a as ArrayLike<number>)));
    expect(readFileSync(join(root, "dist/bundle/cli.cjs"), "latin1")).toContain("states: __lezerTables.states");
  });

  it("escapes what the source writes outside ASCII (str.casefold's ß)", async () => {
    const { execFileSync } = await import("node:child_process");
    const program = join(root, "test/cli/casefold.py");
    const out = execFileSync(process.execPath, [join(root, "bin/gilsim.js"), "run", program], { encoding: "utf8" });
    expect(out).toBe("strasse STRASSE ǆ\n");
  });
});
