// The models Sift offers to download, with the facts a person needs to choose one before
// spending gigabytes: size, vector length, context, languages and the memory it needs.
// Sources are `hf:<owner>/<repo>/<file>` URIs (the form node-llama-cpp's downloader also
// reads); download-source.ts turns them into https://huggingface.co/... or a mirror URL.
import { STARTER_MODEL_FILE } from '../paths.js';

export type ModelRole = 'embedding' | 'reranker';

export interface CatalogEntry {
  /** Stable id used by the API, the settings and the file name on disk. */
  id: string;
  name: string;
  role: ModelRole;
  /** hf: URI or https URL; absent for the bundled starter model. */
  source?: string;
  /** File name under <dataDir>/models. */
  fileName: string;
  /** Download size in bytes as published (approximate to ~1 MB unless `sha256` is set). */
  sizeBytes: number;
  /** Exact byte count and SHA-256 where known; the download is verified against them. */
  exact?: { bytes: number; sha256: string };
  /** Full vector length (n_embd); 0 for rerankers, which return one score per pair. */
  dimensions: number;
  /** Matryoshka range: vectors may be cut to any length in [min, dimensions]. */
  matryoshkaMin?: number;
  /** Longest input the model was trained on, in tokens. */
  contextTokens: number;
  /** Languages in BCP 47 form; 'multi' means 100+ languages. */
  languages: string[];
  quantization: string;
  /** Memory the model needs at Sift's context size, GPU or (without a GPU) system RAM. */
  memoryBytes: number;
  license: string;
  /** One line for the Models view. */
  summary: { en: string; 'zh-CN': string };
  bundled?: boolean;
}

const MB = 1_000_000;
const GB = 1_000_000_000;

export const STARTER_MODEL_ID = 'sift-starter-glove-100d';

export const CATALOG: readonly CatalogEntry[] = [
  {
    id: STARTER_MODEL_ID,
    name: 'Sift starter (GloVe 6B 100d)',
    role: 'embedding',
    fileName: STARTER_MODEL_FILE,
    sizeBytes: 14 * MB,
    dimensions: 100,
    contextTokens: 512,
    languages: ['en'],
    quantization: 'F16',
    memoryBytes: 30 * MB,
    license: 'PDDL-1.0',
    summary: {
      en: 'Bundled, works offline at once. Word vectors: English only, finds related words, not meaning.',
      'zh-CN': '随应用附带，离线即用。词向量模型：仅支持英文，只能匹配相近词语，不理解语义。',
    },
    bundled: true,
  },
  {
    id: 'qwen3-embedding-0.6b-q8_0',
    name: 'Qwen3-Embedding-0.6B (Q8_0)',
    role: 'embedding',
    source: 'hf:Qwen/Qwen3-Embedding-0.6B-GGUF/Qwen3-Embedding-0.6B-Q8_0.gguf',
    fileName: 'Qwen3-Embedding-0.6B-Q8_0.gguf',
    sizeBytes: 639 * MB,
    dimensions: 1024,
    matryoshkaMin: 32,
    contextTokens: 32_768,
    languages: ['multi', 'en', 'zh'],
    quantization: 'Q8_0',
    memoryBytes: 1.2 * GB,
    license: 'Apache-2.0',
    summary: {
      en: 'Recommended: strong multilingual search (Chinese and English) on any recent laptop, CPU or GPU.',
      'zh-CN': '推荐：多语言（含中英文）检索效果好，普通笔记本的 CPU 或 GPU 都能运行。',
    },
  },
  {
    id: 'qwen3-embedding-4b-q4_k_m',
    name: 'Qwen3-Embedding-4B (Q4_K_M)',
    role: 'embedding',
    source: 'hf:Qwen/Qwen3-Embedding-4B-GGUF/Qwen3-Embedding-4B-Q4_K_M.gguf',
    fileName: 'Qwen3-Embedding-4B-Q4_K_M.gguf',
    sizeBytes: 2.5 * GB,
    dimensions: 2560,
    matryoshkaMin: 32,
    contextTokens: 32_768,
    languages: ['multi', 'en', 'zh'],
    quantization: 'Q4_K_M',
    memoryBytes: 3.5 * GB,
    license: 'Apache-2.0',
    summary: {
      en: 'Better ranking than 0.6B; wants a GPU with 4 GB or more.',
      'zh-CN': '排序质量优于 0.6B；建议使用 4 GB 以上显存的 GPU。',
    },
  },
  {
    id: 'qwen3-embedding-8b-q4_k_m',
    name: 'Qwen3-Embedding-8B (Q4_K_M)',
    role: 'embedding',
    source: 'hf:Qwen/Qwen3-Embedding-8B-GGUF/Qwen3-Embedding-8B-Q4_K_M.gguf',
    fileName: 'Qwen3-Embedding-8B-Q4_K_M.gguf',
    sizeBytes: 4.68 * GB,
    dimensions: 4096,
    matryoshkaMin: 32,
    contextTokens: 32_768,
    languages: ['multi', 'en', 'zh'],
    quantization: 'Q4_K_M',
    memoryBytes: 6 * GB,
    license: 'Apache-2.0',
    summary: {
      en: 'Best quality of the family; wants a GPU with 8 GB or more.',
      'zh-CN': '该系列中质量最好；建议使用 8 GB 以上显存的 GPU。',
    },
  },
  {
    id: 'bge-m3-q8_0',
    name: 'BGE-M3 (Q8_0)',
    role: 'embedding',
    source: 'hf:vonjack/bge-m3-gguf/bge-m3-q8_0.gguf',
    fileName: 'bge-m3-q8_0.gguf',
    sizeBytes: 618 * MB,
    dimensions: 1024,
    contextTokens: 8192,
    languages: ['multi', 'en', 'zh'],
    quantization: 'Q8_0',
    memoryBytes: 1.2 * GB,
    license: 'MIT',
    summary: {
      en: 'Multilingual BERT-style model (XLM-RoBERTa), CLS pooling; a proven alternative to Qwen3 0.6B.',
      'zh-CN': '多语言 BERT 类模型（XLM-RoBERTa），可替代 Qwen3 0.6B。',
    },
  },
  {
    id: 'qwen3-reranker-0.6b-q8_0',
    name: 'Qwen3-Reranker-0.6B (Q8_0)',
    role: 'reranker',
    source: 'hf:ggml-org/Qwen3-Reranker-0.6B-Q8_0-GGUF/qwen3-reranker-0.6b-q8_0.gguf',
    fileName: 'qwen3-reranker-0.6b-q8_0.gguf',
    sizeBytes: 639 * MB,
    dimensions: 0,
    contextTokens: 32_768,
    languages: ['multi', 'en', 'zh'],
    quantization: 'Q8_0',
    memoryBytes: 1.2 * GB,
    license: 'Apache-2.0',
    summary: {
      en: 'Re-orders the top search results by reading query and passage together. Not an embedding model.',
      'zh-CN': '对检索结果重新排序（同时阅读查询与段落），不是向量模型。',
    },
  },
];

export interface HardwareFacts {
  /** Total memory of the best GPU; undefined or 0 without a usable GPU. */
  vramBytes?: number;
  ramBytes: number;
}

/**
 * The embedding model to suggest on first run: the largest Qwen3-Embedding whose memory
 * need fits in 80% of the GPU's memory (the rest goes to the desktop and the KV cache);
 * without a GPU, 0.6B when the machine has 8 GB of RAM, else the starter model.
 */
export function recommendModel(hardware: HardwareFacts, catalog: readonly CatalogEntry[] = CATALOG): CatalogEntry {
  const embedders = catalog.filter((entry) => entry.role === 'embedding' && entry.id.startsWith('qwen3-embedding'));
  const starter = catalog.find((entry) => entry.bundled) ?? catalog[0]!;
  const vram = hardware.vramBytes ?? 0;
  if (vram > 0) {
    const fitting = embedders.filter((entry) => entry.memoryBytes <= vram * 0.8);
    if (fitting.length > 0) return fitting.reduce((a, b) => (b.memoryBytes > a.memoryBytes ? b : a));
  }
  const smallest = embedders.reduce<CatalogEntry | undefined>((a, b) => (!a || b.memoryBytes < a.memoryBytes ? b : a), undefined);
  if (smallest && hardware.ramBytes >= 8 * 1024 ** 3) return smallest;
  return starter;
}
