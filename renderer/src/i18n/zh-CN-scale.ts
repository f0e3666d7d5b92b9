// 负载相关的核心消息（见 en-scale.ts）。
import type { enScale } from './en-scale.js';
import type { Message } from './messages.js';

export const zhCNScale: { readonly [K in keyof typeof enScale]: Message } = {
  'error.searchBusy': 'Sift 正在同时处理 {count} 个搜索，请稍后再试。',
};
