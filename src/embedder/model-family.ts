// Per-family conventions that the GGUF alone does not carry: which texts get an
// instruction prefix. Pooling itself is read from the GGUF by llama.cpp.

export const DEFAULT_QUERY_TASK = 'Given a web search query, retrieve relevant passages that answer the query';

export interface ModelFamily {
  id: 'qwen3-embedding' | 'bert' | 'generic';
  /** Text actually embedded for a query. */
  formatQuery(query: string, task?: string): string;
  formatDocument(text: string): string;
}

const qwen3: ModelFamily = {
  id: 'qwen3-embedding',
  // Qwen3-Embedding is trained with an instruction on the query side only.
  formatQuery: (query, task = DEFAULT_QUERY_TASK) => `Instruct: ${task}\nQuery: ${query}`,
  formatDocument: (text) => text,
};

const plain = (id: ModelFamily['id']): ModelFamily => ({
  id,
  formatQuery: (query) => query,
  formatDocument: (text) => text,
});

export function familyFor(architecture: string): ModelFamily {
  if (architecture === 'qwen3') return qwen3;
  if (architecture === 'bert' || architecture === 'xlm-roberta' || architecture === 'nomic-bert') return plain('bert');
  return plain('generic');
}
