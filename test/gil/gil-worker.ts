// A worker for the GIL tests: synthetic "bytecode" under the GIL, with the interpreter's
// polling points, blocking calls and an invariant counter of threads inside bytecode.
import { workerData, parentPort } from "node:worker_threads";
import { Heap } from "../../src/heap/heap.js";
import { RT } from "../../src/heap/layout.js";
import { Gil } from "../../src/gil/gil.js";

const { sab, tid, rounds, blockEvery } = workerData as { sab: SharedArrayBuffer; tid: number; rounds: number; blockEvery: number };
const heap = Heap.attach(sab);
const gil = new Gil(heap, tid);
const i32 = heap.i32;
const sleeper = new Int32Array(new SharedArrayBuffer(4));
let violations = 0;
let maxInside = 0;
let sink = 0;

const enter = (): void => {
  const inside = Atomics.add(i32, RT.IN_BYTECODE, 1) + 1;
  if (inside > 1) violations++;
  if (inside > maxInside) maxInside = inside;
};
const leave = (): void => void Atomics.sub(i32, RT.IN_BYTECODE, 1);

gil.take();
enter();
for (let r = 0; r < rounds; r++) {
  for (let k = 0; k < 200; k++) sink = (sink * 31 + k) | 0; // "bytecodes"
  // JUMP_BACKWARD: poll the eval breaker.
  if (Atomics.load(i32, gil.evalBreaker) !== 0) {
    leave();
    gil.yieldOnRequest();
    enter();
  }
  if (blockEvery > 0 && r % blockEvery === blockEvery - 1) {
    // A blocking call: release the GIL around it.
    leave();
    gil.drop("blocking");
    Atomics.wait(sleeper, 0, 0, 0.2);
    gil.take();
    enter();
  }
}
leave();
gil.drop("exit");
parentPort!.postMessage({ violations, maxInside, sink });
