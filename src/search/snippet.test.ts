import { describe, expect, it } from 'vitest';
import { findMatches, makeSnippet, queryTerms } from './snippet.js';

describe('queryTerms', () => {
  it.each([
    ['How do I reset my password?', ['reset', 'password']],
    ['神经网络', ['神经', '经网', '网络']],
    ['学 AI', ['学', 'ai']],
    ['the of and', []],
  ])('%s', (query, terms) => {
    expect(queryTerms(query)).toEqual(terms);
  });
});

describe('findMatches', () => {
  it.each([
    { text: 'Reset the PASSWORD now', terms: ['password'], ranges: [[10, 18]] },
    { text: 'passwords and bypass', terms: ['pass'], ranges: [[0, 9]] },
    { text: '我们学习神经网络', terms: ['神经', '经网', '网络'], ranges: [[4, 8]] },
    { text: 'nothing here', terms: ['absent'], ranges: [] },
  ])('$text / $terms', ({ text, terms, ranges }) => {
    expect(findMatches(text, terms)).toEqual(ranges);
  });
});

describe('makeSnippet', () => {
  it('returns short passages whole with highlights in place', () => {
    const snippet = makeSnippet('Forgot your password? Reset it here.', ['password', 'reset']);
    expect(snippet.text).toBe('Forgot your password? Reset it here.');
    expect(snippet.highlights.map(([a, b]) => snippet.text.slice(a, b))).toEqual(['password', 'Reset']);
  });

  it('centres long passages on the densest matches and marks the cut', () => {
    const passage = `${'filler words '.repeat(40)}the password reset link ${'more filler '.repeat(40)}`;
    const snippet = makeSnippet(passage, ['password', 'reset'], 80);
    expect(snippet.text.startsWith('…')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    expect(snippet.highlights.map(([a, b]) => snippet.text.slice(a, b))).toEqual(['password', 'reset']);
    expect(passage.slice(snippet.offset).startsWith(snippet.text.slice(1, 10))).toBe(true);
  });

  it('collapses line breaks and indentation to single spaces, keeping highlights aligned', () => {
    const snippet = makeSnippet('# Sourdough\n\n   Feed the   starter\nthen bake the bread.', ['bread', 'starter']);
    expect(snippet.text).toBe('# Sourdough Feed the starter then bake the bread.');
    expect(snippet.highlights.map(([a, b]) => snippet.text.slice(a, b))).toEqual(['starter', 'bread']);
  });
});
