#!/usr/bin/env node
// The installed command: runs the bundled build (npm's `prepare` makes dist/bundle/).
import("../dist/bundle/cli.js").catch((err) => {
  if (err && err.code === "ERR_MODULE_NOT_FOUND" && String(err.message).includes("dist")) {
    console.error("gilsim: the build is missing; run `npm run build` (npm install does it for you)");
    process.exit(2);
  }
  throw err;
});
