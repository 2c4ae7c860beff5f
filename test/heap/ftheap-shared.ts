// The shared layout of the multi-threaded allocator tests (ftheap-worker.ts): a barrier word,
// mailbox regions of block pointers (one per worker for the random phase, one per worker
// for the final hand-over), and the allocation shadow map.
export const MAILBOX = {
  START: 0, // word index: a barrier before the random phase, so the workers' loops overlap
  BARRIER: 1, // word index: the barrier before the final hand-over
  BOXES_OFF: 64, // byte offset of region 0
  ENTRIES: 128, // pointers per region
  SHADOW_OFF: 64 * 1024, // byte offset of the shadow map: one word per 16 heap bytes
} as const;

export function sharedBytes(heapBytes: number): number {
  return MAILBOX.SHADOW_OFF + (heapBytes >> 4) * 4;
}

export interface WorkerData {
  kind: "ftheap" | "locked pymalloc";
  sab: SharedArrayBuffer;
  shared: SharedArrayBuffer;
  slot: number;
  workers: number;
  ops: number;
  seed: number;
}

export interface WorkerResult {
  allocs: number;
  frees: number;
  taken: number;
  errors: string[];
}
