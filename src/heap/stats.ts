/**
 * sys._debugmallocstats(): obmalloc.c's _PyObject_DebugMallocStats, as data and as text
 * in CPython's layout (the `printone` columns: label padded to 35, '=', value right-
 * aligned in 21 with thousands separators).
 */
import { ALIGNMENT_SHIFT, NB_SMALL_SIZE_CLASSES, POOL_OVERHEAD, SMALL_REQUEST_THRESHOLD } from "./config.js";
import { ftCensus } from "./ftcheck.js";
import { ftRegionBase } from "./ftheap.js";
import type { Heap } from "./heap.js";
import { AO, ARENA_OBJECT_BYTES, FT_HDR, OBM, POOL } from "./layout.js";
import type { ObMalloc } from "./obmalloc.js";
import { RawMalloc, type RawStats } from "./raw.js";

export interface SizeClassStats {
  index: number;
  size: number;
  pools: number;
  blocksInUse: number;
  availBlocks: number;
}

export interface MallocStats {
  smallBlockThreshold: number;
  sizeClasses: SizeClassStats[]; // all 32, in order
  arenaSize: number;
  poolSize: number;
  arenasAllocatedTotal: number;
  arenasReclaimed: number;
  arenasHighwaterMark: number;
  arenasAllocatedCurrent: number;
  bytesInAllocatedBlocks: number;
  bytesInAvailableBlocks: number;
  unusedPools: number;
  bytesLostToPoolHeaders: number;
  bytesLostToQuantization: number;
  bytesLostToArenaAlignment: number;
  total: number;
  raw: RawStats;
}

/** obmalloc.c: _PyObject_DebugMallocStats, the counting part. */
export function mallocStats(ob: ObMalloc): MallocStats {
  const i32 = ob.heap.i32;
  const { poolSize, arenaSize } = ob;
  const classes = emptyClasses();
  let narenas = 0, unusedPools = 0, arenaAlignment = 0;
  const aoOff = ob.heap.layout.arenaObjectsOff;
  for (let k = 0; k < ob.maxArenas; k++) {
    const a = (aoOff + k * ARENA_OBJECT_BYTES) >> 2;
    let base = i32[a + AO.ADDRESS]!;
    if (base === 0) continue;
    narenas++;
    unusedPools += i32[a + AO.NFREEPOOLS]!;
    if (base & (poolSize - 1)) {
      arenaAlignment += poolSize;
      base = (base & ~(poolSize - 1)) + poolSize;
    }
    // Visit every pool carved so far; empty ones count as unused pools (above).
    const end = i32[a + AO.POOL_ADDRESS]!;
    for (; base < end; base += poolSize) {
      const p = base >> 2;
      const count = i32[p + POOL.REF_COUNT]!;
      if (count === 0) continue;
      const c = classes[i32[p + POOL.SZIDX]!];
      if (c === undefined) continue; // corrupt pool header: checkHeap reports it
      c.pools++;
      c.blocksInUse += count;
      c.availBlocks += Math.floor((poolSize - POOL_OVERHEAD) / c.size) - count;
    }
  }
  const arenas = { total: i32[OBM.NTIMES_ARENA_ALLOCATED]!, current: narenas, highwater: i32[OBM.NARENAS_HIGHWATER]! };
  return summarize(classes, { arenaSize, poolSize }, arenas, unusedPools, arenaAlignment, ob.raw.stats());
}

/** The same statistics for a heap run with the free-threaded allocator (ftheap.ts):
 *  segments count as arenas, pages as pools, blocks freed by other threads but not yet
 *  collected by their owner as available. Read it when no thread is allocating. */
export function ftMallocStats(heap: Heap): MallocStats {
  const { poolSize, arenaSize } = heap.config;
  const classes = emptyClasses();
  const census = ftCensus(heap);
  for (const page of census.pages.values()) {
    const c = classes[page.szidx]!;
    const live = Math.max(0, page.used - page.threadFree - page.delayed);
    c.pools++;
    c.blocksInUse += live;
    c.availBlocks += page.reserved - live;
  }
  let unusedPools = 0;
  for (const s of census.segments) unusedPools += s.freePages + s.virgin;
  const r = ftRegionBase(heap);
  const i32 = heap.i32;
  const arenas = { total: i32[r + FT_HDR.SEGMENTS_TOTAL]!, current: census.segments.length, highwater: i32[r + FT_HDR.SEGMENTS_HIGHWATER]! };
  return summarize(classes, { arenaSize, poolSize }, arenas, unusedPools, 0, new RawMalloc(heap).stats());
}

function emptyClasses(): SizeClassStats[] {
  const classes: SizeClassStats[] = [];
  for (let i = 0; i < NB_SMALL_SIZE_CLASSES; i++) {
    classes.push({ index: i, size: (i + 1) << ALIGNMENT_SHIFT, pools: 0, blocksInUse: 0, availBlocks: 0 });
  }
  return classes;
}

/** The byte totals of _PyObject_DebugMallocStats, from the per-class counts. */
function summarize(
  classes: SizeClassStats[],
  geometry: { arenaSize: number; poolSize: number },
  arenas: { total: number; current: number; highwater: number },
  unusedPools: number,
  arenaAlignment: number,
  raw: RawStats,
): MallocStats {
  const { arenaSize, poolSize } = geometry;
  let allocated = 0, available = 0, headers = 0, quantization = 0;
  for (const c of classes) {
    allocated += c.blocksInUse * c.size;
    available += c.availBlocks * c.size;
    headers += c.pools * POOL_OVERHEAD;
    quantization += c.pools * ((poolSize - POOL_OVERHEAD) % c.size);
  }
  const total = allocated + available + unusedPools * poolSize + headers + quantization + arenaAlignment;
  return {
    smallBlockThreshold: SMALL_REQUEST_THRESHOLD,
    sizeClasses: classes,
    arenaSize,
    poolSize,
    arenasAllocatedTotal: arenas.total,
    arenasReclaimed: arenas.total - arenas.current,
    arenasHighwaterMark: arenas.highwater,
    arenasAllocatedCurrent: arenas.current,
    bytesInAllocatedBlocks: allocated,
    bytesInAvailableBlocks: available,
    unusedPools,
    bytesLostToPoolHeaders: headers,
    bytesLostToQuantization: quantization,
    bytesLostToArenaAlignment: arenaAlignment,
    total,
    raw,
  };
}

/** obmalloc.c: printone. */
function printone(label: string, value: number): string {
  return `${label.padEnd(35)}=${value.toLocaleString("en-US").padStart(21)}\n`;
}

/** The text sys._debugmallocstats() writes to stderr, followed by gilsim's raw-region lines. */
export function formatMallocStats(s: MallocStats): string {
  let out = `Small block threshold = ${s.smallBlockThreshold}, in ${s.sizeClasses.length} size classes.\n\n`;
  out += "class   size   num pools   blocks in use  avail blocks\n";
  out += "-----   ----   ---------   -------------  ------------\n";
  for (const c of s.sizeClasses) {
    if (c.pools === 0) continue;
    out += `${String(c.index).padStart(5)} ${String(c.size).padStart(6)} ${String(c.pools).padStart(11)} ` +
      `${String(c.blocksInUse).padStart(15)} ${String(c.availBlocks).padStart(13)}\n`;
  }
  out += "\n";
  out += printone("# arenas allocated total", s.arenasAllocatedTotal);
  out += printone("# arenas reclaimed", s.arenasReclaimed);
  out += printone("# arenas highwater mark", s.arenasHighwaterMark);
  out += printone("# arenas allocated current", s.arenasAllocatedCurrent);
  out += printone(`${s.arenasAllocatedCurrent} arenas * ${s.arenaSize} bytes/arena`, s.arenasAllocatedCurrent * s.arenaSize);
  out += "\n";
  out += printone("# bytes in allocated blocks", s.bytesInAllocatedBlocks);
  out += printone("# bytes in available blocks", s.bytesInAvailableBlocks);
  out += printone(`${s.unusedPools} unused pools * ${s.poolSize} bytes`, s.unusedPools * s.poolSize);
  out += printone("# bytes lost to pool headers", s.bytesLostToPoolHeaders);
  out += printone("# bytes lost to quantization", s.bytesLostToQuantization);
  out += printone("# bytes lost to arena alignment", s.bytesLostToArenaAlignment);
  out += printone("Total", s.total);
  out += "\nraw (system malloc) region\n";
  out += printone("# raw blocks in use", s.raw.blocksInUse);
  out += printone("# raw bytes in use", s.raw.bytesInUse);
  out += printone("# raw bytes mapped as arenas", s.raw.mmapBytes);
  out += printone("# raw bytes free", s.raw.freeBytes);
  out += printone("# raw largest free chunk", s.raw.largestFree);
  return out;
}
