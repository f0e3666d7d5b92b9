// The shipped test sets and the accuracy runner, through the real pipeline with the
// bundled starter model. The last test guards the fusion defaults: on every shipped set,
// hybrid must not fall below the better of vector and keyword (top-1 and MRR).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resourcesDir } from '../paths.js';
import { formatAccuracy, loadTestSet, relevantIds, runAccuracy, runAccuracySets, scoreMode, scoreRanks, type ModeResult } from './accuracy.js';
import { capturedSets, crossValidate, formatCrossValidation } from './cross-validate.js';

const setPath = (name: string) => join(resourcesDir(), 'testsets', `${name}.json`);
const shipped = readdirSync(join(resourcesDir(), 'testsets'))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length))
  .sort();

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
    ['en-everyday', 36, 36],
    ['en-exact', 20, 30],
    ['en-manpages', 50, 80],
    ['en-typos', 30, 80],
    ['en-code', 45, 90],
    ['en-licenses', 40, 120],
    ['en-packages', 40, 60],
    ['zh-keyword', 45, 60],
    ['zh-en-mixed', 45, 60],
  ])('%s: at least %i queries over at least %i documents', async (name, queries, documents) => {
    const set = await loadTestSet(setPath(name));
    expect(set.queries.length).toBeGreaterThanOrEqual(queries);
    expect(set.documents.length).toBeGreaterThanOrEqual(documents);
  });

  it('at least 200 queries over at least 6 sets; every set of real text says where it comes from', async () => {
    const sets = await Promise.all(shipped.map((name) => loadTestSet(setPath(name))));
    expect(sets.length).toBeGreaterThanOrEqual(6);
    expect(sets.reduce((sum, set) => sum + set.queries.length, 0)).toBeGreaterThanOrEqual(200);
    for (const set of sets.filter((s) => !['en-paraphrase', 'en-exact', 'zh-semantic'].includes(s.name))) {
      expect(set.license, set.name).toMatch(/GPL|PSF|BSD|licen/i);
      expect(new Set(set.queries.map((q) => q.id)).size, set.name).toBe(set.queries.length);
    }
  });

  it('a query may name several relevant documents', async () => {
    const set = await loadTestSet(setPath('en-licenses'));
    expect(set.queries.some((q) => relevantIds(q).length > 1)).toBe(true);
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

describe('scoreMode', () => {
  it('scores the first relevant hit, nDCG over all relevant ones, with intervals, and prints them', () => {
    const set = {
      name: 's',
      language: 'en',
      documents: [
        { id: 'a', text: 'a' },
        { id: 'b', text: 'b' },
        { id: 'c', text: 'c' },
      ],
      queries: [
        { id: 'q1', query: 'x', relevant: 'a' },
        { id: 'q2', query: 'y', relevant: ['b', 'c'] },
      ],
    };
    const result = scoreMode('hybrid', set, [
      ['a', 'b', 'c'],
      ['a', 'c', 'b'],
    ]);
    expect(result.top1).toBe(0.5);
    expect(result.mrr).toBeCloseTo(0.75, 12);
    expect(result.queries.map((q) => q.rank)).toEqual([1, 2]);
    expect(result.ndcg10).toBeCloseTo((1 + (1 / Math.log2(3) + 1 / Math.log2(4)) / (1 + 1 / Math.log2(3))) / 2, 12);
    expect(result.ci.top1[0]).toBeLessThanOrEqual(0.5);
    expect(result.ci.top1[1]).toBeGreaterThanOrEqual(0.5);
    const vector = scoreMode('vector', set, [['b'], ['c']]);
    const text = formatAccuracy({ testSet: 's', model: 'm', documents: 3, queries: 2, indexSeconds: 0, modes: [vector, result] });
    expect(text).toContain('top-1 [95% CI]');
    expect(text).toContain('nDCG@10 [95% CI]');
    expect(text).toMatch(/hybrid +50\.0% \[\d+\.\d%, \d+\.\d%\] +0\.750 \[/);
    expect(text).toMatch(/^hybrid - vector: top-1 \+\d+\.\d pts \[.*\], MRR \+0\.\d{3} \[.*\] \(paired\)$/m);
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

  // Sets where hybrid may fall short, by at most this many queries' worth of top-1 (and
  // MRR), each with its reason. None today: zh-en-mixed fell one query short while the
  // search box's syntax read option flags ("man -t bash") as exclusions (query-syntax.ts).
  const KNOWN_SHORTFALL: Record<string, number> = {};

  // All shipped sets in one run (one model load): ~1 minute on the 2-core box. The same
  // run keeps each query's two lists, and the leave-one-set-out check runs on them too
  // (a few seconds more): held out, each set must still meet the same target.
  it('on every shipped set, hybrid is not worse than the better of vector and keyword, in-sample and held out', async () => {
    const sets = await Promise.all(shipped.map((name) => loadTestSet(setPath(name))));
    const reports = await runAccuracySets(sets, { modes: ['vector', 'keyword', 'hybrid'], captureCandidates: true });
    const shortfalls: string[] = [];
    for (const report of reports) {
      const { vector, keyword, hybrid } = byMode(report.modes);
      const slack = (KNOWN_SHORTFALL[report.testSet] ?? 0) / report.queries;
      const bestTop1 = Math.max(vector!.top1, keyword!.top1);
      const bestMrr = Math.max(vector!.mrr, keyword!.mrr);
      if (hybrid!.top1 < bestTop1 - slack - 1e-9 || hybrid!.mrr < bestMrr - slack - 1e-9) shortfalls.push(formatAccuracy(report));
    }
    expect(shortfalls.join('\n\n')).toBe('');
    const cv = crossValidate(capturedSets(reports));
    expect(formatCrossValidation(cv)).not.toMatch(/ NO$/m);
    expect(cv.heldOut).toHaveLength(shipped.length);
  });
});
