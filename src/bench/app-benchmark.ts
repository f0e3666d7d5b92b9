// The window's "Run benchmark": the seed test (100 short Chinese texts in one batch after a
// warm-up), a long-passage load, and top-1 accuracy on the shipped test sets, all with the
// model in use, as one row of a history kept in the data folder (newest first).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchmarkRow } from '../api/contract.js';
import type { Embedder } from '../embedder/embedder.js';
import { resourcesDir } from '../paths.js';
import { writeStoredJson } from '../stored-json.js';
import { runAccuracySets, loadTestSet } from './accuracy.js';
import { makePassages, SEED_COPIES, SEED_TEXT } from './corpus.js';

/** Rows kept: enough to compare models over weeks, small enough to read at once. */
const HISTORY_ROWS = 50;
const LONG_PASSAGES = 100;
const LONG_PASSAGE_TOKENS = 256;

export interface AppBenchmarkOptions {
  embedder: Embedder;
  historyFile: string;
  /** Test sets to score (file names in resources/testsets without .json); default: all. */
  testSets?: string[];
}

export async function readHistory(file: string): Promise<BenchmarkRow[]> {
  try {
    const rows = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return Array.isArray(rows) ? (rows as BenchmarkRow[]) : [];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export async function runAppBenchmark(options: AppBenchmarkOptions): Promise<BenchmarkRow> {
  const { embedder } = options;
  const info = await embedder.load();
  const seed = Array.from({ length: SEED_COPIES }, () => SEED_TEXT);
  await embedder.embed(seed, 'document'); // warm-up: first-call allocations are not the model's speed
  const seedStart = performance.now();
  await embedder.embed(seed, 'document');
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const room = Math.min(LONG_PASSAGE_TOKENS, info.contextTokens - 8);
  const passages = makePassages(LONG_PASSAGES, room, (text) => embedder.countTokens(text), 7);
  const tokens = passages.reduce((sum, text) => sum + embedder.countTokens(text), 0);
  const longStart = performance.now();
  await embedder.embed(passages, 'document');
  const longSeconds = (performance.now() - longStart) / 1000;

  const dir = join(resourcesDir(), 'testsets');
  const names = options.testSets ?? (await readdir(dir)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
  const sets = await Promise.all(names.sort().map((name) => loadTestSet(join(dir, `${name}.json`))));
  const reports = await runAccuracySets(sets, { embedder, modes: ['hybrid'] });

  const row: BenchmarkRow = {
    at: new Date().toISOString(),
    model: info.name,
    backend: info.backend,
    dimensions: info.dimensions,
    vramUsedBytes: info.vramUsedBytes,
    seedSeconds,
    seedTextsPerSecond: SEED_COPIES / seedSeconds,
    longTokensPerSecond: tokens / longSeconds,
    top1: Object.fromEntries(reports.map((report) => [report.testSet, report.modes[0]?.top1 ?? 0])),
  };
  const history = [row, ...(await readHistory(options.historyFile))].slice(0, HISTORY_ROWS);
  await writeStoredJson(options.historyFile, history);
  return row;
}
