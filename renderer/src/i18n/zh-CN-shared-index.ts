// 设置 → 索引位置（索引位置与文件夹映射）的简体中文。
import type { enSharedIndex } from './en-shared-index.js';
import type { Message } from './messages.js';

export const zhCNSharedIndex: { readonly [K in keyof typeof enSharedIndex]: Message } = {
  'settings.sharedIndex': '索引位置',
  'settings.indexLocation': '索引位置',
  'settings.indexLocationHint':
    '留空：放在 Sift 的数据文件夹中。也可填写绝对路径的文件夹，或填写 s3://存储桶/前缀，与其他电脑共享同一个索引（密钥取自启动 Sift 时的 AWS_ACCESS_KEY_ID、AWS_SECRET_ACCESS_KEY 和 AWS_ENDPOINT_URL 环境变量）。当另一台电脑正在写入共享索引时，Sift 以只读方式搜索它。',
  'settings.indexLocationInvalid': '请输入绝对路径的文件夹（/…、C:\\…）或 s3://存储桶/前缀，或留空。',
  'settings.indexLocationDefault': '在 Sift 的数据文件夹中',
  'settings.indexRoots': '文件夹映射',
  'settings.indexRootsHint':
    '用于在另一台电脑上写入的共享索引：说明其文件夹在本机的位置，格式为“原路径=本机路径”，多对之间用逗号分隔，例如 /srv/share=/Volumes/share。搜索结果、文件夹和筛选都使用本机路径。',
  'settings.indexRootsInvalid': '请按“原路径=本机路径”的格式填写，多对之间用逗号分隔，例如 /srv/share=/Volumes/share。',
};
