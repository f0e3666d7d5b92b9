// Live indexing figures for the benchmark panel, sampled once a second from `progress`
// and `folders` events: texts (chunks) embedded per second, files per second and the
// queue of files left. The indexer commits in batches, so counts move in jumps; rates
// are taken over the last few seconds, which shows what happens now without the
// saw-tooth of second-by-second differences. Pure: the hook feeds it.
import type { BenchmarkProgress, FolderInfo, IndexProgress } from '../../src/api/contract.js';

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

interface Totals {
  at: number;
  chunks: number;
  files: number;
}

export const WINDOW_MS = 5 * 60 * 1000;
/** Rates are averaged over this span. */
export const RATE_SPAN_MS = 4000;

export class MetricsRecorder {
  private readonly latest = new Map<string, Seen>();
  private readonly sampled = new Map<string, Seen>();
  private readonly finished = new Set<string>();
  /** Work counted since the start, at each sample (for rates over RATE_SPAN_MS). */
  private totals: Totals[] = [];
  private chunks = 0;
  private files = 0;
  private list: Sample[] = [];
  /** Texts the running benchmark had embedded at its last event. */
  private benchTexts = 0;

  constructor(
    private readonly windowMs = WINDOW_MS,
    private readonly rateSpanMs = RATE_SPAN_MS,
  ) {}

  progress(p: IndexProgress): void {
    this.latest.set(p.folder, { chunks: p.chunksEmbedded, files: p.filesDone, total: p.filesTotal });
  }

  /** A benchmark run embeds texts too: they count like indexed ones, so "Run benchmark"
   *  draws its own curve even when nothing is being indexed. */
  benchmark(p: BenchmarkProgress): void {
    // A smaller count than before is a new run: all of it is new work.
    this.chunks += p.textsEmbedded >= this.benchTexts ? p.textsEmbedded - this.benchTexts : p.textsEmbedded;
    this.benchTexts = p.stage === 'done' || p.stage === 'failed' ? 0 : p.textsEmbedded;
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
    let queue = 0;
    for (const [folder, now] of this.latest) {
      const before = this.sampled.get(folder);
      // A new pass restarts the counters: all of it is new work.
      const fresh = !before || now.chunks < before.chunks || now.files < before.files;
      this.chunks += fresh ? (before ? now.chunks : 0) : now.chunks - before.chunks;
      this.files += fresh ? (before ? now.files : 0) : now.files - before.files;
      if (!this.finished.has(folder)) queue += Math.max(0, now.total - now.files);
    }
    for (const folder of this.finished) this.latest.delete(folder);
    this.finished.clear();
    this.sampled.clear();
    for (const [folder, now] of this.latest) this.sampled.set(folder, now);

    // The base is the oldest sample within the span, or the one before when there is none.
    const within = this.totals.findIndex((t) => t.at >= at - this.rateSpanMs);
    const keepFrom = within === -1 ? this.totals.length - 1 : within;
    this.totals = [...this.totals.slice(Math.max(0, keepFrom)), { at, chunks: this.chunks, files: this.files }];
    const oldest = this.totals[0]!;
    const seconds = (at - oldest.at) / 1000;
    const sample: Sample = {
      at,
      chunksPerSecond: seconds > 0 ? (this.chunks - oldest.chunks) / seconds : 0,
      filesPerSecond: seconds > 0 ? (this.files - oldest.files) / seconds : 0,
      queue,
    };
    this.list = [...this.list.filter((s) => s.at > at - this.windowMs), sample];
    return sample;
  }

  samples(): readonly Sample[] {
    return this.list;
  }
}
