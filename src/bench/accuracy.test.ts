// The shipped test sets and the accuracy runner, through the real pipeline with the
// bundled starter model. The last test guards the fusion defaults: on the English sets,
// hybrid must not fall below the better of vector and keyword.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resourcesDir } from '../paths.js';
import { loadTestSet, runAccuracy, scoreRanks, type ModeResult } from './accuracy.js';

const setPath = (name: string) => join(resourcesDir(), 'testsets', `${name}.json`);

describe('shipped test sets', () => {
  it('zh-semantic: 8 queries over 18 documents, one per category', async () => {
    const set = await loadTestSet(setPath('zh-semantic'));
    expect(set.documents).toHaveLength(18);
    expect(set.queries).toHaveLength(8);
    expect(set.queries.map((q) => q.category).sort()).toEqual(
      ['antonym', 'context', 'cross-domain', 'homophone', 'idiom', 'metaphor', 'near-synonym', 'register'],
    );
    const text = JSON.stringify(set);
    for (const word of ['银行', '河岸', '苹果公司', '画龙点睛', '神经网络', '学习', '求学']) expect(text).toContain(word);
  });

  it.each([
    ['en-paraphrase', 20, 30],
    ['en-exact', 20, 30],
  ])('%s: at least %i queries over at least %i documents', async (name, queries, documents) => {
    const set = await loadTestSet(setPath(name));
    expect(set.queries.length).toBeGreaterThanOrEqual(queries);
    expect(set.documents.length).toBeGreaterThanOrEqual(documents);
  });

  it('rejects a set whose query points at a missing document', async () => {
    const { TestSetSchema } = await import('./accuracy.js');
    const bad = { name: 'x', language: 'en', documents: [{ id: 'a', text: 'x' }, { id: 'b', text: 'y' }], queries: [{ id: 'q', query: 'z', relevant: 'c' }] };
    expect(TestSetSchema.safeParse(bad).success).toBe(false);
  });
});

describe('scoreRanks', () => {
  it.each([
    [[], 0, 0],
    [[1, 1], 1, 1],
    [[1, 2, null, 4], 0.25, (1 + 0.5 + 0 + 0.25) / 4],
    [[null], 0, 0],
  ])('%j -> top-1 %d, MRR %d', (ranks, top1, mrr) => {
    expect(scoreRanks(ranks)).toEqual({ top1, mrr });
  });
});

describe('runAccuracy with the starter model', () => {
  const byMode = (modes: ModeResult[]) => Object.fromEntries(modes.map((m) => [m.mode, m]));

  it('runs the Chinese set through the pipeline; keyword search carries it (the starter model is English-only)', async () => {
    const report = await runAccuracy(await loadTestSet(setPath('zh-semantic')));
    const modes = byMode(report.modes);
    expect(report).toMatchObject({ testSet: 'zh-semantic', documents: 18, queries: 8 });
    expect(modes['hybrid+rerank']!.skipped).toMatch(/reranker/);
    expect(modes.keyword!.top1).toBeGreaterThan(0);
    expect(modes.hybrid!.mrr).toBeGreaterThanOrEqual(modes.keyword!.mrr);
  });

  it.each(['en-paraphrase', 'en-exact'])('%s: hybrid is not worse than the better of vector and keyword', async (name) => {
    const report = await runAccuracy(await loadTestSet(setPath(name)), { modes: ['vector', 'keyword', 'hybrid'] });
    const { vector, keyword, hybrid } = byMode(report.modes);
    expect(hybrid!.top1).toBeGreaterThanOrEqual(Math.max(vector!.top1, keyword!.top1));
    expect(hybrid!.mrr).toBeGreaterThanOrEqual(Math.max(vector!.mrr, keyword!.mrr) - 1e-9);
  });
});
