import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { matchLocale } from './locale.js';
import { formatMessage } from './translate.js';
import { zhCN } from './zh-CN.js';

describe('formatMessage', () => {
  it.each([
    ['en', { one: '{count} result', other: '{count} results' }, { count: 1 }, '1 result'],
    ['en', { one: '{count} result', other: '{count} results' }, { count: 0 }, '0 results'],
    ['en', { one: '{count} result', other: '{count} results' }, { count: 1234 }, '1,234 results'],
    ['zh-CN', { other: '{count} 条结果' }, { count: 1 }, '1 条结果'],
    ['en', 'line {line}', { line: 7 }, 'line 7'],
    ['en', 'keeps {unknown}', {}, 'keeps {unknown}'],
  ] as const)('%s %j %j', (locale, message, vars, expected) => {
    expect(formatMessage(locale, message, vars)).toBe(expected);
  });
});

describe('dictionaries', () => {
  it('zh-CN has exactly the keys of en', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('uses the same placeholders in every language', () => {
    const names = (m: unknown) => [...JSON.stringify(m).matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect([...new Set(names(zhCN[key]))], key).toEqual([...new Set(names(en[key]))]);
    }
  });

  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['en-US', 'en'],
    ['de', 'en'],
    [undefined, 'en'],
  ])('matchLocale(%s) = %s', (tag, expected) => {
    expect(matchLocale(tag)).toBe(expected);
  });
});
