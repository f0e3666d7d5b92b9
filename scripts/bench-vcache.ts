/**
 * The embedding cache (vcache_* table: chunk hash -> vector) on the indexer's write path:
 * every flush looks up the batch's chunk hashes and inserts the vectors it embedded. With
 * N rows already cached: a 500-row insert as a merge-insert on chunk_hash (joins the whole
 * table) against an append, and a lookup of 500 hashes with and without a BTREE on
 * chunk_hash. Interleaved; prints medians; never asserts.
 *
 *   node -e "import('vite').then((v) => v.runnerImport('./scripts/bench-vcache.ts'))" -- [--rows 100000]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import type * as Arrow from 'apache-arrow';
import * as lancedb from '@lancedb/lancedb';
import { cacheSchema } from '../src/index/store-schema.js';

const { values } = parseArgs({
  args: process.argv.slice(1).filter((arg) => arg !== '--'),
  options: { rows: { type: 'string', default: '100000' }, dims: { type: 'string', default: '1024' } },
});
const rows = Number(values.rows);
const dims = Number(values.dims);
const { Field, FixedSizeList, Float32, makeData, Schema, Struct, Table, Utf8, RecordBatch, vectorFromArray } = createRequire(import.meta.url)('apache-arrow') as typeof Arrow;

function batch(prefix: string, n: number): Arrow.Table {
  const flat = new Float32Array(n * dims).map(() => Math.random());
  const vectorType = new FixedSizeList(dims, new Field('item', new Float32(), true));
  const fields = [new Field('chunk_hash', new Utf8(), false), new Field('vector', vectorType, false)];
  const hashes = vectorFromArray(
    Array.from({ length: n }, (_, i) => `${prefix}-${i}-0123456789abcdef0123456789abcdef`),
    new Utf8(),
  ).data[0]!;
  const vector = makeData({ type: vectorType, length: n, nullCount: 0, child: makeData({ type: new Float32(), length: n * dims, data: flat }) });
  const schema = new Schema(fields);
  return new Table(schema, new RecordBatch(schema, makeData({ type: new Struct(fields), length: n, nullCount: 0, children: [hashes, vector] })));
}

const dir = await mkdtemp(join(tmpdir(), 'sift-bench-vcache-'));
try {
  const db = await lancedb.connect(dir);
  const table = await db.createEmptyTable('vcache', cacheSchema(dims));
  for (let loaded = 0; loaded < rows; loaded += 10_000) await table.add(batch(`base${loaded}`, Math.min(10_000, rows - loaded)));
  await table.optimize();
  const inList = (hashes: string[]) => `chunk_hash IN (${hashes.map((h) => `'${h}'`).join(',')})`;
  // Half the looked-up hashes are cached, half are not (a re-index after edits).
  const lookupOf = (round: number) => [
    ...Array.from({ length: 250 }, (_, i) => `base${(round * 7919) % rows - ((round * 7919) % rows) % 10_000}-${i}-0123456789abcdef0123456789abcdef`),
    ...Array.from({ length: 250 }, (_, i) => `absent${round}-${i}`),
  ];
  const time = async (fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  };
  const figures: Record<string, number[]> = { 'merge-insert 500': [], 'append 500': [], 'lookup 500, no index': [], 'lookup 500, BTREE': [] };
  for (let round = 0; round < 8; round++) {
    figures['merge-insert 500']!.push(await time(() => table.mergeInsert('chunk_hash').whenNotMatchedInsertAll().execute(batch(`m${round}`, 500))));
    figures['append 500']!.push(await time(() => table.add(batch(`a${round}`, 500))));
    figures['lookup 500, no index']!.push(await time(() => table.query().where(inList(lookupOf(round))).toArray()));
  }
  await table.createIndex('chunk_hash', { config: lancedb.Index.btree() });
  for (let round = 0; round < 8; round++) {
    figures['lookup 500, BTREE']!.push(await time(() => table.query().where(inList(lookupOf(round))).toArray()));
  }
  const found = (await table.query().where(inList(lookupOf(1))).toArray()).length;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1);
  process.stdout.write(`${rows} cached vectors (${dims}-d); lookups find ${found} of 500\n`);
  for (const [name, xs] of Object.entries(figures)) process.stdout.write(`${name}: median ${median(xs)} ms\n`);
  table.close();
  db.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
