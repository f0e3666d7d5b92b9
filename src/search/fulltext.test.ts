import { describe, expect, it } from 'vitest';
import { keywordQuery } from './fulltext.js';

describe('keywordQuery', () => {
  it.each([
    ['How do I reset my password?', 'reset password?'],
    ["I can't remember my login details", 'remember login details'],
    ['the of and', ''],
    ['神经网络是怎么训练出来的', '神经网络是怎么训练出来的'],
    ['学习 AI 的方法', '学习 AI 的方法'],
    ['S&P 500 index funds', 'S&P 500 index funds'],
    ['29.5 days', '29.5 days'],
    ['the 3-2-1 rule', '3-2-1 rule'],
    ['what is C++?', 'C++?'],
    ['? !', ''],
    ['Ｆｕｌｌｗｉｄｔｈ text', 'Fullwidth text'],
    ['café crème', 'café crème'],
    ['don’t stop', 'stop'],
    ['"exact phrase" AND (x OR y)', '"exact phrase" (x y)'],
  ])('%s -> %s', (query, expected) => {
    expect(keywordQuery(query)).toBe(expected);
  });
});
