// en-qa.ts 的中文。
import type { enQa } from './en-qa.js';
import type { Message } from './messages.js';

export const zhCNQa: { readonly [K in keyof typeof enQa]: Message } = {
  'issue.ocr-unavailableData': 'OCR 不可用：无法下载其语言数据（{file}）',
};
