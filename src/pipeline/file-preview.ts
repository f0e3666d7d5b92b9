// The preview pane's reading of one hit's file: the text through the indexer's own
// extractors (read-document.ts; PDF, Word, HTML, EPUB ... in the extractor pool, under a
// time and memory limit), the passage placed from the index's chunk offsets, and a window
// of bounded size around it (search/preview-window.ts). A file that changed since it was
// indexed is still shown, its passage found again by its stored text where it can be; a
// file that is gone or gives no text comes back as a state the pane words, never a crash.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CallResponse, ParsedRequest } from '../api/contract.js';
import { SiftError } from '../api/errors.js';
import type { ChunkStore } from '../index/chunk-store.js';
import type { HeavyExtractor } from '../ingest/extract.js';
import { lineStartOffsets } from '../ingest/chunk-text.js';
import { readGuardedDocument } from '../ingest/read-document.js';
import { checkedFile } from '../ingest/path-guard.js';
import type { Logger } from '../log.js';
import { passageAt, previewWindow, type ChunkSpan } from '../search/preview-window.js';
import { queryTerms, type Range } from '../search/snippet.js';

type Preview = CallResponse<'previewFile'>;

interface CachedText {
  size: number;
  mtimeMs: number;
  hash: string;
  text: string;
  /** Where each line starts (lineStartOffsets), computed once per text. */
  lineStarts: number[];
}

/** Files whose text stays in memory, so moving through one file's hits (or back and
 *  forth between a few) does not read and parse it again; bounded by count and by
 *  characters (a 16 MB text file costs ~0.3-0.5 s to read again, contended machine). */
const CACHE_FILES = 8;
const CACHE_CHARS = 32 * 1024 * 1024;

export interface FilePreviewDeps {
  store: () => Promise<ChunkStore>;
  /** Parses PDF, Word, HTML ... off the main thread, each file under a time limit. */
  heavy: HeavyExtractor;
  /** Files larger than this are not read (the indexing limit). */
  maxFileBytes: () => number | undefined;
  logger: Logger;
}

export class FilePreviewer {
  private readonly cache = new Map<string, CachedText>();

  constructor(private readonly deps: FilePreviewDeps) {}

  async preview(request: ParsedRequest<'previewFile'>, folders: readonly string[]): Promise<Preview> {
    const asked = resolve(request.path);
    const empty: Preview = {
      path: request.path,
      state: 'missing',
      changed: false,
      indexed: false,
      text: '',
      startLine: 0,
      endLine: 0,
      totalLines: 0,
      highlights: [],
      moreBefore: false,
      moreAfter: false,
    };
    const stored = await this.storedState(asked);
    const read = await this.readText(request.path, folders);
    if (read.state === 'missing') return { ...empty, indexed: stored.indexed };
    // An image or a scan gives no text without OCR, which indexing ran and preview does not
    // (seconds a page): the index holds what OCR read, so that text is shown, as long as
    // the file is the one that was read (same content hash).
    let entry: CachedText;
    const fromIndex = read.state === 'unreadable';
    if (read.state === 'unreadable') {
      const indexCopy = stored.indexed && read.hash !== undefined && read.hash === stored.hash ? await this.indexedText(asked, read.hash) : undefined;
      if (!indexCopy) return { ...empty, state: 'unreadable', indexed: stored.indexed, issue: read.issue };
      entry = indexCopy;
    } else entry = read.entry;
    const terms = request.query ? queryTerms(request.query) : [];
    const changed = stored.hash !== undefined && stored.hash !== entry.hash;
    const passage = await this.placePassage(asked, entry, request.line, terms, stored.indexed, changed);
    const window = previewWindow(entry.text, passage, terms, request.chars, entry.lineStarts);
    return { path: request.path, state: 'ok', changed, indexed: stored.indexed, ...window, ...(fromIndex ? { fromIndex: true } : {}) };
  }

  /** The file's text as the index holds it: its chunks laid back at their offsets (the
   *  whitespace between chunks, which the chunker drops, comes back as line breaks). */
  private async indexedText(path: string, hash: string): Promise<CachedText | undefined> {
    const rows = await (await this.deps.store()).chunkSpans(path, true).catch(() => []);
    if (rows.length === 0) return undefined;
    let text = '';
    // chunkSpans returns them by chunk number, which is their order in the text.
    for (const row of rows) {
      const chunk = row.text ?? '';
      if (row.char_start > text.length) text += '\n'.repeat(row.char_start - text.length);
      // Overlapping chunks repeat the end of the one before: only what is new is added.
      text += chunk.slice(Math.max(0, text.length - row.char_start));
    }
    return { size: text.length, mtimeMs: 0, hash, text, lineStarts: lineStartOffsets(text) };
  }

  /** What the index holds of the file: whether it is indexed, and its content hash. */
  private async storedState(path: string): Promise<{ indexed: boolean; hash?: string }> {
    const row = await (await this.deps.store()).fileRow(path).catch((error: unknown) => {
      this.deps.logger.log('warn', `preview: reading the index entry of ${path} failed: ${(error as Error).message}`);
      return undefined;
    });
    if (!row || row.status !== 'done') return { indexed: false };
    return { indexed: true, hash: row.hash || undefined };
  }

  private async readText(
    rawPath: string,
    folders: readonly string[],
  ): Promise<{ state: 'ok'; entry: CachedText } | { state: 'missing' } | { state: 'unreadable'; hash?: string; issue: NonNullable<Preview['issue']> }> {
    let real: string;
    try {
      real = await checkedFile(rawPath, folders);
    } catch (error) {
      // Outside the folders, a folder, a link leading out: refused. Gone: a state to show.
      if (error instanceof SiftError && error.code === 'not_found') return { state: 'missing' };
      throw error;
    }
    const info = await stat(real).catch(() => undefined);
    if (!info) return { state: 'missing' };
    const cached = this.cache.get(real);
    if (cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs) {
      // Most recently used last.
      this.cache.delete(real);
      this.cache.set(real, cached);
      return { state: 'ok', entry: cached };
    }
    this.cache.delete(real);
    let read;
    try {
      read = await readGuardedDocument(rawPath, folders, { maxBytes: this.deps.maxFileBytes(), heavy: this.deps.heavy });
    } catch (error) {
      if (error instanceof SiftError && error.code === 'not_found') return { state: 'missing' };
      throw error;
    }
    const { extracted } = read;
    if (!extracted.ok) {
      if (extracted.issue?.code === 'unreadable' && extracted.issue.params?.error === 'file vanished') return { state: 'missing' };
      return { state: 'unreadable', hash: read.hash, issue: { code: extracted.issue?.code, params: extracted.issue?.params, reason: extracted.reason } };
    }
    const text = extracted.text;
    const entry = { size: read.size, mtimeMs: read.mtimeMs, hash: read.hash ?? '', text, lineStarts: lineStartOffsets(text) };
    this.remember(real, entry);
    return { state: 'ok', entry };
  }

  private remember(path: string, entry: CachedText): void {
    if (entry.text.length > CACHE_CHARS) return;
    this.cache.set(path, entry);
    let chars = 0;
    for (const value of this.cache.values()) chars += value.text.length;
    for (const [key, value] of this.cache) {
      if (this.cache.size <= CACHE_FILES && chars <= CACHE_CHARS) break;
      this.cache.delete(key);
      chars -= value.text.length;
    }
  }

  /** The passage's [start, end) in the text as it is now. */
  private async placePassage(path: string, { text, lineStarts }: CachedText, line: number, terms: string[], indexed: boolean, changed: boolean): Promise<Range> {
    if (!indexed) return passageAt(text, line, [], terms, lineStarts);
    const store = await this.deps.store();
    const rows = await store.chunkSpans(path, changed).catch((error: unknown) => {
      this.deps.logger.log('warn', `preview: reading the chunks of ${path} failed: ${(error as Error).message}`);
      return [];
    });
    if (!changed) {
      const spans: ChunkSpan[] = rows.map((row) => ({ start: row.char_start, end: row.char_end, line: row.line_no }));
      return passageAt(text, line, spans, terms, lineStarts);
    }
    // Changed since indexing: the stored offsets no longer hold. The chunks that covered
    // the hit's line then are looked for, by their text, in the text now; the nearest
    // found is the passage. None found (the passage was edited): the line as it is now.
    const atLine = rows.filter((row) => row.line_no <= line).slice(-3).reverse();
    for (const row of atLine) {
      if (!row.text) continue;
      const found = nearestIndexOf(text, row.text, row.char_start);
      if (found !== -1) return [found, found + row.text.length];
    }
    return passageAt(text, line, [], terms, lineStarts);
  }
}

/** The occurrence of `needle` in `text` nearest to `near`, or -1. */
function nearestIndexOf(text: string, needle: string, near: number): number {
  let best = -1;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    if (best === -1 || Math.abs(at - near) < Math.abs(best - near)) best = at;
    if (at > near) break;
  }
  return best;
}
