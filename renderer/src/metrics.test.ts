import { describe, expect, it } from 'vitest';
import type { FolderInfo, IndexProgress } from '../../src/api/contract.js';
import { MetricsRecorder } from './metrics.js';

const progress = (folder: string, chunksEmbedded: number, filesDone: number, filesTotal: number): IndexProgress => ({
  folder,
  chunksEmbedded,
  filesDone,
  filesTotal,
});
const folder = (path: string, state: FolderInfo['state']): FolderInfo => ({
  path,
  state,
  filesTotal: 0,
  filesDone: 0,
  filesFailed: 0,
  chunks: 0,
  errors: [],
});

describe('MetricsRecorder', () => {
  it('draws a benchmark run as texts per second with nothing indexing, and a second run from zero', () => {
    const m = new MetricsRecorder(60_000, 1000);
    const run = (stage: 'seed' | 'passages' | 'done' | 'warmup', textsEmbedded: number) => m.benchmark({ stage, textsEmbedded, setsDone: 0, setsTotal: 3 });
    m.sample(0);
    run('warmup', 100);
    run('seed', 200);
    expect(m.sample(1000)).toMatchObject({ chunksPerSecond: 200, filesPerSecond: 0, queue: 0 });
    run('passages', 300);
    run('done', 300);
    expect(m.sample(2000).chunksPerSecond).toBe(100);
    expect(m.sample(3000).chunksPerSecond).toBe(0);
    run('warmup', 100); // the next run
    expect(m.sample(4000).chunksPerSecond).toBe(100);
  });

  it('averages rates over the rate span, so batched commits do not saw-tooth', () => {
    const m = new MetricsRecorder(60_000, 4000);
    m.progress(progress('/a', 0, 0, 100));
    m.sample(0);
    m.progress(progress('/a', 40, 40, 100)); // a batch lands
    m.sample(1000);
    m.sample(2000); // nothing new this second
    expect(m.sample(4000)).toMatchObject({ chunksPerSecond: 10, filesPerSecond: 10, queue: 60 });
    expect(m.sample(6000).chunksPerSecond).toBe(0); // the batch left the span
  });

  it('turns counters into per-second rates between samples', () => {
    const m = new MetricsRecorder(60_000, 1000);
    m.progress(progress('/a', 10, 1, 20));
    expect(m.sample(0)).toMatchObject({ chunksPerSecond: 0, filesPerSecond: 0, queue: 19 });
    m.progress(progress('/a', 50, 5, 20));
    expect(m.sample(2000)).toMatchObject({ chunksPerSecond: 20, filesPerSecond: 2, queue: 15 });
  });

  it('adds up several folders and counts a restarted pass as new work', () => {
    const m = new MetricsRecorder(60_000, 1000);
    m.progress(progress('/a', 100, 10, 10));
    m.progress(progress('/b', 0, 0, 4));
    m.sample(0);
    m.progress(progress('/a', 5, 1, 8)); // a new pass of /a
    m.progress(progress('/b', 8, 2, 4));
    expect(m.sample(1000)).toMatchObject({ chunksPerSecond: 13, filesPerSecond: 3, queue: 9 });
  });

  it('drops folders that are no longer busy and keeps only the window', () => {
    const m = new MetricsRecorder(10_000, 1000);
    m.progress(progress('/a', 0, 0, 5));
    m.sample(0);
    m.folders([folder('/a', 'watching')]);
    expect(m.sample(1000)).toMatchObject({ queue: 0, chunksPerSecond: 0 });
    m.sample(20_000);
    expect(m.samples().map((s) => s.at)).toEqual([20_000]);
  });
});
