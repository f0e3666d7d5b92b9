// A one-line progress bar for a terminal (stderr), redrawn in place.
import type { IndexProgress } from '../api/contract.js';

const WIDTH = 24;

export class ProgressLine {
  constructor(private readonly out: NodeJS.WriteStream) {}

  update(progress: IndexProgress): void {
    const ratio = progress.filesTotal > 0 ? progress.filesDone / progress.filesTotal : 0;
    const filled = Math.round(ratio * WIDTH);
    const bar = '#'.repeat(filled) + '-'.repeat(WIDTH - filled);
    const current = progress.currentFile ? `  ${progress.currentFile}` : '';
    const columns = this.out.columns ?? 100;
    const rate = progress.chunksPerSecond ? `, ${progress.chunksPerSecond.toFixed(0)} chunks/s` : '';
    const eta = progress.etaSeconds !== undefined ? `, ${formatSeconds(progress.etaSeconds)} left` : '';
    const line = `[${bar}] ${progress.filesDone}/${progress.filesTotal} files, ${progress.chunksEmbedded} chunks${rate}${eta}${current}`;
    this.out.write(`\r${line.slice(0, columns - 1).padEnd(Math.min(columns - 1, line.length))}\x1b[K`);
  }

  done(): void {
    this.out.write('\r\x1b[K');
  }
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
