// What an index costs per 100,000 passages, on disk and in memory, for a vector length:
// the Models view's estimate for each Matryoshka dimension. Dependency-free (the renderer
// imports it). Measured by scripts/bench-search.ts (~150-word chunks, IVF_RQ + full-text +
// path indexes, old versions cleaned up; memory: what searching adds to a fresh process),
// figures in bench/SEARCH-RESULTS.md; the vector length's share is modelled from what
// each row holds, the rest is the measured remainder.

export interface IndexFootprint {
  /** Table files: text, ids, the float32 vectors, the vector, full-text and path indexes. */
  diskBytes: number;
  /** Resident memory a searching process adds: index caches, LanceDB's buffers. */
  memoryBytes: number;
}

/** Measured at 1,024 dimensions (bench/SEARCH-RESULTS.md, "Footprint"): disk 447 MiB per
 *  100k at 100k passages and 445 at 1M (at 256-d the model gives 145 where 132 were
 *  measured); memory: a searching process grew 114 MiB over 120k passages and 244 MiB over
 *  1.02M, i.e. ~100 MiB whatever the size (LanceDB's caches, buffers) + 15 MiB per 100k. */
const MEASURED = { dimensions: 1024, diskBytesPer100k: 447 * 2 ** 20, memoryBytesPer100k: 15 * 2 ** 20 };
/** Memory a searching process adds whatever the size of its index. */
export const SEARCH_MEMORY_FIXED_BYTES = 100 * 2 ** 20;

/** Bytes a row holds per dimension. On disk: the float32 vector (4), and in the index
 *  either RabitQ's 1 bit (IVF_RQ, lengths divisible by 8) or the vector again (IVF_FLAT,
 *  short lengths, see src/search/ann-policy.ts). In memory: the index's codes. */
function perDimension(dimensions: number): { disk: number; memory: number } {
  const flat = dimensions % 8 !== 0 && dimensions <= 256;
  return flat ? { disk: 8, memory: 4 } : { disk: 4 + 1 / 8, memory: 1 / 8 };
}

/** Disk and memory per 100,000 more passages at this vector length (memory without
 *  SEARCH_MEMORY_FIXED_BYTES). */
export function indexFootprintPer100k(dimensions: number): IndexFootprint {
  const measured = perDimension(MEASURED.dimensions);
  const here = perDimension(dimensions);
  const disk = MEASURED.diskBytesPer100k + (here.disk * dimensions - measured.disk * MEASURED.dimensions) * 100_000;
  const memory = MEASURED.memoryBytesPer100k + (here.memory * dimensions - measured.memory * MEASURED.dimensions) * 100_000;
  return { diskBytes: Math.round(disk), memoryBytes: Math.round(memory) };
}

/** Disk and memory for `passages` passages at this vector length (none: nothing). */
export function indexFootprint(passages: number, dimensions: number): IndexFootprint {
  if (passages <= 0) return { diskBytes: 0, memoryBytes: 0 };
  const per = indexFootprintPer100k(dimensions);
  return {
    diskBytes: Math.round((per.diskBytes * passages) / 100_000),
    memoryBytes: SEARCH_MEMORY_FIXED_BYTES + Math.round((per.memoryBytes * passages) / 100_000),
  };
}
