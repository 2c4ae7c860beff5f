// The worker entry of the bundled build (src/runtime/pool.ts points piscina here): the
// thread bundle, compiled from V8's code cache when it can be (load-bundle.js).
import { loadBundle, WRITE_CACHE } from "./load-bundle.js";

const { exports, saveCache } = loadBundle("thread");
const runThread = exports.default;

/** The training run saves the cache once a task has run (and compiled what it needs). */
async function runThreadAndSaveCache(task) {
  try {
    return await runThread(task);
  } finally {
    saveCache();
  }
}

export default WRITE_CACHE ? runThreadAndSaveCache : runThread;
