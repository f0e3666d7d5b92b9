/**
 * Many hybrid searches at once against the real HTTP server (`sift serve`'s) over a core
 * whose index holds N synthetic chunks, with the bundled starter model embedding each
 * query: the server's RSS before, at its peak and after, latency, and what every request
 * got back (issue #14: 200 at once grew the RSS from 268 MB to 1.81 GB, p95 2.5-4.5 s).
 * Prints figures and one JSON line; never asserts.
 *
 *   node -e "import('vite').then((v) => v.runnerImport('./scripts/bench-concurrency.ts'))" -- \
 *     [--rows 100000] [--concurrent 200] [--in-flight 4] [--queued 1000]
 *   (--in-flight 0: no admission, every search let in at once, as before)
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as lancedb from '@lancedb/lancedb';
import { readGgufFileInfo } from 'node-llama-cpp';
import { chunkRowsTable } from '../src/index/arrow-rows.js';
import { latency } from '../src/bench/search-bench.js';
import { SearchCorpus, vocabularyFrom } from '../src/bench/search-corpus.js';
import { createCore } from '../src/core.js';
import { ChunkStore, modelKey } from '../src/index/chunk-store.js';
import { dbDirIn, starterModelPath } from '../src/paths.js';
import { SearchAdmission } from '../src/search/search-admission.js';
import { startHttpServer } from '../src/server/http-server.js';
import { signIn } from '../src/test-support/browser-sign-in.js';

const { values } = parseArgs({
  args: process.argv.slice(1).filter((arg) => arg !== '--'),
  options: {
    rows: { type: 'string', default: '100000' },
    concurrent: { type: 'string', default: '200' },
    'in-flight': { type: 'string', default: '4' },
    queued: { type: 'string', default: '1000' },
  },
});
const log = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
const rows = Number(values.rows);
const concurrent = Number(values.concurrent);
const inFlight = Number(values['in-flight']);

const info = await readGgufFileInfo(starterModelPath(), { readTensorInfo: false });
const tokens = (info.metadata as unknown as { tokenizer?: { ggml?: { tokens?: readonly string[] } } }).tokenizer?.ggml?.tokens ?? [];
const vocabulary = vocabularyFrom(tokens);
const dataDir = await mkdtemp(join(tmpdir(), 'sift-bench-concurrency-'));
try {
  // The core's own table for the starter model, filled with synthetic chunks first.
  const probe = await createCore({ dataDir, logger: { log: () => undefined } });
  const facts = await probe.embedder.peek();
  await probe.close();
  const dims = facts.dimensions;
  const key = modelKey(facts.name, dims);
  (await ChunkStore.open(dbDirIn(dataDir), key, dims, { key: modelKey(facts.name, facts.nativeDimensions ?? dims), dimensions: facts.nativeDimensions ?? dims })).close();
  const corpus = new SearchCorpus(vocabulary, { dimensions: dims, seed: 5 });
  const db = await lancedb.connect(dbDirIn(dataDir));
  const table = await db.openTable(`chunks_${key}`);
  const sample: string[] = [];
  for (let loaded = 0; loaded < rows; ) {
    const batch = corpus.files(`base-${loaded}`, Math.min(1000, Math.ceil((rows - loaded) / 10))).flatMap((f) => f.rows);
    for (let i = 0; i < batch.length; i += 500) sample.push(batch[i]!.text);
    await table.add(chunkRowsTable(batch, dims));
    loaded += batch.length;
  }
  table.close();
  db.close();
  log(`${rows} chunks of ${dims}-d (${facts.name}) written`);

  const admission = new SearchAdmission(inFlight > 0 ? { maxInFlight: inFlight, maxQueued: Number(values.queued) } : { maxInFlight: 1e9, maxQueued: 0 });
  const core = await createCore({ dataDir, logger: { log: () => undefined }, searchAdmission: admission });
  const ui = join(dataDir, 'ui');
  await mkdir(ui);
  await writeFile(join(ui, 'index.html'), '<!doctype html><title>Sift</title>');
  const server = await startHttpServer({ service: core.service, ui: { staticDir: ui }, port: 0 });
  const session = await signIn(server);
  const search = async (query: string) => {
    const started = performance.now();
    const response = await fetch(`${server.url}/api/search`, { method: 'POST', headers: session.headers, body: JSON.stringify({ query, limit: 10 }) });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started };
  };
  const queries = Array.from({ length: concurrent }, (_, i) => corpus.queryFor({ text: sample[i % sample.length]!, vector: new Float32Array(dims) }).text);
  await search(queries[0]!);
  await core.settleIndexes();
  for (const q of queries.slice(0, 10)) await search(q);
  const sequential = [];
  for (const q of queries.slice(10, 40)) sequential.push((await search(q)).ms);
  log(`one at a time: ${JSON.stringify(latency(sequential))}`);

  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const answers = await Promise.all(queries.map(search));
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  const rssAfter = process.memoryUsage().rss;
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  const rssIdle = process.memoryUsage().rss;
  const statuses: Record<number, number> = {};
  for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
  const result = {
    rows,
    dims,
    concurrent,
    admission: admission.limits,
    statuses,
    latency: latency(answers.filter((a) => a.status === 200).map((a) => a.ms)),
    wallSeconds: Math.round(wallMs / 100) / 10,
    rssMiB: { before: mib(rssBefore), peak: mib(rssPeak), after: mib(rssAfter), idle10s: mib(rssIdle), growth: mib(rssPeak - rssBefore) },
    stats: admission.stats(),
  };
  log(`${concurrent} at once: ${JSON.stringify(result)}`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await server.close();
  await core.close();
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
