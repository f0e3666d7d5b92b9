// The window's benchmark through the real core: a row with the seed test, the long-passage
// load and top-1 per shipped test set, kept across restarts, newest first.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchmarkProgress } from '../api/contract.js';
import { createCore, type Core } from '../core.js';
import { makeTempDir } from '../test-support/fixture-folder.js';

const quiet = { log: () => undefined };
/** Every shipped set, from the folder the app reads them from (a new set is scored too). */
const SHIPPED = readdirSync(join(__dirname, '../../resources/testsets'))
  .filter((name) => name.endsWith('.json'))
  .map((name) => name.replace(/\.json$/, ''))
  .sort();
let data: Awaited<ReturnType<typeof makeTempDir>>;
let core: Core;

beforeAll(async () => {
  data = await makeTempDir();
  core = await createCore({ dataDir: data.path, logger: quiet });
});
afterAll(async () => {
  await core.close();
  await data.remove();
});

describe('runBenchmark', () => {
  it('measures the model in use, scores every test set and keeps the history', async () => {
    expect(await core.service.listBenchmarks({})).toEqual([]);
    const progress: BenchmarkProgress[] = [];
    const off = core.service.onEvent((event) => event.type === 'benchmark' && progress.push(event.benchmark));
    const row = await core.service.runBenchmark({});
    off();
    // The run reports itself as it goes (the live charts draw it): each stage in order, the
    // texts it embedded growing, and each test set as it is scored.
    expect([...new Set(progress.map((p) => p.stage))]).toEqual(['warmup', 'seed', 'passages', 'accuracy', 'done']);
    const texts = progress.map((p) => p.textsEmbedded);
    expect([...texts].sort((x, y) => x - y)).toEqual(texts);
    expect(texts.at(-1)).toBeGreaterThan(300);
    expect(SHIPPED.length).toBeGreaterThanOrEqual(11);
    expect(progress.at(-1)).toMatchObject({ stage: 'done', setsDone: SHIPPED.length, setsTotal: SHIPPED.length });
    expect(row).toMatchObject({ model: 'Sift starter (GloVe 6B 100d)', backend: 'cpu', dimensions: 100 });
    expect(row.seedSeconds).toBeGreaterThan(0);
    expect(row.seedTextsPerSecond).toBeCloseTo(100 / row.seedSeconds, 5);
    expect(row.longTokensPerSecond).toBeGreaterThan(0);
    expect(Object.keys(row.top1).sort()).toEqual(SHIPPED);
    // The English exact-term set is answered by keyword matches even with GloVe.
    expect(row.top1['en-exact']).toBeGreaterThan(0.9);
    await core.close();
    core = await createCore({ dataDir: data.path, logger: quiet });
    const second = await core.service.runBenchmark({});
    const history = await core.service.listBenchmarks({});
    expect(history.map((r) => r.at)).toEqual([second.at, row.at]);
  }, 240_000); // two benchmark runs, each scoring all nine shipped test sets (~45 s each on a loaded 2-core box)

  it('lists the test sets with what each one tests', async () => {
    const sets = await core.service.listTestSets({});
    expect(sets.map((s) => s.name)).toEqual(SHIPPED);
    for (const set of sets) {
      expect(set.description?.length).toBeGreaterThan(20);
      expect(set.queries).toBeGreaterThan(0);
    }
  });
});
