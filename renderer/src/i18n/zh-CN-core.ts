// 核心的错误与通知，按其附带的 detail key 取词（见 en-core.ts）。
import type { enCore } from './en-core.js';
import type { Message } from './messages.js';

export const zhCNCore: { readonly [K in keyof typeof enCore]: Message } = {
  'error.folderRelative': '请输入完整路径，例如 {example}',
  'error.folderNotFound': '找不到文件夹：{path}',
  'error.folderUnreadable': '无法打开文件夹 {path}（{reason}）。',
  'error.notAFolder': '这是一个文件，不是文件夹：{path}',
  'error.folderAlreadyAdded': '{path} 已在你的文件夹列表中，Sift 会自动保持它的索引最新。',
  'error.folderInsideAdded': '{path} 位于已添加的文件夹 {folder} 之内，其中的文件已经可以搜索。',
  'error.folderContainsAdded': '{path} 包含已添加的文件夹 {folder}。请先移除 {folder}，再添加这个文件夹。',

  'error.folderSystem': '{path} 是系统文件夹（进程、设备、内核状态），不是文档：Sift 不会为它建立索引。',
  'notice.sharedIndexReadOnly': '{command}（{host} 上的进程 {pid}）正在写入共享索引 {index}；本 Sift 以只读方式搜索它，文件夹由那台机器建立索引。',
  'notice.settingsSetAside': '设置文件 {file} 无法读取（{reason}）；已保留为 {aside}，Sift 已使用默认设置启动。',
  'notice.foldersSetAside': '文件夹列表 {file} 无法读取（{reason}）；已保留为 {aside}，Sift 以空的文件夹列表启动：请重新添加文件夹。',
  'notice.settingsNotMovedAside': '设置文件 {file} 无法读取（{reason}），也无法移到一旁（{why}）；Sift 已使用默认设置启动。',
  'notice.foldersNotMovedAside': '文件夹列表 {file} 无法读取（{reason}），也无法移到一旁（{why}）；Sift 以空的文件夹列表启动。',
  'notice.passEnded': '{folder} 索引完成：新索引 {indexed} 个文件，{unchanged} 个未变，跳过 {skipped} 个，失败 {failed} 个（{chunks} 个片段，用时 {seconds} 秒）。',
};
