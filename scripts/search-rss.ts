/**
 * Resident memory of a process that searches an index, for the footprint figures of
 * scripts/bench-search.ts (which runs this in a child, so the benchmark's own load does
 * not count): opens the table, runs hybrid searches through the real SearchService with
 * the query vector given, and prints one JSON line {rssBefore, rssAfter, rssPeak}.
 *
 *   node -e "import('vite').then((v) => v.runnerImport('./scripts/search-rss.ts'))" -- --dir D --key K --dims N
 */
import { parseArgs } from 'node:util';
import { ChunkStore } from '../src/index/chunk-store.js';
import { IndexMaintainer } from '../src/search/index-maintainer.js';
import { SearchService } from '../src/search/search-service.js';
import { SearchCorpus } from '../src/bench/search-corpus.js';
import type { Embedder } from '../src/embedder/embedder.js';

const { values } = parseArgs({
  args: process.argv.slice(1).filter((arg) => arg !== '--'),
  options: { dir: { type: 'string' }, key: { type: 'string' }, dims: { type: 'string' }, queries: { type: 'string', default: '200' } },
});
const dims = Number(values.dims);
const rssBefore = process.memoryUsage().rss;
const store = await ChunkStore.open(values.dir!, values.key!, dims, undefined, { create: false });
const maintainer = new IndexMaintainer({ store: async () => store, readOnly: true });
const service = new SearchService({ embedder: {} as Embedder, store: async () => store, advisor: maintainer });
const words = ['river', 'market', 'winter', 'library', 'science', 'garden', 'doctor', 'music', 'travel', 'history'];
const corpus = new SearchCorpus(words, { dimensions: dims, seed: 99 });
let rssPeak = 0;
for (let i = 0; i < Number(values.queries); i++) {
  const row = { text: corpus.text(), vector: corpus.near(new Float32Array(dims).fill(1 / Math.sqrt(dims)), 3) };
  const q = corpus.queryFor(row);
  await service.searchWithVector({ query: q.text, limit: 20, mode: 'hybrid' }, q.vector);
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
}
process.stdout.write(`${JSON.stringify({ rssBefore, rssAfter: process.memoryUsage().rss, rssPeak })}\n`);
store.close();
