// Synthetic chunks for the search benchmark: realistic shapes without a model forward.
// Text: ~150 words per chunk drawn Zipf-like from an English vocabulary (the starter
// model's word list), one chunk in ten Chinese; vectors: unit vectors scattered around
// 1,000 topic centroids (cosine ~0.6 to their centroid), so an ANN index sees clustered
// data as with real embeddings, not uniform noise (which is ANN's worst case).
import { normalize } from '../embedder/embedder.js';
import type { ChunkRow, FileRow } from '../index/chunk-store.js';
import { seededRandom } from '../seeded-random.js';

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const CHINESE_WORDS = (
  '我们 今天 项目 会议 数据 模型 训练 学习 研究 系统 用户 文件 搜索 结果 问题 方法 时间 工作 公司 市场 ' +
  '产品 设计 开发 测试 服务 网络 安全 管理 技术 信息 文档 报告 计划 分析 需要 可以 已经 进行 通过 使用 ' +
  '银行 河岸 苹果 手机 神经 算法 计算 图像 语言 文本 翻译 城市 交通 天气 旅行 历史 文化 教育 学校 老师 ' +
  '学生 医院 医生 健康 运动 音乐 电影 书籍 作者 新闻 经济 政策 环境 能源 汽车 电池 价格 成本 客户 合同'
).split(' ');

export interface CorpusOptions {
  dimensions: number;
  seed?: number;
  centroids?: number;
  wordsPerChunk?: number;
  chunksPerFile?: number;
}

export class SearchCorpus {
  private readonly random: () => number;
  private readonly centroids: Float32Array[];
  private readonly cumulative: Float64Array;
  /** The most frequent words, which people rarely search for. */
  private readonly common: Set<string>;

  constructor(
    private readonly vocabulary: string[],
    readonly options: CorpusOptions,
  ) {
    this.random = seededRandom(options.seed ?? 7);
    this.centroids = Array.from({ length: options.centroids ?? 1000 }, () => this.unitGaussian());
    // Zipf (s = 1) over the vocabulary, which is in frequency order.
    this.cumulative = new Float64Array(vocabulary.length);
    let sum = 0;
    for (let i = 0; i < vocabulary.length; i++) this.cumulative[i] = sum += 1 / (i + 1);
    this.common = new Set(vocabulary.slice(0, 300));
  }

  private unitGaussian(): Float32Array {
    const v = new Float32Array(this.options.dimensions);
    for (let i = 0; i < v.length; i++) v[i] = gaussian(this.random);
    return normalize(v);
  }

  /** A unit vector near `base` (cosine ~ 1/sqrt(1 + spread^2)). */
  near(base: Float32Array, spread: number): Float32Array {
    const v = new Float32Array(base.length);
    const scale = spread / Math.sqrt(base.length);
    for (let i = 0; i < v.length; i++) v[i] = base[i]! + scale * gaussian(this.random);
    return normalize(v);
  }

  private word(): string {
    const total = this.cumulative[this.cumulative.length - 1]!;
    const target = this.random() * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return this.vocabulary[lo]!;
  }

  text(): string {
    const n = this.options.wordsPerChunk ?? 150;
    if (this.random() < 0.1) {
      return Array.from({ length: n }, () => CHINESE_WORDS[Math.floor(this.random() * CHINESE_WORDS.length)]).join('');
    }
    return Array.from({ length: n }, () => this.word()).join(' ');
  }

  /** `count` files of chunksPerFile chunks each, paths prefixed by `prefix`. */
  files(prefix: string, count: number, extraWord?: string): Array<{ file: FileRow; rows: ChunkRow[] }> {
    const per = this.options.chunksPerFile ?? 10;
    const out: Array<{ file: FileRow; rows: ChunkRow[] }> = [];
    for (let f = 0; f < count; f++) {
      const path = `/bench/${prefix}/file-${f}.md`;
      const rows: ChunkRow[] = [];
      let offset = 0;
      for (let c = 0; c < per; c++) {
        const text = extraWord ? `${this.text()} ${extraWord}` : this.text();
        const centroid = this.centroids[Math.floor(this.random() * this.centroids.length)]!;
        rows.push({
          id: `${path}#${c}`,
          path,
          folder: `/bench/${prefix}`,
          chunk: c,
          char_start: offset,
          char_end: offset + text.length,
          line_no: 1 + c * 5,
          text,
          chunk_hash: `${prefix}-${f}-${c}`,
          vector: this.near(centroid, 1.3),
        });
        offset += text.length + 1;
      }
      out.push({
        file: { path, folder: `/bench/${prefix}`, size: offset, mtime_ms: 1_700_000_000_000 + f, hash: `${prefix}-${f}`, chunks: per, status: 'done', error: '' },
        rows,
      });
    }
    return out;
  }

  /** A query: a vector near a stored row's, and 2-3 of that row's words, skipping the
   *  300 most frequent (a person types 'invoice overdue', not 'that with from'). */
  queryFor(row: Pick<ChunkRow, 'text' | 'vector'>): { text: string; vector: Float32Array } {
    // Chinese chunks have no spaces: take two-character words out of the text instead.
    const words = /\s/.test(row.text)
      ? row.text.split(/\s+/).filter((w) => w.length > 3 && !this.common.has(w))
      : Array.from({ length: 20 }, (_, i) => row.text.slice(i * 2, i * 2 + 2)).filter((w) => w.length === 2);
    const picks = words.length > 0 ? [0, 1, 2].map(() => words[Math.floor(this.random() * words.length)]!) : [row.text.slice(0, 4)];
    return { text: [...new Set(picks)].join(' '), vector: this.near(row.vector, 0.5) };
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }
}

/** English words (3+ lowercase letters) in the starter model's vocabulary order, which is
 *  GloVe's frequency order. */
export function vocabularyFrom(tokens: readonly string[], limit = 30_000): string[] {
  return tokens.filter((token) => /^[a-z]{3,}$/.test(token)).slice(0, limit);
}
