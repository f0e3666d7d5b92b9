import { describe, expect, it } from 'vitest';
import type { CapturedPassage, CapturedQuery } from './accuracy.js';
import { crossValidate, formatCrossValidation, gridParams, type FusionGrid } from './cross-validate.js';

const passage = (doc: string, text: string): CapturedPassage => ({ key: `${doc}#0`, doc, text, score: 0 });

/** A query whose keyword list has the answer first with a complete match, while the
 *  vector list puts a wrong document first: keyword-led fusion gets it right. */
function exactQuery(id: string): CapturedQuery {
  const right = passage(`${id}-right`, `the ${id}zzq option`);
  const wrong = passage(`${id}-wrong`, 'an unrelated passage');
  return { id, query: `${id}zzq option`, relevant: [right.doc], vector: [wrong, right], keyword: [right] };
}

/** A paraphrase: the keyword list has a wrong document sharing one word of five, the
 *  vector list has the answer first: vector-led fusion gets it right. */
function paraphraseQuery(id: string): CapturedQuery {
  const right = passage(`${id}-right`, 'forgot password sign in page');
  const wrong = passage(`${id}-wrong`, `remember the ${id}qq milk`);
  return { id, query: `cannot remember my login details ${id}xx`, relevant: [right.doc], vector: [right, wrong], keyword: [wrong] };
}

const grid: FusionGrid = { rrfK: [1, 3], coveragePower: [0, 1], confidenceMidpoint: [0.2, 0.5], confidenceSlope: [0, 20] };

describe('crossValidate', () => {
  it('has one parameter set per grid point', () => {
    expect(gridParams(grid)).toHaveLength(16);
  });

  it('scores each held-out set with constants chosen on the others, and the single modes as captured', () => {
    const sets = [
      { name: 'exact-a', queries: ['a1', 'a2', 'a3'].map(exactQuery) },
      { name: 'exact-b', queries: ['b1', 'b2'].map(exactQuery) },
      { name: 'para-a', queries: ['p1', 'p2', 'p3'].map(paraphraseQuery) },
      { name: 'para-b', queries: ['q1', 'q2'].map(paraphraseQuery) },
    ];
    const cv = crossValidate(sets, grid);
    expect(cv.heldOut.map((row) => row.set)).toEqual(['exact-a', 'exact-b', 'para-a', 'para-b']);
    const byName = Object.fromEntries(cv.heldOut.map((row) => [row.set, row]));
    expect(byName['exact-a']!.keyword.top1).toBe(1);
    expect(byName['exact-a']!.vector.top1).toBe(0);
    expect(byName['para-a']!.vector.top1).toBe(1);
    expect(byName['para-a']!.keyword.top1).toBe(0);
    // Both kinds are in every training fold, so an adaptive choice (slope > 0) is made and
    // the held-out set of either kind is answered as well as its better single mode.
    for (const row of cv.heldOut) {
      expect(row.params.confidenceSlope).toBeGreaterThan(0);
      expect(row.hybrid.top1).toBe(1);
    }
    const text = formatCrossValidation(cv);
    expect(text).toMatch(/^exact-a +0\.0% \/ 0\.500 \/ 0\.631 +100\.0% \/ 1\.000 \/ 1\.000 +100\.0% \/ 1\.000 \/ 1\.000 +k=\d p=[\d.]+ mid=[\d.]+ slope=20 +yes$/m);
    expect(text).toMatch(/^Chosen on all sets: k=\d p=[\d.]+ mid=[\d.]+ slope=20$/m);
  });

  it('a fixed even split (slope 0) cannot serve both kinds, which the held-out rows show', () => {
    const sets = [
      { name: 'exact', queries: ['a1', 'a2'].map(exactQuery) },
      { name: 'para', queries: ['p1', 'p2'].map(paraphraseQuery) },
    ];
    const cv = crossValidate(sets, { ...grid, confidenceSlope: [0] });
    expect(cv.heldOut.some((row) => row.hybrid.top1 < 1)).toBe(true);
    expect(formatCrossValidation(cv)).toMatch(/ NO$/m);
  });

  it('among constants that fall short nowhere, chooses those that give the keyword list the least say', () => {
    // Both lists put the answer first: every grid point is as good, so only the keyword
    // share tells them apart, and the higher midpoint (the keyword list leads less) wins.
    const agreeing = (id: string): CapturedQuery => {
      const right = passage(`${id}-right`, `the ${id}zzq option`);
      const wrong = passage(`${id}-wrong`, 'an unrelated passage');
      return { id, query: `${id}zzq option`, relevant: [right.doc], vector: [right, wrong], keyword: [right] };
    };
    const sets = [
      { name: 'a', queries: ['a1', 'a2'].map(agreeing) },
      { name: 'b', queries: ['b1', 'b2'].map(agreeing) },
    ];
    const cv = crossValidate(sets, { rrfK: [1], coveragePower: [0], confidenceMidpoint: [0.2, 0.9], confidenceSlope: [20] });
    expect(cv.allSets.confidenceMidpoint).toBe(0.9);
    for (const row of cv.heldOut) expect(row.params.confidenceMidpoint).toBe(0.9);
  });
});
