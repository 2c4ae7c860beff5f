/**
 * The interface every allocator strategy implements (AssemblyScript's rt/ keeps one
 * interface and one file per strategy the same way). The object layer allocates only
 * through it, so a mode can swap the strategy without touching object code.
 *
 *   obmalloc.ts   PyObject_Malloc: pymalloc for 1..512 bytes, raw malloc otherwise (gil, nogil)
 *   ftheap.ts     per-thread mimalloc-style heaps, one FtHeap per thread slot (free-threaded)
 *   locked.ts     LockedAllocator: any of them behind one heap lock (nogil-atomic)
 *   raw.ts        the "system malloc": first-fit, boundary tags, coalescing; also mmaps arenas
 */
export interface Allocator {
  /** PyObject_Malloc. Returns a 16-byte-aligned byte pointer, never 0; throws HeapExhausted. */
  malloc(nbytes: number): number;
  /** PyObject_Free. `free(0)` does nothing. */
  free(ptr: number): void;
  /** PyObject_Realloc. Contents up to min(old, new) size are kept. Throws HeapExhausted
   *  (and leaves `ptr` valid) if it cannot grow. */
  realloc(ptr: number, nbytes: number): number;
  /** Usable bytes at `ptr` (block size for pymalloc, chunk payload for raw). */
  usableSize(ptr: number): number;
  /** The thread that owns this allocator is ending: give back what it can (FtHeap:
   *  mi_heap_collect_ex(MI_ABANDON)). Optional; shared allocators have nothing to do. */
  abandon?(): void;
}
