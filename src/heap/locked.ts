/**
 * A mutex in one heap word, and `LockedAllocator`: any Allocator behind such a lock.
 *
 * HeapLock is the futex mutex of Drepper's "Futexes Are Tricky" (mutex 2), on a word of
 * the SharedArrayBuffer so every worker shares it:
 *
 *   0  unlocked
 *   1  locked, no thread waiting
 *   2  locked, and a thread may be sleeping in Atomics.wait on the word
 *
 * acquire: one CAS 0→1 (the uncontended case, no system call); then a short bounded
 * spin of CASes (the holder is usually about to release: an allocator critical section
 * is a few hundred ns); then swap in 2 and sleep in Atomics.wait until the word changes.
 * A thread that sets 2 always re-checks with the swap's result, so no wakeup is lost.
 * release: swap in 0; only if the old value was 2 is there anyone to wake (Atomics.notify
 * of one waiter). Every Atomics operation is sequentially consistent, so everything the
 * holder wrote is visible to the next holder (release → acquire through the word).
 *
 * LockedAllocator is `nogil-atomic`'s "one lock around the allocator" (the Gilectomy's
 * repair): correct, and every allocation of every thread serialises on one cache line.
 * The free-threaded allocator (ftheap.ts) takes a HeapLock only around what it shares:
 * segments and the raw region.
 */
import type { Allocator } from "./allocator.js";

/** CAS attempts before sleeping: long enough to ride out a short critical section. */
const SPIN_TRIES = 64;

const UNLOCKED = 0;
const LOCKED = 1;
const CONTENDED = 2;

export class HeapLock {
  /** `index` is the lock word's Int32 index in `i32` (a named slot from layout.ts). */
  constructor(
    private readonly i32: Int32Array,
    readonly index: number,
  ) {}

  acquire(): void {
    const i32 = this.i32, index = this.index;
    if (Atomics.compareExchange(i32, index, UNLOCKED, LOCKED) === UNLOCKED) return;
    for (let i = 0; i < SPIN_TRIES; i++) {
      if (Atomics.load(i32, index) === UNLOCKED && Atomics.compareExchange(i32, index, UNLOCKED, LOCKED) === UNLOCKED) return;
    }
    // Sleep until released. Taking the lock with 2 (not 1) is conservative: the holder will
    // notify on release even if no one else waits, which costs one call, never a lost wakeup.
    while (Atomics.exchange(i32, index, CONTENDED) !== UNLOCKED) Atomics.wait(i32, index, CONTENDED);
  }

  release(): void {
    if (Atomics.exchange(this.i32, this.index, UNLOCKED) === CONTENDED) Atomics.notify(this.i32, this.index, 1);
  }

  /** True iff some thread holds the lock (for validators and tests, not for deciding to lock). */
  isHeld(): boolean {
    return Atomics.load(this.i32, this.index) !== UNLOCKED;
  }
}

/** Any allocator, with every call made under one heap lock. An exception thrown inside
 *  (HeapExhausted, HeapCorruption) releases the lock on its way out. */
export class LockedAllocator implements Allocator {
  constructor(
    readonly inner: Allocator,
    readonly lock: HeapLock,
  ) {}

  malloc(nbytes: number): number {
    this.lock.acquire();
    try {
      return this.inner.malloc(nbytes);
    } finally {
      this.lock.release();
    }
  }

  free(ptr: number): void {
    this.lock.acquire();
    try {
      this.inner.free(ptr);
    } finally {
      this.lock.release();
    }
  }

  realloc(ptr: number, nbytes: number): number {
    this.lock.acquire();
    try {
      return this.inner.realloc(ptr, nbytes);
    } finally {
      this.lock.release();
    }
  }

  /** Reads only the block's own header, which its holder owns: no lock needed. */
  usableSize(ptr: number): number {
    return this.inner.usableSize(ptr);
  }
}
