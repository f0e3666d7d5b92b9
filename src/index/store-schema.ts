// The LanceDB tables' shapes: the Arrow schemas of the chunk, file-state and
// embedding-cache tables, the columns queries read back, the ANN index configurations
// and the per-model key that names the tables. Kept apart from chunk-store.ts, which
// reads and writes these tables, so the layout can be read in one place.
import * as lancedb from '@lancedb/lancedb';
import { Field, FixedSizeList, Float32, Float64, Int32, Schema, Utf8 } from 'apache-arrow';
import type { VectorIndexSpec } from './chunk-rows.js';

export function vectorIndexConfig(spec: VectorIndexSpec): lancedb.Index {
  const common = { distanceType: 'cosine' as const, numPartitions: spec.partitions };
  switch (spec.kind) {
    case 'ivf_pq':
      return lancedb.Index.ivfPq({ ...common, numSubVectors: spec.subVectors });
    case 'ivf_rq':
      return lancedb.Index.ivfRq(common);
    case 'hnsw_sq':
      return lancedb.Index.hnswSq(common);
    case 'ivf_flat':
      return lancedb.Index.ivfFlat(common);
  }
}

/** The chunk table's columns before its vector, in table order, with their Arrow kind: the
 *  one list behind its schema here, the columns queries read back, and the Arrow tables
 *  writes hand LanceDB (arrow-rows.ts builds them with the CommonJS apache-arrow). */
export const CHUNK_SCALAR_FIELDS = [
  ['id', 'utf8'],
  ['path', 'utf8'],
  ['folder', 'utf8'],
  ['chunk', 'int32'],
  ['char_start', 'int32'],
  ['char_end', 'int32'],
  ['line_no', 'int32'],
  ['text', 'utf8'],
  ['chunk_hash', 'utf8'],
] as const;

export const CHUNK_COLUMNS: string[] = CHUNK_SCALAR_FIELDS.map(([name]) => name);
// Naming _distance keeps LanceDB from warning that it adds the column implicitly.
export const NEAREST_COLUMNS = [...CHUNK_COLUMNS, '_distance'];
export const KEYWORD_COLUMNS = [...CHUNK_COLUMNS, '_score'];

export function chunkSchema(dimensions: number): Schema {
  return new Schema([
    ...CHUNK_SCALAR_FIELDS.map(([name, kind]) => new Field(name, kind === 'int32' ? new Int32() : new Utf8(), false)),
    vectorField(dimensions),
  ]);
}

function vectorField(dimensions: number): Field {
  return new Field('vector', new FixedSizeList(dimensions, new Field('item', new Float32(), true)), false);
}

export function cacheSchema(dimensions: number): Schema {
  return new Schema([new Field('chunk_hash', new Utf8(), false), vectorField(dimensions)]);
}

export const fileSchema = new Schema([
  new Field('path', new Utf8(), false),
  new Field('folder', new Utf8(), false),
  new Field('size', new Float64(), false),
  new Field('mtime_ms', new Float64(), false),
  new Field('hash', new Utf8(), false),
  new Field('chunks', new Int32(), false),
  new Field('status', new Utf8(), false),
  new Field('error', new Utf8(), false),
]);

/** A table-name-safe key for a model: its file name plus the vector length. */
export function modelKey(modelName: string, dimensions: number): string {
  const slug = modelName.toLowerCase().replace(/\.gguf$/, '').replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
  return `${slug || 'model'}_d${dimensions}`;
}
