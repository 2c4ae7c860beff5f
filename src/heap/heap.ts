/**
 * The heap: one SharedArrayBuffer, typed views over it, and its header area.
 *
 * `Heap.create` makes and formats a new buffer (main thread); `Heap.attach` wraps a
 * buffer another thread made (worker threads), reading the geometry from the header.
 * The views are the only way anything in gilsim touches heap memory.
 */
import { GilsimConfigError } from "../errors.js";
import { type HeapConfig, defaultConfig, validateConfig } from "./config.js";
import { computeLayout, HDR, HEAP_MAGIC, HEAP_VERSION, type Layout } from "./layout.js";
import { copyWords } from "./words.js";

export class Heap {
  readonly i32: Int32Array;
  readonly u32: Uint32Array;
  readonly u16: Uint16Array;
  readonly u8: Uint8Array;
  readonly f64: Float64Array;
  readonly layout: Layout;

  private constructor(
    readonly sab: SharedArrayBuffer,
    readonly config: HeapConfig,
  ) {
    this.i32 = new Int32Array(sab);
    this.u32 = new Uint32Array(sab);
    this.u16 = new Uint16Array(sab);
    this.u8 = new Uint8Array(sab);
    this.f64 = new Float64Array(sab);
    this.layout = computeLayout(config);
  }

  get byteLength(): number {
    return this.sab.byteLength;
  }

  /** A new, formatted heap. Throws GilsimConfigError naming the bad option. */
  static create(options: Partial<HeapConfig> = {}): Heap {
    const config = validateConfig({ ...defaultConfig(), ...options });
    let sab: SharedArrayBuffer;
    try {
      sab = new SharedArrayBuffer(config.heapBytes);
    } catch {
      throw new GilsimConfigError("--heap-mb", `could not reserve ${config.heapBytes / 2 ** 20} MiB for the heap on this machine`);
    }
    const heap = new Heap(sab, config);
    const { i32, layout } = heap;
    i32[HDR.VERSION] = HEAP_VERSION;
    i32[HDR.HEAP_BYTES] = config.heapBytes;
    i32[HDR.ARENA_SIZE] = config.arenaSize;
    i32[HDR.POOL_SIZE] = config.poolSize;
    i32[HDR.MAX_ARENAS] = layout.maxArenas;
    i32[HDR.ARENA_OBJECTS] = layout.arenaObjectsOff;
    i32[HDR.RAW_START] = layout.rawStart;
    // The magic goes last: a reader that sees it sees a complete header.
    Atomics.store(i32, HDR.MAGIC, HEAP_MAGIC);
    return heap;
  }

  /** Wrap a heap made by `create` (in this thread or another). */
  static attach(sab: SharedArrayBuffer): Heap {
    const i32 = new Int32Array(sab);
    if (Atomics.load(i32, HDR.MAGIC) !== HEAP_MAGIC || i32[HDR.VERSION] !== HEAP_VERSION) {
      throw new GilsimConfigError("heap", "buffer is not a formatted gilsim heap");
    }
    const config: HeapConfig = {
      heapBytes: i32[HDR.HEAP_BYTES]!,
      arenaSize: i32[HDR.ARENA_SIZE]!,
      poolSize: i32[HDR.POOL_SIZE]!,
    };
    return new Heap(sab, config);
  }

  /** memcpy of `n` bytes from `src` to `dst` (the ranges may overlap, as memmove), by
   *  whole words where both are word-aligned: a byte copy of shared memory is several
   *  times slower than a word copy. */
  copyBytes(dst: number, src: number, n: number): void {
    if (((dst | src) & 3) !== 0) {
      this.u8.copyWithin(dst, src, src + n);
      return;
    }
    const words = n >> 2;
    copyWords(this.i32, dst >> 2, src >> 2, (src >> 2) + words);
    if ((n & 3) !== 0) this.u8.copyWithin(dst + (words << 2), src + (words << 2), src + n);
  }

  /** True iff `ptr` could point at `nbytes` of heap memory past the header area. */
  inBounds(ptr: number, nbytes: number): boolean {
    return ptr >= this.layout.rawStart && ptr + nbytes <= this.config.heapBytes && (ptr & 3) === 0;
  }
}
