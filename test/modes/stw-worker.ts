// A worker for the stop-the-world test: synthetic "bytecode" on a FreeGate, polling the
// eval breaker as the interpreter does, with blocking calls now and then.
import { parentPort, workerData } from "node:worker_threads";
import { Heap } from "../../src/heap/heap.js";
import { FreeGate } from "../../src/modes/freegate.js";

const { sab, counters, tid, blockEvery } = workerData as { sab: SharedArrayBuffer; counters: SharedArrayBuffer; tid: number; blockEvery: number };
const heap = Heap.attach(sab);
const gate = new FreeGate(heap, tid);
const c = new Int32Array(counters); // [0] = stop flag, [tid] = this thread's bytecodes
const i32 = heap.i32;
const sleeper = new Int32Array(new SharedArrayBuffer(4));
let sink = 0;

gate.take();
for (let r = 0; Atomics.load(c, 0) === 0; r++) {
  for (let k = 0; k < 100; k++) sink = (sink * 31 + k) | 0;
  Atomics.add(c, tid, 1); // one "bytecode"
  if (Atomics.load(i32, gate.evalBreaker) !== 0) gate.yieldOnRequest();
  if (blockEvery > 0 && r % blockEvery === blockEvery - 1) {
    gate.drop("blocking");
    Atomics.wait(sleeper, 0, 0, 0.5);
    gate.take();
  }
}
gate.drop("exit");
parentPort!.postMessage({ parks: gate.parks, sink });
