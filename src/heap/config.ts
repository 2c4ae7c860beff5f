/**
 * Heap tunables — the one marked place, each with its unit (obmalloc.c keeps its
 * tunables together the same way).
 *
 * Invariants between them, checked by `validateConfig` at load time:
 *   - ALIGNMENT is a power of two and SMALL_REQUEST_THRESHOLD / ALIGNMENT == NB_SMALL_SIZE_CLASSES
 *   - poolSize is a power of two, >= 4 KiB (the simulated page size), and divides arenaSize
 *   - 4 <= arenaSize / poolSize <= 255 (obmalloc assumes an arena has several pools)
 *   - the heap holds the header area plus at least one arena
 *   - heapBytes < 2 GiB: a pointer is a non-negative Int32 byte offset
 */
import os from "node:os";
import { GilsimConfigError } from "../errors.js";

/** obmalloc.c: ALIGNMENT (64-bit builds). Bytes. */
export const ALIGNMENT = 16;
export const ALIGNMENT_SHIFT = 4;
/** obmalloc.c: SMALL_REQUEST_THRESHOLD. Requests above it (and of 0 bytes) go to the raw allocator. Bytes. */
export const SMALL_REQUEST_THRESHOLD = 512;
/** obmalloc.c: NB_SMALL_SIZE_CLASSES. */
export const NB_SMALL_SIZE_CLASSES = SMALL_REQUEST_THRESHOLD / ALIGNMENT;
/** The simulated OS page: what the raw allocator's `mmap` aligns arenas to. Bytes. */
export const SYSTEM_PAGE_SIZE = 4096;
/** Largest heap a 31-bit byte offset can address. Bytes. */
export const MAX_HEAP_BYTES = 2047 * 1024 * 1024;
/** Per-thread statistics/state slots in the header area. */
export const MAX_THREADS = 64;
/** Entries in the type table (built-in types plus user classes). */
export const MAX_TYPES = 4096;

export interface HeapConfig {
  /** Total size of the SharedArrayBuffer. Bytes. */
  readonly heapBytes: number;
  /** obmalloc.c: ARENA_SIZE. Bytes. */
  readonly arenaSize: number;
  /** obmalloc.c: POOL_SIZE. Bytes. */
  readonly poolSize: number;
}

/** What the docs teach: 256 KiB arenas, 4 KiB pools, on a 64 MiB heap. */
export const CLASSIC_GEOMETRY = { arenaSize: 256 * 1024, poolSize: 4 * 1024 } as const;
/** 64-bit CPython 3.10+ with the arena radix tree: 1 MiB arenas, 16 KiB pools. */
export const RADIX_GEOMETRY = { arenaSize: 1024 * 1024, poolSize: 16 * 1024 } as const;
export const DEFAULT_HEAP_BYTES = 64 * 1024 * 1024;

export function defaultConfig(): HeapConfig {
  return { heapBytes: DEFAULT_HEAP_BYTES, ...CLASSIC_GEOMETRY };
}

/** obmalloc.c: POOL_OVERHEAD, the pool header rounded up to ALIGNMENT. Bytes. */
export const POOL_OVERHEAD = 48;

const isPow2 = (n: number): boolean => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;

/** Checks the invariants above; throws GilsimConfigError naming the offending option. */
export function validateConfig(c: HeapConfig): HeapConfig {
  if (!isPow2(c.poolSize) || c.poolSize < SYSTEM_PAGE_SIZE) {
    throw new GilsimConfigError("--pool-kb", `pool size must be a power of two of at least 4 KiB, got ${c.poolSize / 1024} KiB`);
  }
  if (!isPow2(c.arenaSize) || c.arenaSize < c.poolSize) {
    throw new GilsimConfigError("--arena-kb", `arena size must be a power of two and at least the pool size, got ${c.arenaSize / 1024} KiB`);
  }
  if (c.arenaSize < 4 * c.poolSize) {
    throw new GilsimConfigError("--arena-kb", `an arena must hold at least 4 pools, got ${c.arenaSize / c.poolSize}`);
  }
  if (c.arenaSize / c.poolSize > 255) {
    throw new GilsimConfigError("--arena-kb", `an arena may hold at most 255 pools, got ${c.arenaSize / c.poolSize}`);
  }
  if (!Number.isInteger(c.heapBytes) || c.heapBytes <= 0) {
    throw new GilsimConfigError("--heap-mb", `heap size must be a positive number of MiB`);
  }
  if (c.heapBytes > MAX_HEAP_BYTES) {
    throw new GilsimConfigError("--heap-mb", `the heap can be at most ${MAX_HEAP_BYTES / 2 ** 20} MiB (a pointer is a 31-bit byte offset), got ${c.heapBytes / 2 ** 20} MiB`);
  }
  const machine = os.totalmem();
  if (c.heapBytes > machine * 0.75) {
    throw new GilsimConfigError("--heap-mb", `${c.heapBytes / 2 ** 20} MiB is more than this machine allows (${(machine / 2 ** 30).toFixed(1)} GiB of memory; at most 75% may be the heap)`);
  }
  return c;
}
