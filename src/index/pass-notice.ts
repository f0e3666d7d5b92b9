// The notice at the end of an indexing pass a person started (adding, re-indexing or
// resuming a folder): what it did, so the end of the work is seen, not guessed from a
// status line that stopped moving. Watcher passes (a saved file) say nothing. Pure.
import { basename } from 'node:path';
import type { ErrorDetail } from '../api/errors.js';
import type { FolderReport } from './indexer.js';

export interface PassNotice {
  level: 'info' | 'warning';
  message: string;
  detail: ErrorDetail;
}

export function passNotice(report: FolderReport): PassNotice {
  const name = basename(report.folder) || report.folder;
  // Files left unread on purpose (binary, too large, ...), apart from those that failed.
  const skipped = report.filesSkipped.length;
  const failed = report.filesFailed.length;
  const seconds = Math.round(report.seconds * 10) / 10;
  const params = { folder: name, indexed: report.filesIndexed, unchanged: report.filesUnchanged, skipped, failed, chunks: report.chunksEmbedded, seconds };
  return {
    level: failed > 0 ? 'warning' : 'info',
    message:
      `Finished ${name}: ${params.indexed} files indexed, ${params.unchanged} unchanged, ${skipped} skipped, ${failed} failed ` +
      `(${params.chunks} passages in ${seconds} s).`,
    detail: { key: 'passEnded', params },
  };
}
