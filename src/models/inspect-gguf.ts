// Looks inside a local .gguf before Sift adopts it: what it is (architecture, vector length,
// pooling, context, quantisation) and whether it can embed text at all. A chat model or a
// reranker loads fine in llama.cpp but gives useless "embeddings", so they are refused here
// with the reason, before anything is indexed with them.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { GgufFileType, readGgufFileInfo } from 'node-llama-cpp';
import { SiftError } from '../api/errors.js';
import { assertGgufFile, factsFromMetadata, type PoolingType } from '../embedder/gguf-facts.js';

/** 'unusable': no vector length or no weights at all. */
export type ModelKind = 'embedding' | 'reranker' | 'generative' | 'unusable';

export interface GgufInspection {
  path: string;
  fileBytes: number;
  name: string;
  architecture: string;
  /** n_embd: the full vector length. */
  dimensions: number;
  pooling: PoolingType;
  /** Trained context length in tokens; 0 when the file does not say. */
  contextTokens: number;
  /** Q8_0, Q4_K_M, F16, ...; 'unknown' when neither the header nor the file name says. */
  quantization: string;
  tensorCount: number;
  kind: ModelKind;
  /** Why the file is not an embedding model (set when kind is not 'embedding'). */
  reason?: string;
}

/**
 * Encoder architectures llama.cpp runs as sentence embedders (XLM-RoBERTa models such as
 * BGE-M3 are converted to `bert`). Decoder-only architectures need a pooling type to say so.
 */
const ENCODER_ARCHITECTURES = new Set([
  'bert',
  'nomic-bert',
  'nomic-bert-moe',
  'jina-bert-v2',
  'jina-bert-v3',
  'modern-bert',
  'neo-bert',
  't5encoder',
  'gemma-embedding',
  'eurobert',
]);

/** Large tokenizer arrays say nothing we need; skipping them keeps inspection fast. */
const IGNORED_KEYS = ['tokenizer.ggml.tokens', 'tokenizer.ggml.token_type', 'tokenizer.ggml.merges', 'tokenizer.ggml.scores'];

const QUANT_IN_NAME = /(?:^|[-_.])((?:I?Q\d(?:_[0-9A-Z]+)*)|BF16|F16|F32)(?=[-_.]|$)/i;

export function quantizationName(fileType: unknown, fileName: string): string {
  const id = typeof fileType === 'bigint' ? Number(fileType) : fileType;
  if (typeof id === 'number' && GgufFileType[id] !== undefined) return GgufFileType[id].replace(/^(MOSTLY|ALL)_/, '');
  return QUANT_IN_NAME.exec(basename(fileName, '.gguf'))?.[1]?.toUpperCase() ?? 'unknown';
}

interface KindFacts {
  name: string;
  fileName: string;
  architecture: string;
  dimensions: number;
  pooling: PoolingType;
}

/** Pure: embedding, reranker or text generator, with the reason when it is not an embedder. */
export function classifyModel(facts: KindFacts): { kind: ModelKind; reason?: string } {
  const label = `"${facts.fileName}" (${facts.name}, architecture ${facts.architecture})`;
  if (facts.pooling === 'rank' || /rerank/i.test(`${facts.name} ${facts.fileName}`)) {
    return {
      kind: 'reranker',
      reason:
        `${label} is a reranker: it scores a query and a passage together and cannot turn one text into a vector. ` +
        'Choose an embedding model such as Qwen3-Embedding-0.6B; rerankers are used after the search, not for indexing.',
    };
  }
  if (facts.dimensions <= 0) {
    return { kind: 'unusable', reason: `${label} does not declare an embedding length, so it cannot produce vectors.` };
  }
  if (facts.pooling === 'mean' || facts.pooling === 'cls' || facts.pooling === 'last') return { kind: 'embedding' };
  if (ENCODER_ARCHITECTURES.has(facts.architecture)) return { kind: 'embedding' };
  // Some Qwen3-Embedding conversions carry no pooling type; llama.cpp then returns the last
  // token's state, which is exactly the pooling they were trained with.
  if (/embed/i.test(`${facts.name} ${facts.fileName}`)) return { kind: 'embedding' };
  return {
    kind: 'generative',
    reason:
      `${label} looks like a chat or text-generation model: it declares no pooling type (${facts.pooling}), so it ` +
      'was not trained to produce sentence embeddings and search results would be meaningless. ' +
      'Choose an embedding model such as Qwen3-Embedding-0.6B-Q8_0.gguf or BGE-M3.',
  };
}

export async function inspectGguf(path: string): Promise<GgufInspection> {
  await assertGgufFile(path);
  const fileName = basename(path);
  let info;
  try {
    info = await readGgufFileInfo(path, { readTensorInfo: false, sourceType: 'filesystem', ignoreKeys: IGNORED_KEYS, logWarnings: false });
  } catch (error) {
    throw new SiftError('model_invalid', `"${fileName}" could not be read as GGUF: ${(error as Error).message}`, {
      cause: error,
      detail: { key: 'modelUnreadable', params: { file: fileName, reason: (error as Error).message } },
    });
  }
  const metadata = info.metadata as unknown as Record<string, unknown>;
  const facts = factsFromMetadata(metadata, path);
  const general = (metadata.general ?? {}) as { file_type?: unknown };
  const tensorCount = Number(info.totalTensorCount);
  const classified = classifyModel({
    name: facts.name,
    fileName,
    architecture: facts.architecture,
    dimensions: facts.embeddingLength,
    pooling: facts.pooling,
  });
  const inspection: GgufInspection = {
    path,
    fileBytes: (await stat(path)).size,
    name: facts.name,
    architecture: facts.architecture,
    dimensions: facts.embeddingLength,
    pooling: facts.pooling,
    contextTokens: facts.contextLength,
    quantization: quantizationName(general.file_type, fileName),
    tensorCount,
    ...classified,
  };
  if (tensorCount === 0 && inspection.kind === 'embedding') {
    inspection.kind = 'unusable';
    inspection.reason = `"${fileName}" holds only a vocabulary (no weights), so it cannot compute anything.`;
  }
  return inspection;
}

/** Inspects and throws a SiftError with the reason unless the file is an embedding model. */
export async function inspectEmbeddingModel(path: string): Promise<GgufInspection> {
  const inspection = await inspectGguf(path);
  if (inspection.kind !== 'embedding') {
    const file = basename(path);
    const key =
      inspection.kind === 'reranker'
        ? 'importReranker'
        : inspection.kind === 'generative'
          ? 'importGenerative'
          : inspection.tensorCount === 0
            ? 'importVocabOnly'
            : 'modelNoEmbeddingLength';
    throw new SiftError('model_invalid', inspection.reason ?? `"${file}" is not an embedding model.`, { detail: { key, params: { file } } });
  }
  return inspection;
}
