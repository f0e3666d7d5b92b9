// Every error key the core can send (src/api/error-keys.ts) is worded in every language,
// with exactly the parameters the core sends: a key added to the core without its
// translations, or a sentence that drops or misspells a parameter, fails here.
import { describe, expect, it } from 'vitest';
import { ERROR_KEYS, type ErrorKey } from '../../../src/api/error-keys.js';
import { detailText, wordDetail } from '../components/ErrorMessage.js';
import { en } from './en.js';
import type { MessageKey } from './messages.js';
import { formatMessage } from './translate.js';
import { zhCN } from './zh-CN.js';

const languages = [
  ['en', en],
  ['zh-CN', zhCN],
] as const;

const placeholders = (message: unknown) => [...new Set([...JSON.stringify(message).matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe('core error keys', () => {
  const keys = Object.keys(ERROR_KEYS) as ErrorKey[];

  it.each(languages.flatMap(([locale, table]) => keys.map((key) => [locale, key, table] as const)))('%s words error.%s with its parameters', (locale, key, table) => {
    const message = (table as Record<string, unknown>)[`error.${key}`];
    expect(message, `error.${key} missing in ${locale}`).toBeDefined();
    expect(placeholders(message)).toEqual([...ERROR_KEYS[key]].sort());
    const params = Object.fromEntries(ERROR_KEYS[key].map((name) => [name, `<${name}>`]));
    const text = formatMessage(locale, message as string, params);
    expect(text).not.toMatch(/\{\w+\}/);
    if (locale === 'zh-CN' && !['netOther', 'fieldInvalid'].includes(key)) expect(text).toMatch(/[\u4e00-\u9fff]/);
  });

  it('words a download failure with its parts in each language', () => {
    const detail = {
      key: 'downloadFailed',
      params: { file: 'Qwen3-Embedding-0.6B-Q8_0.gguf', times: 6 },
      parts: { why: { key: 'netRefused', params: { host: 'huggingface.co' } }, kept: { key: 'downloadNothingKept' } },
    };
    const t = (locale: 'en' | 'zh-CN') => (key: MessageKey, vars?: Record<string, string | number>) =>
      formatMessage(locale, (locale === 'en' ? en : zhCN)[key], vars);
    expect(wordDetail('error', detail, t('en'))).toMatch(/^Downloading Qwen3-Embedding-0\.6B-Q8_0\.gguf failed 6 times in a row: huggingface\.co refused the connection\. Nothing arrived\. /);
    expect(wordDetail('error', detail, t('zh-CN'))).toMatch(/^下载 Qwen3-Embedding-0\.6B-Q8_0\.gguf 连续失败 6 次：huggingface\.co 拒绝了连接。没有收到任何数据。/);
    // A part this UI does not know falls back to the core's English sentence.
    expect(wordDetail('error', { ...detail, parts: { ...detail.parts, why: { key: 'fromANewerCore' } } }, t('zh-CN'))).toBeUndefined();
  });

  it('words a notice that passes on an error (a model that did not load) from error.<key>', () => {
    const t = (key: MessageKey, vars?: Record<string, string | number>) => formatMessage('zh-CN', zhCN[key], vars);
    const detail = { key: 'modelLoadFailed', params: { file: 'big.gguf', reason: 'out of memory', fits: 'Qwen3-Embedding-0.6B (Q8_0)' } };
    expect(detailText('notice', detail, 'English', t)).toBe('无法加载 big.gguf：out of memory。如果显存不足，请选择更小的模型，例如 Qwen3-Embedding-0.6B (Q8_0)。');
    expect(detailText('notice', { key: 'unknownKey' }, 'English', t)).toBe('English');
  });

  it('names a settings field by its label in the window, not as the contract spells it', () => {
    const zh = (key: MessageKey, vars?: Record<string, string | number>) => formatMessage('zh-CN', zhCN[key], vars);
    const english = (key: MessageKey, vars?: Record<string, string | number>) => formatMessage('en', en[key], vars);
    const detail = { key: 'fieldTooLarge', params: { field: 'chunkTokens', max: 2048 } };
    expect(wordDetail('error', detail, english)).toBe('Chunk size: at most 2,048.');
    expect(wordDetail('error', detail, zh)).toBe(`${zhCN['settings.chunkTokens']}：不能大于 2,048。`);
    // A field without a label keeps its name.
    expect(wordDetail('error', { key: 'fieldRequired', params: { field: 'query' } }, english)).toBe('query: required.');
  });
});
