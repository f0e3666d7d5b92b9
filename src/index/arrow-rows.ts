// Chunk rows as one Arrow table, built column by column: what the store hands LanceDB on
// every write (and the benchmark's bulk load of a million 1,024-d rows). Handing LanceDB
// plain objects makes it infer a schema and copy every vector element into an Arrow
// builder on the JS thread, ~450 us a row on this machine (7.5 minutes at 1M; 0.1-0.2 s
// per 500-row commit, during which no search could run its JS part: issue #19); columns
// built from typed arrays cost a fraction of that.
import { createRequire } from 'node:module';
import type * as Arrow from 'apache-arrow';
import type { ChunkRow } from '../index/chunk-store.js';

// LanceDB checks `instanceof Table` against the CommonJS build of apache-arrow that it
// requires; a table made with the ES module build is a different class to it.
const { Field, FixedSizeList, Float32, Int32, makeData, Schema, Struct, Table, Utf8, RecordBatch, vectorFromArray } = createRequire(
  import.meta.url,
)('apache-arrow') as typeof Arrow;
type Table = Arrow.Table;

export function chunkRowsTable(rows: readonly ChunkRow[], dimensions: number): Table {
  const n = rows.length;
  const flat = new Float32Array(n * dimensions);
  rows.forEach((row, i) => {
    if (row.vector.length !== dimensions) throw new Error(`chunk ${row.id} has a ${row.vector.length}-dimensional vector; the table holds ${dimensions}`);
    flat.set(row.vector, i * dimensions);
  });
  const item = new Field('item', new Float32(), true);
  const vectorType = new FixedSizeList(dimensions, item);
  const vector = makeData({ type: vectorType, length: n, nullCount: 0, child: makeData({ type: new Float32(), length: n * dimensions, data: flat }) });
  const strings = (pick: (row: ChunkRow) => string) => vectorFromArray(rows.map(pick), new Utf8()).data[0]!;
  const ints = (pick: (row: ChunkRow) => number) => makeData({ type: new Int32(), length: n, data: Int32Array.from(rows, pick) });
  const fields = [
    new Field('id', new Utf8(), false),
    new Field('path', new Utf8(), false),
    new Field('folder', new Utf8(), false),
    new Field('chunk', new Int32(), false),
    new Field('char_start', new Int32(), false),
    new Field('char_end', new Int32(), false),
    new Field('line_no', new Int32(), false),
    new Field('text', new Utf8(), false),
    new Field('chunk_hash', new Utf8(), false),
    new Field('vector', vectorType, false),
  ];
  const children = [
    strings((r) => r.id),
    strings((r) => r.path),
    strings((r) => r.folder),
    ints((r) => r.chunk),
    ints((r) => r.char_start),
    ints((r) => r.char_end),
    ints((r) => r.line_no),
    strings((r) => r.text),
    strings((r) => r.chunk_hash),
    vector,
  ];
  const schema = new Schema(fields);
  const struct = makeData({ type: new Struct(fields), length: n, nullCount: 0, children });
  return new Table(schema, new RecordBatch(schema, struct));
}

/** Embedding-cache rows (chunk hash -> full-length vector) as one Arrow table. */
export function cacheRowsTable(entries: ReadonlyArray<{ hash: string; vector: Float32Array }>, dimensions: number): Table {
  const n = entries.length;
  const flat = new Float32Array(n * dimensions);
  entries.forEach(({ hash, vector }, i) => {
    if (vector.length !== dimensions) throw new Error(`cached vector ${hash} has ${vector.length} dimensions; the cache holds ${dimensions}`);
    flat.set(vector, i * dimensions);
  });
  const vectorType = new FixedSizeList(dimensions, new Field('item', new Float32(), true));
  const fields = [new Field('chunk_hash', new Utf8(), false), new Field('vector', vectorType, false)];
  const children = [
    vectorFromArray(entries.map((entry) => entry.hash), new Utf8()).data[0]!,
    makeData({ type: vectorType, length: n, nullCount: 0, child: makeData({ type: new Float32(), length: n * dimensions, data: flat }) }),
  ];
  const schema = new Schema(fields);
  return new Table(schema, new RecordBatch(schema, makeData({ type: new Struct(fields), length: n, nullCount: 0, children })));
}
