// Per-family conventions that the GGUF alone does not carry: which texts get an
// instruction prefix, whether the pooled token must be an appended EOS, and whether the
// vectors are trained for Matryoshka truncation. Pooling itself is read from the GGUF by
// llama.cpp; here we only check that it is the one the family was trained with.
import type { PoolingType } from './gguf-facts.js';

export const DEFAULT_QUERY_TASK = 'Given a web search query, retrieve relevant passages that answer the query';

export type ModelFamilyId = 'qwen3-embedding' | 'bert' | 'generic';

export interface ModelFamily {
  id: ModelFamilyId;
  /** Text actually embedded for a query. */
  formatQuery(query: string, task?: string): string;
  formatDocument(text: string): string;
  /** The pooled last token must be EOS (<|endoftext|>), whatever the GGUF's add_eos_token says. */
  requiresEos: boolean;
  /** Poolings this family is trained with; others earn a warning, not a refusal. */
  expectedPooling: PoolingType[];
  /** Trained with Matryoshka representation learning: the first d dims are a good vector. */
  matryoshka: boolean;
}

const qwen3: ModelFamily = {
  id: 'qwen3-embedding',
  // Qwen3-Embedding is trained with an instruction on the query side only.
  formatQuery: (query, task = DEFAULT_QUERY_TASK) => `Instruct: ${task}\nQuery: ${query}`,
  formatDocument: (text) => text,
  // Its tokenizer's post-processor appends <|endoftext|> and pooling reads that token's
  // hidden state. Early GGUF conversions lost add_eos_token, so Sift appends it itself.
  requiresEos: true,
  // 'none'/'unspecified' read the last token's state too (node-llama-cpp falls back to it).
  expectedPooling: ['last', 'none', 'unspecified'],
  matryoshka: true,
};

const bert: ModelFamily = {
  id: 'bert',
  // BGE-M3, nomic, the starter model: no instruction on either side; their own pooling
  // (CLS for BGE-M3, mean for the starter) comes from the GGUF.
  formatQuery: (query) => query,
  formatDocument: (text) => text,
  requiresEos: false,
  expectedPooling: ['mean', 'cls'],
  matryoshka: false,
};

const generic: ModelFamily = {
  id: 'generic',
  formatQuery: (query) => query,
  formatDocument: (text) => text,
  requiresEos: false,
  expectedPooling: ['mean', 'cls', 'last', 'none', 'unspecified'],
  matryoshka: false,
};

const BERT_ARCHITECTURES = new Set(['bert', 'xlm-roberta', 'nomic-bert', 'nomic-bert-moe', 'jina-bert-v2', 'jina-bert-v3', 'modern-bert', 'neo-bert']);

export function familyFor(architecture: string): ModelFamily {
  if (architecture === 'qwen3') return qwen3;
  if (BERT_ARCHITECTURES.has(architecture)) return bert;
  return generic;
}

/** A warning for the UI/log when the GGUF's pooling is not what the family was trained with. */
export function poolingWarning(family: ModelFamily, pooling: PoolingType, modelName: string): string | undefined {
  if (family.expectedPooling.includes(pooling)) return undefined;
  return (
    `"${modelName}" declares ${pooling} pooling, but ${family.id} models are trained with ` +
    `${family.expectedPooling[0]} pooling; search quality may suffer.`
  );
}
