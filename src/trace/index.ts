/** The timeline: per-thread event rings in the shared heap, and what is read from them. */
export { sharedNowMs, PERF_TO_SHARED_MS } from "./clock.js";
export { BLOCK_CODE, DROP_REASON_CODE, TraceKind, type ThreadTimeline, type Timeline, type TraceEvent } from "./events.js";
export { allocTraceRings, freeTraceRings, readTimeline, ringCapacity, threadStartLatenciesUs, TraceRing } from "./ring.js";
export { handoffGapsUs, median } from "./analyze.js";
export { chromeTrace, SLICE, TRACE_PID, type ChromeEvent, type ChromeTrace } from "./chrome.js";
