// One indexing pass over a list of files of one folder: read + extract + chunk (a few
// files ahead, bounded), embed what the cache does not already hold (batched across
// files), and write in batches. A file is reported done only after its chunks and its
// state row are committed, so a crash at any moment is repaired by the next pass.
import { readFile, stat } from 'node:fs/promises';
import { fileIssue, isRetriedEveryPass, isSkipCode, type FileIssue } from '../api/file-issues.js';
import type { Embedder } from '../embedder/embedder.js';
import { truncateAndNormalize } from '../embedder/matryoshka.js';
import { chunkText } from '../ingest/chunk-text.js';
import { contentHash, readAndExtract, type Extracted, type HeavyExtractor } from '../ingest/extract.js';
import { fileKind } from '../ingest/file-types.js';
import type { OcrPhase } from '../ingest/ocr/ocr-reader.js';
import type { ChunkRow, ChunkStore, FileRow } from './chunk-store.js';
import { checkPath } from './entry-check.js';
import type { IgnoreRules } from './ignore-rules.js';
import { mapOrdered } from './map-ordered.js';
import { decodeIssue, encodeIssue } from './stored-issue.js';

export interface IndexRunOptions {
  store: ChunkStore;
  embedder: Embedder;
  heavy?: HeavyExtractor;
  maxFileBytes?: number;
  /** Largest chunk in model tokens; the model's context caps it further. */
  maxChunkTokens?: number;
  overlapTokens?: number;
  /** Re-read and re-chunk every file even when it looks unchanged (vectors still come
   *  from the embedding cache). */
  force?: boolean;
  /** Paths that come from watcher events, not a scan: each is lstat'ed (and checked
   *  against the ignore rules) before anything opens it. */
  verifyEntries?: boolean;
  rules?: IgnoreRules;
  /** Awaited between files: pausing or cancelling throws from here. */
  gate?: () => Promise<void> | void;
  onCommitted?: (done: FileOutcome[]) => void;
  onCurrentFile?: (path: string) => void;
  /** Reads images and scanned PDF pages, in a second phase after the other files. */
  ocr?: OcrPhase;
  /** Pages read by OCR so far in the file being read. */
  onOcrPage?: (path: string, done: number, total: number) => void;
  /** Passages embedded so far in a large batch (a book, a long log): the pass's file count
   *  stands still while one file's thousands of passages embed, so this moves instead. */
  onPassages?: (path: string, done: number, total: number) => void;
}

export type FileOutcome =
  | { path: string; kind: 'unchanged' }
  | { path: string; kind: 'indexed'; chunks: number; embedded: number }
  | { path: string; kind: 'skipped'; issue: FileIssue }
  | { path: string; kind: 'failed'; issue: FileIssue };

export interface RunTotals {
  indexed: number;
  unchanged: number;
  skipped: FileIssue[];
  failed: FileIssue[];
  chunksEmbedded: number;
  chunksReused: number;
  rowsWritten: number;
}

type Prepared =
  | { kind: 'unchanged'; path: string }
  /** Left for the OCR phase. */
  | { kind: 'deferred'; path: string }
  | { kind: 'touched'; path: string; file: FileRow }
  /** Skipped or failed. `file`: the row to write (absent when the stored one still holds,
   *  or for entries that are not regular files); `drop`: the path had a row, now stale. */
  | { kind: 'issue'; path: string; file?: FileRow; issue: FileIssue; drop?: boolean }
  | { kind: 'chunks'; path: string; file: FileRow; chunks: Array<ReturnType<typeof chunkText>[number] & { hash: string }> };

const LOOKAHEAD_FILES = 4;
/** OCR files prepared ahead: the next one waits in the OCR queue while one is handed on. */
const LOOKAHEAD_OCR_FILES = 2;
const EMBED_FLUSH_CHUNKS = 128;
/** A batch with more passages to embed than this is embedded in slices of this size, each
 *  reported (onPassages): a few seconds of work on a CPU, a fraction of one on a GPU pool
 *  (4 contexts x 64 texts per decode). */
export const PASSAGE_PROGRESS_SLICE = 512;
const WRITE_FLUSH_ROWS = 2000;
const WRITE_FLUSH_FILES = 500;
const WRITE_FLUSH_MS = 1000;
/** A commit's cost grows with the table (a merge-insert joins against it), so on a large
 *  folder the interval between commits grows with the last commit's duration, keeping
 *  commits to about an eighth of the time; progress still moves every few seconds. */
const WRITE_INTERVAL_PER_COMMIT_MS = 8;
const WRITE_FLUSH_MAX_MS = 5000;
const DEFAULT_CHUNK_TOKENS = 256;

export class IndexRun {
  private readonly totals: RunTotals = { indexed: 0, unchanged: 0, skipped: [], failed: [], chunksEmbedded: 0, chunksReused: 0, rowsWritten: 0 };
  private pendingEmbed: Array<Extract<Prepared, { kind: 'chunks' }>> = [];
  private pendingChunks = 0;
  private replaceBuffer: Array<{ file: FileRow; rows: ChunkRow[] }> = [];
  private rowOnlyBuffer: FileRow[] = [];
  private dropBuffer: string[] = [];
  private bufferedOutcomes: FileOutcome[] = [];
  private bufferedRows = 0;
  private lastFlush = performance.now();
  private lastCommitMs = 0;
  /** The commit in flight, if any (see flushWrites). */
  private writing: Promise<void> = Promise.resolve();
  /** The batch being embedded, if any (see embedPending). */
  private embedding: Promise<void> = Promise.resolve();
  /** Fresh vectors not yet in the cache table: the next commit writes them, and until it
   *  lands later batches look here, so a chunk repeated across files is embedded once. */
  private cacheBuffer = new Map<string, Float32Array>();
  private cacheWriting = new Map<string, Float32Array>();
  /** Set when the cache table was empty as this pass began (a first index with this
   *  model): then only hashes this pass wrote can be found there, and the others skip the
   *  lookup, a scan of the growing table per batch. */
  private writtenThisPass: Set<string> | undefined;

  constructor(
    private readonly folder: string,
    private readonly options: IndexRunOptions,
  ) {}

  async run(paths: string[], known: Map<string, FileRow>): Promise<RunTotals> {
    const info = await this.options.embedder.load();
    const maxUnits = Math.min(this.options.maxChunkTokens ?? DEFAULT_CHUNK_TOKENS, info.contextTokens - 8);
    if ((await this.options.store.cachedCount()) === 0) this.writtenThisPass = new Set();
    try {
      const deferred: string[] = [];
      for await (const item of mapOrdered(paths, LOOKAHEAD_FILES, (path) => this.prepare(path, known.get(path), maxUnits))) {
        if (item.kind === 'deferred') deferred.push(item.path);
        else await this.handle(item);
      }
      if (deferred.length > 0) {
        // The OCR phase: every other file of the pass is read (and on its way to the
        // embedder) before the slow images and scans start, and is committed: searchable
        // while OCR works.
        await this.embedPending();
        await this.embedding;
        await this.flushWrites();
        await this.writing;
        const read = (path: string) => this.prepareOcr(path, known.get(path), maxUnits);
        for await (const item of mapOrdered(deferred, LOOKAHEAD_OCR_FILES, read)) await this.handle(item);
      }
      await this.embedPending();
      await this.embedding;
      await this.flushWrites();
    } finally {
      // A pause stops the loop, not the work under way: the batch being embedded lands
      // with what is buffered, so a resume does not redo it, and the commit finishes.
      const embedded = await this.embedding.then(
        () => true,
        () => false,
      );
      if (embedded && this.bufferedOutcomes.length > 0) await this.flushWrites().catch(() => undefined);
      await this.writing;
    }
    return this.totals;
  }

  private async handle(item: Exclude<Prepared, { kind: 'deferred' }>): Promise<void> {
    await this.options.gate?.();
    this.options.onCurrentFile?.(item.path);
    if (item.kind === 'unchanged') {
      this.totals.unchanged++;
      this.bufferedOutcomes.push({ path: item.path, kind: 'unchanged' });
    } else if (item.kind === 'touched') {
      this.totals.unchanged++;
      this.rowOnlyBuffer.push(item.file);
      this.bufferedOutcomes.push({ path: item.path, kind: 'unchanged' });
    } else if (item.kind === 'issue') {
      // Old chunks of a file that became unreadable stay searchable; the row records why.
      const skipped = item.issue.code !== undefined && isSkipCode(item.issue.code);
      (skipped ? this.totals.skipped : this.totals.failed).push(item.issue);
      if (item.file) this.rowOnlyBuffer.push(item.file);
      if (item.drop) this.dropBuffer.push(item.path);
      this.bufferedOutcomes.push({ path: item.path, kind: skipped ? 'skipped' : 'failed', issue: item.issue });
    } else {
      this.pendingEmbed.push(item);
      this.pendingChunks += item.chunks.length;
      if (this.pendingChunks >= EMBED_FLUSH_CHUNKS) await this.embedPending();
    }
    if (this.shouldFlush()) await this.flushWrites();
  }

  private async prepare(path: string, known: FileRow | undefined, maxUnits: number): Promise<Prepared> {
    if (this.options.verifyEntries) {
      // A watcher may name a pipe, a socket or a link: look before anything opens it.
      const verdict = await checkPath(this.folder, path, this.options.rules);
      if ('reason' in verdict) return { kind: 'issue', path, issue: verdict };
      if (verdict.type === 'skip') return { kind: 'issue', path, issue: verdict.issue, drop: known !== undefined };
      if (verdict.type === 'dir') return { kind: 'issue', path, issue: fileIssue(path, { code: 'special-file', params: { type: 'folder' } }) };
    }
    const ocr = this.options.ocr?.enabled ? this.options.ocr : undefined;
    if (known && !this.options.force) {
      // Same size and mtime as the stored row: nothing to read. A file indexed before is
      // unchanged; one skipped or failed before keeps its reason, except failures whose
      // cause can pass without the file changing (a permission, a lock) and images
      // skipped while OCR was off, now that it is on.
      const info = await stat(path).catch(() => undefined);
      if (info && info.size === known.size && info.mtimeMs === known.mtime_ms) {
        if (known.status === 'done') return { kind: 'unchanged', path };
        const stored = decodeIssue(path, known.error);
        if (stored?.code && !isRetriedEveryPass(stored.code) && !(ocr && waitsForOcr(stored))) return { kind: 'issue', path, issue: stored };
      }
    }
    if (ocr && fileKind(path) === 'image') return { kind: 'deferred', path };
    const { size, mtimeMs, hash, extracted } = await readAndExtract(path, {
      maxBytes: this.options.maxFileBytes,
      heavy: this.options.heavy,
    });
    const file: FileRow = { path, folder: this.folder, size, mtime_ms: mtimeMs, hash: hash ?? '', chunks: 0, status: 'done', error: '' };
    if (known && known.status === 'done' && hash && known.hash === hash && !this.options.force) {
      // Touched but identical (a save without edits, a copy back): only the row changes.
      return { kind: 'touched', path, file: { ...file, chunks: known.chunks } };
    }
    // A PDF with scanned pages is read again, whole, in the OCR phase.
    if (ocr && extracted.pagesWithoutText) return { kind: 'deferred', path };
    return this.chunked(path, file, extracted, maxUnits);
  }

  /** An image or a PDF with scanned pages, read with OCR. */
  private async prepareOcr(path: string, known: FileRow | undefined, maxUnits: number): Promise<Exclude<Prepared, { kind: 'deferred' }>> {
    if (known?.status === 'done' && !this.options.force && fileKind(path) === 'image') {
      // An image touched but identical is not read by OCR again (a PDF got this check in
      // the first phase).
      const info = await stat(path).catch(() => undefined);
      if (info && info.size <= (this.options.maxFileBytes ?? Infinity)) {
        const bytes = await readFile(path).catch(() => undefined);
        if (bytes && contentHash(bytes) === known.hash) {
          const file: FileRow = { ...known, size: info.size, mtime_ms: info.mtimeMs };
          return { kind: 'touched', path, file };
        }
      }
    }
    const { size, mtimeMs, hash, extracted } = await this.options.ocr!.read(path, {
      maxBytes: this.options.maxFileBytes,
      onPage: (done, total) => this.options.onOcrPage?.(path, done, total),
    });
    const file: FileRow = { path, folder: this.folder, size, mtime_ms: mtimeMs, hash: hash ?? '', chunks: 0, status: 'done', error: '' };
    return this.chunked(path, file, extracted, maxUnits);
  }

  private chunked(path: string, file: FileRow, extracted: Extracted, maxUnits: number): Exclude<Prepared, { kind: 'deferred' }> {
    if (!extracted.ok) {
      const detail = extracted.issue ?? { code: 'parse-error' as const, params: { detail: extracted.reason } };
      const issue: FileIssue = { path, reason: extracted.reason, code: detail.code, ...(detail.params ? { params: detail.params } : {}) };
      const status = isSkipCode(detail.code) ? 'skipped' : 'failed';
      // A file vanished between the scan and the read has no row worth keeping.
      const gone = detail.code === 'unreadable' && detail.params?.error === 'file vanished';
      return { kind: 'issue', path, issue, ...(gone ? {} : { file: { ...file, status, error: encodeIssue(issue) } }) };
    }
    const embedder = this.options.embedder;
    const chunks = chunkText(extracted.text, {
      maxUnits,
      measure: (piece) => embedder.countTokens(piece),
      markdown: fileKind(path) === 'markdown',
      overlapUnits: this.options.overlapTokens ?? 0,
    }).map((chunk) => ({ ...chunk, hash: contentHash(chunk.text) }));
    return { kind: 'chunks', path, file: { ...file, chunks: chunks.length }, chunks };
  }

  /** Hands the pending files' chunks to the embedder and returns: the loop reads and
   *  chunks the next files while the model works. One batch embeds at a time; the next
   *  waits for it here, so memory holds at most two batches. */
  private async embedPending(): Promise<void> {
    if (this.pendingEmbed.length === 0) return;
    const files = this.pendingEmbed;
    this.pendingEmbed = [];
    this.pendingChunks = 0;
    await this.embedding;
    this.embedding = this.embedBatch(files);
    // Observed at the next batch or at the end of the run (as in flushWrites).
    this.embedding.catch(() => undefined);
  }

  /** Embeds a batch's chunks, taking what it can from the embedding cache. */
  private async embedBatch(files: Array<Extract<Prepared, { kind: 'chunks' }>>): Promise<void> {
    const { store, embedder } = this.options;
    const all = files.flatMap((file) => file.chunks);
    const vectors = new Map<string, Float32Array>();
    const uncached: string[] = [];
    for (const { hash } of all) {
      const recent = this.cacheBuffer.get(hash) ?? this.cacheWriting.get(hash);
      if (recent) vectors.set(hash, recent);
      else if (!this.writtenThisPass || this.writtenThisPass.has(hash)) uncached.push(hash);
    }
    if (uncached.length > 0) for (const [hash, vector] of await store.cachedVectors(uncached)) vectors.set(hash, vector);
    const missing = new Map<string, string>();
    for (const chunk of all) if (!vectors.has(chunk.hash)) missing.set(chunk.hash, chunk.text);
    if (missing.size > 0) {
      const hashes = [...missing.keys()];
      const texts = [...missing.values()];
      // The file with the most passages is the one a person waits for.
      const largest = files.reduce((a, b) => (b.chunks.length > a.chunks.length ? b : a)).path;
      const slice = texts.length > PASSAGE_PROGRESS_SLICE ? PASSAGE_PROGRESS_SLICE : texts.length;
      for (let from = 0; from < texts.length; from += slice) {
        const fresh = await embedder.embed(texts.slice(from, from + slice), 'document');
        fresh.forEach((vector, i) => {
          vectors.set(hashes[from + i]!, vector);
          this.cacheBuffer.set(hashes[from + i]!, vector);
        });
        if (slice < texts.length) this.options.onPassages?.(largest, Math.min(from + slice, texts.length), texts.length);
      }
    }
    this.totals.chunksEmbedded += missing.size;
    this.totals.chunksReused += all.length - missing.size;
    // The cache keeps full-length vectors; rows keep the chosen Matryoshka prefix.
    const fit = (vector: Float32Array) =>
      vector.length === store.dimensions ? vector : truncateAndNormalize(vector, store.dimensions);
    // Each passage embedded is counted for the first file that holds it: the files'
    // counts add up to the pass's (the progress line sums them).
    const counted = new Set<string>();
    for (const file of files) {
      const rows: ChunkRow[] = file.chunks.map((chunk, index) => ({
        id: `${file.path}#${index}`,
        path: file.path,
        folder: this.folder,
        chunk: index,
        char_start: chunk.start,
        char_end: chunk.end,
        line_no: chunk.line,
        text: chunk.text,
        chunk_hash: chunk.hash,
        vector: fit(vectors.get(chunk.hash)!),
      }));
      let embedded = 0;
      for (const { hash } of file.chunks) {
        if (!missing.has(hash) || counted.has(hash)) continue;
        counted.add(hash);
        embedded++;
      }
      this.replaceBuffer.push({ file: file.file, rows });
      this.bufferedRows += rows.length;
      this.bufferedOutcomes.push({ path: file.path, kind: 'indexed', chunks: rows.length, embedded });
    }
  }

  private shouldFlush(): boolean {
    const files = this.replaceBuffer.length + this.rowOnlyBuffer.length;
    return (
      this.bufferedRows >= WRITE_FLUSH_ROWS ||
      files >= WRITE_FLUSH_FILES ||
      (this.bufferedOutcomes.length > 0 && performance.now() - this.lastFlush >= this.flushIntervalMs())
    );
  }

  private flushIntervalMs(): number {
    return Math.min(WRITE_FLUSH_MAX_MS, Math.max(WRITE_FLUSH_MS, this.lastCommitMs * WRITE_INTERVAL_PER_COMMIT_MS));
  }

  /** Hands the buffered batch to a background write and returns: the next files are
   *  read and embedded while LanceDB commits. One write is in flight at a time (the
   *  next flush waits for it), so commits stay in order and memory stays bounded. */
  private async flushWrites(): Promise<void> {
    await this.writing;
    const { store } = this.options;
    const replace = this.replaceBuffer;
    const rowOnly = this.rowOnlyBuffer;
    const drop = this.dropBuffer;
    const outcomes = this.bufferedOutcomes;
    const rows = this.bufferedRows;
    const cache = this.cacheBuffer;
    this.cacheWriting = cache;
    this.cacheBuffer = new Map();
    this.replaceBuffer = [];
    this.rowOnlyBuffer = [];
    this.dropBuffer = [];
    this.bufferedOutcomes = [];
    this.bufferedRows = 0;
    this.lastFlush = performance.now();
    this.writing = (async () => {
      const started = performance.now();
      // The cache first: a crash after it costs nothing, and its vectors serve the next pass.
      if (cache.size > 0) {
        await store.cacheVectors([...cache].map(([hash, vector]) => ({ hash, vector })));
        if (this.writtenThisPass) for (const hash of cache.keys()) this.writtenThisPass.add(hash);
      }
      if (replace.length > 0) await store.replaceFiles(replace);
      if (rowOnly.length > 0) await store.putFiles(rowOnly);
      if (drop.length > 0) await store.removeFiles(drop);
      for (const outcome of outcomes) if (outcome.kind === 'indexed') this.totals.indexed++;
      this.totals.rowsWritten += rows;
      this.lastCommitMs = performance.now() - started;
      if (outcomes.length > 0) this.options.onCommitted?.(outcomes);
    })();
    // Observed at the next flush or at the end of the run; until then a failure must not
    // count as an unhandled rejection (which would end the process).
    this.writing.catch(() => undefined);
  }
}

/** A file skipped for want of OCR (an image while OCR was off, a PDF of scanned pages
 *  read without it): with OCR on, it is read again though it has not changed. */
function waitsForOcr(issue: FileIssue): boolean {
  return issue.code === 'ocr-off' || (issue.code === 'no-text' && /without a text layer/.test(String(issue.params?.detail ?? '')));
}
