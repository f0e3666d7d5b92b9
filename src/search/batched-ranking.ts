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
import { DirectEmbeddingWorker, hasSharedTokens } from '../embedder/direct-worker.js';
import { createSizedContext, supportsSizedContexts } from '../embedder/sized-context.js';

interface RankingInternals {
  _chunkEvaluatedInputs(query: Token[], document: Token[], options: { onOverflow: 'maxChunk' }): Token[][];
  readonly _currentArchRankingAlreadyNormalized: boolean;
}

/** `model`, except that tokenize remembers its answers: _getEvaluationInput tokenizes the
 *  template's text pieces (system prompt, instruction, separators) again for every pair, the
 *  same few strings each time (~0.5 ms a pair on the H200 machine's CPU). Queries and
 *  documents reach it as tokens, so only the template's pieces are ever cached. */
function withTemplateTokenCache(model: LlamaModel): LlamaModel {
  const cache = new Map<string, Token[]>();
  const tokenize = (text: string, special?: boolean, options?: string): Token[] => {
    const key = `${special ? 1 : 0}${options ?? ''}\u0000${text}`;
    let tokens = cache.get(key);
    if (!tokens) {
      tokens = model.tokenize(text, special as false, options as 'trimLeadingSpace');
      if (cache.size < 64) cache.set(key, tokens);
    }
    return tokens.slice();
  };
  return new Proxy(model, { get: (target, name) => (name === 'tokenize' ? tokenize : Reflect.get(target, name, target)) });
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
  builder._llamaContext = { model: withTemplateTokenCache(model), contextSize };
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
  /** Decode the prompt prefix the pairs share (template + query) once per decode, where the
   *  engine can (addon-shared-tokens.patch). Default true; false for comparisons. */
  sharePrefix?: boolean;
}

/** Tokens every pair starts with, leaving each pair at least its last token of its own (the
 *  one RANK pooling reads). Found by comparison, so any template that puts the query first
 *  shares it, and one that does not simply shares nothing. */
export function sharedPrefixLength(pairs: readonly (readonly number[])[]): number {
  if (pairs.length < 2) return 0;
  const first = pairs[0]!;
  let length = Math.min(...pairs.map((p) => p.length)) - 1;
  for (const pair of pairs) length = Math.min(length, commonStart(first, pair));
  return Math.max(0, length);
}

/** Tokens `a` and `b` start with alike. */
function commonStart(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/** llama.cpp's RANK pooling reads a Qwen3 reranker's last token, behind causal attention, so
 *  a prefix decoded once is exact; other rerankers (BERT-style cross-encoders) read the first
 *  token with attention both ways, where the prefix must see the document. */
function readsLastToken(model: LlamaModel): boolean {
  const arch = model.fileInfo.metadata?.general?.architecture as string | undefined;
  return arch === 'qwen3' || arch === 'qwen3vl';
}

interface Pair {
  doc: number;
  tokens: Token[];
}

export class BatchedRanking {
  private constructor(
    private readonly worker: DirectEmbeddingWorker,
    private readonly inputs: RankingInternals,
    private readonly options: BatchedRankingOptions,
    /** Whether this engine decodes a shared prefix once (and the caller wants it). */
    readonly sharesPrefix: boolean,
  ) {}

  /** A batched ranking context, or undefined where the engine or node-llama-cpp lacks the calls. */
  static async create(llama: Llama, model: LlamaModel, options: BatchedRankingOptions): Promise<BatchedRanking | undefined> {
    if (!supportsSizedContexts(llama, model)) return undefined;
    const inputs = rankingInputs(model, Math.min(options.chunkTokens, options.batchTokens));
    if (!inputs) return undefined;
    const plan = { tokenBudget: options.batchTokens, microBatch: options.batchTokens, sequences: options.sequences };
    const context = await createSizedContext(llama, model, { plan, kvCacheType: 'f16', threads: options.threads, ranking: true });
    const worker = new DirectEmbeddingWorker(context, context, { maxSequences: plan.sequences, tokenBudget: plan.tokenBudget });
    return new BatchedRanking(worker, inputs, options, (options.sharePrefix ?? true) && readsLastToken(model) && hasSharedTokens(context));
  }

  /**
   * Relevance of each of `count` documents in [0, 1] (rankAll's: a chunked document scores its
   * best chunk). Query and documents come as tokens (without special tokens, leading space
   * trimmed, as rankAll tokenizes them); each document's are asked for only when its pairs are
   * built: that work (a document window, tokenizing) then runs on this thread while the
   * previous decode runs on the GPU, instead of all of it before the first decode. Pairs go to a decode
   * until it holds `sequences` pairs or `batchTokens` tokens, the shared prompt prefix
   * counted once; one decode is in flight at a time (one context).
   */
  scoreEach(queryTokens: Token[], count: number, documentTokens: (doc: number) => Token[]): Promise<number[]> {
    // One query at a time: its decodes share one native context (rankAll locks the same way),
    // and searches may rerank concurrently.
    const run = this.queue.then(() => this.scoreNow(queryTokens, count, documentTokens));
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private queue: Promise<void> = Promise.resolve();

  private async scoreNow(queryTokens: Token[], count: number, documentTokens: (doc: number) => Token[]): Promise<number[]> {
    const scores = new Array<number>(count).fill(0);
    const normalized = this.inputs._currentArchRankingAlreadyNormalized;
    const { sequences, batchTokens } = this.options;
    const decode = async (batch: Pair[]) => {
      // The template's system prompt, instruction and query open every pair: ~90 of a
      // 96-token window's ~200 tokens, decoded once per decode instead of once per pair.
      const prefix = this.sharesPrefix ? sharedPrefixLength(batch.map((p) => p.tokens)) : 0;
      const outputs = await this.worker.embedBatch(
        batch.map((p) => p.tokens.slice(prefix) as number[]),
        batch[0]!.tokens.slice(0, prefix) as number[],
      );
      outputs.forEach((output, k) => {
        const value = output.length > 0 ? output[0]! : 0;
        const score = normalized ? value : 1 / (1 + Math.exp(-value));
        const doc = batch[k]!.doc;
        // rankAll's getMaxScore: the best chunk, never below 0.
        if (Number.isFinite(score) && score > scores[doc]!) scores[doc] = score;
      });
    };
    let inflight: Promise<void> = Promise.resolve();
    let group: Pair[] = [];
    let groupLength = 0; // the group's pair tokens summed, the prefix counted in each
    let first: Token[] | undefined;
    let prefix = Number.POSITIVE_INFINITY; // what every pair so far shares with the first: a lower bound of a group's
    try {
      for (let doc = 0; doc < count; doc++) {
        for (const input of this.inputs._chunkEvaluatedInputs(queryTokens, documentTokens(doc), { onOverflow: 'maxChunk' })) {
          if (input.length === 0) continue;
          const tokens = input.slice(0, batchTokens);
          let shared = 0;
          if (this.sharesPrefix) {
            first ??= tokens;
            prefix = Math.min(prefix, commonStart(first, tokens), tokens.length - 1);
            shared = Math.max(0, prefix);
          }
          if (group.length > 0 && (group.length >= sequences || groupLength + tokens.length - group.length * shared > batchTokens)) {
            const batch = group;
            group = [];
            groupLength = 0;
            await inflight;
            inflight = decode(batch);
          }
          group.push({ doc, tokens });
          groupLength += tokens.length;
        }
      }
      await inflight;
      if (group.length > 0) await decode(group);
    } catch (error) {
      // Never leave a decode running on the context when this query gives up.
      await inflight.catch(() => undefined);
      throw error;
    }
    return scores;
  }

  async dispose(): Promise<void> {
    await this.queue;
    await this.worker.dispose();
  }
}
