// 为融合的留出验证新增的测试集的名称与说明的中文，见 en-fusion.ts。
import type { enFusion } from './en-fusion.js';
import type { Message } from './messages.js';

export const zhCNFusion: { readonly [K in keyof typeof enFusion]: Message } = {
  'benchset.en-packages': '英文·软件是做什么的',
  'benchset.en-packages.about': '60 个 Debian 软件包的说明，用日常说法问某个软件包能做什么（给消息加密、把数据压小），相近的软件包作为干扰项。',
  'benchset.en-everyday': '英文·日常搜索',
  'benchset.en-everyday.about': '像在搜索框里输入的简短查询（wifi 总是断线、修理滴水的水龙头），针对“换种说法”的文档：有些词与答案相同，有些不同。',
};
