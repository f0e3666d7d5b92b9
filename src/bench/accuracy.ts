// Search quality on a test set, through the real pipeline: the documents are written as
// files into a temp folder, indexed by the pipeline of one model (extract, chunk, embed,
// LanceDB) into a temp index, and every query is asked through the same search call the
// UI's search uses, once per mode. Prints top-1 accuracy and mean reciprocal rank (MRR) per mode.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { z } from 'zod';
import type { SearchMode } from '../api/contract.js';
import { SiftError } from '../api/errors.js';
import type { Embedder } from '../embedder/embedder.js';
import { LlamaEmbedder } from '../embedder/llama-embedder.js';
import type { GpuChoice } from '../embedder/llama-runtime.js';
import { resolveDimensions } from '../embedder/matryoshka.js';
import type { Logger } from '../log.js';
import { starterModelPath } from '../paths.js';
import { ModelPipeline } from '../pipeline/model-pipeline.js';
import type { AnnPolicy } from '../search/ann-policy.js';
import { LlamaReranker } from '../search/rerank.js';
import type { SearchTuning } from '../search/search-service.js';

export const TestSetSchema = z
  .object({
    name: z.string(),
    language: z.string(),
    description: z.string().optional(),
    documents: z.array(z.object({ id: z.string().regex(/^[\w-]+$/), text: z.string().min(1) })).min(2),
    queries: z
      .array(
        z.object({
          id: z.string(),
          query: z.string().min(1),
          /** The id of the one document that answers the query. */
          relevant: z.string(),
          category: z.string().optional(),
          note: z.string().optional(),
        }),
      )
      .min(1),
  })
  .superRefine((set, ctx) => {
    const ids = new Set(set.documents.map((doc) => doc.id));
    if (ids.size !== set.documents.length) ctx.addIssue({ code: 'custom', message: 'document ids must be unique' });
    for (const query of set.queries) {
      if (!ids.has(query.relevant)) ctx.addIssue({ code: 'custom', message: `query ${query.id}: no document ${query.relevant}` });
    }
  });
export type TestSet = z.infer<typeof TestSetSchema>;

export type EvalMode = SearchMode | 'hybrid+rerank';
export const EVAL_MODES: readonly EvalMode[] = ['vector', 'keyword', 'hybrid', 'hybrid+rerank'];

export interface QueryOutcome {
  id: string;
  /** 1-based rank of the relevant document; null when it was not returned at all. */
  rank: number | null;
  top: string | null;
}

export interface ModeResult {
  mode: EvalMode;
  /** Share of queries whose relevant document came first. */
  top1: number;
  /** Mean of 1/rank (0 where not returned). */
  mrr: number;
  queries: QueryOutcome[];
  /** Why the mode was not run (e.g. no reranker model). */
  skipped?: string;
}

export interface AccuracyReport {
  testSet: string;
  model: string;
  documents: number;
  queries: number;
  indexSeconds: number;
  modes: ModeResult[];
}

export async function loadTestSet(path: string): Promise<TestSet> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new SiftError('unreadable', `Cannot read the test set ${path}: ${(error as Error).message}`, {
      cause: error,
      detail: { key: 'benchSetUnreadable', params: { path, reason: (error as Error).message } },
    });
  }
  const parsed = TestSetSchema.safeParse(raw);
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.message ?? '';
    throw new SiftError('invalid_request', `${path} is not a test set: ${reason}`, { detail: { key: 'benchSetInvalid', params: { path, reason } } });
  }
  return parsed.data;
}

/** Top-1 accuracy and MRR from 1-based ranks (null = not found). Pure. */
export function scoreRanks(ranks: ReadonlyArray<number | null>): { top1: number; mrr: number } {
  if (ranks.length === 0) return { top1: 0, mrr: 0 };
  const top1 = ranks.filter((rank) => rank === 1).length / ranks.length;
  const mrr = ranks.reduce<number>((sum, rank) => sum + (rank ? 1 / rank : 0), 0) / ranks.length;
  return { top1, mrr };
}

export interface AccuracyOptions {
  modelPath?: string;
  rerankerPath?: string;
  modes?: readonly EvalMode[];
  logger?: Logger;
  /** Fusion tuning, ANN policy, GPU choice and Matryoshka dimension for the run. */
  pipeline?: { searchTuning?: Partial<SearchTuning>; annPolicy?: Partial<AnnPolicy>; gpu?: GpuChoice; dimensions?: number };
  /** An embedder to use (and leave open) instead of loading modelPath for this run. */
  embedder?: Embedder;
}

export async function runAccuracy(set: TestSet, options: AccuracyOptions = {}): Promise<AccuracyReport> {
  const folder = await mkdtemp(join(tmpdir(), 'sift-eval-docs-'));
  const dbDir = await mkdtemp(join(tmpdir(), 'sift-eval-db-'));
  const logger = options.logger ?? { log: () => undefined };
  const gpu = options.pipeline?.gpu;
  const ownEmbedder = !options.embedder;
  const embedder = options.embedder ?? new LlamaEmbedder({ modelPath: options.modelPath ?? starterModelPath(), gpu, logger });
  const reranker = options.rerankerPath ? new LlamaReranker({ modelPath: options.rerankerPath, gpu, logger }) : undefined;
  // The pipeline borrows the embedder and owns the reranker.
  const pipeline = new ModelPipeline({
    dbUri: dbDir,
    embedder,
    dimensionsFor: (facts) => resolveDimensions(options.pipeline?.dimensions, facts.nativeDimensions ?? facts.dimensions, facts.name),
    logger,
    emit: () => undefined,
    searchTuning: options.pipeline?.searchTuning,
    annPolicy: options.pipeline?.annPolicy,
    reranker,
  });
  try {
    for (const doc of set.documents) await writeFile(join(folder, `${doc.id}.txt`), `${doc.text}\n`);
    const report = await pipeline.indexFolder(folder);
    if (report.filesFailed.length > 0) {
      const reason = JSON.stringify(report.filesFailed[0]);
      throw new SiftError('internal', `indexing the test documents failed: ${reason}`, { detail: { key: 'benchIndexFailed', params: { reason } } });
    }
    // Rank over a fully built full-text index, as a settled app would.
    await pipeline.settle();
    const model = (await embedder.peek()).name;
    const modes: ModeResult[] = [];
    for (const mode of options.modes ?? EVAL_MODES) {
      if (mode === 'hybrid+rerank' && !options.rerankerPath) {
        modes.push({ mode, top1: 0, mrr: 0, queries: [], skipped: 'no reranker model (--reranker <file.gguf>)' });
        continue;
      }
      const queries: QueryOutcome[] = [];
      for (const query of set.queries) {
        const { hits } = await pipeline.search({
          query: query.query,
          limit: Math.min(200, set.documents.length),
          mode: mode === 'hybrid+rerank' ? 'hybrid' : mode,
          rerank: mode === 'hybrid+rerank',
        });
        const ids = hits.map((hit) => basename(hit.path, '.txt'));
        const at = ids.indexOf(query.relevant);
        queries.push({ id: query.id, rank: at >= 0 ? at + 1 : null, top: ids[0] ?? null });
      }
      modes.push({ mode, ...scoreRanks(queries.map((q) => q.rank)), queries });
    }
    return {
      testSet: set.name,
      model,
      documents: set.documents.length,
      queries: set.queries.length,
      indexSeconds: report.seconds,
      modes,
    };
  } finally {
    await pipeline.close();
    if (ownEmbedder) await embedder.dispose();
    await rm(folder, { recursive: true, force: true });
    await rm(dbDir, { recursive: true, force: true });
  }
}

/** Several sets in a row with one model load (loading a model a second time in one
 *  process also makes llama.cpp print to stdout, which would corrupt --json). */
export async function runAccuracySets(sets: TestSet[], options: AccuracyOptions = {}): Promise<AccuracyReport[]> {
  const embedder =
    options.embedder ??
    new LlamaEmbedder({ modelPath: options.modelPath ?? starterModelPath(), gpu: options.pipeline?.gpu, logger: options.logger });
  try {
    const reports: AccuracyReport[] = [];
    for (const set of sets) reports.push(await runAccuracy(set, { ...options, embedder }));
    return reports;
  } finally {
    if (!options.embedder) await embedder.dispose();
  }
}

/** The report as a small text table. */
export function formatAccuracy(report: AccuracyReport): string {
  const lines = [
    `${report.testSet}: ${report.queries} queries over ${report.documents} documents, model ${report.model}`,
    'mode            top-1    MRR',
  ];
  for (const mode of report.modes) {
    if (mode.skipped) lines.push(`${mode.mode.padEnd(14)}  skipped: ${mode.skipped}`);
    else lines.push(`${mode.mode.padEnd(14)}  ${(mode.top1 * 100).toFixed(1).padStart(5)}%  ${mode.mrr.toFixed(3)}`);
  }
  return lines.join('\n');
}
