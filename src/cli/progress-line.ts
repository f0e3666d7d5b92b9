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
    const line = `[${bar}] ${progress.filesDone}/${progress.filesTotal} files, ${progress.chunksEmbedded} chunks${current}`;
    this.out.write(`\r${line.slice(0, columns - 1).padEnd(Math.min(columns - 1, line.length))}\x1b[K`);
  }

  done(): void {
    this.out.write('\r\x1b[K');
  }
}
