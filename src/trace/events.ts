/**
 * What a thread records in its timeline ring, and the decoded form the readers use.
 *
 * Per thread the events come in this grammar (a ring that wrapped starts anywhere in it):
 *
 *   THREAD_START (WAIT_BEGIN? TAKE  running…  (DROP [FORCED_WAIT_BEGIN FORCED_WAIT_END]
 *                                              | DROP BLOCK_BEGIN BLOCK_END))*  THREAD_END DROP(exit)
 *
 * with DROP_REQUEST anywhere between WAIT_BEGIN and TAKE (the waiter asks the holder), and
 * START_REQUEST and GC_BEGIN GC_END pairs (a cyclic GC collection) anywhere the thread runs.
 * Without a GIL a collection stops the world: the collecting thread records STW_BEGIN
 * (it asks the others to stop), STW_STOPPED (every other thread is parked or blocked) and
 * STW_END (it restarts them); a thread that parks for it records PARK_BEGIN PARK_END.
 */

export const TraceKind = {
  THREAD_START: 1, // the worker task began (before taking the GIL)
  THREAD_END: 2, // the thread's Python code is done (it still holds the GIL)
  WAIT_BEGIN: 3, // take_gil found the GIL held and started waiting
  TAKE: 4, // took the GIL; arg: arenas allocated at that moment
  DROP: 5, // dropped the GIL; arg: DROP_REASON_CODE
  DROP_REQUEST: 6, // asked the holder to drop the GIL; arg: the holder's thread id
  FORCED_WAIT_BEGIN: 7, // FORCE_SWITCHING: dropped on request, waiting for another to take it
  FORCED_WAIT_END: 8,
  BLOCK_BEGIN: 9, // a blocking call with the GIL released; arg: BLOCK_CODE
  BLOCK_END: 10,
  START_REQUEST: 11, // _thread.start_new_thread asked for a new thread; arg: its thread id
  GC_BEGIN: 12, // a cyclic GC collection began on this thread; arg: the generation
  GC_END: 13, // it ended; arg: the generation
  STW_BEGIN: 14, // _PyEval_StopTheWorld: asking every other thread to stop
  STW_STOPPED: 15, // ... they all have (parked at their eval breaker, or blocked)
  STW_END: 16, // _PyEval_StartTheWorld
  PARK_BEGIN: 17, // this thread parked at its eval breaker for another's stop-the-world; arg: the stopper's thread id
  PARK_END: 18,
} as const;
export type TraceKind = (typeof TraceKind)[keyof typeof TraceKind];

/** Why a DROP happened (gil.ts's DropReason), as the event's arg. */
export const DROP_REASON_CODE = { request: 0, blocking: 1, exit: 2 } as const;
export const DROP_REASONS = ["request", "blocking", "exit"] as const;

/** What a BLOCK_BEGIN waits for, as the event's arg. */
export const BLOCK_CODE = { sleep: 0, wait: 1 } as const;
export const BLOCK_WHAT = ["sleep", "wait"] as const;

export interface TraceEvent {
  readonly kind: TraceKind;
  /** µs since the run's start (HDR_F64.RUN_START_MS). */
  readonly ts: number;
  readonly arg: number;
}

/** One thread's decoded ring. */
export interface ThreadTimeline {
  readonly tid: number;
  readonly name: string;
  /** Oldest first. */
  readonly events: readonly TraceEvent[];
  /** Events the ring overwrote (the oldest ones) because it wrapped. */
  readonly lost: number;
}

export interface Timeline {
  readonly threads: readonly ThreadTimeline[];
  /** Events per ring this run (0: the heap had no room for a timeline). */
  readonly capacity: number;
}
