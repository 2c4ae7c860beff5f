// A piscina worker: each task is one simulated Python thread (src/runtime/thread.ts).
export { default } from "../src/runtime/thread.js";
