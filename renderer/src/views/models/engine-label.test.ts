import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.js';
import { zhCN } from '../../i18n/zh-CN.js';
import { formatMessage } from '../../i18n/translate.js';
import type { MessageKey } from '../../i18n/messages.js';
import { engineLabel } from './engine-label.js';

const tFor = (locale: string, messages: Record<string, unknown>) => (key: MessageKey, vars?: Record<string, string | number>) =>
  formatMessage(locale, messages[key] as never, vars);

describe('engineLabel', () => {
  const t = tFor('en', en);
  it('names the Sift engine with its backend and batch', () => {
    expect(engineLabel({ engineBuild: 'sift', textsPerDecode: 64, backend: 'cuda' }, t)).toBe('Sift engine (CUDA, batched: 64 texts per pass)');
  });
  it('names the prebuilt addon', () => {
    expect(engineLabel({ engineBuild: 'prebuilt', textsPerDecode: 1, backend: 'vulkan' }, t)).toBe('Prebuilt node-llama-cpp (VULKAN, one text per pass)');
  });
  it('trusts the probe over the batch size, and falls back to it for older cores', () => {
    expect(engineLabel({ engineBuild: 'prebuilt', textsPerDecode: 16, backend: 'cpu' }, t)).toMatch(/^Prebuilt/);
    expect(engineLabel({ textsPerDecode: 16, backend: 'cuda' }, t)).toMatch(/^Sift engine/);
  });
  it('speaks Chinese', () => {
    expect(engineLabel({ engineBuild: 'sift', textsPerDecode: 64, backend: 'cuda' }, tFor('zh-CN', zhCN))).toBe('Sift 引擎（CUDA，批量：每次计算 64 段文本）');
  });
});
