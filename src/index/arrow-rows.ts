// Chunk rows as one Arrow table, built column by column: what the store hands LanceDB on
// every write (and the benchmark's bulk load of a million 1,024-d rows). Handing LanceDB
// plain objects makes it infer a schema and copy every vector element into an Arrow
// builder on the JS thread, ~450 us a row on this machine (7.5 minutes at 1M; 0.1-0.2 s
// per 500-row commit, during which no search could run its JS part: issue #19); columns
// built from typed arrays cost a fraction of that.
import { createRequire } from 'node:module';
import type * as Arrow from 'apache-arrow';
import type { ChunkRow } from '../index/chunk-store.js';
import { CHUNK_SCALAR_FIELDS } from './store-schema.js';

// LanceDB checks `instanceof Table` against the CommonJS build of apache-arrow that it
// requires; a table made with the ES module build is a different class to it.
const { Field, FixedSizeList, Float32, Int32, makeData, Schema, Struct, Table, Utf8, RecordBatch, vectorFromArray } = createRequire(
  import.meta.url,
)('apache-arrow') as typeof Arrow;
type Table = Arrow.Table;

/** `vectors` as one FixedSizeList<Float32> column of `dimensions`; a vector of another
 *  length throws with `mismatch`'s sentence. */
function vectorColumn(
  vectors: readonly Float32Array[],
  dimensions: number,
  mismatch: (i: number, length: number) => string,
): { type: Arrow.FixedSizeList; data: Arrow.Data } {
  const n = vectors.length;
  const flat = new Float32Array(n * dimensions);
  vectors.forEach((vector, i) => {
    if (vector.length !== dimensions) throw new Error(mismatch(i, vector.length));
    flat.set(vector, i * dimensions);
  });
  const type = new FixedSizeList(dimensions, new Field('item', new Float32(), true));
  return { type, data: makeData({ type, length: n, nullCount: 0, child: makeData({ type: new Float32(), length: n * dimensions, data: flat }) }) };
}

/** One record batch of `fields` and their column data, as a table. */
function tableOf(fields: Arrow.Field[], children: Arrow.Data[], length: number): Table {
  const schema = new Schema(fields);
  return new Table(schema, new RecordBatch(schema, makeData({ type: new Struct(fields), length, nullCount: 0, children })));
}

export function chunkRowsTable(rows: readonly ChunkRow[], dimensions: number): Table {
  const vector = vectorColumn(
    rows.map((row) => row.vector),
    dimensions,
    (i, length) => `chunk ${rows[i]!.id} has a ${length}-dimensional vector; the table holds ${dimensions}`,
  );
  const fields = [
    ...CHUNK_SCALAR_FIELDS.map(([name, kind]) => new Field(name, kind === 'int32' ? new Int32() : new Utf8(), false)),
    new Field('vector', vector.type, false),
  ];
  const children = [
    ...CHUNK_SCALAR_FIELDS.map(([name, kind]) =>
      kind === 'int32'
        ? makeData({ type: new Int32(), length: rows.length, data: Int32Array.from(rows, (row) => row[name]) })
        : vectorFromArray(rows.map((row) => row[name]), new Utf8()).data[0]!,
    ),
    vector.data,
  ];
  return tableOf(fields, children, rows.length);
}

/** Embedding-cache rows (chunk hash -> full-length vector) as one Arrow table. */
export function cacheRowsTable(entries: ReadonlyArray<{ hash: string; vector: Float32Array }>, dimensions: number): Table {
  const vector = vectorColumn(
    entries.map((entry) => entry.vector),
    dimensions,
    (i, length) => `cached vector ${entries[i]!.hash} has ${length} dimensions; the cache holds ${dimensions}`,
  );
  const fields = [new Field('chunk_hash', new Utf8(), false), new Field('vector', vector.type, false)];
  const children = [vectorFromArray(entries.map((entry) => entry.hash), new Utf8()).data[0]!, vector.data];
  return tableOf(fields, children, entries.length);
}
