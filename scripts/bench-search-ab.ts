/**
 * A/B search latency: one synthetic table (as scripts/bench-search.ts builds it), the
 * SearchService of an older checkout and this one's, queries interleaved (old, new, old,
 * ...) so both see the same contention on a shared machine. Without the model forward.
 *
 * Usage:
 *   git archive <commit> | tar -x -C /tmp/sift-base && ln -s "$PWD/node_modules" /tmp/sift-base/node_modules
 *   SIFT_AB_BASE=/tmp/sift-base ROWS=100000 DIMS=1024 \
 *     node -e "import('vite').then((v) => v.runnerImport('./scripts/bench-search-ab.ts'))"
 */
import * as lancedb from '@lancedb/lancedb';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { readGgufFileInfo } from 'node-llama-cpp';
import { SearchCorpus, vocabularyFrom } from '../src/bench/search-corpus.js';
import { ChunkStore } from '../src/index/chunk-store.js';
import { IndexMaintainer } from '../src/search/index-maintainer.js';
import { SearchService as NewService } from '../src/search/search-service.js';
import { starterModelPath } from '../src/paths.js';
import type { Embedder } from '../src/embedder/embedder.js';
import { vectorIndexSpec, DEFAULT_ANN_POLICY } from '../src/search/ann-policy.js';

const base = process.env.SIFT_AB_BASE;
if (!base) throw new Error('Set SIFT_AB_BASE to the folder of the older checkout (see the usage above).');
const { SearchService: OldService } = (await import(`${base}/src/search/search-service.ts`)) as { SearchService: typeof NewService };
const ROWS = Number(process.env.ROWS ?? 100000), DIMS = Number(process.env.DIMS ?? 1024), Q = 60;
const info = await readGgufFileInfo(starterModelPath(), { readTensorInfo: false });
const tokens = (info.metadata as unknown as { tokenizer?: { ggml?: { tokens?: string[] } } }).tokenizer?.ggml?.tokens ?? [];
const corpus = new SearchCorpus(vocabularyFrom(tokens), { dimensions: DIMS, seed: 11 });
const dir = await mkdtemp(join(tmpdir(), 'sift-ab-'));
const key = `ab_d${DIMS}`;
let store = await ChunkStore.open(dir, key, DIMS); store.close();
const db = await lancedb.connect(dir); const table = await db.openTable(`chunks_${key}`);
const sample: Array<{ text: string; vector: Float32Array }> = [];
for (let loaded = 0; loaded < ROWS; ) {
  const batch = corpus.files(`b-${loaded}`, Math.min(1000, Math.ceil((ROWS - loaded) / 10))).flatMap(({ rows }) => rows);
  for (let i = 0; i < batch.length; i += 997) sample.push(batch[i]!);
  await table.add(batch.map((row) => ({ ...row, vector: Array.from(row.vector) })));
  loaded += batch.length;
}
table.close(); db.close();
store = await ChunkStore.open(dir, key, DIMS);
await store.ensureTextIndex();
await store.buildVectorIndex(vectorIndexSpec(DEFAULT_ANN_POLICY, ROWS, DIMS));
const maintainer = new IndexMaintainer({ store: async () => store });
await maintainer.settle();
const noEmbedder = new Proxy({} as Embedder, { get: () => () => { throw new Error('the A/B excludes the model'); } });
const oldS = new OldService({ embedder: noEmbedder, store: async () => store, advisor: maintainer });
const newS = new NewService({ embedder: noEmbedder, store: async () => store, advisor: maintainer });
const queries = Array.from({ length: Q }, () => corpus.queryFor(corpus.pick(sample)));
const typo = (t: string) => t.replace(/\b([a-z]{2})([a-z])([a-z])([a-z]+)/, '$1$3$2$4');
type Query = { text: string; vector: Float32Array };
const variants: Record<string, (q: Query) => string> = {
  plain: (q) => q.text,
  typo: (q) => typo(q.text),
  syntax: (q) => `${q.text} -zzabsentword "${q.text.split(' ').slice(0, 2).join(' ')}"`,
};
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))]! * 10) / 10; };
console.log(`rows ${ROWS} dims ${DIMS}, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
for (const [name, text] of Object.entries(variants)) {
  const t: Record<string, number[]> = { old: [], new: [] };
  for (const q of queries.slice(0, 5)) { await oldS.searchWithVector({ query: text(q), limit: 20, mode: 'hybrid' }, q.vector); await newS.searchWithVector({ query: text(q), limit: 20, mode: 'hybrid' }, q.vector); }
  for (const q of queries) {
    for (const [label, s] of [['old', oldS], ['new', newS]] as const) {
      const t0 = performance.now();
      await s.searchWithVector({ query: text(q), limit: 20, mode: 'hybrid' }, q.vector);
      t[label]!.push(performance.now() - t0);
    }
  }
  console.log(`${name}: old p50 ${pct(t.old!, 0.5)} p95 ${pct(t.old!, 0.95)} | new p50 ${pct(t.new!, 0.5)} p95 ${pct(t.new!, 0.95)}  (load ${loadavg()[0]!.toFixed(1)})`);
}
store.close();
