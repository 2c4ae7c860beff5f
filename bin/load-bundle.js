// Loads one of the bundles in dist/bundle/ (CommonJS, one file each, made by
// scripts/bundle.mjs) through V8's code cache: start-up is part of speed, and compiling
// ~400 KB of JavaScript costs 60-80 ms a thread, an ES module twice that. Node 20 has no
// compile cache for modules (module.enableCompileCache is Node 22), so this does what it
// does: vm.Script with the bytecode V8 saved after a training run at build time
// (NAME.cjs.cache beside NAME.cjs). A missing or rejected cache (another V8, other flags)
// only means compiling as usual.
// CommonJS itself: a worker's entry (worker.js) loads through require, and an ES module
// there would start Node's ES module loader in every worker (about 15 ms of start-up).
"use strict";
const { isAscii } = require("node:buffer");
const { readFileSync, renameSync, writeFileSync } = require("node:fs");
const { Script } = require("node:vm");
const path = require("node:path");

/** The build's training run sets this: save the cache when the bundle's work is done. */
const WRITE_CACHE = process.env.GILSIM_WRITE_CODE_CACHE === "1";

/** Evaluate dist/bundle/NAME.cjs; returns its exports and a function that saves its cache. */
function loadBundle(name) {
  const file = path.join(__dirname, "..", "dist", "bundle", `${name}.cjs`);
  const cacheFile = `${file}.cache`;
  let source;
  try {
    // scripts/bundle.mjs writes ASCII: read as latin1, a one-byte string (utf8 would give
    // the same string, slower; a file that is not ASCII is read as utf8).
    const bytes = readFileSync(file);
    source = bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
  } catch (err) {
    if (err && err.code === "ENOENT") {
      console.error("gilsim: the build is missing; run `npm run build` (npm install does it for you)");
      process.exit(2);
    }
    throw err;
  }
  let cachedData;
  if (!WRITE_CACHE) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapper, { filename: file, cachedData });
  const module = { exports: {} };
  // This file's own require: the bundles require Node's modules and, in piscina's worker
  // entry, the task's file by its absolute path (createRequire would load node:module and
  // Node's ES module loader into every worker).
  script.runInThisContext()(module.exports, require, module, file, path.dirname(file));
  const saveCache = () => {
    // Write then rename: a concurrent reader sees the old file or the new one, never half.
    const tmp = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, cacheFile);
  };
  return { exports: module.exports, saveCache };
}

module.exports = { loadBundle, WRITE_CACHE };
