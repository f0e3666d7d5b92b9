// The LanceDB side of the index: one table of chunks (text + vector) and one table of
// per-file state, both named after the model so that switching models never mixes
// vectors from different embedding spaces and switching back finds the old index intact.
import * as lancedb from '@lancedb/lancedb';
import { Field, FixedSizeList, Float32, Float64, Int32, Schema, Utf8 } from 'apache-arrow';
import { SiftError } from '../api/errors.js';

export interface ChunkRow {
  id: string;
  path: string;
  folder: string;
  chunk: number;
  char_start: number;
  char_end: number;
  line_no: number;
  text: string;
  vector: Float32Array;
}

export type FileStatus = 'done' | 'failed';

export interface FileRow {
  path: string;
  folder: string;
  size: number;
  mtime_ms: number;
  chunks: number;
  status: FileStatus;
  error: string;
}

export interface VectorMatch {
  row: Omit<ChunkRow, 'vector'>;
  /** Cosine similarity in [-1, 1]. */
  similarity: number;
}

const CHUNK_COLUMNS = ['id', 'path', 'folder', 'chunk', 'char_start', 'char_end', 'line_no', 'text'];
// Naming _distance keeps LanceDB from warning that it adds the column implicitly.
const NEAREST_COLUMNS = [...CHUNK_COLUMNS, '_distance'];

/** SQL string literal for LanceDB filters. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function chunkSchema(dimensions: number): Schema {
  return new Schema([
    new Field('id', new Utf8(), false),
    new Field('path', new Utf8(), false),
    new Field('folder', new Utf8(), false),
    new Field('chunk', new Int32(), false),
    new Field('char_start', new Int32(), false),
    new Field('char_end', new Int32(), false),
    new Field('line_no', new Int32(), false),
    new Field('text', new Utf8(), false),
    new Field('vector', new FixedSizeList(dimensions, new Field('item', new Float32(), true)), false),
  ]);
}

const fileSchema = new Schema([
  new Field('path', new Utf8(), false),
  new Field('folder', new Utf8(), false),
  new Field('size', new Float64(), false),
  new Field('mtime_ms', new Float64(), false),
  new Field('chunks', new Int32(), false),
  new Field('status', new Utf8(), false),
  new Field('error', new Utf8(), false),
]);

/** A table-name-safe key for a model: its file name plus the vector length. */
export function modelKey(modelName: string, dimensions: number): string {
  const slug = modelName.toLowerCase().replace(/\.gguf$/, '').replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
  return `${slug || 'model'}_d${dimensions}`;
}

export class ChunkStore {
  private constructor(
    private readonly db: lancedb.Connection,
    private readonly chunks: lancedb.Table,
    private readonly files: lancedb.Table,
    readonly dimensions: number,
  ) {}

  static async open(uri: string, key: string, dimensions: number): Promise<ChunkStore> {
    let db: lancedb.Connection;
    try {
      db = await lancedb.connect(uri);
    } catch (error) {
      throw new SiftError('unreadable', `Cannot open the index at ${uri}: ${(error as Error).message}`, { cause: error });
    }
    const names = new Set(await db.tableNames());
    const chunkTable = `chunks_${key}`;
    const fileTable = `files_${key}`;
    const chunks = names.has(chunkTable)
      ? await db.openTable(chunkTable)
      : await db.createEmptyTable(chunkTable, chunkSchema(dimensions), { existOk: true });
    const files = names.has(fileTable)
      ? await db.openTable(fileTable)
      : await db.createEmptyTable(fileTable, fileSchema, { existOk: true });
    const store = new ChunkStore(db, chunks, files, dimensions);
    await store.assertDimensions();
    return store;
  }

  private async assertDimensions(): Promise<void> {
    const schema = await this.chunks.schema();
    const vector = schema.fields.find((field) => field.name === 'vector');
    const size = (vector?.type as FixedSizeList | undefined)?.listSize;
    if (size !== this.dimensions) {
      throw new SiftError(
        'index_incompatible',
        `The index table ${this.chunks.name} holds ${size}-dimensional vectors but the model gives ${this.dimensions}.`,
      );
    }
  }

  /** Replaces a file's chunks, then records the file as done. The file row is written
   *  last, so a crash in between leaves the file looking un-indexed and it is redone. */
  async replaceFile(file: FileRow, rows: ChunkRow[]): Promise<void> {
    await this.chunks.delete(`path = ${sqlString(file.path)}`);
    if (rows.length > 0) await this.chunks.add(rows.map((row) => ({ ...row, vector: Array.from(row.vector) })));
    await this.putFile(file);
  }

  async putFile(file: FileRow): Promise<void> {
    await this.files
      .mergeInsert('path')
      .whenMatchedUpdateAll()
      .whenNotMatchedInsertAll()
      .execute([file as unknown as Record<string, unknown>]);
  }

  async removeFile(path: string): Promise<void> {
    await this.files.delete(`path = ${sqlString(path)}`);
    await this.chunks.delete(`path = ${sqlString(path)}`);
  }

  async removeFolder(folder: string): Promise<void> {
    await this.files.delete(`folder = ${sqlString(folder)}`);
    await this.chunks.delete(`folder = ${sqlString(folder)}`);
  }

  async filesIn(folder: string): Promise<FileRow[]> {
    const rows = await this.files.query().where(`folder = ${sqlString(folder)}`).toArray();
    return rows.map((row) => ({ ...(row as FileRow) }));
  }

  async countChunks(folder?: string): Promise<number> {
    return this.chunks.countRows(folder ? `folder = ${sqlString(folder)}` : undefined);
  }

  async nearest(vector: Float32Array, limit: number): Promise<VectorMatch[]> {
    const rows = await this.chunks
      .vectorSearch(Array.from(vector))
      .distanceType('cosine')
      .select(NEAREST_COLUMNS)
      .limit(limit)
      .toArray();
    const matches: VectorMatch[] = [];
    for (const row of rows as Array<Omit<ChunkRow, 'vector'> & { _distance: number }>) {
      const similarity = 1 - row._distance;
      // A zero vector (a passage of only stop words) has no direction: skip, never NaN.
      if (!Number.isFinite(similarity)) continue;
      const { _distance: _ignored, ...rest } = row;
      matches.push({ row: { ...rest }, similarity });
    }
    return matches;
  }

  close(): void {
    this.chunks.close();
    this.files.close();
    this.db.close();
  }
}
