/**
 * Keyword-only quality of LanceDB full-text tokenizers on the shipped test sets: each
 * set's documents in a temp table per tokenizer, the same query preprocessing as the app
 * (keywordQuery), top-1 accuracy and MRR. Why the index uses 'icu': bench/SEARCH-RESULTS.md.
 *
 * Usage: node -e "import('vite').then((v) => v.runnerImport('./scripts/bench-search-tokenizers.ts'))"
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { loadTestSet, relevantIds, scoreRanks } from '../src/bench/accuracy.js';
import { resourcesDir } from '../src/paths.js';
import { keywordQuery } from '../src/search/fulltext.js';

const TOKENIZERS: Record<string, Partial<lancedb.FtsOptions>> = {
  'icu (shipped)': { baseTokenizer: 'icu' as 'simple', stem: true, removeStopWords: true, language: 'English' },
  'ngram 2-3': { baseTokenizer: 'ngram', ngramMinLength: 2, ngramMaxLength: 3 },
  'ngram 2-2': { baseTokenizer: 'ngram', ngramMinLength: 2, ngramMaxLength: 2 },
  'simple (default)': { baseTokenizer: 'simple', stem: true, removeStopWords: true, language: 'English' },
};

for (const name of ['en-paraphrase', 'en-exact', 'zh-semantic']) {
  const set = await loadTestSet(join(resourcesDir(), 'testsets', `${name}.json`));
  const dir = await mkdtemp(join(tmpdir(), 'sift-tokenizers-'));
  const db = await lancedb.connect(dir);
  const cells: string[] = [];
  for (const [label, options] of Object.entries(TOKENIZERS)) {
    const table = await db.createTable(label.replace(/\W/g, '_'), set.documents.map((doc) => ({ id: doc.id, text: doc.text })));
    await table.createIndex('text', { config: lancedb.Index.fts({ ...options, withPosition: false }) });
    const ranks: Array<number | null> = [];
    for (const query of set.queries) {
      const rows = (await table.query().fullTextSearch(keywordQuery(query.query)).select(['id', '_score']).limit(100).toArray()) as Array<{ id: string; _score: number }>;
      const ids = rows.sort((a, b) => b._score - a._score || (a.id < b.id ? -1 : 1)).map((row) => row.id);
      const at = Math.min(...relevantIds(query).map((id) => ids.indexOf(id)).filter((i) => i >= 0));
      ranks.push(Number.isFinite(at) ? at + 1 : null);
    }
    const { top1, mrr } = scoreRanks(ranks);
    cells.push(`${label}: ${(top1 * 100).toFixed(1)}% / ${mrr.toFixed(3)}`);
    table.close();
  }
  db.close();
  await rm(dir, { recursive: true, force: true });
  process.stdout.write(`${name.padEnd(14)} ${cells.join(' | ')}\n`);
}
