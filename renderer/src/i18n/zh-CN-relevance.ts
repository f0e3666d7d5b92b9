// 相关度（结果与查询的契合程度）、较弱结果的折叠、“没有好的匹配”状态和搜索语法说明的简体中文。
import type { enRelevance } from './en-relevance.js';
import type { Message } from './messages.js';

export const zhCNRelevance: { readonly [K in keyof typeof enRelevance]: Message } = {
  'relevance.strong': '很相关',
  'relevance.good': '相关',
  'relevance.weak': '较弱',
  'relevance.tooltip': '{level}：相关度 {value}（满分 1）。每次搜索使用同一标尺；低于 0.4 为较弱匹配。',

  'search.weakerShow': { other: '显示 {count} 个较弱的匹配' },
  'search.weakerHide': '隐藏较弱的匹配',
  'search.weakerHeading': '较弱的匹配',
  'search.noGoodTitle': '没有与“{query}”契合的结果',
  'search.noGoodHint': '文件夹中没有能很好回答它的内容。最接近的段落都是较弱的匹配；可以换个说法、改用“关键词”模式或减少筛选条件。',

  'syntax.button': '搜索语法',
  'syntax.title': '搜索语法',
  'syntax.phrase': '这些词须相邻且按此顺序出现',
  'syntax.required': '必须包含该词',
  'syntax.excluded': '不得包含该词（或 "某个短语"）；-l、--help 这类选项仍按普通词搜索',
  'syntax.typos': '其他词按含义和拼写匹配，容许小的拼写错误（pasword 也能找到 password）。',
  'syntax.exampleRequired': '+词语',
  'syntax.exampleExcluded': '-词语',
  'syntax.examplePhrase': '"完整短语"',
};
