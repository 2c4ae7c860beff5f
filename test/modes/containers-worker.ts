// A worker for the container-lock test: one Python-level thread's worth of list and dict
// traffic on shared containers, through the mode's object space, with no GIL.
import { parentPort, workerData } from "node:worker_threads";
import { Heap } from "../../src/heap/heap.js";
import { policyFor, type ModeName } from "../../src/modes/index.js";
import { dictSetItem, intFromNumber, listAppend, listPop } from "../../src/objects/index.js";

const { sab, mode, tid, list, dict, rounds } = workerData as {
  sab: SharedArrayBuffer; mode: ModeName; tid: number; list: number; dict: number; rounds: number;
};
const heap = Heap.attach(sab);
const policy = policyFor(mode);
const s = policy.space(heap, policy.allocator(heap, tid), tid);
let popped = 0;
for (let i = 0; i < rounds; i++) {
  const v = intFromNumber(s, tid * 1_000_000 + 1000 + i); // a mortal int this thread owns
  listAppend(s, list, v);
  dictSetItem(s, dict, s.smallInt(i % 32), v); // replaces (and drops) other threads' ints
  s.decref(v);
  if (i % 8 === 7) {
    s.decref(listPop(s, list, 0)); // someone's int, maybe its last reference
    popped++;
  }
  if (i % 64 === 0) s.handlePending(); // the eval breaker's BRC merge
}
s.threadExit();
parentPort!.postMessage({ popped, ...s.modeCounters() });
