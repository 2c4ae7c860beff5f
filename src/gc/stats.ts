/**
 * The collector's statistics for the run summary (--json `gc`, --stats), read from the
 * heap's GC block: every thread's collections count, whichever thread ran them.
 */
import { GC_STAT, GCS, NUM_GENERATIONS } from "./layout.js";

export interface GcGenerationStats {
  collections: number;
  collected: number;
  uncollectable: number;
}

export interface GcSummary {
  /** gc.get_stats(), per generation 0..2. */
  generations: GcGenerationStats[];
  thresholds: number[];
  enabled: boolean;
}

export function gcSummary(i32: Int32Array): GcSummary {
  const generations: GcGenerationStats[] = [];
  for (let g = 0; g < NUM_GENERATIONS; g++) {
    const st = GCS.STATS + 3 * g;
    generations.push({
      collections: i32[st + GC_STAT.COLLECTIONS]!,
      collected: i32[st + GC_STAT.COLLECTED]!,
      uncollectable: i32[st + GC_STAT.UNCOLLECTABLE]!,
    });
  }
  const thresholds = [0, 1, 2].map((g) => i32[GCS.THRESHOLD + g]!);
  return { generations, thresholds, enabled: i32[GCS.ENABLED] !== 0 };
}

/** One line for --stats: collections and objects collected per generation. */
export function gcStatsLine(s: GcSummary): string {
  const per = s.generations.map((g, i) => `gen ${i}: ${g.collections} (${g.collected} collected)`).join(", ");
  const unc = s.generations.reduce((n, g) => n + g.uncollectable, 0);
  return `${per}; ${unc} uncollectable`;
}
