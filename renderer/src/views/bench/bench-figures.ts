// Pure helpers for the Benchmark view: a test set's plain name, a run's mean accuracy, and
// the latest run of each model for the side-by-side comparison. Table-tested.
import type { BenchmarkRow } from '../../../../src/api/contract.js';

/** The mean top-1 accuracy over the sets a run scored (undefined when it scored none). */
export function meanAccuracy(row: Pick<BenchmarkRow, 'top1'>): number | undefined {
  const values = Object.values(row.top1);
  if (values.length === 0) return undefined;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** What makes two runs the same setup: model, backend and vector length. */
export function setupKey(row: Pick<BenchmarkRow, 'model' | 'backend' | 'dimensions'>): string {
  return `${row.model}\u0000${row.backend}\u0000${row.dimensions}`;
}

/** The newest run of each setup, newest first, at most `limit` (rows arrive newest first). */
export function latestPerSetup(rows: readonly BenchmarkRow[], limit = 6): BenchmarkRow[] {
  const seen = new Set<string>();
  const latest: BenchmarkRow[] = [];
  for (const row of rows) {
    const key = setupKey(row);
    if (seen.has(key)) continue;
    seen.add(key);
    latest.push(row);
    if (latest.length === limit) break;
  }
  return latest;
}

/** Every test set any of the rows scored, sorted by name. */
export function setsOf(rows: readonly Pick<BenchmarkRow, 'top1'>[]): string[] {
  return [...new Set(rows.flatMap((row) => Object.keys(row.top1)))].sort();
}

/** A set's name without its file-name dashes when the UI has no plain name for it:
 *  "en-legal-terms" -> "legal terms (en)". */
export function plainSetName(name: string): string {
  const match = /^([a-z]{2}(?:-[A-Z]{2})?)-(.+)$/.exec(name);
  if (!match) return name.replace(/[-_]+/g, ' ');
  return `${match[2]!.replace(/[-_]+/g, ' ')} (${match[1]})`;
}
