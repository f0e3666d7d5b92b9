import { describe, expect, it } from 'vitest';
import { countTerms, fuzzyCandidates, keywordPlan, toRequiredQuery, withFuzzy } from './keyword-plan.js';
import { parseQuery } from './query-syntax.js';

describe('keywordPlan', () => {
  it.each([
    ['how do I reset my password', { match: 'reset password', must: [], terms: 2 }],
    ['"forgotten password" -router +wifi', { match: 'forgotten password wifi', must: ['forgotten password', 'wifi'], terms: 3 }],
    ['password -"old notes"', { match: 'password', must: [], terms: 1 }],
    ['神经网络 -河岸', { match: '神经网络', must: [], terms: 2 }],
  ])('%s', (query, expected) => {
    expect(keywordPlan(parseQuery(query))).toEqual({ fuzzy: [], ...expected });
  });

  it('asks the required words again as one AND match', () => {
    expect(toRequiredQuery(keywordPlan(parseQuery('reset'))!)).toBeUndefined();
    expect(toRequiredQuery(keywordPlan(parseQuery('"forgotten password" +wifi'))!)).toBeDefined();
  });

  it('offers no typo tolerance to required words', () => {
    expect(fuzzyCandidates(keywordPlan(parseQuery('+routerr pasword'))!)).toEqual(['pasword']);
  });

  it('has nothing to look for in function words alone', () => {
    expect(keywordPlan(parseQuery('how do I'))).toBeUndefined();
  });

  it('offers typo tolerance to long Latin words only, two edits from 6 letters', () => {
    const plan = keywordPlan(parseQuery('pasword for wifi configuraton 神经网络 résumé'))!;
    expect(fuzzyCandidates(plan)).toEqual(['pasword', 'configuraton', 'résumé']);
    expect(withFuzzy(plan, ['pasword', 'configuraton', 'wifii']).fuzzy).toEqual([
      { word: 'pasword', distance: 2 },
      { word: 'configuraton', distance: 2 },
      { word: 'wifii', distance: 1 },
    ]);
  });

  it('counts terms as ICU splits them', () => {
    expect(countTerms('深度学习 password Password the')).toBe(3);
  });
});
