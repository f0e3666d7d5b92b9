// Live indexing figures for the benchmark panel, sampled once a second from `progress`
// and `folders` events: texts (chunks) embedded per second, files per second and the
// queue of files left. Rates come from the change since the previous sample, not the
// pass's average, so the chart shows what happens now. Pure: the hook feeds it.
import type { FolderInfo, IndexProgress } from '../../src/api/contract.js';

export interface Sample {
  /** ms since the epoch. */
  at: number;
  chunksPerSecond: number;
  filesPerSecond: number;
  /** Files queued but not yet done, over every busy folder. */
  queue: number;
}

interface Seen {
  chunks: number;
  files: number;
  total: number;
}

export const WINDOW_MS = 5 * 60 * 1000;

export class MetricsRecorder {
  private readonly latest = new Map<string, Seen>();
  private readonly sampled = new Map<string, Seen>();
  private readonly finished = new Set<string>();
  private lastAt: number | undefined;
  private list: Sample[] = [];

  constructor(private readonly windowMs = WINDOW_MS) {}

  progress(p: IndexProgress): void {
    this.latest.set(p.folder, { chunks: p.chunksEmbedded, files: p.filesDone, total: p.filesTotal });
  }

  /** Folders that are no longer busy leave the queue. */
  folders(folders: readonly FolderInfo[]): void {
    const busy = new Set(folders.filter((f) => f.state === 'queued' || f.state === 'scanning' || f.state === 'indexing').map((f) => f.path));
    for (const path of this.latest.keys()) {
      // Counted once more at the next sample (its last events), then let go.
      if (!busy.has(path)) this.finished.add(path);
    }
  }

  sample(at: number): Sample {
    const seconds = this.lastAt === undefined ? 0 : (at - this.lastAt) / 1000;
    let chunks = 0;
    let files = 0;
    let queue = 0;
    for (const [folder, now] of this.latest) {
      const before = this.sampled.get(folder);
      // A new pass restarts the counters: all of it is new work.
      const fresh = !before || now.chunks < before.chunks || now.files < before.files;
      chunks += fresh ? (before ? now.chunks : 0) : now.chunks - before.chunks;
      files += fresh ? (before ? now.files : 0) : now.files - before.files;
      if (!this.finished.has(folder)) queue += Math.max(0, now.total - now.files);
    }
    for (const folder of this.finished) this.latest.delete(folder);
    this.finished.clear();
    this.sampled.clear();
    for (const [folder, now] of this.latest) this.sampled.set(folder, now);
    this.lastAt = at;
    const sample: Sample = {
      at,
      chunksPerSecond: seconds > 0 ? chunks / seconds : 0,
      filesPerSecond: seconds > 0 ? files / seconds : 0,
      queue,
    };
    this.list = [...this.list.filter((s) => s.at > at - this.windowMs), sample];
    return sample;
  }

  samples(): readonly Sample[] {
    return this.list;
  }
}
