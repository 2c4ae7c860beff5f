/**
 * checkHeap: walk every arena, pool and free list and check the invariants written next
 * to the data in obmalloc.ts and raw.ts (mimalloc's `mi_heap_validate` idea). Every
 * pointer it follows is bounds-checked and every walk is bounded, so a corrupted heap
 * yields a list of problems, never a hang or an exception. Tests call it after every step.
 */
import { ALIGNMENT_SHIFT, NB_SMALL_SIZE_CLASSES, POOL_OVERHEAD } from "./config.js";
import { AO, ARENA_OBJECT_BYTES, NFP2LASTA_OFF, OBM, POOL, USEDPOOL_HEAD_BYTES, USEDPOOLS_OFF } from "./layout.js";
import type { ObMalloc } from "./obmalloc.js";

export interface HeapCheck {
  ok: boolean;
  problems: string[];
  /** Blocks handed out by pymalloc, per size class (a cross-check for callers' own counts). */
  blocksInUse: number[];
  arenas: number;
  pools: number;
}

const MAX_PROBLEMS = 50;
const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;

export function checkHeap(ob: ObMalloc): HeapCheck {
  const i32 = ob.heap.i32;
  const { poolSize, arenaSize, maxArenas, maxPoolsInArena } = ob;
  const heapBytes = ob.heap.config.heapBytes;
  const aoOff = ob.heap.layout.arenaObjectsOff;
  const problems: string[] = [];
  const report = (msg: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(msg);
  };
  const isArenaObject = (ao: number): boolean =>
    ao >= aoOff && ao < aoOff + maxArenas * ARENA_OBJECT_BYTES && (ao - aoOff) % ARENA_OBJECT_BYTES === 0;
  const blocksInUse = new Array<number>(NB_SMALL_SIZE_CLASSES).fill(0);

  // ── arena objects: unused list, and each attached arena's pools ──
  const unused = new Set<number>();
  let ao = i32[OBM.UNUSED_ARENA_OBJECTS]!;
  for (let steps = 0; ao !== 0; steps++) {
    if (steps > maxArenas || !isArenaObject(ao)) { report(`unused_arena_objects is corrupt at ${hex(ao)}`); break; }
    if (i32[(ao >> 2) + AO.ADDRESS] !== 0) report(`arena object ${hex(ao)} is on unused_arena_objects but has an address`);
    if (unused.has(ao)) { report(`arena object ${hex(ao)} is twice on unused_arena_objects`); break; }
    unused.add(ao);
    ao = i32[(ao >> 2) + AO.NEXTARENA]!;
  }

  /** pool byte address -> where it is listed ("used" / "free"), so no pool is on two lists. */
  const listed = new Map<number, string>();
  const poolInfo = new Map<number, { arena: number; count: number; full: boolean; szidx: number }>();
  let arenas = 0, pools = 0;
  for (let k = 0; k < maxArenas; k++) {
    const aobj = aoOff + k * ARENA_OBJECT_BYTES;
    const a = aobj >> 2;
    const address = i32[a + AO.ADDRESS]!;
    if (address === 0) {
      if (!unused.has(aobj)) report(`arena object ${k} is neither attached nor on unused_arena_objects`);
      continue;
    }
    arenas++;
    if (address <= 0 || address + arenaSize > heapBytes) { report(`arena ${k} address ${hex(address)} out of bounds`); continue; }
    let first = address;
    let ntotal = maxPoolsInArena;
    if (address & (poolSize - 1)) { first = (address & ~(poolSize - 1)) + poolSize; ntotal--; }
    if (i32[a + AO.NTOTALPOOLS] !== ntotal) report(`arena ${k}: ntotalpools ${i32[a + AO.NTOTALPOOLS]} != ${ntotal}`);
    const poolAddress = i32[a + AO.POOL_ADDRESS]!;
    if (poolAddress < first || poolAddress > first + ntotal * poolSize || (poolAddress - first) % poolSize !== 0) {
      report(`arena ${k}: pool_address ${hex(poolAddress)} outside its pools`);
      continue;
    }
    const carved = (poolAddress - first) / poolSize;
    // freepools: every member a carved, empty pool of this arena, listed once.
    let nfree = 0;
    let fp = i32[a + AO.FREEPOOLS]!;
    for (let steps = 0; fp !== 0; steps++) {
      if (steps > ntotal || fp < first || fp >= poolAddress || (fp - first) % poolSize !== 0) {
        report(`arena ${k}: freepools is corrupt at ${hex(fp)}`);
        break;
      }
      if (listed.has(fp)) { report(`pool ${hex(fp)} is on two lists`); break; }
      listed.set(fp, "free");
      if (i32[(fp >> 2) + POOL.REF_COUNT] !== 0) report(`pool ${hex(fp)} on freepools has ${i32[(fp >> 2) + POOL.REF_COUNT]} blocks allocated`);
      nfree++;
      fp = i32[(fp >> 2) + POOL.NEXTPOOL]!;
    }
    const nfreepools = i32[a + AO.NFREEPOOLS]!;
    if (nfreepools !== nfree + (ntotal - carved)) {
      report(`arena ${k}: nfreepools ${nfreepools} != ${nfree} cached + ${ntotal - carved} virgin`);
    }
    for (let pool = first; pool < poolAddress; pool += poolSize) {
      const p = pool >> 2;
      const count = i32[p + POOL.REF_COUNT]!;
      if (i32[p + POOL.ARENAINDEX] !== k) report(`pool ${hex(pool)}: arenaindex ${i32[p + POOL.ARENAINDEX]} != ${k}`);
      if (count === 0) {
        if (listed.get(pool) !== "free") report(`empty pool ${hex(pool)} is not on its arena's freepools`);
        continue;
      }
      pools++;
      const szidx = i32[p + POOL.SZIDX]!;
      if (szidx < 0 || szidx >= NB_SMALL_SIZE_CLASSES) { report(`pool ${hex(pool)}: bad szidx ${szidx}`); continue; }
      const size = (szidx + 1) << ALIGNMENT_SHIFT;
      const capacity = Math.floor((poolSize - POOL_OVERHEAD) / size);
      if (count < 0 || count > capacity) { report(`pool ${hex(pool)}: count ${count} outside 0..${capacity}`); continue; }
      // The free list: blocks of this pool, on block boundaries, below the virgin space, once each.
      const nextoffset = i32[p + POOL.NEXTOFFSET]!;
      const maxnext = i32[p + POOL.MAXNEXTOFFSET]!;
      if (maxnext !== poolSize - size) report(`pool ${hex(pool)}: maxnextoffset ${maxnext} != ${poolSize - size}`);
      const seen = new Set<number>();
      let bp = i32[p + POOL.FREEBLOCK]!;
      const full = bp === 0;
      for (let steps = 0; bp !== 0; steps++) {
        const off = bp - pool;
        if (steps >= capacity || off < POOL_OVERHEAD || off >= nextoffset || (off - POOL_OVERHEAD) % size !== 0) {
          report(`pool ${hex(pool)}: free list is corrupt at ${hex(bp)}`);
          break;
        }
        if (seen.has(bp)) { report(`pool ${hex(pool)}: block ${hex(bp)} twice on the free list`); break; }
        seen.add(bp);
        bp = i32[bp >> 2]!;
      }
      const virgin = nextoffset <= maxnext ? Math.floor((maxnext - nextoffset) / size) + 1 : 0;
      if (count + seen.size + virgin !== capacity) {
        report(`pool ${hex(pool)} (class ${szidx}): ${count} allocated + ${seen.size} free + ${virgin} virgin != ${capacity}`);
      }
      blocksInUse[szidx]! += count;
      poolInfo.set(pool, { arena: k, count, full, szidx });
    }
  }

  // ── usedpools: exactly the pools with 0 < count and a non-empty free list ──
  for (let i = 0; i < NB_SMALL_SIZE_CLASSES; i++) {
    const head = USEDPOOLS_OFF + i * USEDPOOL_HEAD_BYTES;
    let prev = head;
    let pool = i32[(head >> 2) + POOL.NEXTPOOL]!;
    for (let steps = 0; pool !== head; steps++) {
      const info = poolInfo.get(pool);
      if (steps > poolInfo.size || info === undefined) { report(`usedpools[${i}] is corrupt at ${hex(pool)}`); break; }
      if (listed.has(pool)) { report(`pool ${hex(pool)} is on two lists`); break; }
      listed.set(pool, "used");
      if (info.szidx !== i) report(`pool ${hex(pool)} of class ${info.szidx} is on usedpools[${i}]`);
      if (info.full) report(`full pool ${hex(pool)} is on usedpools[${i}]`);
      if (i32[(pool >> 2) + POOL.PREVPOOL] !== prev) report(`pool ${hex(pool)}: prevpool link broken`);
      prev = pool;
      pool = i32[(pool >> 2) + POOL.NEXTPOOL]!;
    }
    if (i32[(head >> 2) + POOL.PREVPOOL] !== prev) report(`usedpools[${i}]: head's prevpool link broken`);
  }
  for (const [pool, info] of poolInfo) {
    if (!info.full && listed.get(pool) !== "used") report(`used pool ${hex(pool)} (class ${info.szidx}) is not on usedpools`);
  }

  // ── usable_arenas: exactly the attached arenas with a free pool, sorted; nfp2lasta right ──
  const lastWith = new Map<number, number>();
  let prevArena = 0, prevNf = 0, onList = 0;
  ao = i32[OBM.USABLE_ARENAS]!;
  for (let steps = 0; ao !== 0; steps++) {
    if (steps > maxArenas || !isArenaObject(ao)) { report(`usable_arenas is corrupt at ${hex(ao)}`); break; }
    const a = ao >> 2;
    const nf = i32[a + AO.NFREEPOOLS]!;
    if (i32[a + AO.ADDRESS] === 0) report(`unattached arena object ${hex(ao)} on usable_arenas`);
    if (nf <= 0) report(`arena object ${hex(ao)} with no free pool on usable_arenas`);
    if (nf < prevNf) report(`usable_arenas not sorted by nfreepools (${prevNf} before ${nf})`);
    if (i32[a + AO.PREVARENA] !== prevArena) report(`arena object ${hex(ao)}: prevarena link broken`);
    lastWith.set(nf, ao);
    prevArena = ao;
    prevNf = nf;
    onList++;
    ao = i32[a + AO.NEXTARENA]!;
  }
  let shouldBeOn = 0;
  for (let k = 0; k < maxArenas; k++) {
    const a = (aoOff + k * ARENA_OBJECT_BYTES) >> 2;
    if (i32[a + AO.ADDRESS] !== 0 && i32[a + AO.NFREEPOOLS]! > 0) shouldBeOn++;
  }
  if (onList !== shouldBeOn) report(`usable_arenas holds ${onList} arenas, ${shouldBeOn} attached arenas have free pools`);
  for (let n = 1; n <= maxPoolsInArena; n++) {
    const got = i32[(NFP2LASTA_OFF >> 2) + n]!;
    const want = lastWith.get(n) ?? 0;
    if (got !== want) report(`nfp2lasta[${n}] is ${hex(got)}, the last arena with ${n} free pools is ${hex(want)}`);
  }

  for (const p of ob.raw.check()) report(p);
  return { ok: problems.length === 0, problems, blocksInUse, arenas, pools };
}
