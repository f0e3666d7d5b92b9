// 预览窗格及其快捷键的简体中文。Every key of en-preview.ts must be here.
import type { enPreview } from './en-preview.js';
import type { Message } from './messages.js';

export const zhCNPreview: { readonly [K in keyof typeof enPreview]: Message } = {
  'preview.label': '预览',
  'preview.textLabel': '{name} 的文本',
  'preview.lines': '第 {start}–{end} 行，共 {total} 行',
  'preview.reading': '正在读取 {name}…',
  'preview.fromIndex': 'Sift 通过 OCR 识别出的文字（此文件是图片或扫描件）。',
  'preview.fromIndexHint': '此文件没有文字层；这里显示的是读取时存入索引的文字。',
  'preview.changed': '索引后已修改',
  'preview.changedHint': '此文件在 Sift 建立索引后被编辑过。这里显示的是它现在的文本，并尽可能重新找到该段落。',
  'preview.missingTitle': '此文件已不存在',
  'preview.missingHint': '它在 Sift 建立索引后被移动或删除。下次检查该文件夹时，索引会将其移除。',
  'preview.unreadableTitle': 'Sift 现在无法显示此文件的文本',
  'preview.failedTitle': '预览失败',
  'preview.open': '打开',
  'preview.reveal': '在文件夹中显示',
  'preview.copyPath': '复制路径',
  'preview.show': '预览',
  'preview.back': '返回结果',
  'preview.browserNote': '打开文件需要使用桌面应用；在这里可以复制路径。',
  'preview.keysDesktop': 'Esc 返回搜索 · Enter 打开 · Shift+Enter 在文件夹中显示 · {mod}+C 复制路径',
  'preview.keysBrowser': 'Esc 返回搜索 · {mod}+C 复制路径',
  'search.keysPreviewDesktop': '↑ ↓ 选择 · Enter 打开 · Shift+Enter 在文件夹中显示 · Tab 或 {mod}+Enter 预览 · {mod}+C 复制路径',
  'search.keysPreviewBrowser': '↑ ↓ 选择 · Enter 或 Tab 预览 · {mod}+C 复制路径',
};
