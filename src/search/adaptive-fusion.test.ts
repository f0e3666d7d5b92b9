import { describe, expect, it } from 'vitest';
import {
  adaptiveFusion,
  containsTerm,
  coverages,
  coverageTerms,
  DEFAULT_FUSION,
  editDistanceWithin,
  fuseWithCoverage,
  keywordConfidence,
  keywordShare,
  matchStem,
  maxAdaptiveScore,
  type FusionParams,
} from './adaptive-fusion.js';

const keys = <K>(items: Array<{ key: K }>) => items.map((item) => item.key);

describe('coverageTerms', () => {
  it.each([
    ['GNU general public license version 3', ['gnu', 'general', 'public', 'license', 'version', '3']],
    ['How do I reset my password?', ['reset', 'password']],
    ['os.makedirs exist_ok', ['os', 'makedirs', 'exist', 'ok']],
    ['passwd -l 锁定', ['passwd', 'l', '锁定']],
    ['统计换行符数', ['统计', '计换', '换行', '行符', '符数']],
    ['the of and', []],
  ])('%s -> %j', (query, expected) => {
    expect(coverageTerms(query)).toEqual(expected);
  });
});

describe('matchStem and containsTerm', () => {
  it.each([
    ['lines', 'lin'],
    ['copies', 'copy'],
    ['counting', 'count'],
    ['class', 'class'],
    ['3', '3'],
    ['x86', 'x86'],
  ])('matchStem(%s) = %s', (term, stem) => {
    expect(matchStem(term)).toBe(stem);
  });

  it.each([
    ['print the line counts', 'lines', true],
    ['one line', 'lines', true],
    ['the file was used', 'use', true],
    ['print newline counts', 'line', false], // not at a word start
    ['-l, --lines', 'l', true],
    ['less is more', 'l', false], // a one-letter option is not every word starting with l
    ['version 3, 29 june 2007', '3', true],
    ['version 2, june 1991', '3', false],
    ['section 13. use with', '3', false],
    ['printable characters', 'print', false], // 'able' is not an English inflection
    ['锁定指定账户的密码', '锁定', true],
    ['锁定指定账户的密码', '删除', false],
  ])('%j contains %j: %s', (text, term, expected) => {
    expect(containsTerm(text, term)).toBe(expected);
  });
});

describe('editDistanceWithin', () => {
  it.each([
    ['compres', 'compress', 1, 1],
    ['permisions', 'permissions', 2, 1],
    ['teh', 'the', 1, 1], // a swap is one edit
    ['wegt', 'wget', 1, 1],
    ['kitten', 'sitting', 2, 3], // 3 > 2: stops at max + 1
    ['abc', 'abc', 1, 0],
    ['short', 'muchlongerword', 2, 3],
  ])('%s / %s within %i: %i', (a, b, max, expected) => {
    expect(editDistanceWithin(a, b, max)).toBe(expected);
  });
});

describe('coverages', () => {
  it('weighs rare words over common ones, and is 1 only for a complete match', () => {
    const texts = ['the gzip file format', 'a file on disk', 'another file here', 'gzip compresses a file'];
    const [first, second, , fourth] = coverages(['gzip', 'format', 'file'], texts);
    expect(first).toBeCloseTo(1, 10);
    expect(fourth).toBeGreaterThan(second!);
    expect(second).toBeGreaterThan(0);
    expect(fourth).toBeLessThan(1);
  });

  it('a word no candidate contains keeps every coverage below 1', () => {
    expect(Math.max(...coverages(['gzip', 'qqqzzz'], ['gzip here', 'none']))).toBeLessThan(0.6);
  });

  it('no words: no coverage', () => {
    expect(coverages([], ['a', 'b'])).toEqual([0, 0]);
  });
});

describe('keywordConfidence and keywordShare', () => {
  const cover = new Map([
    ['a', 0.1],
    ['b', 0.9],
    ['c', 0.2],
    ['d', 1],
  ]);
  it('is the best coverage among the first three keyword passages, discounted by the share of candidates matching as well', () => {
    // 0.9 is matched or beaten by b and d: 2 of 4 candidates.
    expect(keywordConfidence(['a', 'b', 'c', 'd'], cover)).toBeCloseTo(0.9 * (1 - 2 / 4), 12);
    expect(keywordConfidence(['a', 'c', 'x', 'd'], cover)).toBeCloseTo(0.2 * (1 - 3 / 4), 12);
    expect(keywordConfidence([], cover)).toBe(0);
    // Every candidate matches completely: the keyword side cannot tell them apart.
    expect(keywordConfidence(['a', 'b'], new Map([['a', 1], ['b', 1]]))).toBe(0);
  });
  it.each([
    [0.25, 0.5],
    [1, 1],
    [0, 0.0067],
  ])('confidence %d gives the keyword list a share of %d (midpoint 0.25, slope 20)', (confidence, share) => {
    expect(keywordShare(confidence, { confidenceMidpoint: 0.25, confidenceSlope: 20 })).toBeCloseTo(share, 3);
  });
});

describe('fuseWithCoverage', () => {
  const params: FusionParams = { rrfK: 3, vectorWeight: 1, keywordWeight: 1, coveragePower: 0.5, confidenceMidpoint: 0.25, confidenceSlope: 20 };
  it.each([
    {
      name: 'a complete keyword match leads',
      vector: ['v1', 'v2', 'k1'],
      keyword: ['k1', 'k2'],
      cover: { k1: 1, k2: 0.5, v1: 0, v2: 0 },
      expected: ['k1', 'k2', 'v1', 'v2'],
    },
    {
      name: 'a weak keyword match leaves the vector order in charge',
      vector: ['v1', 'v2', 'v3'],
      keyword: ['k1', 'v3'],
      cover: { k1: 0.1, v3: 0.05, v1: 0, v2: 0 },
      expected: ['v1', 'v2', 'v3', 'k1'],
    },
    {
      name: 'an empty vector list leaves the keyword order as it is',
      vector: [],
      keyword: ['k2', 'k1'],
      cover: { k1: 1, k2: 0.1 },
      expected: ['k2', 'k1'],
    },
    {
      name: 'an empty keyword list leaves the vector order as it is',
      vector: ['v2', 'v1'],
      keyword: [],
      cover: {},
      expected: ['v2', 'v1'],
    },
    { name: 'nothing gives nothing', vector: [], keyword: [], cover: {}, expected: [] },
    {
      name: 'a passage in both lists (agreement) beats one in either',
      vector: ['v1', 'both'],
      keyword: ['k1', 'both'],
      cover: { k1: 0.375, both: 0.3, v1: 0 },
      expected: ['both', 'v1', 'k1'],
    },
  ])('$name', ({ vector, keyword, cover, expected }) => {
    expect(keys(fuseWithCoverage(vector, keyword, new Map(Object.entries(cover)), params))).toEqual(expected);
  });

  it('with slope 0 and coverage power 0 it is RRF with even weights', () => {
    const even = { ...params, confidenceSlope: 0, coveragePower: 0 };
    const fused = fuseWithCoverage(['a', 'b'], ['b', 'c'], new Map(), even);
    expect(keys(fused)).toEqual(['b', 'a', 'c']);
    expect(fused[0]!.score).toBeCloseTo(0.5 / 5 + 0.5 / 4, 12);
    expect(fused[0]!.ranks).toEqual([2, 1]);
  });

  it('scores stay under maxAdaptiveScore', () => {
    const fused = fuseWithCoverage(['a', 'b'], ['a', 'c'], new Map([['a', 1], ['c', 1]]), params);
    expect(fused[0]!.score).toBeLessThanOrEqual(maxAdaptiveScore(params, { vector: true, keyword: true }));
  });
});

describe('adaptiveFusion on texts', () => {
  it('"version 3": the number counts, so only the GPL-3 passage is a complete match', () => {
    const texts = ['GNU GENERAL PUBLIC LICENSE Version 3, 29 June 2007', 'GNU GENERAL PUBLIC LICENSE Version 2, June 1991', 'GNU LESSER GENERAL PUBLIC LICENSE Version 2.1'];
    const [gpl3, gpl2, lgpl] = coverages(coverageTerms('GNU general public license version 3'), texts);
    expect(gpl3).toBeCloseTo(1, 10);
    expect(gpl2).toBeLessThan(0.9);
    expect(lgpl).toBeLessThan(0.9);
    const fused = adaptiveFusion(
      'GNU general public license version 3',
      [{ key: 'gpl2', text: texts[1]! }, { key: 'gpl3', text: texts[0]! }],
      [{ key: 'gpl3', text: texts[0]! }, { key: 'gpl2', text: texts[1]! }],
      DEFAULT_FUSION,
    );
    expect(keys(fused)[0]).toBe('gpl3');
  });

  it('a misspelt word still counts when a candidate has a word one edit away', () => {
    const texts = ['gzip can compress files', 'the cat sat'];
    expect(coverages(['compres', 'fles'], texts)[0]).toBeCloseTo(1, 10);
    expect(coverages(['compres', 'fles'], texts)[1]).toBe(0);
    // A paraphrase's unrelated word finds nothing and keeps the match incomplete.
    expect(coverages(['shrink', 'gzip'], texts)[0]).toBeLessThan(0.6);
  });

  it.each([
    ['wegt', ['the wget tool', 'xwget and awget'], [1, 0]], // only whole words, from their start
    ['compres', ['écompress', 'é compress'], [0, 1]], // a non-ASCII letter before is still inside a word
    ['strase', ['die straße ist lang', 'die strasse'], [1, 1]], // ß is one letter, one edit from s
    ['wegt', ['we', 'wxyzt'], [0, 0]], // too short, or too many edits
  ])('the typo look-up for %j in %j', (term, texts, expected) => {
    expect(coverages([term], texts)).toEqual(expected);
  });

  it('a paraphrase that shares one word with a wrong passage keeps the vector answer first', () => {
    const right = { key: 'right', text: 'Forgot your password? On the sign-in page choose Forgot password' };
    const wrong = { key: 'wrong', text: 'Enter the one-time code from your authenticator app' };
    const other = { key: 'other', text: 'Roast the chicken for an hour' };
    const fused = adaptiveFusion("I can't remember my login details, how do I get back in with a code", [right, other, wrong], [wrong], DEFAULT_FUSION);
    expect(keys(fused)[0]).toBe('right');
  });
});
