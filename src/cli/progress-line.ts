// A one-line progress bar for a terminal (stderr), redrawn in place. When the terminal is
// narrow the file name gives way from the middle of its folder path, never its end: a
// person reads "…/reports/broken.pdf", not "…/reports/broken.pd".
import { relative, sep } from 'node:path';
import type { IndexProgress } from '../api/contract.js';

const WIDTH = 24;
const ELLIPSIS = '…';

export class ProgressLine {
  constructor(private readonly out: NodeJS.WriteStream) {}

  update(progress: IndexProgress): void {
    const columns = this.out.columns ?? 100;
    const line = progressText(progress, columns - 1);
    this.out.write(`\r${line}\x1b[K`);
  }

  done(): void {
    this.out.write('\r\x1b[K');
  }
}

/** Progress for a log (a headless indexer's stderr under nohup or systemd): one plain line
 *  at most every `intervalMs`, and one at the end, never carriage returns. */
export class ProgressLog {
  private last: IndexProgress | undefined;
  private lastWritten = 0;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly intervalMs: number,
  ) {}

  update(progress: IndexProgress): void {
    this.last = progress;
    const now = Date.now();
    if (now - this.lastWritten < this.intervalMs) return;
    this.lastWritten = now;
    this.write(progress);
  }

  done(): void {
    if (this.last && this.last.filesDone > 0) this.write({ ...this.last, filesDone: this.last.filesTotal });
  }

  private write(progress: IndexProgress): void {
    this.out.write(`${new Date().toISOString()} ${progress.folder}: ${progressText({ ...progress, currentFile: undefined }, 200).replace(/^\[[#-]+\] /, '')}\n`);
  }
}

/** The line for one progress event, at most `max` characters. */
export function progressText(progress: IndexProgress, max: number): string {
  const ratio = progress.filesTotal > 0 ? progress.filesDone / progress.filesTotal : 0;
  const filled = Math.round(ratio * WIDTH);
  const bar = '#'.repeat(filled) + '-'.repeat(WIDTH - filled);
  const rate = progress.chunksPerSecond ? `, ${progress.chunksPerSecond.toFixed(0)} chunks/s` : '';
  // The indexer gives no estimate until it can be honest (src/index/eta-estimator.ts).
  const left = progress.filesDone >= progress.filesTotal ? '' : progress.etaSeconds !== undefined ? `, ${formatSeconds(progress.etaSeconds)} left` : ', estimating';
  // A large file: its passages move while the file count stands still.
  const passages = progress.passages && progress.passages.done < progress.passages.total ? ` (${progress.passages.done}/${progress.passages.total} passages)` : '';
  const head = `[${bar}] ${progress.filesDone}/${progress.filesTotal} files, ${progress.chunksEmbedded} chunks${rate}${left}${passages}`;
  if (!progress.currentFile) return fit(head, max);
  const room = max - head.length - 2;
  // Too narrow to show a useful name: the counts matter more.
  if (room < 12) return fit(head, max);
  return `${head}  ${shortenPath(displayPath(progress.currentFile, progress.folder), room)}`;
}

function fit(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, Math.max(0, max - 1)) + ELLIPSIS;
}

/** The file relative to the folder being indexed, which the person named themselves. */
function displayPath(file: string, folder: string): string {
  const rel = relative(folder, file);
  return rel && !rel.startsWith('..') ? rel : file;
}

/**
 * `path` in at most `max` characters: the middle of the folder part gives way first
 * ("docs/…/q3/broken.pdf"), then the middle of the file's own name, and the extension
 * always stays ("a-very-lo….pdf").
 */
export function shortenPath(path: string, max: number): string {
  if (path.length <= max) return path;
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf(sep));
  const base = path.slice(cut + 1);
  const dir = path.slice(0, cut + 1);
  if (base.length + 2 <= max && dir.length > 0) {
    // Keep both ends of the folder part: where it starts and the folder the file is in.
    const keep = max - base.length - 1;
    const front = Math.ceil(keep / 2);
    return dir.slice(0, front) + ELLIPSIS + dir.slice(dir.length - (keep - front)) + base;
  }
  return shortenName(base, max);
}

function shortenName(name: string, max: number): string {
  if (name.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 12 ? name.slice(dot) : '';
  const stem = name.slice(0, name.length - ext.length);
  const keep = max - ext.length - 1;
  if (keep < 2) return ELLIPSIS + name.slice(name.length - (max - 1));
  const front = Math.ceil(keep / 2);
  return stem.slice(0, front) + ELLIPSIS + stem.slice(stem.length - (keep - front)) + ext;
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
