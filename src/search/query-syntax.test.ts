import { describe, expect, it } from 'vitest';
import { foldText, parseQuery, satisfies, type QueryClause } from './query-syntax.js';

const word = (text: string): QueryClause => ({ text, phrase: false });
const phrase = (text: string): QueryClause => ({ text, phrase: true });

describe('parseQuery', () => {
  it.each<[string, string, QueryClause[], QueryClause[], string]>([
    // input, plain words, required, excluded, meaning
    ['reset my password', 'reset my password', [], [], 'reset my password'],
    ['"forgotten password" reset', 'reset', [phrase('forgotten password')], [], 'reset forgotten password'],
    ['+router password', 'password', [word('router')], [], 'password router'],
    ['password -router', 'password', [], [word('router')], 'password'],
    ['password -"wifi router"', 'password', [], [phrase('wifi router')], 'password'],
    ['+"two  step"  login', 'login', [phrase('two step')], [], 'login two step'],
    ['"password"', '', [word('password')], [], 'password'],
    // Chinese: spaces separate clauses; a quoted Han run is a phrase; full-width quotes and signs.
    ['神经网络 -河岸', '神经网络', [], [word('河岸')], '神经网络'],
    ['“反向传播” 训练', '训练', [phrase('反向传播')], [], '训练 反向传播'],
    ['「深度学习」', '', [phrase('深度学习')], [], '深度学习'],
    ['＋权重 学习', '学习', [word('权重')], [], '学习 权重'],
    // Never an error: unmatched quotes, lone signs, numbers, inner hyphens, stop words.
    ['"unclosed phrase', 'unclosed phrase', [], [], 'unclosed phrase'],
    ['say "hi', 'say hi', [], [], 'say hi'],
    ['- + password', 'password', [], [], 'password'],
    ['-5 degrees', '-5 degrees', [], [], '-5 degrees'],
    ['passwd -l 锁定', 'passwd -l 锁定', [], [], 'passwd -l 锁定'],
    ['man -t bash', 'man -t bash', [], [], 'man -t bash'],
    ['rm -rf --no-preserve-root', 'rm -rf --no-preserve-root', [], [], 'rm -rf --no-preserve-root'],
    ['e-mail state-of-the-art', 'e-mail state-of-the-art', [], [], 'e-mail state-of-the-art'],
    ['C++ templates', 'C++ templates', [], [], 'C++ templates'],
    ['+the password -the', 'the password', [], [], 'the password'],
    ['""', '', [], [], ''],
    ['-draft', 'draft', [], [], 'draft'],
    ['-draft -"old notes"', 'draft old notes', [], [], 'draft old notes'],
  ])('%s', (input, words, required, excluded, meaning) => {
    expect(parseQuery(input)).toEqual({ words, required, excluded, meaning });
  });
});

describe('satisfies', () => {
  const text = 'To reset a forgotten password, open the Sign-in page. 深度学习中的神经网络通过反向传播训练。';
  it.each<[string, boolean]>([
    ['"forgotten password"', true],
    ['"password forgotten"', false],
    ['"reset forgotten"', false], // 'a' stands between them
    ['"sign in page"', true], // punctuation folds to spaces
    ['+passwords', false],
    ['+pass', true], // word starts: the index stems, so +password holds "passwords"
    ['+ssword', false],
    ['password -reset', false],
    ['password -router', true],
    ['password -"reset a"', false],
    ['"神经网络"', true],
    ['"网络神经"', false],
    ['学习 -反向传播', false],
    ['plain words only', true],
  ])('%s -> %s', (query, expected) => {
    expect(satisfies(text, parseQuery(query))).toBe(expected);
  });

  it('folds case, width and Han spacing', () => {
    expect(foldText('Ｆｕｌｌ  WIDTH, 神经 网络!')).toBe(' full width 神经网络 ');
  });
});
