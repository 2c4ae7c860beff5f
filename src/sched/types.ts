/**
 * What the layers below the scheduler see of it: switch points. The object space and the
 * allocator hold a `Stepper` (null when the run is not scheduled) and call it where a
 * thread could lose the processor in a real run without the GIL.
 */

/** A thread's switch points in a `--schedule` run. */
export interface Stepper {
  /** A micro-step: the scheduler may let another thread run here before this one goes on
   *  (between a refcount's load and its store, inside an allocator pop or push, before
   *  taking a lock). */
  step(): void;
  /** A spin lock at heap word `word` reads `busy`: another thread holds it. Let the
   *  others run until it may be free (a waiting thread never holds the baton, so it
   *  cannot spin); returns when this thread runs again, and the caller retries. */
  blockOn(word: number, busy: number): void;
}

/** What a blocking call waits for (the deadlock report names it). */
export type WaitKind = "lock" | "join" | "sleep";
