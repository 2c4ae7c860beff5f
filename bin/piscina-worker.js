// piscina's worker entry, bundled (dist/bundle/piscina-worker.cjs, from
// node_modules/piscina/dist/worker.js; scripts/bundle.mjs points the pool here) and
// compiled from V8's code cache as the other bundles are (load-bundle.js). It waits for
// the pool's first message, then loads the task's file (worker.js) and runs tasks.
"use strict";
const { loadBundle, WRITE_CACHE } = require("./load-bundle.js");

const bundle = loadBundle("piscina-worker");
// The training run saves this cache when worker.js saves its own (after a task).
if (WRITE_CACHE) globalThis[Symbol.for("gilsim.saveWorkerEntryCache")] = bundle.saveCache;
