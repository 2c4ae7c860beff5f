/**
 * tracemalloc's tables, in the shared heap (Modules/_tracemalloc.c: tracemalloc_traces,
 * tracemalloc_tracebacks, tracemalloc_traced_memory, tracemalloc_peak_traced_memory).
 *
 * They live in the heap, not in a thread's JS memory, because tracing is process-wide: a
 * block one thread allocates and another frees must be untraced, and a snapshot taken in
 * any thread sees every thread's blocks. Like CPython's (which uses the raw allocator for
 * its own tables, so tracing does not trace itself), they are allocated from the raw
 * allocator, never through the traced path. Under the GIL only one thread uses them at a
 * time; without it (the no-GIL modes) callers hold `lock()` around each use, as CPython
 * 3.13t's TABLES_LOCK (the raw allocator below is then the mode's to make safe).
 *
 * Glossary
 *   trace      one traced block: its address, its size, and the traceback that made it
 *   traceback  up to `nframe` (code index, line) frames, most recent first, plus the
 *              total number of frames the stack had; interned (two traces from the same
 *              place share one), append-only until clear_traces() / stop()
 *   state      one raw block, made at the first start() and kept for the life of the heap;
 *              HDR.TRACEMALLOC holds its address (0: tracemalloc was never started)
 *
 *   state ─► ┌ tracing ┬ gen ┬ nframe ┬ traces ┬ traces mask ┬ traces count ┬ tb ┬ tb used ┬
 *            │ tb cap ┬ tb index ┬ tb index mask ┬ tb count ┬ lock ┬ (3 spare) ┬ traced f64 ┬ peak f64 ┐
 *
 *   traces    open addressing, linear probing, deletion by backward shift (no tombstones);
 *             entries of 4 words: block address (0 = empty), size, traceback id, unused
 *   tb store  words: [hash, nframe, total_nframe, code0, line0, code1, line1, ...] per
 *             traceback; a traceback's id is its word offset in the store
 *   tb index  open addressing over the store: id + 1 (0 = empty), keyed by the hash
 *
 * Invariants (check() verifies them):
 *   - traced == Σ size over the traces; count == number of traces; peak >= traced
 *   - every trace's traceback id is the offset of a traceback in the store
 *   - load factor of each open-addressing table <= 1/2
 */
import { HeapCorruption } from "../../errors.js";
import type { Heap } from "../../heap/heap.js";
import { HDR } from "../../heap/layout.js";
import { RawMalloc } from "../../heap/raw.js";

/** Word offsets in the state block. */
export enum TM {
  TRACING = 0,
  GEN = 1, // bumped by start() and stop(): threads compare it with what they last saw
  NFRAME = 2, // get_traceback_limit()
  TRACES = 3,
  TRACES_MASK = 4,
  TRACES_COUNT = 5,
  TB = 6,
  TB_USED = 7,
  TB_CAP = 8,
  TBIDX = 9,
  TBIDX_MASK = 10,
  TBIDX_COUNT = 11,
  LOCK = 12, // TABLES_LOCK: 0 free, 1 held, 2 held with waiters (a futex mutex)
}
/** Float64 offsets (in f64 elements) from the state block's f64 index. */
const TM_F64 = { TRACED: 8, PEAK: 9 } as const;
const STATE_BYTES = 80;

const TRACE_WORDS = 4;
const TRACE_PTR = 0;
const TRACE_SIZE = 1;
const TRACE_TB = 2;
const TB_HASH = 0;
const TB_NFRAME = 1;
const TB_TOTAL = 2;
const TB_FRAMES = 3;

const INITIAL_TRACES = 256; // entries (a power of two)
const INITIAL_TB_WORDS = 1024;
const INITIAL_TBIDX = 64;

/** _tracemalloc.c: MAX_NFRAME. */
export const MAX_NFRAME = 65535;

/** One traced block, as a snapshot copies it. */
export interface TraceRecord {
  readonly size: number;
  readonly tb: number;
}

/** A thread's handle on the tables. Cheap to make; all state is in the heap. */
export class TraceTable {
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private readonly raw: RawMalloc;
  /** Word index of the state block. */
  readonly st: number;

  private constructor(heap: Heap, state: number) {
    this.i32 = heap.i32;
    this.f64 = heap.f64;
    this.raw = new RawMalloc(heap);
    this.st = state >> 2;
  }

  /** The tables of this heap, or null if tracemalloc was never started on it. */
  static find(heap: Heap): TraceTable | null {
    const state = Atomics.load(heap.i32, HDR.TRACEMALLOC);
    return state === 0 ? null : new TraceTable(heap, state);
  }

  /** The tables of this heap, making the state block on first use (under the GIL). */
  static open(heap: Heap): TraceTable {
    const found = TraceTable.find(heap);
    if (found !== null) return found;
    const raw = new RawMalloc(heap);
    const state = raw.malloc(STATE_BYTES);
    heap.u8.fill(0, state, state + STATE_BYTES);
    heap.i32[(state >> 2) + TM.NFRAME] = 1;
    Atomics.store(heap.i32, HDR.TRACEMALLOC, state);
    return new TraceTable(heap, state);
  }

  /** TABLES_LOCK (Drepper's futex mutex): uncontended, one compare-exchange each way. */
  lock(): void {
    const i32 = this.i32;
    const w = this.st + TM.LOCK;
    let c = Atomics.compareExchange(i32, w, 0, 1);
    if (c === 0) return;
    do {
      if (c === 2 || Atomics.compareExchange(i32, w, 1, 2) !== 0) Atomics.wait(i32, w, 2);
      c = Atomics.compareExchange(i32, w, 0, 2);
    } while (c !== 0);
  }

  /** TABLES_UNLOCK. */
  unlock(): void {
    const w = this.st + TM.LOCK;
    if (Atomics.sub(this.i32, w, 1) !== 1) {
      Atomics.store(this.i32, w, 0);
      Atomics.notify(this.i32, w, 1);
    }
  }

  /** fn() with the lock held. fn must not allocate through a traced allocator (which
   *  takes the lock itself). */
  locked<T>(fn: () => T): T {
    this.lock();
    try {
      return fn();
    } finally {
      this.unlock();
    }
  }

  get tracing(): boolean {
    return this.i32[this.st + TM.TRACING] !== 0;
  }

  get gen(): number {
    return Atomics.load(this.i32, this.st + TM.GEN);
  }

  get nframe(): number {
    return this.i32[this.st + TM.NFRAME]!;
  }

  get traced(): number {
    return this.f64[(this.st >> 1) + TM_F64.TRACED]!;
  }

  get peak(): number {
    return this.f64[(this.st >> 1) + TM_F64.PEAK]!;
  }

  get count(): number {
    return this.i32[this.st + TM.TRACES_COUNT]!;
  }

  /** _PyTraceMalloc_Start: make the tables and start tracing (a no-op if tracing). */
  start(nframe: number): void {
    const i32 = this.i32;
    const st = this.st;
    if (i32[st + TM.TRACING] !== 0) return;
    i32[st + TM.NFRAME] = nframe;
    if (i32[st + TM.TRACES] === 0) this.makeTables();
    i32[st + TM.TRACING] = 1;
    Atomics.add(i32, st + TM.GEN, 1);
  }

  /** _PyTraceMalloc_Stop: stop tracing and release the traces (tracemalloc_clear_traces). */
  stop(): void {
    const i32 = this.i32;
    const st = this.st;
    if (i32[st + TM.TRACING] === 0) return;
    i32[st + TM.TRACING] = 0;
    Atomics.add(i32, st + TM.GEN, 1);
    for (const f of [TM.TRACES, TM.TB, TM.TBIDX]) {
      this.raw.free(i32[st + f]!);
      i32[st + f] = 0;
    }
    this.resetCounts();
  }

  /** tracemalloc_clear_traces: forget every trace and traceback; traced and peak are 0. */
  clear(): void {
    if (this.i32[this.st + TM.TRACES] === 0) return;
    const i32 = this.i32;
    const st = this.st;
    const traces = i32[st + TM.TRACES]! >> 2;
    i32.fill(0, traces, traces + (i32[st + TM.TRACES_MASK]! + 1) * TRACE_WORDS);
    const idx = i32[st + TM.TBIDX]! >> 2;
    i32.fill(0, idx, idx + i32[st + TM.TBIDX_MASK]! + 1);
    this.resetCounts();
  }

  /** tracemalloc_reset_peak. */
  resetPeak(): void {
    const f = this.st >> 1;
    this.f64[f + TM_F64.PEAK] = this.f64[f + TM_F64.TRACED]!;
  }

  /** Bytes the tables take (tracemalloc_get_tracemalloc_memory). */
  memory(): number {
    const i32 = this.i32;
    const st = this.st;
    let total = this.raw.usableSize((st << 2));
    for (const f of [TM.TRACES, TM.TB, TM.TBIDX]) if (i32[st + f] !== 0) total += this.raw.usableSize(i32[st + f]!);
    return total;
  }

  // ── traces ──────────────────────────────────────────────────────────────

  /** tracemalloc_add_trace: `ptr` now holds `size` bytes made at traceback `tb` (replacing
   *  any trace it had). Throws HeapExhausted, with nothing changed, if a table cannot grow. */
  add(ptr: number, size: number, tb: number): void {
    const i32 = this.i32;
    const st = this.st;
    const f = st >> 1;
    let e = this.slotOf(ptr);
    if (i32[e + TRACE_PTR] === ptr) {
      this.f64[f + TM_F64.TRACED] = this.f64[f + TM_F64.TRACED]! - i32[e + TRACE_SIZE]!;
    } else {
      if ((i32[st + TM.TRACES_COUNT]! + 1) * 2 > i32[st + TM.TRACES_MASK]! + 1) {
        this.reserve();
        e = this.slotOf(ptr);
      }
      i32[e + TRACE_PTR] = ptr;
      i32[st + TM.TRACES_COUNT] = i32[st + TM.TRACES_COUNT]! + 1;
    }
    i32[e + TRACE_SIZE] = size;
    i32[e + TRACE_TB] = tb;
    const traced = this.f64[f + TM_F64.TRACED]! + size;
    this.f64[f + TM_F64.TRACED] = traced;
    if (traced > this.f64[f + TM_F64.PEAK]!) this.f64[f + TM_F64.PEAK] = traced;
  }

  /** Make room for one more trace now, so the next add() cannot fail for want of it. */
  reserve(): void {
    const i32 = this.i32;
    if ((i32[this.st + TM.TRACES_COUNT]! + 1) * 2 > i32[this.st + TM.TRACES_MASK]! + 1) this.growTraces();
  }

  /** tracemalloc_remove_trace: untrace `ptr` if it is traced. */
  remove(ptr: number): void {
    const i32 = this.i32;
    const st = this.st;
    let e = this.slotOf(ptr);
    if (i32[e + TRACE_PTR] !== ptr) return;
    const f = st >> 1;
    this.f64[f + TM_F64.TRACED] = this.f64[f + TM_F64.TRACED]! - i32[e + TRACE_SIZE]!;
    i32[st + TM.TRACES_COUNT] = i32[st + TM.TRACES_COUNT]! - 1;
    // Backward-shift deletion: pull later entries of the probe run into the hole.
    const base = i32[st + TM.TRACES]! >> 2;
    const mask = i32[st + TM.TRACES_MASK]!;
    let hole = (e - base) / TRACE_WORDS;
    let j = hole;
    for (;;) {
      j = (j + 1) & mask;
      const ej = base + j * TRACE_WORDS;
      const p = i32[ej + TRACE_PTR]!;
      if (p === 0) break;
      const home = hashPtr(p) & mask;
      // Entry j may move to the hole iff its home is not cyclically in (hole, j].
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        i32.copyWithin(base + hole * TRACE_WORDS, ej, ej + TRACE_WORDS);
        hole = j;
      }
    }
    e = base + hole * TRACE_WORDS;
    i32.fill(0, e, e + TRACE_WORDS);
  }

  /** The traceback id of the block at `ptr`, or -1 if it is not traced. */
  tracebackOf(ptr: number): number {
    if (this.i32[this.st + TM.TRACES] === 0) return -1;
    const e = this.slotOf(ptr);
    return this.i32[e + TRACE_PTR] === ptr ? this.i32[e + TRACE_TB]! : -1;
  }

  /** A copy of every trace (tracemalloc_copy_traces), in table order. */
  copyTraces(): TraceRecord[] {
    const out: TraceRecord[] = [];
    const i32 = this.i32;
    if (i32[this.st + TM.TRACES] === 0) return out;
    const base = i32[this.st + TM.TRACES]! >> 2;
    const n = i32[this.st + TM.TRACES_MASK]! + 1;
    for (let k = 0; k < n; k++) {
      const e = base + k * TRACE_WORDS;
      if (i32[e + TRACE_PTR] !== 0) out.push({ size: i32[e + TRACE_SIZE]!, tb: i32[e + TRACE_TB]! });
    }
    return out;
  }

  // ── tracebacks ──────────────────────────────────────────────────────────

  /** traceback_new's interning (tracemalloc_tracebacks): the id of the traceback whose
   *  frames are `frames[0 .. 2*nframe)` as (code index, line) pairs, most recent first. */
  internTraceback(frames: Int32Array, nframe: number, total: number): number {
    const i32 = this.i32;
    const st = this.st;
    let h = (nframe * 31 + total) | 0;
    for (let k = 0; k < 2 * nframe; k++) h = Math.imul(h ^ frames[k]!, 0x9e3779b1) ^ (h >>> 15);
    const mask = i32[st + TM.TBIDX_MASK]!;
    const store = i32[st + TM.TB]! >> 2;
    let idx = i32[st + TM.TBIDX]! >> 2;
    let k = hashWord(h) & mask;
    for (let probes = 0; ; probes++) {
      if (probes > mask) throw new HeapCorruption(idx << 2, "tracemalloc's traceback index has no free slot (a race without the GIL?)");
      const slot = i32[idx + k]!;
      if (slot === 0) break;
      const t = store + slot - 1;
      if (i32[t + TB_HASH] === h && i32[t + TB_NFRAME] === nframe && i32[t + TB_TOTAL] === total && this.sameFrames(t, frames, nframe)) return slot - 1;
      k = (k + 1) & mask;
    }
    // Not there: append it (growing the store and the index first, so a failure changes nothing).
    const need = TB_FRAMES + 2 * nframe;
    if (i32[st + TM.TB_USED]! + need > i32[st + TM.TB_CAP]!) this.growStore(need);
    if ((i32[st + TM.TBIDX_COUNT]! + 1) * 2 > mask + 1) {
      this.growIndex();
      idx = i32[st + TM.TBIDX]! >> 2;
      const m = i32[st + TM.TBIDX_MASK]!;
      k = hashWord(h) & m;
      while (i32[idx + k] !== 0) k = (k + 1) & m;
    }
    const id = i32[st + TM.TB_USED]!;
    const t = (i32[st + TM.TB]! >> 2) + id;
    i32[t + TB_HASH] = h;
    i32[t + TB_NFRAME] = nframe;
    i32[t + TB_TOTAL] = total;
    for (let j = 0; j < 2 * nframe; j++) i32[t + TB_FRAMES + j] = frames[j]!;
    i32[st + TM.TB_USED] = id + need;
    i32[idx + k] = id + 1;
    i32[st + TM.TBIDX_COUNT] = i32[st + TM.TBIDX_COUNT]! + 1;
    return id;
  }

  /** The frames of traceback `id`: [code index, line] pairs, most recent first. */
  tracebackFrames(id: number): { frames: [number, number][]; total: number } {
    const i32 = this.i32;
    const t = (i32[this.st + TM.TB]! >> 2) + id;
    const n = i32[t + TB_NFRAME]!;
    const frames: [number, number][] = [];
    for (let j = 0; j < n; j++) frames.push([i32[t + TB_FRAMES + 2 * j]!, i32[t + TB_FRAMES + 2 * j + 1]!]);
    return { frames, total: i32[t + TB_TOTAL]! };
  }

  /** The invariants in the header comment; an empty list when they hold. */
  check(): string[] {
    const problems: string[] = [];
    const i32 = this.i32;
    const st = this.st;
    if (i32[st + TM.TRACES] === 0) return problems;
    const traces = this.copyTraces();
    const sum = traces.reduce((a, t) => a + t.size, 0);
    if (sum !== this.traced) problems.push(`traced memory ${this.traced} != sum of trace sizes ${sum}`);
    if (traces.length !== this.count) problems.push(`trace count ${this.count} != ${traces.length} traces in the table`);
    if (this.peak < this.traced) problems.push(`peak ${this.peak} < traced ${this.traced}`);
    const ids = new Set<number>();
    for (let id = 0; id < i32[st + TM.TB_USED]!; id += TB_FRAMES + 2 * i32[(i32[st + TM.TB]! >> 2) + id + TB_NFRAME]!) ids.add(id);
    for (const t of traces) if (!ids.has(t.tb)) problems.push(`a trace refers to traceback ${t.tb}, which is not in the store`);
    if (this.count * 2 > i32[st + TM.TRACES_MASK]! + 1) problems.push("traces table more than half full");
    return problems;
  }

  // ── internals ───────────────────────────────────────────────────────────

  /** Word index of `ptr`'s entry in the traces table, or of the empty slot where it goes. */
  private slotOf(ptr: number): number {
    const i32 = this.i32;
    const base = i32[this.st + TM.TRACES]! >> 2;
    const mask = i32[this.st + TM.TRACES_MASK]!;
    let k = hashPtr(ptr) & mask;
    for (let n = 0; n <= mask; n++) {
      const e = base + k * TRACE_WORDS;
      const p = i32[e + TRACE_PTR]!;
      if (p === ptr || p === 0) return e;
      k = (k + 1) & mask;
    }
    throw new HeapCorruption(base << 2, "tracemalloc's traces table has no free slot (a race without the GIL?)");
  }

  private sameFrames(t: number, frames: Int32Array, nframe: number): boolean {
    const i32 = this.i32;
    for (let j = 0; j < 2 * nframe; j++) if (i32[t + TB_FRAMES + j] !== frames[j]) return false;
    return true;
  }

  private makeTables(): void {
    const i32 = this.i32;
    const st = this.st;
    const traces = this.zeroed(INITIAL_TRACES * TRACE_WORDS * 4);
    let tb = 0;
    try {
      tb = this.raw.malloc(INITIAL_TB_WORDS * 4);
      const idx = this.zeroed(INITIAL_TBIDX * 4);
      i32[st + TM.TBIDX] = idx;
    } catch (e) {
      this.raw.free(traces);
      this.raw.free(tb);
      throw e;
    }
    i32[st + TM.TRACES] = traces;
    i32[st + TM.TRACES_MASK] = INITIAL_TRACES - 1;
    i32[st + TM.TB] = tb;
    i32[st + TM.TB_CAP] = INITIAL_TB_WORDS;
    i32[st + TM.TBIDX_MASK] = INITIAL_TBIDX - 1;
    this.resetCounts();
  }

  private resetCounts(): void {
    const i32 = this.i32;
    const st = this.st;
    i32[st + TM.TRACES_COUNT] = 0;
    i32[st + TM.TB_USED] = 0;
    i32[st + TM.TBIDX_COUNT] = 0;
    this.f64[(st >> 1) + TM_F64.TRACED] = 0;
    this.f64[(st >> 1) + TM_F64.PEAK] = 0;
  }

  private zeroed(bytes: number): number {
    const p = this.raw.malloc(bytes);
    this.i32.fill(0, p >> 2, (p + bytes) >> 2);
    return p;
  }

  private growTraces(): void {
    const i32 = this.i32;
    const st = this.st;
    const oldBase = i32[st + TM.TRACES]! >> 2;
    const oldN = i32[st + TM.TRACES_MASK]! + 1;
    const n = oldN * 2;
    const fresh = this.zeroed(n * TRACE_WORDS * 4);
    i32[st + TM.TRACES] = fresh;
    i32[st + TM.TRACES_MASK] = n - 1;
    for (let k = 0; k < oldN; k++) {
      const e = oldBase + k * TRACE_WORDS;
      const p = i32[e + TRACE_PTR]!;
      if (p === 0) continue;
      const d = this.slotOf(p);
      i32.copyWithin(d, e, e + TRACE_WORDS);
    }
    this.raw.free(oldBase << 2);
  }

  private growStore(need: number): void {
    const i32 = this.i32;
    const st = this.st;
    let cap = i32[st + TM.TB_CAP]! * 2;
    while (i32[st + TM.TB_USED]! + need > cap) cap *= 2;
    i32[st + TM.TB] = this.raw.realloc(i32[st + TM.TB]!, cap * 4);
    i32[st + TM.TB_CAP] = cap;
  }

  private growIndex(): void {
    const i32 = this.i32;
    const st = this.st;
    const oldIdx = i32[st + TM.TBIDX]! >> 2;
    const oldN = i32[st + TM.TBIDX_MASK]! + 1;
    const n = oldN * 2;
    const fresh = this.zeroed(n * 4) >> 2;
    const store = i32[st + TM.TB]! >> 2;
    for (let k = 0; k < oldN; k++) {
      const slot = i32[oldIdx + k]!;
      if (slot === 0) continue;
      let j = hashWord(i32[store + slot - 1 + TB_HASH]!) & (n - 1);
      while (i32[fresh + j] !== 0) j = (j + 1) & (n - 1);
      i32[fresh + j] = slot;
    }
    i32[st + TM.TBIDX] = fresh << 2;
    i32[st + TM.TBIDX_MASK] = n - 1;
    this.raw.free(oldIdx << 2);
  }
}

/** Blocks are 16-byte aligned: drop the zero bits, then Fibonacci hashing. */
function hashPtr(ptr: number): number {
  const h = Math.imul(ptr >>> 4, 0x9e3779b1);
  return (h ^ (h >>> 16)) >>> 0;
}

function hashWord(w: number): number {
  const h = Math.imul(w, 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}
