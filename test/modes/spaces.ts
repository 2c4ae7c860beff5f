/** Two free-threaded object spaces (thread slots 0 and 1) over one new heap, for tests
 *  that play two threads in one JS thread. */
import { createHeap, ObMalloc } from "../../src/heap/index.js";
import { BiasedObjSpace } from "../../src/modes/biased.js";
import { formatModeState } from "../../src/modes/state.js";
import { formatObjects } from "../../src/objects/index.js";

export function twoThreads(): [BiasedObjSpace, BiasedObjSpace] {
  const heap = createHeap({ heapBytes: 4 * 1024 * 1024 });
  const alloc = new ObMalloc(heap);
  formatObjects(heap, alloc);
  formatModeState(heap, alloc.raw);
  return [new BiasedObjSpace(heap, alloc, 0), new BiasedObjSpace(heap, alloc, 1)];
}
