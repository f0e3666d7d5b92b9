// The window's "Run benchmark": the seed test (100 short Chinese texts in one batch after a
// warm-up), a long-passage load, and top-1 accuracy on the shipped test sets, all with the
// model in use, as one row of a history kept in the data folder (newest first).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchmarkProgress, BenchmarkRow, TestSetInfo } from '../api/contract.js';
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
  /** Called as the run moves on, and with each batch of texts embedded. */
  onProgress?: (progress: BenchmarkProgress) => void;
}

function testSetsDir(): string {
  return join(resourcesDir(), 'testsets');
}

async function testSetNames(only?: string[]): Promise<string[]> {
  return (only ?? (await readdir(testSetsDir())).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5))).sort();
}

/** The shipped test sets: name, language, what each tests, and its size. */
export async function listTestSets(only?: string[]): Promise<TestSetInfo[]> {
  const sets = await Promise.all((await testSetNames(only)).map((name) => loadTestSet(join(testSetsDir(), `${name}.json`))));
  return sets.map((set) => ({
    name: set.name,
    language: set.language,
    ...(set.description ? { description: set.description } : {}),
    queries: set.queries.length,
    documents: set.documents.length,
  }));
}

/** The embedder, counting what it embeds for the run's progress (the measured calls are
 *  the same calls, batched as before: counting adds nothing to their time). */
function counting(embedder: Embedder, onEmbedded: (count: number) => void): Embedder {
  return {
    load: () => embedder.load(),
    peek: () => embedder.peek(),
    countTokens: (text) => embedder.countTokens(text),
    dispose: () => embedder.dispose(),
    async embed(texts, kind) {
      const vectors = await embedder.embed(texts, kind);
      onEmbedded(texts.length);
      return vectors;
    },
  };
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
  const state: BenchmarkProgress = { stage: 'warmup', textsEmbedded: 0, setsDone: 0, setsTotal: 0 };
  const report = (next: Partial<BenchmarkProgress>) => {
    Object.assign(state, next);
    options.onProgress?.({ ...state });
  };
  const embedder = counting(options.embedder, (count) => report({ textsEmbedded: state.textsEmbedded + count }));
  try {
    const row = await benchmark(options, embedder, report);
    report({ stage: 'done' });
    return row;
  } catch (error) {
    report({ stage: 'failed' });
    throw error;
  }
}

async function benchmark(options: AppBenchmarkOptions, embedder: Embedder, report: (next: Partial<BenchmarkProgress>) => void): Promise<BenchmarkRow> {
  report({});
  const info = await embedder.load();
  const seed = Array.from({ length: SEED_COPIES }, () => SEED_TEXT);
  await embedder.embed(seed, 'document'); // warm-up: first-call allocations are not the model's speed
  report({ stage: 'seed' });
  const seedStart = performance.now();
  await embedder.embed(seed, 'document');
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const room = Math.min(LONG_PASSAGE_TOKENS, info.contextTokens - 8);
  const passages = makePassages(LONG_PASSAGES, room, (text) => embedder.countTokens(text), 7);
  const tokens = passages.reduce((sum, text) => sum + embedder.countTokens(text), 0);
  report({ stage: 'passages' });
  const longStart = performance.now();
  await embedder.embed(passages, 'document');
  const longSeconds = (performance.now() - longStart) / 1000;

  const names = await testSetNames(options.testSets);
  const sets = await Promise.all(names.map((name) => loadTestSet(join(testSetsDir(), `${name}.json`))));
  report({ stage: 'accuracy', setsTotal: sets.length });
  const reports = [];
  // One set at a time, so the run can say how far it is.
  for (const set of sets) {
    reports.push(...(await runAccuracySets([set], { embedder, modes: ['hybrid'] })));
    report({ setsDone: reports.length });
  }

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
