/**
 * The program's stdout, shared by every thread: one buffer in the heap behind a lock
 * word, so prints from any thread land in the order they happened and each print is
 * whole. Whoever fills the buffer (or ends the program) writes it to fd 1 with
 * fs.writeSync while still holding the lock, so the bytes reach the file in buffer order.
 *
 * As CPython's sys.stdout: line-buffered when fd 1 is a terminal, block-buffered
 * otherwise.
 *
 *   OUT.LOCK    0 free, 1 held (a spin-then-wait lock: prints are short)
 *   OUT.LEN     bytes buffered
 *   data        OUT_BUFFER_BYTES at OUT_DATA_OFF
 */
import { writeSync } from "node:fs";
import type { Heap } from "../heap/heap.js";
import { OUT, OUT_BUFFER_BYTES, OUT_DATA_OFF } from "../heap/layout.js";

const encoder = new TextEncoder();

/** Where the bytes go: fd 1 in a real run, a callback in tests. */
export type Sink = (bytes: Uint8Array) => void;

export function fdSink(fd: number): Sink {
  return (bytes) => {
    let off = 0;
    while (off < bytes.length) {
      try {
        off += writeSync(fd, bytes, off, bytes.length - off);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        // The reader is gone (`gilsim run prog.py | head -1`): nothing more can be written,
        // and that is no error of gilsim's; the rest of the output is dropped.
        if (code === "EPIPE") return;
        // A non-blocking pipe that is full: wait a moment and go on.
        if (code !== "EAGAIN") throw e;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
      }
    }
  };
}

export class SharedOutput {
  private readonly i32: Int32Array;
  private readonly u8: Uint8Array;

  constructor(heap: Heap, private readonly sink: Sink, private readonly lineBuffered: boolean) {
    this.i32 = heap.i32;
    this.u8 = heap.u8;
  }

  static format(heap: Heap): void {
    heap.i32[OUT.LOCK] = 0;
    heap.i32[OUT.LEN] = 0;
  }

  write(text: string): void {
    const bytes = encoder.encode(text);
    this.lock();
    try {
      let len = this.i32[OUT.LEN]!;
      if (len + bytes.length > OUT_BUFFER_BYTES) {
        this.flushLocked();
        len = 0;
      }
      if (bytes.length > OUT_BUFFER_BYTES) {
        this.sink(bytes);
      } else {
        this.u8.set(bytes, OUT_DATA_OFF + len);
        this.i32[OUT.LEN] = len + bytes.length;
        if (this.lineBuffered && text.includes("\n")) this.flushLocked();
      }
    } finally {
      this.unlock();
    }
  }

  flush(): void {
    this.lock();
    try {
      this.flushLocked();
    } finally {
      this.unlock();
    }
  }

  private flushLocked(): void {
    const len = this.i32[OUT.LEN]!;
    if (len === 0) return;
    this.sink(this.u8.slice(OUT_DATA_OFF, OUT_DATA_OFF + len));
    this.i32[OUT.LEN] = 0;
  }

  private lock(): void {
    const i32 = this.i32;
    for (let spins = 0; Atomics.compareExchange(i32, OUT.LOCK, 0, 1) !== 0; spins++) {
      if (spins > 1000) Atomics.wait(i32, OUT.LOCK, 1, 1);
    }
  }

  private unlock(): void {
    Atomics.store(this.i32, OUT.LOCK, 0);
    Atomics.notify(this.i32, OUT.LOCK, 1);
  }
}
