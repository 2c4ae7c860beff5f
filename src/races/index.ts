/**
 * The race detector of `nogil` mode: findings in a table in the heap, an allocation
 * shadow, a detecting allocator and object space, the end-of-run audit, the watchdog.
 *
 *   layout.ts     the detector's block in the heap; finding kinds
 *   log.ts        RaceLog: recording findings, the shadow bitmaps (Atomics only)
 *   allocator.ts  DetectingObMalloc: free-list bounds checks, double allocation / free
 *   space.ts      DetectingObjSpace: use after free, faults → simulatedSegfault
 *   audit.ts      the refcount and container audit once the other threads have finished
 *   locate.ts     a finding's opcode and line, from the innermost frame
 *   watchdog.ts   ends a run that makes no progress ("hang")
 *   report.ts     --json's `races`, the stderr report
 */
import type { Heap } from "../heap/heap.js";
import { RawMalloc } from "../heap/raw.js";
import type { ObjSpace } from "../objects/space.js";
import type { Interp } from "../vm/interp.js";
import { DetectingObMalloc } from "./allocator.js";
import { frameLocator } from "./locate.js";
import { formatRaces } from "./log.js";
import { DetectingObjSpace } from "./space.js";

export { DetectingObMalloc } from "./allocator.js";
export { DetectingObjSpace } from "./space.js";
export { auditHeap, type AuditResult } from "./audit.js";
export { RACE_KINDS, RaceKind, type RaceKindName } from "./layout.js";
export { RaceLog, ReportedCorruption, formatRaces, freeRaces } from "./log.js";
export { emptyRaceReport, raceReportText, readRaces, type RaceFinding, type RaceReport } from "./report.js";
export { DEFAULT_WATCHDOG, Watchdog, type HangReason, type StopReason, type WatchdogLimits } from "./watchdog.js";

/** Exit status of a run in which a thread stopped on a simulated segmentation fault
 *  (128 + SIGSEGV, as a shell reports a C program's crash). */
export const EXIT_SEGFAULT = 139;
/** Exit status of a run the watchdog ended (128 + SIGALRM). */
export const EXIT_HANG = 142;
/** Exit status of a run that finished but whose detector found races. */
export const EXIT_RACES = 3;

/** The main thread's boot allocator for a run with the detector: formats the detector's
 *  block first, so every block and object of the run is in its shadow. */
export function bootDetecting(heap: Heap): DetectingObMalloc {
  formatRaces(heap, new RawMalloc(heap));
  return new DetectingObMalloc(heap, -1);
}

/** Let the detector name the opcode and line of what a thread was running. */
export function attachLocator(s: ObjSpace, vm: Interp): void {
  if (s instanceof DetectingObjSpace) s.log.locate = frameLocator(vm);
}
