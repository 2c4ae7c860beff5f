// The worker entry of the bundled build (src/runtime/pool.ts points piscina here): the
// thread bundle, compiled from V8's code cache when it can be (load-bundle.js). CommonJS
// (bin/package.json), which piscina loads with require: an ES module would start Node's
// ES module loader in the worker (about 15 ms of every worker's start-up).
"use strict";
const { loadBundle, WRITE_CACHE } = require("./load-bundle.js");

const bundle = loadBundle("thread");
const runThread = bundle.exports.default;
const saveCache = bundle.saveCache;

/** The training run saves the cache once a task has run (and compiled what it needs). */
async function runThreadAndSaveCache(task) {
  try {
    return await runThread(task);
  } finally {
    saveCache();
    globalThis[Symbol.for("gilsim.saveWorkerEntryCache")]?.();
  }
}

module.exports = WRITE_CACHE ? runThreadAndSaveCache : runThread;
