// 模型下载与删除、基准测试对比的中文，见 en-ux2.ts。
import type { enUx2 } from './en-ux2.js';
import type { Message } from './messages.js';

export const zhCNUx2: { readonly [K in keyof typeof enUx2]: Message } = {
  'download.retrying': '正在重试',
  'models.retryState': '{seconds} 秒后第 {attempt}/{of} 次重试',
  'models.retryNow': '正在第 {attempt}/{of} 次重试',
  'models.delete': '删除',
  'models.forget': '移除',
  'models.deleteLabel': '删除 {name}',
  'models.deleteConfirm': '删除 {name}？它的文件（{size}）将从这台电脑上移除，之后可以重新下载。',
  'models.forgetConfirm': '从列表中移除 {name}？文件仍保留在原处：{path}',
  'models.deleting': '正在删除…',
  'models.inUseNoDelete': '正在使用：先切换到其他模型才能删除',
  'models.bundledNoDelete': '随 Sift 附带，不能删除',
};
