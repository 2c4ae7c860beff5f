// Bundle the built CLI and worker entry (dist/, from tsc) into dist/bundle/: one file per
// entry plus shared chunks. Start-up is part of speed: loading ~60 ES modules costs about
// twice as much as loading the same code bundled, in the main thread and in every worker.
import { build } from "esbuild";

await build({
  entryPoints: { cli: "dist/src/cli.js", thread: "dist/workers/thread.js" },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  outdir: "dist/bundle",
  external: ["piscina"],
  logLevel: "warning",
});
