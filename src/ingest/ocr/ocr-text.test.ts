import { describe, expect, it } from 'vitest';
import { cleanOcrText } from './ocr-text.js';

describe('cleanOcrText', () => {
  it.each([
    ['量 子 计 算 机', '量子计算机'],
    ['本报告 介绍了 量子计算机。 研究', '本报告介绍了量子计算机。研究'],
    ['Qwen3 模型 works', 'Qwen3 模型 works'],
    ['two  words', 'two  words'],
    ['line one   \r\nline two\t\n\n\n\nnext paragraph\n', 'line one\nline two\n\nnext paragraph'],
    ['  \n \n', ''],
  ])('%j -> %j', (raw, clean) => {
    expect(cleanOcrText(raw)).toBe(clean);
  });
});
