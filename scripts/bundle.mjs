// Bundle the built CLI, the worker entry, piscina's worker entry and the pool starter
// that bin/gilsim.js loads before the CLI (src/prestart.ts) into dist/bundle/: one
// CommonJS file each, which bin/load-bundle.js compiles with V8's code cache. Start-up is
// part of speed: loading ~60 ES modules costs about twice as much as loading the same
// code bundled, and an ES module bundle twice as much as the same code as a script, which
// alone can use a code cache on Node 20. The caches come from a training run of
// scripts/train-cache.py here, after bundling (bytecode of what a run compiles).
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { build } from "esbuild";
import ts from "typescript";

/** piscina starts its workers on its worker entry, node_modules/piscina/dist/worker.js,
 *  found beside its own index.js through __dirname. Bundled here too (piscina-worker.cjs,
 *  which bin/piscina-worker.js loads through the code cache, as the other bundles): from
 *  node_modules, Node's loader resolved, read and compiled its three files in every worker,
 *  on the way to the first task. The pool's bundle points piscina at bin/. */
const piscinaWorkerPath = {
  name: "piscina-worker-path",
  setup(b) {
    b.onLoad({ filter: /[\\/]piscina[\\/]dist[\\/]index\.js$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      const patched = source.replace("(__dirname, 'worker.js')", "(__dirname, '..', '..', 'bin', 'piscina-worker.js')");
      if (patched === source) throw new Error("scripts/bundle.mjs: piscina's worker path is not where it was; update piscinaWorkerPath");
      return { contents: patched, loader: "js" };
    });
  },
};

/** @lezer/python's parse tables, decoded at build time. LRParser.deserialize decodes them
 *  from strings at every start (3-4 ms of the main thread, and V8 compiling decodeArray
 *  while the first worker boots); given arrays, it takes them as they are. The bundle
 *  reads them from dist/bundle/lezer-python.bin: for each of LEZER_TABLES in order, its
 *  length (a uint32) and its elements, each table starting at a multiple of 4 bytes. */
const LEZER_TABLES = [["states", Uint32Array], ["stateData", Uint16Array], ["goto", Uint16Array], ["tokenData", Uint16Array]];

/** The decoded tables of @lezer/python's parser, as LEZER_TABLES names them. */
async function lezerTableArrays() {
  const { parser } = await import("@lezer/python");
  const tokens = parser.tokenizers.find((t) => typeof t === "object" && t.data instanceof Uint16Array);
  const arrays = { states: parser.states, stateData: parser.data, goto: parser.goto, tokenData: tokens?.data };
  for (const [key, Type] of LEZER_TABLES) {
    if (!(arrays[key] instanceof Type)) throw new Error(`scripts/bundle.mjs: @lezer/python's parser has no ${key} table as a ${Type.name}; update LEZER_TABLES`);
  }
  return arrays;
}

/** lezer-python.bin's bytes. */
function lezerTablesFile(arrays) {
  const parts = [];
  for (const [key] of LEZER_TABLES) {
    const a = arrays[key];
    const length = Buffer.alloc(4);
    length.writeUInt32LE(a.length);
    parts.push(length, Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.alloc((4 - (a.byteLength % 4)) % 4));
  }
  return Buffer.concat(parts);
}

/** In @lezer/python's module, the encoded tables become the decoded ones, read from
 *  lezer-python.bin beside the bundle. */
const lezerTables = {
  name: "lezer-tables",
  setup(b) {
    b.onLoad({ filter: /[\\/]@lezer[\\/]python[\\/]dist[\\/]index\.c?js$/ }, (args) => {
      let source = readFileSync(args.path, "utf8");
      for (const [key] of LEZER_TABLES) {
        const literal = new RegExp(String.raw`\b${key}: "(?:[^"\\]|\\.)*"`, "g");
        if ((source.match(literal) ?? []).length !== 1) throw new Error(`scripts/bundle.mjs: @lezer/python's ${key} table is not where it was; update lezerTables`);
        source = source.replace(literal, `${key}: __lezerTables.${key}`);
      }
      const load = `var __lezerTables = (() => {
  const bytes = require("node:fs").readFileSync(require("node:path").join(__dirname, "lezer-python.bin"));
  const tables = {};
  let at = 0;
  for (const [key, Type] of [${LEZER_TABLES.map(([k, T]) => `["${k}", ${T.name}]`).join(", ")}]) {
    const length = bytes.readUInt32LE(at);
    // A copy: the file's bytes need not be aligned for the view.
    tables[key] = new Type(bytes.buffer.slice(bytes.byteOffset + at + 4, bytes.byteOffset + at + 4 + length * Type.BYTES_PER_ELEMENT));
    at += 4 + Math.ceil((length * Type.BYTES_PER_ELEMENT) / 4) * 4;
  }
  return tables;
})();`;
      return { contents: `${load}\n${source}`, loader: "js" };
    });
  },
};

rmSync("dist/bundle", { recursive: true, force: true });
await build({
  // From the TypeScript sources, not tsc's output: esbuild then inlines every enum member
  // (the heap and object layouts: `OB.TYPE` becomes `1`), and with minifySyntax every
  // literal `const` of a module that imports nothing (objects/consts.ts). The optimized
  // eval loop would otherwise load each from a closure context and check it, on every use.
  entryPoints: { cli: "src/cli.ts", thread: "workers/thread.ts", prestart: "src/prestart.ts", "piscina-worker": "node_modules/piscina/dist/worker.js" },
  minifySyntax: true,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  outdir: "dist/bundle",
  outExtension: { ".js": ".cjs" },
  // piscina is bundled too (its ~15 files cost ~15 ms to load on their own, before the
  // first worker can start), its worker entry as a bundle of its own that it finds by
  // path (piscinaWorkerPath). Its optional native helper is left out.
  external: ["@napi-rs/nice"],
  plugins: [piscinaWorkerPath, lezerTables],
  // pool.ts and cli.ts find files beside the bundle through import.meta.url.
  define: { "import.meta.url": "__bundleUrl" },
  banner: { js: 'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: "warning",
});

writeFileSync("dist/bundle/lezer-python.bin", lezerTablesFile(await lezerTableArrays()));

// The bundles in ASCII: Node reads an ASCII file into a one-byte string (bin/load-bundle.js
// decodes it as latin1), which V8 scans and compiles faster than the two-byte string any
// other character makes of the whole file: 2-4 ms of every start. esbuild escapes what
// it prints of strings, but keeps comments (and regular expressions) as written: each
// such character becomes a \u escape, the same character in a comment, a string, a regular
// expression or a name. Not in a template literal (its raw text would change): there, the
// build stops and names it.
for (const name of ["cli", "thread", "prestart", "piscina-worker"]) {
  const file = `dist/bundle/${name}.cjs`;
  writeFileSync(file, asciiSource(readFileSync(file, "utf8"), file));
}

/** `text` with every non-ASCII UTF-16 unit written as a \u escape. */
function asciiSource(text, file) {
  if (!/[^\x00-\x7f]/.test(text)) return text;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const templates = [];
  const visit = (node) => {
    if (ts.isTemplateLiteral(node)) templates.push([node.getStart(sf), node.end]);
    else ts.forEachChild(node, visit);
  };
  visit(sf);
  return text.replace(/[^\x00-\x7f]/g, (ch, at) => {
    if (templates.some(([from, to]) => at >= from && at < to)) {
      const line = sf.getLineAndCharacterOfPosition(at).line + 1;
      throw new Error(`scripts/bundle.mjs: ${file}:${line}: a non-ASCII character in a template literal; write it as an escape in the source`);
    }
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

const train = spawnSync(process.execPath, ["bin/gilsim.js", "run", "scripts/train-cache.py"], {
  env: { ...process.env, GILSIM_WRITE_CODE_CACHE: "1" },
  encoding: "utf8",
});
if (train.status !== 0) {
  console.error(`scripts/bundle.mjs: the code-cache training run failed (exit ${train.status}):\n${train.stdout}${train.stderr}`);
  process.exit(1);
}
