// The embedder as the rest of the core sees it: a resource that turns texts into unit
// vectors. Implementations: the in-process node-llama-cpp engine (llama-embedder.ts).

export type EmbedKind = 'query' | 'document';

export interface EmbedderInfo {
  /** Human name from the GGUF (general.name) or the file name. */
  name: string;
  path: string;
  architecture: string;
  /** Length of the vectors `embed` returns (after Matryoshka truncation, if set). */
  dimensions: number;
  /** Tokens one text may have, including special tokens. */
  contextTokens: number;
  /** 'cuda' | 'vulkan' | 'metal' | 'cpu' (or a remote engine's name). */
  backend: string;
  /** The model's full embedding length (n_embd); `dimensions` <= this. */
  nativeDimensions?: number;
  /** Convention set applied: 'qwen3-embedding' (instruction, EOS, last token), 'bert', 'generic'. */
  family?: string;
  /** Pooling declared by the GGUF: 'last', 'mean', 'cls', ... */
  pooling?: string;
  /** Whether the model is trained for Matryoshka truncation (the UI offers smaller dims). */
  matryoshka?: boolean;
  /** GPU names as llama.cpp reports them; empty on the CPU. */
  deviceNames?: string[];
  /** Layers offloaded to the GPU. */
  gpuLayers?: number;
  /** Embedding contexts decoding side by side. */
  contexts?: number;
  /** Texts one decode holds (1 with the prebuilt addon). */
  sequencesPerContext?: number;
  /** Which llama.cpp build runs, asked of the loaded addon (worker-factory.ts
   *  supportsSequenceEmbeddings, a probe of its native calls, not of folder names): 'sift'
   *  (npm run engine:build: several texts per decode) or 'prebuilt' (node-llama-cpp's own). */
  engineBuild?: 'sift' | 'prebuilt';
  /** 'multi-sequence' | 'direct' | 'public-api': how texts reach llama_decode. */
  decodePath?: string;
  /** Contexts sized to the work (Sift engine): tokens one decode holds (= KV cells of its one
   *  shared cache), tokens per micro-batch, and the KV cache type. */
  tokenBudget?: number;
  microBatch?: number;
  kvCacheType?: string;
  /** VRAM this model and its contexts took when loaded (bytes; 0 on the CPU). */
  vramUsedBytes?: number;
  /** RAM the process grew by over the load: the real figure on the CPU (rough on a GPU). */
  ramUsedBytes?: number;
  /** Why Sift runs on a lesser backend than asked/available (e.g. the GPU ran out of memory). */
  fallbackReason?: string;
  /** Non-fatal problems worth showing (e.g. a pooling the family was not trained with). */
  warnings?: string[];
}

export interface Embedder {
  /** Loads the model on first use; later calls share the same promise. */
  load(): Promise<EmbedderInfo>;
  /** Facts known before loading (read from the GGUF header), for the status line. */
  peek(): Promise<Omit<EmbedderInfo, 'backend' | 'contextTokens'> & { loaded: boolean; backend?: string }>;
  /** Unit-length vectors, one per text, in order. Texts with no content tokens give zero vectors. */
  embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]>;
  /** The loaded model's facts, or undefined when not loaded; never loads (the status line). */
  loadedInfo?(): EmbedderInfo | undefined;
  /** Tokens the model sees for a document text (after load; the chunker's measure). */
  countTokens(text: string): number;
  dispose(): Promise<void>;
}

/** L2-normalises in place. A zero vector stays zero: callers must not turn it into NaN. */
export function normalize(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const v of vector) sum += v * v;
  if (sum === 0 || !Number.isFinite(sum)) return vector.fill(0);
  const inv = 1 / Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) vector[i]! *= inv;
  return vector;
}

/** Cosine similarity of two vectors of any norm, in float64. */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(na * nb);
}

export function isZeroVector(vector: Float32Array): boolean {
  for (const v of vector) if (v !== 0) return false;
  return true;
}
