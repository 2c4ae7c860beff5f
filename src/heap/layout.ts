/**
 * The layout of the SharedArrayBuffer heap: every slot index in one place.
 *
 * A pointer is a byte offset into the buffer; 0 is NULL. Words are Int32 and are
 * addressed as `i32[ptr >> 2]`, so every structure below is 4-byte aligned and every
 * cache-line block is 64-byte aligned (so per-thread counting does not share lines).
 *
 *   0x0000 ┌──────────────────────────────┐
 *          │ HDR   config + layout words  │ 64 B
 *   0x0040 │ GIL   ceval_gil.c state      │ 64 B   (issue: threads and the GIL)
 *   0x0080 │ RT    runtime words          │ 64 B
 *   0x00C0 │ OBM   obmalloc.c globals     │ 64 B
 *   0x0100 │ RAW   raw allocator globals  │ 64 B
 *   0x0140 │ GC    collector state        │ 192 B
 *   0x0200 │ usedpools: 32 list heads     │ 32 × 32 B
 *   0x0600 │ nfp2lasta                    │ 256 × 4 B
 *   0x0A00 │ per-thread slots             │ MAX_THREADS × 64 B
 *   0x1A00 │ type table                   │ MAX_TYPES × 4 B
 *   0x5A00 │ object globals               │ 8 KiB  (src/objects/layout.ts names them)
 *   0x7A00 │ stdout buffer                │ 64 KiB (src/runtime/output.ts)
 *  0x17A00 │ arena_object table           │ maxarenas × 32 B
 *          │ FT    free-threaded heaps    │ 64 B + MAX_THREADS × 512 B + segment map
 *          │       (src/heap/ftheap.ts)   │ (heapBytes / arenaSize) × 64 B, 64-byte aligned
 *          ├──────────────────────────────┤ ← rawStart (page aligned)
 *          │ raw region: "system malloc"  │ arenas are mmap'ed from here too,
 *          │  chunks with boundary tags   │ page-aligned, ARENA_SIZE bytes each
 *          │ ┄ timeline rings ┄┄┄┄┄┄┄┄┄┄┄ │ one mmap'ed block per run (HDR.TRACE_RINGS):
 *          │                              │ MAX_THREADS rings of 64 B + N × 16 B
 *          └──────────────────────────────┘ ← heapBytes
 *
 * The timeline rings (src/trace/ring.ts) are not a fixed region, so small heaps keep
 * their arenas: the runtime mmaps them from the raw region after boot, sized
 * TRACE_EVENTS_PER_THREAD events per thread (4096 × 16 B × 64 threads = 4 MiB) or fewer
 * on a small heap (their events take at most 1/TRACE_HEAP_FRACTION of it), and unmaps
 * them after the run.
 *
 *   rings ─► ┌ ring 0: header (64 B) ─ WRITTEN, LOST ┐ one cache line: only thread 0
 *            │ event 0 … event N-1   (16 B each)     │ writes ring 0, no locking
 *            ├ ring 1: header …                      ┤
 *            └ … MAX_THREADS rings                   ┘
 */
import { MAX_THREADS, MAX_TYPES, SYSTEM_PAGE_SIZE, type HeapConfig } from "./config.js";

export const HEAP_MAGIC = 0x67696c73; // "gils"
export const HEAP_VERSION = 1;

/** Header block: byte offset 0. Word indices. */
export enum HDR {
  MAGIC = 0,
  VERSION = 1,
  HEAP_BYTES = 2,
  ARENA_SIZE = 3,
  POOL_SIZE = 4,
  MAX_ARENAS = 5,
  ARENA_OBJECTS = 6, // byte offset of the arena_object table
  RAW_START = 7, // byte offset of the raw region
  MODE = 8, // run mode id, set by the runtime
  TRACE_RINGS = 9, // byte address of the timeline rings (src/trace/ring.ts), 0 = no timeline
  TRACE_RING_EVENTS = 12, // events per ring (a power of two)
  TRACEMALLOC = 13, // byte address of tracemalloc's state block (src/vm/modules/tracemalloc-table.ts), 0 = never started
  RACES = 14, // byte address of the race detector's block (src/races/layout.ts), 0 = no detector
  MODE_STATE = 15, // byte address of the repaired modes' block (src/modes/state.ts)
}
/** Float64 header fields: indices into the heap's Float64Array (bytes 40..47 = words 10, 11). */
export enum HDR_F64 {
  RUN_START_MS = 5, // the timeline's time zero, on the shared clock (src/trace/clock.ts). ms.
}

/** GIL block: ceval_gil.c's `struct _gil_runtime_state`. Word indices (absolute). */
export const GIL_BASE = 0x40 >> 2;
export enum GIL {
  /** GIL_BASE, as a literal: esbuild inlines an enum's members only when it can
   *  compute them, so every member counts from this one (checked below). */
  BASE = 16,
  LOCKED = BASE + 0,
  LAST_HOLDER = BASE + 1,
  SWITCH_NUMBER = BASE + 2,
  INTERVAL_US = BASE + 3,
  DROP_REQUEST = BASE + 4,
  WAITERS = BASE + 5,
  SWITCH_SEQ = BASE + 6, // FORCE_SWITCHING: bumps when a taker signals switch_cond
  /** Byte address of the --schedule block (src/sched/, SCHED below), 0 = the run is not
   *  scheduled. Here because its baton stands in for the GIL: one thread runs at a time. */
  SCHEDULE = BASE + 7,
}
if ((GIL.BASE as number) !== GIL_BASE) throw new Error("heap/layout.ts: GIL.BASE must be GIL_BASE");

/** Runtime words. Word indices (absolute). */
export const RT_BASE = 0x80 >> 2;
export enum RT {
  /** RT_BASE, as a literal: esbuild inlines an enum's members only when it can
   *  compute them, so every member counts from this one (checked below). */
  BASE = 32,
  NEXT_THREAD_ID = BASE + 0,
  LIVE_THREADS = BASE + 1,
  IN_BYTECODE = BASE + 2, // the GIL's invariant: threads executing bytecode right now (<= 1)
  /** Bumped whenever a class attribute changes (objects/type.ts typeModified): the type
   *  attribute caches (typeLookup's, LOAD_ATTR's method caches) check it. */
  TYPE_VERSION = BASE + 3,
  GIL_VIOLATIONS = BASE + 4, // times a thread found another inside bytecode after taking the GIL
  START_TABLE = BASE + 5, // byte address of the start-request table (START_ENTRY words per thread)
  START_SEQ = BASE + 6, // start requests published so far; the main thread waits on it
  NEXT_IDENT = BASE + 7, // the next thread ident (idents are never reused; slots are)
}
if ((RT.BASE as number) !== RT_BASE) throw new Error("heap/layout.ts: RT.BASE must be RT_BASE");
/** Per thread slot: a start request (the callable and args tuple a new thread will own,
 *  and a flag set once both are written, cleared by the main thread when it starts it),
 *  and the ident of the Python thread in the slot (threading's ident; slots are reused
 *  once their thread has finished, idents never are). */
export enum START_ENTRY { CALLABLE = 0, ARGS = 1, PUBLISHED = 2, IDENT = 3 }
export const START_ENTRY_WORDS = 4;

/** obmalloc.c's file-level statics. Word indices (absolute); pointers are byte offsets. */
export const OBM_BASE = 0xc0 >> 2;
export enum OBM {
  /** OBM_BASE, as a literal: esbuild inlines an enum's members only when it can
   *  compute them, so every member counts from this one (checked below). */
  BASE = 48,
  USABLE_ARENAS = BASE + 0, // arena_object* — doubly linked, sorted ascending by nfreepools
  UNUSED_ARENA_OBJECTS = BASE + 1, // arena_object* — singly linked via nextarena
  NARENAS_CURRENTLY_ALLOCATED = BASE + 2,
  NTIMES_ARENA_ALLOCATED = BASE + 3,
  NARENAS_HIGHWATER = BASE + 4,
  LOCK = BASE + 5, // used by the nogil-atomic allocator policy
}
if ((OBM.BASE as number) !== OBM_BASE) throw new Error("heap/layout.ts: OBM.BASE must be OBM_BASE");

/** The raw ("system malloc") allocator's globals. Word indices (absolute). */
export const RAW_BASE = 0x100 >> 2;
export enum RAW {
  /** RAW_BASE, as a literal: esbuild inlines an enum's members only when it can
   *  compute them, so every member counts from this one (checked below). */
  BASE = 64,
  FREE_HEAD = BASE + 0, // first free chunk, doubly linked, address ordered
  BYTES_IN_USE = BASE + 1, // payload bytes handed out by malloc (not arenas)
  BLOCKS_IN_USE = BASE + 2, // chunks handed out by malloc (not arenas)
  MMAP_BYTES = BASE + 3, // bytes handed out as arenas
  NMALLOC = BASE + 4, // total malloc calls that succeeded
  NFREE = BASE + 5,
  LOCK = BASE + 6,
}
if ((RAW.BASE as number) !== RAW_BASE) throw new Error("heap/layout.ts: RAW.BASE must be RAW_BASE");

/** Collector state (the GC issue fills it in). Word indices (absolute). */
export const GC_BASE = 0x140 >> 2;
export const GC_WORDS = 48;

/** usedpools[]: one 32-byte pseudo pool header per size class, used only for its
 *  nextpool/prevpool words, so list code treats a head like any pool (obmalloc.c's trick). */
export const USEDPOOLS_OFF = 0x200;
export const USEDPOOL_HEAD_BYTES = 32;

/** nfp2lasta[nfp]: the last arena in usable_arenas with nfp free pools (or NULL). */
export const NFP2LASTA_OFF = 0x600;
export const NFP2LASTA_MAX = 256;

/** Per-thread slots, each one cache line. */
export const THREADS_OFF = 0xa00;
export const THREAD_SLOT_BYTES = 64;

/** A per-thread slot: word offsets from the slot's word index. Written by its own thread
 *  (statistics) or set atomically by others (the eval breaker bits). */
export enum TS {
  STATE = 0, // ThreadSlotState
  EVAL_BREAKER = 1, // EB_* bits; the interpreter polls it at RESUME, JUMP_BACKWARD and after CALL
  GIL_ACQUISITIONS = 2,
  DROP_REQUESTS_MADE = 3,
  DROP_REQUESTS_RECEIVED = 4,
  FORCED_SWITCHES = 5,
  // words 6, 7 and 8..15 hold Float64s (index with TS_F64)
}
/** Float64 fields of a thread slot: offsets in Float64 elements from the slot's f64 index. */
export enum TS_F64 {
  START_REQUESTED_US = 3, // timeline µs at _thread.start_new_thread (written by the starter, before the start request)
  BYTECODES = 4,
  WAIT_US = 5, // time spent waiting for the GIL
  HOLD_US = 6, // time spent holding it
  FIRST_BYTECODE_US = 7, // timeline µs just before the thread runs its first bytecode
}
export const ThreadSlotState = { FREE: 0, RUNNING: 1, FINISHED: 2 } as const;
/** Eval breaker bits (ceval's eval_breaker, per thread as in 3.13). */
export enum EB {
  GIL_DROP_REQUEST = 1,
  GC_SCHEDULED = 2,
  STOP_THE_WORLD = 4,
  TRACEMALLOC = 8, // tracemalloc started or stopped: sync the thread's allocator (vm/modules/tracemalloc-alloc.ts)
  EXPLICIT_MERGE = 16, // free-threaded: other threads queued objects for this one (brc.c)
  SCHEDULE = 32, // --schedule: always set, so every check point is a switch point
}

/** The --schedule block (src/sched/scheduler.ts), mmap'ed per scheduled run (GIL.SCHEDULE):
 *  a header, then one entry per thread slot. Only the thread holding the baton writes it
 *  (the hand-over's Atomics.store of BATON publishes what it wrote); waiters read BATON.
 *
 *   block ─► ┌ BATON ┬ PRNG ┬ SEED ┬ SWITCHES ┬ OVER ┬ DEADLOCK ┬ WORLD_STOPPED ┬ … ┬ VCLOCK_NS f64 ┬ POINTS f64 ┐ 64 B
 *            ├ thread 0: WAIT ┬ WORD ┬ BUSY ┬ TURN ┬ DEADLINE_NS f64 ┬ ARMED ┬ …      ┤ 32 B each
 *            └ … MAX_THREADS entries                                                   ┘ */
export enum SCHED {
  BATON = 0, // thread id allowed to run bytecode
  PRNG = 1, // the seeded generator's whole state (mulberry32, src/util/prng.ts)
  SEED = 2,
  SWITCHES = 3, // times the baton went to another thread
  OVER = 4, // 1 once the main thread has exited (or a deadlock ended the run): nobody runs
  DEADLOCK = 5, // 1 if the run ended because every live thread was waiting; 2 once the main thread has reported it
  WORLD_STOPPED = 6, // nonzero while the holder has the world stopped (a GC without a GIL): no switch at switch points
}
/** Float64 fields of the --schedule block header: Float64 offsets from its f64 index. */
export enum SCHED_F64 {
  VCLOCK_NS = 4, // the virtual clock timeouts and sleeps are measured on. ns.
  POINTS = 5, // switch points visited
}
export const SCHED_HEADER_BYTES = 64;
export const SCHED_ENTRY_BYTES = 32;
/** A thread's entry in the --schedule block: word offsets from the entry's word index. */
export enum SCHED_T {
  WAIT = 0, // 0 = not waiting, else what for (src/sched/scheduler.ts: WAIT_*)
  WORD = 1, // the heap word it waits on (-1: none), ready once it no longer holds BUSY
  BUSY = 2,
  TURN = 3, // the word the thread sleeps on while another holds the baton; bumped at each hand-over to it
  ARMED = 6, // 1 once the thread runs Python code: micro-steps switch only then (see src/sched/scheduler.ts)
}
export enum SCHED_T_F64 {
  DEADLINE_NS = 2, // on the virtual clock; Infinity = no timeout
}

/** Type table: type id -> type object pointer. */
export const TYPES_OFF = THREADS_OFF + MAX_THREADS * THREAD_SLOT_BYTES;

/** The object layer's globals: singletons, the small-int cache, free lists, the interned
 *  strings table, the next type id. Its word indices are named in src/objects/layout.ts. */
export const OBJ_OFF = TYPES_OFF + MAX_TYPES * 4;
export const OBJ_BYTES = 8192;

/** The shared stdout buffer (src/runtime/output.ts). */
export const OUT_DATA_OFF = OBJ_OFF + OBJ_BYTES;
export const OUT_BUFFER_BYTES = 64 * 1024;
export enum OUT {
  /** RT_BASE, as a literal: esbuild inlines an enum's members only when it can
   *  compute them, so every member counts from this one (checked below). */
  BASE = 32,
  LOCK = BASE + 8,
  LEN = BASE + 9,
}
if ((OUT.BASE as number) !== RT_BASE) throw new Error("heap/layout.ts: OUT.BASE must be RT_BASE");

/** arena_object table follows the output buffer. */
export const ARENA_OBJECTS_OFF = OUT_DATA_OFF + OUT_BUFFER_BYTES;

/** The timeline: one ring of events per thread slot (src/trace/ring.ts), in a block the
 *  runtime mmaps per run (HDR.TRACE_RINGS). Only the ring's own thread writes it. */
export const TRACE_EVENTS_PER_THREAD = 4096; // events per ring on a big enough heap (a power of two)
export const TRACE_MIN_EVENTS = 64; // fewer than this fits: no timeline for the run
export const TRACE_HEAP_FRACTION = 16; // the rings take at most heapBytes / this
export const TRACE_RING_HEADER_BYTES = 64; // one cache line per ring header
export const TRACE_EVENT_BYTES = 16;
/** Ring header: word offsets from the ring's word index. */
export enum TRACE_RING {
  WRITTEN = 0, // events ever recorded; the next goes to WRITTEN mod capacity
  LOST = 1, // events overwritten because the ring wrapped (== max(0, WRITTEN - capacity))
}
/** An event: `ts` is a Float64 at the event's start (µs since HDR_F64.RUN_START_MS), then
 *  two words. Word offsets from the event's word index. */
export enum TRACE_EV {
  KIND = 2, // TraceKind (src/trace/events.ts)
  ARG = 3, // kind-specific: a drop reason, a thread id, arenas allocated
}

/** obmalloc.c `struct pool_header`, laid out in the first POOL_OVERHEAD bytes of a pool.
 *  Word offsets from the pool's word index. */
export enum POOL {
  REF_COUNT = 0, // ref.count: number of allocated blocks
  FREEBLOCK = 1, // head of the pool's free block list (byte pointer, 0 = empty)
  NEXTPOOL = 2,
  PREVPOOL = 3,
  ARENAINDEX = 4, // index into the arena_object table
  SZIDX = 5, // size class index
  NEXTOFFSET = 6, // bytes to the first virgin block
  MAXNEXTOFFSET = 7, // largest valid nextoffset
}

/** obmalloc.c `struct arena_object`. Word offsets; pointers are byte offsets. */
export const ARENA_OBJECT_BYTES = 32;
export enum AO {
  ADDRESS = 0, // start of the arena's memory, 0 iff this arena_object is unused
  POOL_ADDRESS = 1, // next pool to carve out of virgin space
  NFREEPOOLS = 2,
  NTOTALPOOLS = 3,
  FREEPOOLS = 4, // singly linked list of empty pools, via pool.nextpool
  NEXTARENA = 5,
  PREVARENA = 6,
}

/** Raw allocator chunk header (dlmalloc-style boundary tags). Word offsets from the chunk.
 *
 *   chunk ─► ┌ size | INUSE | MMAP ┐  size of this chunk in bytes, incl. header
 *            │ prevSize            │  size of the chunk before it (0 for the first)
 *            │ next free / request │  free: next free chunk; used: requested bytes
 *            │ prev free / 0       │
 *   payload ►└─────────────────────┘  16-byte aligned
 */
export const CHUNK_HEADER_BYTES = 16;
export enum CHUNK {
  SIZE = 0,
  PREV_SIZE = 1,
  NEXT_FREE = 2,
  REQUEST = 2,
  PREV_FREE = 3,
}
export const CHUNK_INUSE = 1;
export const CHUNK_MMAP = 2;
export const CHUNK_FLAGS = 15;

/** Object header, 16 bytes at the object pointer (CPython's is 16 bytes too: ob_refcnt, ob_type).
 *  Our fields are 32-bit, so the PEP 703 fields fit in the same 16 bytes in every mode.
 *  Word offsets from the object's word index. */
export enum OB {
  REFCNT = 0, // ob_refcnt; in free-threaded mode, ob_ref_local
  TYPE = 1, // type id (index into the type table); TYPE_FREED once deallocated
  TID = 2, // ob_tid (low 16 bits) | ob_gc_bits << 16 | ob_mutex << 24 (free-threaded)
  REF_SHARED = 3, // ob_ref_shared (free-threaded), low 2 bits a merge state
}
export const OB_HEADER_BYTES = 16;

/** PyGC_Head, 16 bytes in front of a container object. Word offsets from the object's word index. */
export enum GCH {
  NEXT = -4, // _gc_next: 0 iff untracked
  PREV = -3, // _gc_prev
  REFS = -2, // gc_refs during a collection (CPython packs it into _gc_prev)
  FLAGS = -1, // finalized, collecting, generation
}
export const GC_HEADER_BYTES = 16;

/**
 * The free-threaded allocator's region (src/heap/ftheap.ts, mimalloc's model): a header
 * line, one thread heap (mi_heap_t) per thread slot, and the segment map (one entry per
 * arenaSize-aligned window of the heap; a segment is such a window, so the entry of any
 * address is `addr >> log2(arenaSize)`: O(1), as mimalloc's `_mi_ptr_segment`).
 *
 *   ftOff ─► ┌ FT_HDR: segment counters ───────────────┐ 64 B
 *            ├ heap 0: line 0 owner words, counters    ┤ 512 B per thread slot
 *            │         line 1 thread_delayed_free      │ (written by other threads, so alone)
 *            │         page queues: 33 × {first, last} │ 32 size classes + the full queue
 *            ├ heap 1 …                                ┤
 *            ├ segment map: FT_SEG entry per window    ┤ 64 B each (a cache line)
 *            └─────────────────────────────────────────┘
 */
export const FT_HDR_BYTES = 64;
/** Region header: word offsets from the region's word index. Written under RAW.LOCK. */
export enum FT_HDR {
  SEGMENTS_CURRENT = 0,
  SEGMENTS_TOTAL = 1, // segments ever allocated
  SEGMENTS_HIGHWATER = 2,
}
export const FT_HEAP_BYTES = 512;
/** A thread heap (mimalloc's mi_heap_t): word offsets from the heap's word index. All
 *  written by the owning thread only, except STATE (CAS on adoption) and DELAYED_FREE. */
export enum FT_HEAP {
  STATE = 0, // FtHeapState
  ADOPTIONS = 1, // times a later thread took over this slot's heap
  SEGMENTS = 2, // first of the heap's segments with a free page (doubly linked via FT_SEG.NEXT/PREV)
  RETIRED_MIN = 3, // page_retired_min / max: the bins that may hold a retired page
  RETIRED_MAX = 4,
  // counters, for the report (owner only)
  GENERIC = 5, // mallocs that took the slow path (_mi_malloc_generic)
  PAGES_FRESH = 6,
  PAGES_FREED = 7,
  TO_FULL = 8,
  REMOTE_FREES = 9, // blocks this thread freed into other threads' pages
  COLLECTED = 10, // blocks this heap took back from its pages' xthread_free lists
  DELAYED = 11, // blocks this heap took from its thread_delayed_free list
  SEGMENTS_ALLOCATED = 12,
  DELAYED_FREE = 16, // thread_delayed_free: atomic list head, pushed by other threads
  QUEUES = 32, // FT_BIN_FULL + 1 queues of FT_QUEUE_WORDS
}
export const FT_QUEUE_WORDS = 2; // first, last (byte addresses of pages)
export const FT_BIN_FULL = 32; // MI_BIN_FULL: pages with no free block, off the size-class queues
export const FtHeapState = { FREE: 0, OWNED: 1, ABANDONED: 2 } as const;
/** A segment map entry (mimalloc's mi_segment_t header, kept outside the segment). Word
 *  offsets. OWNER != 0 iff the window is a live segment. One cache line each: the owner
 *  writes its entry on every page it takes or frees, and every free by any thread reads
 *  OWNER, so two threads' neighbouring segments must not share a line. */
export const FT_SEG_BYTES = 64;
export enum FT_SEG {
  OWNER = 0, // owning thread slot + 1; 0 = not a segment
  USED = 1, // pages in use
  FREE_PAGES = 2, // freed pages, singly linked via FT_PAGE.NEXT
  PAGE_ADDRESS = 3, // next never-used page (pool_address's twin)
  NTOTAL = 4,
  NEXT = 5, // in the owner heap's list of segments with a free page
  PREV = 6,
}
/** A page header (mimalloc's mi_page_t), in the first POOL_OVERHEAD bytes of the page as
 *  pymalloc's pool_header is, so a page holds as many blocks as a pool. Word offsets. */
export enum FT_PAGE {
  USED = 0, // blocks handed out and not yet collected back (owner only)
  FREE = 1, // allocation list (owner only)
  LOCAL_FREE = 2, // the owner's frees (owner only)
  XTHREAD_FREE = 3, // other threads' frees: block | mi_delayed_t in the low 2 bits (atomic)
  NEXT = 4,
  PREV = 5,
  SZIDX = 6,
  CAPACITY = 7, // blocks carved into free lists so far
  RESERVED = 8, // blocks that fit in the page
  FLAGS = 9, // FT_PAGE_IN_USE | FT_PAGE_IN_FULL
  RETIRE_EXPIRE = 10,
  HEAP = 11, // owning thread slot (mimalloc's xheap)
}
export const FT_PAGE_IN_USE = 1;
export const FT_PAGE_IN_FULL = 2;

/** Where the variable-size tables go for a given configuration. */
export interface Layout {
  readonly maxArenas: number;
  readonly arenaObjectsOff: number;
  /** Byte offset of the free-threaded allocator's region. */
  readonly ftOff: number;
  /** Entries in its segment map: arenaSize-aligned windows in the heap. */
  readonly ftSegments: number;
  readonly rawStart: number;
}

export function computeLayout(c: HeapConfig): Layout {
  // Every arena costs at least ARENA_SIZE of the heap, so this many can ever exist.
  const maxArenas = Math.max(1, Math.floor(c.heapBytes / c.arenaSize));
  const arenaObjectsOff = ARENA_OBJECTS_OFF;
  const ftOff = Math.ceil((arenaObjectsOff + maxArenas * ARENA_OBJECT_BYTES) / 64) * 64;
  const ftSegments = Math.ceil(c.heapBytes / c.arenaSize);
  const end = ftOff + FT_HDR_BYTES + MAX_THREADS * FT_HEAP_BYTES + ftSegments * FT_SEG_BYTES;
  const rawStart = Math.ceil(end / SYSTEM_PAGE_SIZE) * SYSTEM_PAGE_SIZE;
  return { maxArenas, arenaObjectsOff, ftOff, ftSegments, rawStart };
}
