// Many (query, document) pairs per llama_decode on the Sift engine: one sized native context
// with RANK pooling (sized-context.ts, `ranking: true` as node-llama-cpp's LlamaRankingContext
// sets `_ranking`), one sequence per pair, each pair's score read from its sequence's pooled
// output (getSequenceEmbedding, scripts/gpu/addon-sequence-embedding.patch). node-llama-cpp's
// rankAll decodes one pair at a time, paying a whole forward's fixed cost per candidate.
//
// The pairs are built by LlamaRankingContext's own code (_chunkEvaluatedInputs /
// _getEvaluationInput, node-llama-cpp 3.21.1, called on an instance without a context), so
// the tokens, the template and the chunking of long documents are exactly rankAll's; a
// version without those methods gets no batched path (the reranker falls back to rankAll).
import { LlamaRankingContext, type Llama, type LlamaModel, type Token } from 'node-llama-cpp';
import { DirectEmbeddingWorker } from '../embedder/direct-worker.js';
import { createSizedContext, supportsSizedContexts } from '../embedder/sized-context.js';

interface RankingInternals {
  _chunkEvaluatedInputs(query: Token[], document: Token[], options: { onOverflow: 'maxChunk' }): Token[][];
  readonly _currentArchRankingAlreadyNormalized: boolean;
}

/** LlamaRankingContext's input builder on `model`, with rankAll's context size (for chunking). */
function rankingInputs(model: LlamaModel, contextSize: number): RankingInternals | undefined {
  const proto = LlamaRankingContext.prototype as unknown as Record<string, unknown>;
  if (typeof proto._chunkEvaluatedInputs !== 'function' || typeof proto._getEvaluationInput !== 'function') return undefined;
  const raw = model.fileInfo.metadata?.tokenizer?.['chat_template.rerank' as never] as unknown;
  // parseRankingTemplate (GgufInsights.js): {query} / {document} -> {{query}} / {{document}}.
  const template = typeof raw === 'string' ? raw.replaceAll('{query}', '{{query}}').replaceAll('{document}', '{{document}}') : undefined;
  if (template === undefined && model.tokens.eos == null && model.tokens.sep == null) return undefined;
  const builder = Object.create(LlamaRankingContext.prototype) as Record<string, unknown>;
  builder._llamaContext = { model, contextSize };
  builder._template = template;
  builder._templateDocumentInstances = template === undefined ? undefined : template.split('{{document}}').length - 1;
  return builder as unknown as RankingInternals;
}

export interface BatchedRankingOptions {
  /** Tokens per decode: n_ctx = n_batch = n_ubatch (a pair never spans micro-batches). */
  batchTokens: number;
  /** rankAll's context size: a pair longer than this is chunked as rankAll chunks it. */
  chunkTokens: number;
  /** Pairs (sequences) per decode at most. */
  sequences: number;
  threads: number;
}

export class BatchedRanking {
  private constructor(
    private readonly model: LlamaModel,
    private readonly worker: DirectEmbeddingWorker,
    private readonly inputs: RankingInternals,
    private readonly options: BatchedRankingOptions,
  ) {}

  /** A batched ranking context, or undefined where the engine or node-llama-cpp lacks the calls. */
  static async create(llama: Llama, model: LlamaModel, options: BatchedRankingOptions): Promise<BatchedRanking | undefined> {
    if (!supportsSizedContexts(llama, model)) return undefined;
    const inputs = rankingInputs(model, Math.min(options.chunkTokens, options.batchTokens));
    if (!inputs) return undefined;
    const plan = { tokenBudget: options.batchTokens, microBatch: options.batchTokens, sequences: options.sequences };
    const context = await createSizedContext(llama, model, { plan, kvCacheType: 'f16', threads: options.threads, ranking: true });
    const worker = new DirectEmbeddingWorker(context, context, { maxSequences: plan.sequences, tokenBudget: plan.tokenBudget });
    return new BatchedRanking(model, worker, inputs, options);
  }

  /** Relevance of each document in [0, 1] (rankAll's: a chunked document scores its best chunk). */
  async score(query: string, documents: string[]): Promise<number[]> {
    const tokenize = (text: string) => this.model.tokenize(text, false, 'trimLeadingSpace');
    const queryTokens = tokenize(query);
    const pairs: { doc: number; tokens: Token[] }[] = [];
    documents.forEach((document, doc) => {
      for (const tokens of this.inputs._chunkEvaluatedInputs(queryTokens, tokenize(document), { onOverflow: 'maxChunk' })) {
        if (tokens.length > 0) pairs.push({ doc, tokens: tokens.slice(0, this.options.batchTokens) });
      }
    });
    const scores = new Array<number>(documents.length).fill(0);
    const normalized = this.inputs._currentArchRankingAlreadyNormalized;
    for (let i = 0; i < pairs.length; ) {
      const batch: typeof pairs = [];
      let tokens = 0;
      while (i < pairs.length && batch.length < this.options.sequences && (batch.length === 0 || tokens + pairs[i]!.tokens.length <= this.options.batchTokens)) {
        tokens += pairs[i]!.tokens.length;
        batch.push(pairs[i++]!);
      }
      const outputs = await this.worker.embedBatch(batch.map((p) => p.tokens as number[]));
      outputs.forEach((output, k) => {
        const value = output.length > 0 ? output[0]! : 0;
        const score = normalized ? value : 1 / (1 + Math.exp(-value));
        const doc = batch[k]!.doc;
        // rankAll's getMaxScore: the best chunk, never below 0.
        if (Number.isFinite(score) && score > scores[doc]!) scores[doc] = score;
      });
    }
    return scores;
  }

  dispose(): Promise<void> {
    return this.worker.dispose();
  }
}
