/**
 * pymalloc: a model of CPython's small-object allocator, `Objects/obmalloc.c` (3.11),
 * over the SharedArrayBuffer heap. Function names below cite the C they model.
 *
 * Glossary (obmalloc.c's own vocabulary)
 *   arena   ARENA_SIZE bytes mmap'ed from the raw region, carved into pools
 *   pool    POOL_SIZE bytes (one "page") holding blocks of a single size class
 *   block   the unit handed to callers: 16 · (szidx + 1) bytes
 *
 * Size classes (ALIGNMENT 16, SMALL_REQUEST_THRESHOLD 512):
 *
 *   request in bytes     block size   size class idx
 *   ----------------------------------------------
 *        1-16               16             0
 *       17-32               32             1
 *       33-48               48             2
 *        ...               ...           ...
 *      497-512             512            31
 *
 *   0 and > 512 bytes: the raw allocator (raw.ts).
 *
 * Pool states, and the list each is on:
 *   used   some blocks allocated, some free   → usedpools[szidx] (doubly linked, circular)
 *   full   every block allocated              → no list
 *   empty  no block allocated                 → its arena's freepools (singly linked)
 * What moves a pool: alloc takes the last free block → used→full (unlinked);
 * free into a full pool → full→used (front of usedpools); free of the last
 * allocated block → used→empty (to freepools); allocate_from_new_pool → empty→used.
 *
 * Arena states: an arena (address != 0) is on usable_arenas iff nfreepools > 0.
 * usable_arenas is sorted ascending by nfreepools, so the fullest arenas are used first
 * and nearly empty ones get the chance to empty out; nfp2lasta[n] is the last arena on
 * the list with n free pools, which makes each re-sort step O(1). A wholly free arena
 * is returned to the raw region, unless it is the last on usable_arenas (no thrashing).
 *
 * Invariants (checkObmalloc verifies every one, with bounded walks):
 *   - for every pool: count + |freeblock list| + virgin blocks == (POOL_SIZE - POOL_OVERHEAD) / size
 *   - a pool is on usedpools[szidx] iff 0 < count and freeblock != NULL
 *   - a pool is on its arena's freepools iff count == 0
 *   - arena.nfreepools == |freepools| + pools never carved
 *   - an attached arena is on usable_arenas iff nfreepools > 0; the list is sorted
 *   - no block is on two free lists; no pool is on two lists
 *
 * Concurrency: nothing here is atomic. Under the GIL that is CPython's own guarantee;
 * in `nogil` mode these plain read-modify-writes race, which is the point.
 */
import { HeapCorruption } from "../errors.js";
import type { Allocator } from "./allocator.js";
import { ALIGNMENT_SHIFT, NB_SMALL_SIZE_CLASSES, POOL_OVERHEAD, SMALL_REQUEST_THRESHOLD } from "./config.js";
import type { Heap } from "./heap.js";
import {
  AO, ARENA_OBJECT_BYTES, NFP2LASTA_MAX, NFP2LASTA_OFF, OBM, POOL, USEDPOOL_HEAD_BYTES, USEDPOOLS_OFF,
} from "./layout.js";
import { RawMalloc } from "./raw.js";
import type { Stepper } from "../sched/types.js";

/** obmalloc.c: DUMMY_SIZE_IDX — a freshly carved pool belongs to no size class yet. */
const DUMMY_SIZE_IDX = 0xffff;
const USED_HEAD_WORDS = USEDPOOL_HEAD_BYTES >> 2;


export class ObMalloc implements Allocator {
  readonly raw: RawMalloc;
  readonly arenaSize: number;
  readonly poolSize: number;
  readonly maxPoolsInArena: number;
  readonly maxArenas: number;
  private readonly i32: Int32Array;
  readonly poolMask: number; // ~POOL_SIZE_MASK
  private readonly aoOff: number; // byte address of arenas[0]
  readonly aoAddressBase: number; // word index of arenas[0].address
  readonly usedBase: number; // word index of usedpools[0]'s head
  private readonly nfpBase: number; // word index of nfp2lasta[0]
  /** --schedule in a mode where this allocator runs unsynchronized (nogil): the switch
   *  points inside a free-list pop and push (src/sched/). null otherwise: one field check. */
  stepper: Stepper | null = null;

  constructor(readonly heap: Heap) {
    this.raw = new RawMalloc(heap);
    this.i32 = heap.i32;
    this.arenaSize = heap.config.arenaSize;
    this.poolSize = heap.config.poolSize;
    this.maxPoolsInArena = this.arenaSize / this.poolSize;
    this.maxArenas = heap.layout.maxArenas;
    this.poolMask = ~(this.poolSize - 1);
    this.aoOff = heap.layout.arenaObjectsOff;
    this.aoAddressBase = (this.aoOff >> 2) + AO.ADDRESS;
    this.usedBase = USEDPOOLS_OFF >> 2;
    this.nfpBase = NFP2LASTA_OFF >> 2;
  }

  /** Initialise obmalloc's globals in a new heap (the static initialisers of obmalloc.c). */
  static format(heap: Heap): void {
    const i32 = heap.i32;
    for (let i = 0; i < NB_SMALL_SIZE_CLASSES; i++) {
      // usedpools[i] starts as an empty circular list: the head points at itself.
      const head = USEDPOOLS_OFF + i * USEDPOOL_HEAD_BYTES;
      i32[(head >> 2) + POOL.NEXTPOOL] = head;
      i32[(head >> 2) + POOL.PREVPOOL] = head;
    }
    for (let n = 0; n < NFP2LASTA_MAX; n++) i32[(NFP2LASTA_OFF >> 2) + n] = 0;
    // Every arena_object starts unused, chained on unused_arena_objects (new_arena's init loop).
    const { arenaObjectsOff, maxArenas } = heap.layout;
    for (let k = 0; k < maxArenas; k++) {
      const ao = (arenaObjectsOff + k * ARENA_OBJECT_BYTES) >> 2;
      i32.fill(0, ao, ao + (ARENA_OBJECT_BYTES >> 2));
      i32[ao + AO.NEXTARENA] = k + 1 < maxArenas ? arenaObjectsOff + (k + 1) * ARENA_OBJECT_BYTES : 0;
    }
    i32[OBM.UNUSED_ARENA_OBJECTS] = arenaObjectsOff;
    i32[OBM.USABLE_ARENAS] = 0;
    i32[OBM.NARENAS_CURRENTLY_ALLOCATED] = 0;
    i32[OBM.NTIMES_ARENA_ALLOCATED] = 0;
    i32[OBM.NARENAS_HIGHWATER] = 0;
  }

  // ── allocation ──────────────────────────────────────────────────────────

  /** _PyObject_Malloc: pymalloc for 1..512 bytes, raw malloc otherwise (and as a fallback). */
  malloc(nbytes: number): number {
    if (nbytes > 0 && nbytes <= SMALL_REQUEST_THRESHOLD) {
      const bp = this.pymallocAlloc((nbytes - 1) >> ALIGNMENT_SHIFT);
      if (bp !== 0) return bp;
    }
    return this.raw.malloc(nbytes);
  }

  /** obmalloc.c: pymalloc_alloc — the fast path. Returns 0 when no arena can be had. */
  private pymallocAlloc(size: number): number {
    const i32 = this.i32;
    const head = this.usedBase + size * USED_HEAD_WORDS;
    const pool = i32[head + POOL.NEXTPOOL]!;
    if (pool === head << 2) return this.allocateFromNewPool(size);
    // There is a used pool for this size class: pop its first free block.
    const p = pool >> 2;
    i32[p + POOL.REF_COUNT] = i32[p + POOL.REF_COUNT]! + 1;
    const bp = i32[p + POOL.FREEBLOCK]!;
    const next = i32[bp >> 2]!;
    // A switch point between reading the head and writing the new one: another thread
    // here pops the same block (nogil's double allocation).
    if (this.stepper !== null) this.stepper.step();
    i32[p + POOL.FREEBLOCK] = next;
    if (next === 0) this.poolExtend(p, size);
    return bp;
  }

  /** obmalloc.c: pymalloc_pool_extend — the free list ran dry: carve a virgin block, or
   *  unlink the pool from usedpools because it is now full. `p` is the pool's word index. */
  private poolExtend(p: number, size: number): void {
    const i32 = this.i32;
    const nextoffset = i32[p + POOL.NEXTOFFSET]!;
    if (nextoffset <= i32[p + POOL.MAXNEXTOFFSET]!) {
      const bp = (p << 2) + nextoffset;
      i32[p + POOL.FREEBLOCK] = bp;
      i32[p + POOL.NEXTOFFSET] = nextoffset + ((size + 1) << ALIGNMENT_SHIFT);
      i32[bp >> 2] = 0;
      return;
    }
    // Pool is full: unlink it from usedpools.
    const next = i32[p + POOL.NEXTPOOL]!;
    const prev = i32[p + POOL.PREVPOOL]!;
    i32[(next >> 2) + POOL.PREVPOOL] = prev;
    i32[(prev >> 2) + POOL.NEXTPOOL] = next;
  }

  /** obmalloc.c: allocate_from_new_pool — usedpools[size] is empty: take a pool from the
   *  first usable arena (making an arena if there is none) and front-link it. */
  private allocateFromNewPool(size: number): number {
    const i32 = this.i32;
    let usable = i32[OBM.USABLE_ARENAS]!;
    if (usable === 0) {
      usable = this.newArena();
      if (usable === 0) return 0;
      i32[OBM.USABLE_ARENAS] = usable;
      i32[(usable >> 2) + AO.NEXTARENA] = 0;
      i32[(usable >> 2) + AO.PREVARENA] = 0;
      this.setNfp2lasta(i32[(usable >> 2) + AO.NFREEPOOLS]!, usable);
    }
    const ua = usable >> 2;
    // This arena already had the smallest nfreepools, so taking a pool keeps the list
    // sorted; only nfp2lasta needs adjusting (and the arena leaves the list if now full).
    const nfree = i32[ua + AO.NFREEPOOLS]!;
    if (this.nfp2lasta(nfree) === usable) this.setNfp2lasta(nfree, 0);
    if (nfree > 1) this.setNfp2lasta(nfree - 1, usable);

    let pool = i32[ua + AO.FREEPOOLS]!;
    if (pool !== 0) {
      // Reuse a cached empty pool.
      i32[ua + AO.FREEPOOLS] = i32[(pool >> 2) + POOL.NEXTPOOL]!;
    } else {
      // Carve a new pool out of the arena's virgin space.
      pool = i32[ua + AO.POOL_ADDRESS]!;
      i32[(pool >> 2) + POOL.ARENAINDEX] = (usable - this.aoOff) / ARENA_OBJECT_BYTES;
      i32[(pool >> 2) + POOL.SZIDX] = DUMMY_SIZE_IDX;
      i32[ua + AO.POOL_ADDRESS] = pool + this.poolSize;
    }
    i32[ua + AO.NFREEPOOLS] = nfree - 1;
    if (nfree - 1 === 0) {
      // Wholly allocated: unlink the arena from usable_arenas.
      const next = i32[ua + AO.NEXTARENA]!;
      i32[OBM.USABLE_ARENAS] = next;
      if (next !== 0) i32[(next >> 2) + AO.PREVARENA] = 0;
    }

    // Front-link the pool to usedpools[size].
    const p = pool >> 2;
    const head = (this.usedBase + size * USED_HEAD_WORDS) << 2;
    i32[p + POOL.NEXTPOOL] = head;
    i32[p + POOL.PREVPOOL] = head;
    i32[(head >> 2) + POOL.NEXTPOOL] = pool;
    i32[(head >> 2) + POOL.PREVPOOL] = pool;
    i32[p + POOL.REF_COUNT] = 1;
    if (i32[p + POOL.SZIDX] === size) {
      // It last held blocks of this size class: its header and free list are still good.
      const bp = i32[p + POOL.FREEBLOCK]!;
      i32[p + POOL.FREEBLOCK] = i32[bp >> 2]!;
      return bp;
    }
    // Initialise the pool: hand out the first block, put the second on the free list,
    // and leave the rest virgin.
    const blockSize = (size + 1) << ALIGNMENT_SHIFT;
    i32[p + POOL.SZIDX] = size;
    const bp = pool + POOL_OVERHEAD;
    i32[p + POOL.NEXTOFFSET] = POOL_OVERHEAD + (blockSize << 1);
    i32[p + POOL.MAXNEXTOFFSET] = this.poolSize - blockSize;
    i32[p + POOL.FREEBLOCK] = bp + blockSize;
    i32[(bp + blockSize) >> 2] = 0;
    return bp;
  }

  /** obmalloc.c: new_arena — attach an unused arena_object to fresh memory. 0 on failure,
   *  with nothing changed. */
  private newArena(): number {
    const i32 = this.i32;
    const ao = i32[OBM.UNUSED_ARENA_OBJECTS]!;
    if (ao === 0) return 0;
    const address = this.raw.mmap(this.arenaSize);
    if (address === 0) return 0;
    const a = ao >> 2;
    i32[OBM.UNUSED_ARENA_OBJECTS] = i32[a + AO.NEXTARENA]!;
    i32[a + AO.ADDRESS] = address;
    const current = i32[OBM.NARENAS_CURRENTLY_ALLOCATED]! + 1;
    i32[OBM.NARENAS_CURRENTLY_ALLOCATED] = current;
    i32[OBM.NTIMES_ARENA_ALLOCATED] = i32[OBM.NTIMES_ARENA_ALLOCATED]! + 1;
    if (current > i32[OBM.NARENAS_HIGHWATER]!) i32[OBM.NARENAS_HIGHWATER] = current;
    i32[a + AO.FREEPOOLS] = 0;
    // pool_address <- first pool-aligned address in the arena; an unaligned arena
    // loses a pool to alignment.
    let nfreepools = this.maxPoolsInArena;
    let poolAddress = address;
    const excess = address & (this.poolSize - 1);
    if (excess !== 0) {
      nfreepools--;
      poolAddress += this.poolSize - excess;
    }
    i32[a + AO.POOL_ADDRESS] = poolAddress;
    i32[a + AO.NFREEPOOLS] = nfreepools;
    i32[a + AO.NTOTALPOOLS] = nfreepools;
    return ao;
  }

  // ── free ────────────────────────────────────────────────────────────────

  /** _PyObject_Free. */
  free(ptr: number): void {
    if (ptr === 0) return;
    const pool = ptr & this.poolMask;
    if (this.addressInRange(ptr, pool)) this.pymallocFree(ptr, pool >> 2);
    else this.raw.free(ptr);
  }

  /** obmalloc.c: address_in_range — is `p` inside an arena pymalloc manages? Reads the
   *  pool's arenaindex even when `p` is not pymalloc's: the arena check decides. (Signed
   *  comparisons, not `>>> 0`: V8 compiles a shift whose results so far were small ints
   *  to throw its code away at the first that is not, here a raw block's garbage index.) */
  private addressInRange(p: number, pool: number): boolean {
    const arenaindex = this.i32[(pool >> 2) + POOL.ARENAINDEX]!;
    if (arenaindex < 0 || arenaindex >= this.maxArenas) return false;
    const address = this.i32[this.aoAddressBase + arenaindex * (ARENA_OBJECT_BYTES >> 2)]!;
    return address !== 0 && p >= address && p - address < this.arenaSize;
  }

  /** _PyObject_Free of a block of this pymalloc in one flat function (so a caller's
   *  compiled code holds it whole), for an untraced thread without a --schedule stepper:
   *  address_in_range and pymalloc_free, but for a pool that empties, where it returns
   *  false having changed nothing (the caller then calls free). */
  freeQuick(ptr: number): boolean {
    const i32 = this.i32;
    const pool = ptr & this.poolMask, p = pool >> 2;
    const count = i32[p + POOL.REF_COUNT]!;
    if (!this.addressInRange(ptr, pool) || count <= 1) return false;
    const lastfree = i32[p + POOL.FREEBLOCK]!;
    i32[ptr >> 2] = lastfree;
    i32[p + POOL.FREEBLOCK] = ptr;
    i32[p + POOL.REF_COUNT] = count - 1;
    if (lastfree === 0) this.insertToUsedpool(p);
    return true;
  }

  /** obmalloc.c: pymalloc_free. `p` is the pool's word index. */
  private pymallocFree(ptr: number, p: number): void {
    const i32 = this.i32;
    const count = i32[p + POOL.REF_COUNT]!;
    if (count <= 0) throw new HeapCorruption(ptr, "free of a block in a pool with no allocated blocks (double free?)");
    // Link the block to the front of the pool's free list.
    const lastfree = i32[p + POOL.FREEBLOCK]!;
    i32[ptr >> 2] = lastfree;
    // A switch point inside the push: a block another thread pushes or pops here is lost.
    if (this.stepper !== null) this.stepper.step();
    i32[p + POOL.FREEBLOCK] = ptr;
    i32[p + POOL.REF_COUNT] = count - 1;
    if (lastfree === 0) {
      // The pool was full, so it was on no list: front-link it to usedpools.
      this.insertToUsedpool(p);
      return;
    }
    if (count - 1 !== 0) return; // still used: nothing else to do
    this.insertToFreepool(p);
  }

  /** obmalloc.c: insert_to_usedpool. */
  private insertToUsedpool(p: number): void {
    const i32 = this.i32;
    const head = this.usedBase + i32[p + POOL.SZIDX]! * USED_HEAD_WORDS;
    const next = i32[head + POOL.NEXTPOOL]!; // first pool (or the head itself)
    const pool = p << 2;
    i32[p + POOL.NEXTPOOL] = next;
    i32[p + POOL.PREVPOOL] = head << 2;
    i32[(next >> 2) + POOL.PREVPOOL] = pool;
    i32[head + POOL.NEXTPOOL] = pool;
  }

  /** obmalloc.c: insert_to_freepool — the pool became empty: move it to its arena's
   *  freepools and keep usable_arenas sorted (four cases, as in CPython). */
  private insertToFreepool(p: number): void {
    const i32 = this.i32;
    const pool = p << 2;
    const next = i32[p + POOL.NEXTPOOL]!;
    const prev = i32[p + POOL.PREVPOOL]!;
    i32[(next >> 2) + POOL.PREVPOOL] = prev;
    i32[(prev >> 2) + POOL.NEXTPOOL] = next;

    const ao = this.aoOff + i32[p + POOL.ARENAINDEX]! * ARENA_OBJECT_BYTES;
    const a = ao >> 2;
    i32[p + POOL.NEXTPOOL] = i32[a + AO.FREEPOOLS]!;
    i32[a + AO.FREEPOOLS] = pool;
    let nf = i32[a + AO.NFREEPOOLS]!;
    // If this arena is the rightmost with nf free pools, nfp2lasta[nf] moves left.
    const lastnf = this.nfp2lasta(nf);
    if (lastnf === ao) {
      const pa = i32[a + AO.PREVARENA]!;
      this.setNfp2lasta(nf, pa !== 0 && i32[(pa >> 2) + AO.NFREEPOOLS] === nf ? pa : 0);
    }
    nf++;
    i32[a + AO.NFREEPOOLS] = nf;

    const nextArena = i32[a + AO.NEXTARENA]!;
    if (nf === i32[a + AO.NTOTALPOOLS]! && nextArena !== 0) {
      // Case 1: the arena is wholly free and not the last usable one: give it back.
      const prevArena = i32[a + AO.PREVARENA]!;
      if (prevArena === 0) i32[OBM.USABLE_ARENAS] = nextArena;
      else i32[(prevArena >> 2) + AO.NEXTARENA] = nextArena;
      i32[(nextArena >> 2) + AO.PREVARENA] = prevArena;
      i32[a + AO.NEXTARENA] = i32[OBM.UNUSED_ARENA_OBJECTS]!;
      i32[OBM.UNUSED_ARENA_OBJECTS] = ao;
      this.raw.munmap(i32[a + AO.ADDRESS]!);
      i32[a + AO.ADDRESS] = 0;
      i32[OBM.NARENAS_CURRENTLY_ALLOCATED] = i32[OBM.NARENAS_CURRENTLY_ALLOCATED]! - 1;
      return;
    }
    if (nf === 1) {
      // Case 2: the arena had no free pool, so it was off the list: put it at the head.
      const head = i32[OBM.USABLE_ARENAS]!;
      i32[a + AO.NEXTARENA] = head;
      i32[a + AO.PREVARENA] = 0;
      if (head !== 0) i32[(head >> 2) + AO.PREVARENA] = ao;
      i32[OBM.USABLE_ARENAS] = ao;
      if (this.nfp2lasta(1) === 0) this.setNfp2lasta(1, ao);
      return;
    }
    // If this is the only arena with nf free pools, record that.
    if (this.nfp2lasta(nf) === 0) this.setNfp2lasta(nf, ao);
    // Case 4: it was the rightmost with the old count, so it is still in order.
    if (ao === lastnf) return;
    // Case 3: slide the arena right, to just after lastnf (the rightmost arena with the
    // old count), which keeps the list sorted in O(1).
    const prevArena = i32[a + AO.PREVARENA]!;
    if (prevArena !== 0) i32[(prevArena >> 2) + AO.NEXTARENA] = nextArena;
    else i32[OBM.USABLE_ARENAS] = nextArena;
    i32[(nextArena >> 2) + AO.PREVARENA] = prevArena;
    const after = i32[(lastnf >> 2) + AO.NEXTARENA]!;
    i32[a + AO.PREVARENA] = lastnf;
    i32[a + AO.NEXTARENA] = after;
    if (after !== 0) i32[(after >> 2) + AO.PREVARENA] = ao;
    i32[(lastnf >> 2) + AO.NEXTARENA] = ao;
  }

  private nfp2lasta(n: number): number {
    return this.i32[this.nfpBase + n]!;
  }

  private setNfp2lasta(n: number, ao: number): void {
    this.i32[this.nfpBase + n] = ao;
  }

  // ── realloc and sizes ───────────────────────────────────────────────────

  /** _PyObject_Realloc / obmalloc.c: pymalloc_realloc. */
  realloc(ptr: number, nbytes: number): number {
    if (ptr === 0) return this.malloc(nbytes);
    const pool = ptr & this.poolMask;
    if (!this.addressInRange(ptr, pool)) return this.raw.realloc(ptr, nbytes);
    let size = (this.i32[(pool >> 2) + POOL.SZIDX]! + 1) << ALIGNMENT_SHIFT;
    if (nbytes <= size) {
      // Staying the same or shrinking: worth moving only if it shrinks by over 25%.
      if (4 * nbytes > 3 * size) return ptr;
      size = nbytes;
    }
    const bp = this.malloc(nbytes);
    this.heap.copyBytes(bp, ptr, size);
    this.free(ptr);
    return bp;
  }

  usableSize(ptr: number): number {
    const pool = ptr & this.poolMask;
    if (!this.addressInRange(ptr, pool)) return this.raw.usableSize(ptr);
    return (this.i32[(pool >> 2) + POOL.SZIDX]! + 1) << ALIGNMENT_SHIFT;
  }

  /** True iff `ptr` is a pymalloc block (not a raw one). */
  isSmall(ptr: number): boolean {
    return this.addressInRange(ptr, ptr & this.poolMask);
  }
}
