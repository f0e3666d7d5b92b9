// 核心拒绝时的说明，按其附带的 detail key 取词（见 en-errors.ts）。
import type { enErrors } from './en-errors.js';
import type { Message } from './messages.js';

export const zhCNErrors: { readonly [K in keyof typeof enErrors]: Message } = {
  'error.folderRelative': '请输入完整路径，例如 {example}',
  'error.folderNotFound': '找不到文件夹：{path}',
  'error.folderUnreadable': '无法打开文件夹 {path}（{reason}）。',
  'error.notAFolder': '这是一个文件，不是文件夹：{path}',
  'error.folderAlreadyAdded': '{path} 已在你的文件夹列表中，Sift 会自动保持它的索引最新。',
  'error.folderInsideAdded': '{path} 位于已添加的文件夹 {folder} 之内，其中的文件已经可以搜索。',
  'error.folderContainsAdded': '{path} 包含已添加的文件夹 {folder}。请先移除 {folder}，再添加这个文件夹。',
};
