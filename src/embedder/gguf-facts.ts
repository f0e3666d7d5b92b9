// What Sift needs to know about an embedding model, read from its GGUF header without
// loading the weights: enough to open the right index table, show the model in the UI and
// choose the per-family conventions before llama.cpp ever sees the file.
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { readGgufFileInfo } from 'node-llama-cpp';
import { SiftError } from '../api/errors.js';

/** llama.cpp's enum llama_pooling_type. */
export type PoolingType = 'unspecified' | 'none' | 'mean' | 'cls' | 'last' | 'rank';

const POOLING_BY_ID: Record<number, PoolingType> = { [-1]: 'unspecified', 0: 'none', 1: 'mean', 2: 'cls', 3: 'last', 4: 'rank' };

export interface GgufFacts {
  /** general.name, or the file name without .gguf. */
  name: string;
  architecture: string;
  /** n_embd: the length of the full embedding vector. */
  embeddingLength: number;
  /** Tokens the model was trained on (<arch>.context_length); 0 when absent. */
  contextLength: number;
  pooling: PoolingType;
  /** tokenizer.ggml.add_eos_token / add_bos_token; undefined when the file does not say. */
  addEosToken?: boolean;
  addBosToken?: boolean;
  blockCount: number;
  /** The figures that size a context's memory (memory-budget.ts); 0 when the file does not say. */
  feedForwardLength: number;
  headCount: number;
  headCountKv: number;
  /** Elements per attention head (attention.key_length); 0: n_embd / heads. */
  keyLength: number;
  /** Tokens in the vocabulary (tokenizer.ggml.tokens); 0 when not read. */
  vocabularySize?: number;
  /** general.file_type (llama.cpp's LLAMA_FTYPE: 0 F32, 1 F16, 32 BF16, others quantized);
   *  -1 when the file does not say. */
  fileType: number;
}

/** Whether the weights are quantized (Q8_0, Q4_K_M, ...): on CUDA their large products may
 *  go to cuBLAS through an fp16 copy (llama-runtime.ts, memory-budget.ts). Unknown: no. */
export function hasQuantizedWeights(facts: Pick<GgufFacts, 'fileType'>): boolean {
  return facts.fileType >= 0 && ![0, 1, 32].includes(facts.fileType);
}

const GGUF_MAGIC = 'GGUF';
/** Far above any real model (Qwen3-8B has ~400 tensors and ~40 metadata keys). */
const MAX_TENSORS = 1_000_000n;
const MAX_METADATA_ENTRIES = 100_000n;

export async function assertGgufFile(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'the file does not exist' : `it cannot be read (${code ?? String(error)})`;
    throw new SiftError('model_invalid', `Cannot use model "${path}": ${why}.`, {
      cause: error,
      detail: code === 'ENOENT' ? { key: 'fileNotFound', params: { path } } : { key: 'modelUnreadable', params: { file: path, reason: code ?? String(error) } },
    });
  }
  try {
    const header = Buffer.alloc(24);
    const { bytesRead } = await handle.read(header, 0, 24, 0);
    if (bytesRead < 4 || header.toString('latin1', 0, 4) !== GGUF_MAGIC) {
      throw new SiftError(
        'model_invalid',
        `"${basename(path)}" is not a GGUF model file. Sift needs an embedding model in GGUF format, ` +
          'such as the bundled starter model or Qwen3-Embedding-0.6B-Q8_0.gguf.',
        { detail: { key: 'modelNotGguf', params: { file: basename(path) } } },
      );
    }
    // node-llama-cpp's parser reads a damaged header as GGUF v3 and can spin on absurd
    // counts, hanging whoever asked: refuse what no real file has before it gets there.
    const version = bytesRead >= 8 ? header.readUInt32LE(4) : 0;
    const tensors = bytesRead >= 16 ? header.readBigUInt64LE(8) : -1n;
    const entries = bytesRead >= 24 ? header.readBigUInt64LE(16) : -1n;
    if ((version !== 2 && version !== 3) || tensors < 0n || tensors > MAX_TENSORS || entries < 0n || entries > MAX_METADATA_ENTRIES) {
      throw new SiftError(
        'model_invalid',
        `"${basename(path)}" is damaged or truncated (its GGUF header is not valid); download or convert it again.`,
        { detail: { key: 'modelDamaged', params: { file: basename(path) } } },
      );
    }
  } finally {
    await handle.close();
  }
}

type Metadata = Record<string, unknown>;

function section(metadata: Metadata, key: string): Metadata {
  const value = metadata[key];
  return value !== null && typeof value === 'object' ? (value as Metadata) : {};
}

function numberOr(value: unknown, fallback: number): number {
  const n = typeof value === 'bigint' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : fallback;
}

function boolOrUndefined(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** Pure: facts from node-llama-cpp's parsed metadata tree (exported for table tests). */
export function factsFromMetadata(metadata: Metadata, fileName: string): GgufFacts {
  const general = section(metadata, 'general');
  const architecture = typeof general.architecture === 'string' ? general.architecture : 'unknown';
  const arch = section(metadata, architecture);
  const tokenizer = section(section(metadata, 'tokenizer'), 'ggml');
  const poolingId = numberOr(arch.pooling_type, -1);
  return {
    name: typeof general.name === 'string' && general.name.trim() ? general.name : basename(fileName, '.gguf'),
    architecture,
    embeddingLength: numberOr(arch.embedding_length, 0),
    contextLength: numberOr(arch.context_length, 0),
    pooling: POOLING_BY_ID[poolingId] ?? 'unspecified',
    addEosToken: boolOrUndefined(tokenizer.add_eos_token),
    addBosToken: boolOrUndefined(tokenizer.add_bos_token),
    blockCount: numberOr(arch.block_count, 0),
    feedForwardLength: numberOr(arch.feed_forward_length, 0),
    headCount: numberOr(section(arch, 'attention').head_count, 0),
    headCountKv: numberOr(section(arch, 'attention').head_count_kv, 0),
    keyLength: numberOr(section(arch, 'attention').key_length, 0),
    fileType: numberOr(general.file_type, -1),
  };
}

export async function readGgufFacts(path: string): Promise<GgufFacts> {
  await assertGgufFile(path);
  let info;
  try {
    info = await readGgufFileInfo(path, { readTensorInfo: false });
  } catch (error) {
    throw new SiftError('model_invalid', `"${basename(path)}" could not be parsed as GGUF: ${(error as Error).message}`, {
      cause: error,
      detail: { key: 'modelUnreadable', params: { file: basename(path), reason: (error as Error).message } },
    });
  }
  const facts = factsFromMetadata(info.metadata as unknown as Metadata, path);
  if (facts.embeddingLength <= 0) {
    throw new SiftError('model_invalid', `"${basename(path)}" does not declare an embedding length.`, {
      detail: { key: 'modelNoEmbeddingLength', params: { file: basename(path) } },
    });
  }
  return facts;
}
