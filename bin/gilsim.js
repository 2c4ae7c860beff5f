#!/usr/bin/env node
// The installed command: runs the bundled build (npm's `prepare` makes dist/bundle/),
// compiled from V8's code cache when it can be (load-bundle.js). The CLI runs as it loads.
import { loadBundle, WRITE_CACHE } from "./load-bundle.js";

const { saveCache } = loadBundle("cli");
if (WRITE_CACHE) process.on("exit", saveCache);
