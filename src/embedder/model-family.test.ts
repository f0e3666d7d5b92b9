import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY_TASK, familyFor, poolingWarning } from './model-family.js';

describe('familyFor', () => {
  it.each([
    ['qwen3', 'qwen3-embedding'],
    ['bert', 'bert'],
    ['xlm-roberta', 'bert'],
    ['nomic-bert', 'bert'],
    ['llama', 'generic'],
    ['unknown', 'generic'],
  ])('%s -> %s', (arch, id) => expect(familyFor(arch).id).toBe(id));

  it('formats Qwen3 queries with the instruction and documents plain', () => {
    const f = familyFor('qwen3');
    expect(f.formatQuery('如何重置密码')).toBe(`Instruct: ${DEFAULT_QUERY_TASK}\nQuery: 如何重置密码`);
    expect(f.formatQuery('q', 'Find code')).toBe('Instruct: Find code\nQuery: q');
    expect(f.formatDocument('这是测试句子')).toBe('这是测试句子');
    expect(f.requiresEos).toBe(true);
    expect(f.matryoshka).toBe(true);
  });

  it('gives BERT-family models no instruction', () => {
    const f = familyFor('bert');
    expect(f.formatQuery('reset my password', 'ignored')).toBe('reset my password');
    expect(f.requiresEos).toBe(false);
  });
});

describe('poolingWarning', () => {
  it.each([
    ['qwen3', 'last', false],
    ['qwen3', 'none', false],
    ['qwen3', 'mean', true],
    ['bert', 'mean', false],
    ['bert', 'cls', false],
    ['bert', 'last', true],
    ['llama', 'mean', false],
  ] as const)('%s with %s pooling warns: %s', (arch, pooling, warns) => {
    const w = poolingWarning(familyFor(arch), pooling, 'M');
    expect(w !== undefined).toBe(warns);
    if (w) expect(w).toMatch(/"M" declares .* pooling/);
  });
});
