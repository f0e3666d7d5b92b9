// 简体中文。Every key of en.ts must be here; the Messages type enforces it.
import { zhCNUx2 } from './zh-CN-ux2.js';
import { zhCNTestsets } from './zh-CN-testsets.js';
import { zhCNFusion } from './zh-CN-fusion.js';
import { zhCNQa } from './zh-CN-qa.js';
import { zhCNErrors } from './zh-CN-errors.js';
import type { EnBaseKey } from './en.js';
import type { Message, Messages } from './messages.js';
import { zhCNCore } from './zh-CN-core.js';
import { zhCNEngine } from './zh-CN-engine.js';
import { zhCNIssues } from './zh-CN-issues.js';
import { zhCNRuntime } from './zh-CN-runtime.js';
import { zhCNSharedIndex } from './zh-CN-shared-index.js';
import { zhCNRelevance } from './zh-CN-relevance.js';
import { zhCNPreview } from './zh-CN-preview.js';
import { zhCNScale } from './zh-CN-scale.js';
import { zhCNViews } from './zh-CN-views.js';

const zhCNBase: { readonly [K in EnBaseKey]: Message } = {
  'app.name': 'Sift',
  'app.tagline': '本地语义搜索',
  'lang.label': '语言',

  'nav.label': '视图',
  'nav.search': '搜索',
  'nav.folders': '文件夹',
  'nav.models': '模型',
  'nav.bench': '性能测试',
  'nav.settings': '设置',

  'search.placeholder': '按含义搜索你的文件夹…',
  'search.label': '搜索',
  'search.shortcut': '聚焦搜索框',
  'search.results': { other: '{count} 条结果' },
  'search.resultsMore': { other: '{count}+ 条结果' },
  'search.took': '{ms} 毫秒',
  'search.searching': '正在搜索…',
  'search.idleTitle': '按含义搜索',
  'search.idleHint': '输入一个问题或几个词。即使措辞不同，Sift 也能找到意思相近的段落。',
  'search.noResultsTitle': '没有结果',
  'search.noResultsHint': '换几个词、换一种模式或减少筛选条件试试，或添加存放相关内容的文件夹。',
  'search.indexingHint': '部分文件夹仍在索引中，稍后可能出现更多结果。',
  'search.errorTitle': '搜索失败',
  'search.copied': '已复制 {path}',
  'search.revealedInstead': '{name} 可能会作为程序运行，因此 Sift 改为在文件夹中显示它。',
  'search.more': '更多结果',
  'search.loadingMore': '正在加载…',

  'mode.label': '搜索模式',
  'mode.hybrid': '混合',
  'mode.hybridHint': '同时匹配含义和原词（适合大多数搜索）',
  'mode.vector': '语义',
  'mode.vectorHint': '查找意思相同的段落，不论用词',
  'mode.keyword': '关键词',
  'mode.keywordHint': '查找你输入的原词（名称、编号、数字）',

  'filter.folder': '文件夹',
  'filter.allFolders': '全部文件夹',
  'filter.type': '文件类型',
  'filter.date': '修改时间',
  'filter.clear': '清除筛选',
  'type.all': '全部类型',
  'type.docs': '文档',
  'type.markdown': 'Markdown',
  'type.text': '纯文本',
  'type.pdf': 'PDF',
  'type.word': 'Word',
  'type.web': '网页',
  'type.code': '代码',
  'date.any': '任意时间',
  'date.day': '过去 24 小时',
  'date.week': '过去一周',
  'date.month': '过去一个月',
  'date.year': '过去一年',

  'empty.title': '添加一个文件夹以开始',
  'empty.hintDesktop': '把文件夹拖到这里，或点击“添加文件夹…”。Sift 在本机建立索引并保持更新。',
  'empty.hintBrowser': '输入文件夹路径，然后点击“添加文件夹”。Sift 在本机建立索引并保持更新。',

  'result.line': '第 {line} 行',
  'result.score': '相关度得分',
  'result.open': '打开',
  'result.reveal': '在文件夹中显示',
  'result.copyPath': '复制路径',

  'folders.title': '文件夹',
  'folders.introDesktop': 'Sift 监视这些文件夹并保持索引最新。把文件夹拖到窗口任意位置即可添加。',
  'folders.introBrowser': 'Sift 监视这些文件夹并保持索引最新。',
  'folders.loading': '正在加载…',
  'folders.loadFailed': '无法加载文件夹',
  'folders.inputLabel': '文件夹路径',
  'folders.inputPlaceholder': '/home/you/Documents',
  'folders.add': '添加文件夹',
  'folders.pick': '添加文件夹…',
  'folders.adding': '正在添加…',

  'state.queued': '排队中',
  'state.scanning': '扫描中',
  'state.indexing': '索引中',
  'state.watching': '监视中',
  'state.paused': '已暂停',
  'state.error': '出错',

  'folder.files': { other: '{done} / {total} 个文件' },
  'folder.filesTotal': { other: '{count} 个文件' },
  'folder.chunks': { other: '{count} 个片段' },
  'folder.failed': { other: '{count} 个失败' },
  'folder.failedList': { other: '{count} 个文件无法索引' },
  'folder.rate': '每秒 {rate} 个片段',
  'folder.eta': '约剩 {time}',
  'folder.estimating': '正在估算剩余时间…',
  'folder.ocrPages': 'OCR 第 {done} / {total} 页',
  'folder.passages': '已嵌入 {done} / {total} 个片段',
  'folder.pause': '暂停',
  'folder.resume': '继续',
  'folder.reindex': '重建索引',
  'folder.reindexHint': '按当前设置重新读取所有文件（未变的段落沿用已有向量）',
  'folder.remove': '移除',
  'folder.removeLabel': '移除 {name}',
  'folder.removeConfirm': '停止监视此文件夹并删除其索引？你的文件不会被改动。',
  'folder.removing': '正在移除…',
  'folder.cancel': '取消',

  'unit.h': '小时',
  'unit.min': '分钟',
  'unit.s': '秒',
  'unit.tokens': '词元',

  'drop.title': '拖放文件夹以建立索引',
  'drop.hint': 'Sift 在本机建立索引并保持更新。',
  'drop.browserTitle': '拖放功能仅在桌面应用中可用',
  'drop.browserHint': '浏览器无法获知拖入文件夹的位置，请在“文件夹”中输入路径。',

  'status.connecting': '正在连接…',
  'status.connected': '已连接',
  'status.disconnected': '连接已断开，正在重连…',
  'status.model': '模型',
  'status.dims': '{count} 维',
  'status.notLoaded': '尚未加载',
  'status.chunks': { other: '已索引 {count} 个片段' },
  'status.indexing': '正在索引 {done} / {total} 个文件',
  'status.unavailable': '无法获取状态：{message}',

  'notice.dismiss': '关闭',
  'error.unreachable': '无法连接到 Sift，它还在运行吗？',

  'signin.title': '登录 Sift',
  'signin.body': '此浏览器尚未登录。请打开 `sift serve` 在终端中打印的登录链接（以 ?token=… 结尾）。',
  'signin.hint': '每个链接只能让一个浏览器登录一次，之后终端会显示新的链接。重启 `sift serve` 会让所有浏览器退出登录。',
};

export const zhCN: Messages = { ...zhCNBase, ...zhCNViews, ...zhCNIssues, ...zhCNCore, ...zhCNEngine, ...zhCNPreview, ...zhCNErrors, ...zhCNUx2, ...zhCNScale, ...zhCNRelevance, ...zhCNRuntime, ...zhCNSharedIndex, ...zhCNTestsets, ...zhCNFusion, ...zhCNQa };
