import { describe, expect, it } from 'vitest';
import { coverageTerms, stemPrefix, termCoverage } from './term-coverage.js';

describe('stemPrefix', () => {
  it.each([
    ['configuring', 'configur'],
    ['configuration', 'configur'],
    ['passwords', 'password'],
    ['password', 'password'],
    ['sing', 'sing'],
    ['license', 'licens'],
    ['licenses', 'licens'],
  ])('%s -> %s', (word, stem) => expect(stemPrefix(word)).toBe(stem));
});

describe('termCoverage', () => {
  const text = 'To reset a forgotten password, open the login page. Configure the printer. 深度学习中的神经网络。';
  it.each([
    ['reset password', 1],
    ['how do I reset my passwords', 1],
    ['configuring printers', 1],
    ['reset router', 0.5],
    ['router modem cable fibre', 0],
    ['神经网络', 1], // ICU: 神经 + 网络
    ['神经网络 河岸', 2 / 3],
    ['the of and', 0],
    ['word', 0], // 'word' must start a word: "password" does not hold it
  ])('%s -> %d', (query, expected) => {
    expect(termCoverage(text, coverageTerms(query))).toBeCloseTo(expected, 6);
  });
});
