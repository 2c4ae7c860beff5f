#!/usr/bin/env node
// The installed command: runs the bundled build (npm's `prepare` makes dist/bundle/),
// compiled from V8's code cache when it can be (load-bundle.js). The CLI runs as it loads.
import { setFlagsFromString } from "node:v8";
import { loadBundle, WRITE_CACHE } from "./load-bundle.js";

// Type feedback from a function's first call on (V8 allocates it lazily by default): the
// eval loop runs as one call for the whole program, and a path it took before V8 got
// round to allocating its feedback looks never taken once V8 optimizes the loop, which
// throws the optimized loop away when the path is taken again (a recompile of the whole
// loop). Set before any bundle loads: the code caches were made with it (the flags are
// part of a cache's key).
setFlagsFromString("--no-lazy-feedback-allocation");

const { saveCache } = loadBundle("cli");
if (WRITE_CACHE) process.on("exit", saveCache);
