// 模型视图中说明由哪个 llama.cpp 构建运行嵌入模型。
import type { enEngine } from './en-engine.js';
import type { Message } from './messages.js';

export const zhCNEngine: { readonly [K in keyof typeof enEngine]: Message } = {
  'engine.sift': 'Sift 引擎（{backend}，批量：每次计算 {count} 段文本）',
  'engine.prebuilt': '预编译的 node-llama-cpp（{backend}，每次计算一段文本）',
  'engine.hint': '由已加载的 llama.cpp 构建报告。发行版安装包自带 Sift 引擎；没有它时 Sift 使用预编译构建，结果相同，但短文本较慢。',
};
