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

/** The standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9). */
function inverseNormal(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
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
    // Lookup tables make a million rows cheap to generate (part of the 1M benchmark's
    // 15 minutes): 2^20 Zipf-distributed word indices and 2^16 normal quantiles, each
    // drawn with one index instead of a binary search or a log/sqrt/cos per value.
    this.zipfTable = new Int32Array(1 << 20);
    const total = this.cumulative[this.cumulative.length - 1]!;
    for (let i = 0, w = 0; i < this.zipfTable.length; i++) {
      const target = ((i + 0.5) / this.zipfTable.length) * total;
      while (w < vocabulary.length - 1 && this.cumulative[w]! < target) w++;
      this.zipfTable[i] = w;
    }
    this.normalTable = new Float32Array(1 << 16);
    for (let i = 0; i < this.normalTable.length; i++) this.normalTable[i] = inverseNormal((i + 0.5) / this.normalTable.length);
  }

  private readonly zipfTable: Int32Array;
  private readonly normalTable: Float32Array;

  private unitGaussian(): Float32Array {
    const v = new Float32Array(this.options.dimensions);
    for (let i = 0; i < v.length; i++) v[i] = gaussian(this.random);
    return normalize(v);
  }

  /** A unit vector near `base` (cosine ~ 1/sqrt(1 + spread^2)). */
  near(base: Float32Array, spread: number): Float32Array {
    const v = new Float32Array(base.length);
    const scale = spread / Math.sqrt(base.length);
    const table = this.normalTable;
    for (let i = 0; i < v.length; i += 2) {
      // One 32-bit draw, two 16-bit normal quantiles.
      const bits = (this.random() * 4294967296) >>> 0;
      v[i] = base[i]! + scale * table[bits & 0xffff]!;
      if (i + 1 < v.length) v[i + 1] = base[i + 1]! + scale * table[bits >>> 16]!;
    }
    return normalize(v);
  }

  private word(): string {
    return this.vocabulary[this.zipfTable[(this.random() * this.zipfTable.length) | 0]!]!;
  }

  text(): string {
    const n = this.options.wordsPerChunk ?? 150;
    if (this.random() < 0.1) {
      return Array.from({ length: n }, () => CHINESE_WORDS[Math.floor(this.random() * CHINESE_WORDS.length)]).join('');
    }
    let text = this.word();
    for (let i = 1; i < n; i++) text += ` ${this.word()}`;
    return text;
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
    // Chinese chunks have no spaces: take two-character words out of the text instead
    // (also from a Chinese chunk with a marker word appended: split at the space, its
    // whole Chinese run became one 300-character "word", a pasted paragraph of ~150
    // terms that took the keyword side ~0.9 s at 1M rows, 5 queries in 50).
    const han = row.text.match(/\p{Script=Han}+/u)?.[0] ?? '';
    const words =
      han.length >= 4
        ? Array.from({ length: 20 }, (_, i) => han.slice(i * 2, i * 2 + 2)).filter((w) => w.length === 2)
        : row.text.split(/\s+/).filter((w) => w.length > 3 && !this.common.has(w));
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
