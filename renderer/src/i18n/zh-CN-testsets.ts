// 由真实文本构建的测试集的名称与说明的中文，见 en-testsets.ts。
import type { enTestsets } from './en-testsets.js';
import type { Message } from './messages.js';

export const zhCNTestsets: { readonly [K in keyof typeof enTestsets]: Message } = {
  'benchset.en-manpages': '英文·用日常说法问手册页',
  'benchset.en-manpages.about': '用日常说法（不含命令名）提问，针对 88 段常用命令的手册页文字。',
  'benchset.en-typos': '英文·含拼写错误',
  'benchset.en-typos.about': '带拼写错误（漏字母、多字母、字母颠倒）的问题，针对同一组手册页文字。',
  'benchset.en-code': '英文·代码标识符',
  'benchset.en-code.about': 'Python 标准库函数，按标识符（如 os.makedirs exist_ok）或按代码要做的事提问。',
  'benchset.en-licenses': '英文·许可证名称与条款编号',
  'benchset.en-licenses.about': 'GPL、LGPL、Apache、MPL 等许可证文本的条款，按许可证名、版本和条款号或换种说法提问。',
  'benchset.zh-keyword': '中文·关键词',
  'benchset.zh-keyword.about': '针对中文手册页和 GNU coreutils 中文帮助信息的中文关键词问题。',
  'benchset.zh-en-mixed': '中英混合',
  'benchset.zh-en-mixed.about': '中文词语与命令名、选项、数字混合的问题，针对同一组中文文字。',
};
