#!/bin/sh
':' //; exec env -u NODE_EXTRA_CA_CERTS node --v8-pool-size=0 "$0" "$@"
// The installed command: runs the bundled build (npm's `prepare` makes dist/bundle/),
// compiled from V8's code cache when it can be (load-bundle.js). The CLI runs as it loads.
//
// The first two lines are for sh (the command runs this file as a shell script first), the
// rest for Node (which skips the #! line; to it the second is a string, a directive as
// "use strict" is, and a comment; to sh the builtin `:`, which starts no process): sh
// starts Node on this file
// - without NODE_EXTRA_CA_CERTS. With that variable set, Node 20 builds its root
//   certificate store before any script runs (nodejs/node#40524): 40-45 ms of every start
//   on a machine that sets it, for certificates gilsim never uses (it makes no TLS
//   connection; nor does the Python it runs);
// - with --v8-pool-size=0: V8's background threads (its optimizing compiler's above all)
//   number one less than the cores (Node's default is 4 whatever the cores), so they do not
//   take the core a Python thread runs on. On 2 cores, dict_count's whole run 432 -> 395 ms
//   (median of 8), V8 compiling the same code; a Node option, not a V8 flag, so the code
//   caches still apply.
// `node bin/gilsim.js` has neither.
//
// No V8 flags are set here. A flag set at run time applies to the whole process, workers
// included, and Node's own code cache was made without it: --no-lazy-feedback-allocation
// (set here until the translated code of src/vm/jit.ts made the eval loop's first calls
// matter less) cost every worker ~25 ms of start-up, compiling Node's internals anew.
"use strict";
const { loadBundle, WRITE_CACHE } = require("./load-bundle.js");

// `gilsim run`: start the workers first (dist/bundle/prestart.cjs: piscina, no compiler
// or interpreter), before the CLI's bundle loads; the CLI takes the pool.
if (process.argv[2] === "run") {
  const prestart = loadBundle("prestart");
  prestart.exports.prestart(process.argv.slice(2));
  if (WRITE_CACHE) process.on("exit", prestart.saveCache);
}
const { saveCache } = loadBundle("cli");
if (WRITE_CACHE) process.on("exit", saveCache);
