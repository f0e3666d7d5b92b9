// The search benchmark's figures as the table of issue #19, for bench/SEARCH-RESULTS.md.
import type { Latency } from './search-bench.js';

interface BenchFigures {
  rows?: number;
  newRows?: number;
  dimensions?: number;
  textIndexBuildSeconds?: number;
  hybrid?: Latency;
  ann?: Record<string, { buildSeconds: number; recallAt10: number; params: object; sweep: Record<string, { recallAt10: number }> }>;
  newChunks?: { rows: number; commits: number; writeSeconds: number; optimizeSeconds: number; hybridWithUnindexedRows: Latency };
  newChunksWithUpkeep?: {
    writeSeconds: number;
    hybridDuringWrites: Latency;
    hybridDuringUpkeepAfterWrites?: Latency;
    hybridDuringConsolidation?: Latency;
    settleAfterLastWriteSeconds: number;
    consolidateBeforeSeconds?: number;
  };
  footprint?: { diskBytesPer100k: number; rssBytesPer100k: number };
}

const ms = (l: Latency | undefined) => (l ? `${l.p50} / ${l.p95} ms` : '-');
const mib = (bytes: number | undefined) => (bytes === undefined ? '-' : `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MiB`);

export function summaryTable(results: Record<string, unknown>): string[] {
  const r = results as BenchFigures;
  const [kind, ann] = Object.entries(r.ann ?? {}).at(-1) ?? [];
  const before = ann?.sweep['before #19: nprobes=20,refine=5, limit 10']?.recallAt10;
  const rows = (r.rows ?? 0).toLocaleString('en-US');
  return [
    `| figure (${rows} rows x ${r.dimensions}-d) | value |`,
    '|---|---:|',
    `| vector recall@10, breadth before #19 (nprobes 20, refine 5, limit 10) | ${before ?? '-'} |`,
    `| vector recall@10, policy breadth ${JSON.stringify(ann?.params ?? {})} at the service's limit 60 | ${ann?.recallAt10 ?? '-'} |`,
    `| hybrid p50 / p95, idle | ${ms(r.hybrid)} |`,
    `| hybrid p50 / p95 with ${r.newChunks?.rows ?? '-'} rows unindexed, no upkeep | ${ms(r.newChunks?.hybridWithUnindexedRows)} |`,
    `| hybrid p50 / p95 while ${r.newRows ?? '-'} chunks are written with upkeep on | ${ms(r.newChunksWithUpkeep?.hybridDuringWrites)} (${r.newChunksWithUpkeep?.hybridDuringWrites.n ?? 0} queries) |`,
    `| hybrid p50 / p95 during the upkeep after them (until indexes current) | ${ms(r.newChunksWithUpkeep?.hybridDuringUpkeepAfterWrites)} |`,
    `| hybrid p50 / p95 during the idle consolidation before them | ${ms(r.newChunksWithUpkeep?.hybridDuringConsolidation)} |`,
    `| writing ${r.newChunks?.rows ?? '-'} new chunks (${r.newChunks?.commits ?? '-'} commits) | ${r.newChunks?.writeSeconds ?? '-'} s |`,
    `| the same with upkeep on | ${r.newChunksWithUpkeep?.writeSeconds ?? '-'} s |`,
    `| optimise after them | ${r.newChunks?.optimizeSeconds ?? '-'} s |`,
    `| indexes current after the last write (upkeep on) | ${r.newChunksWithUpkeep?.settleAfterLastWriteSeconds ?? '-'} s |`,
    `| idle upkeep before that burst (consolidation) | ${r.newChunksWithUpkeep?.consolidateBeforeSeconds ?? '-'} s |`,
    `| ${kind ?? 'ANN'} build / full-text index build | ${ann?.buildSeconds ?? '-'} s / ${r.textIndexBuildSeconds ?? '-'} s |`,
    `| disk / RSS per 100k passages | ${mib(r.footprint?.diskBytesPer100k)} / ${mib(r.footprint?.rssBytesPer100k)} |`,
  ];
}
