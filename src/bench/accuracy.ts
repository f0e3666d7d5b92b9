// Search quality on a test set, through the real pipeline: the documents are written as
// files into a temp folder, indexed by the pipeline of one model (extract, chunk, embed,
// LanceDB) into a temp index, and every query is asked through the same search call the
// UI's search uses, once per mode. Reports top-1 accuracy, mean reciprocal rank (MRR) and
// nDCG@10 per mode, each with a bootstrap interval (ranking-metrics.ts); on request it
// also keeps each query's vector and keyword candidate lists, which cross-validate.ts
// fuses again with other constants.
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
import { bootstrapSamples, pairedDifference, queryScores, summarize, type Interval, type MetricSummary } from './ranking-metrics.js';

export const TestSetSchema = z
  .object({
    name: z.string(),
    language: z.string(),
    description: z.string().optional(),
    /** Where the text comes from and under which licence. */
    license: z.string().optional(),
    documents: z.array(z.object({ id: z.string().regex(/^[\w-]+$/), text: z.string().min(1) })).min(2),
    queries: z
      .array(
        z.object({
          id: z.string(),
          query: z.string().min(1),
          /** The id of the document that answers the query, or the ids of all that do. */
          relevant: z.union([z.string(), z.array(z.string()).min(1)]),
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
      for (const id of relevantIds(query)) {
        if (!ids.has(id)) ctx.addIssue({ code: 'custom', message: `query ${query.id}: no document ${id}` });
      }
    }
  });
export type TestSet = z.infer<typeof TestSetSchema>;

export function relevantIds(query: { relevant: string | string[] }): string[] {
  return typeof query.relevant === 'string' ? [query.relevant] : query.relevant;
}

export type EvalMode = SearchMode | 'hybrid+rerank';
export const EVAL_MODES: readonly EvalMode[] = ['vector', 'keyword', 'hybrid', 'hybrid+rerank'];

export interface QueryOutcome {
  id: string;
  /** 1-based rank of the first relevant document; null when none was returned. */
  rank: number | null;
  top: string | null;
  ndcg10: number;
}

export interface ModeResult extends MetricSummary {
  mode: EvalMode;
  /** Share of queries whose first hit is relevant (top1), mean of 1/rank of the first
   *  relevant hit (mrr, 0 where none returned), nDCG@10, each with a 95 % interval (ci). */
  queries: QueryOutcome[];
  /** Why the mode was not run (e.g. no reranker model). */
  skipped?: string;
}

/** One passage of a candidate list: its chunk id, the document (file name without
 *  .txt), its text (for the fusion's coverage) and its score in its list. */
export interface CapturedPassage {
  key: string;
  doc: string;
  text: string;
  /** Cosine similarity (vector list) or BM25 score (keyword list). */
  score: number;
}

export interface CapturedQuery {
  id: string;
  query: string;
  relevant: string[];
  vector: CapturedPassage[];
  keyword: CapturedPassage[];
}

export interface AccuracyReport {
  testSet: string;
  model: string;
  documents: number;
  queries: number;
  indexSeconds: number;
  modes: ModeResult[];
  /** Per query, the candidate lists before fusion (with captureCandidates). */
  candidates?: CapturedQuery[];
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
  /** Keep each query's vector and keyword lists (for cross-validation of the fusion). */
  captureCandidates?: boolean;
}

const skippedMode = (mode: EvalMode, why: string): ModeResult => ({
  mode,
  top1: 0,
  mrr: 0,
  ndcg10: 0,
  ci: { top1: [0, 0], mrr: [0, 0], ndcg10: [0, 0] },
  queries: [],
  skipped: why,
});

/** Scores one mode from each query's ranked document ids. */
export function scoreMode(mode: EvalMode, set: TestSet, rankings: ReadonlyArray<readonly string[]>): ModeResult {
  const queries: QueryOutcome[] = [];
  const scores = set.queries.map((query, i) => {
    const ids = rankings[i]!;
    const relevant = relevantIds(query);
    const ranks = relevant.map((id) => ids.indexOf(id) + 1).filter((rank) => rank > 0);
    const score = queryScores(ranks, relevant.length);
    queries.push({ id: query.id, rank: ranks.length > 0 ? Math.min(...ranks) : null, top: ids[0] ?? null, ndcg10: score.ndcg10 });
    return score;
  });
  return { mode, ...summarize(scores, bootstrapSamples(scores.length)), queries };
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
        modes.push(skippedMode(mode, 'no reranker model (--reranker <file.gguf>)'));
        continue;
      }
      const rankings: string[][] = [];
      for (const query of set.queries) {
        const { hits } = await pipeline.search({
          query: query.query,
          limit: Math.min(200, set.documents.length),
          mode: mode === 'hybrid+rerank' ? 'hybrid' : mode,
          rerank: mode === 'hybrid+rerank',
        });
        rankings.push(hits.map((hit) => basename(hit.path, '.txt')));
      }
      modes.push(scoreMode(mode, set, rankings));
    }
    let candidates: CapturedQuery[] | undefined;
    if (options.captureCandidates) {
      candidates = [];
      for (const query of set.queries) {
        const lists = await pipeline.searchCandidates({ query: query.query, limit: Math.min(200, set.documents.length) });
        const capture = (list: typeof lists.vector) => list.map(({ row, score }) => ({ key: row.id, doc: basename(row.path, '.txt'), text: row.text, score }));
        candidates.push({ id: query.id, query: query.query, relevant: relevantIds(query), vector: capture(lists.vector), keyword: capture(lists.keyword) });
      }
    }
    return {
      testSet: set.name,
      model,
      documents: set.documents.length,
      queries: set.queries.length,
      indexSeconds: report.seconds,
      modes,
      ...(candidates && { candidates }),
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

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const interval = ([lo, hi]: Interval, show: (x: number) => string) => `[${show(lo)}, ${show(hi)}]`;
const fixed = (x: number) => x.toFixed(3);

/** One cell: the value and its interval, e.g. "80.0% [65.0%, 92.5%]". */
export function formatMetric(value: number, ci: Interval, kind: 'share' | 'score'): string {
  const show = kind === 'share' ? pct : fixed;
  return `${show(value)} ${interval(ci, show)}`;
}

/** Hybrid against the better single mode (by MRR) on the same queries: the paired
 *  bootstrap interval of the difference says whether a gap is more than noise. */
export function hybridGap(report: AccuracyReport): { versus: EvalMode; top1: { mean: number; ci: Interval }; mrr: { mean: number; ci: Interval } } | undefined {
  const byMode = new Map(report.modes.filter((m) => !m.skipped).map((m) => [m.mode, m]));
  const hybrid = byMode.get('hybrid');
  const singles = (['vector', 'keyword'] as const).map((mode) => byMode.get(mode)).filter((m): m is ModeResult => m !== undefined);
  if (!hybrid || singles.length === 0) return undefined;
  const best = singles.reduce((a, b) => (b.mrr > a.mrr || (b.mrr === a.mrr && b.top1 > a.top1) ? b : a));
  const samples = bootstrapSamples(hybrid.queries.length);
  const top1 = (m: ModeResult) => m.queries.map((q) => (q.rank === 1 ? 1 : 0));
  const rr = (m: ModeResult) => m.queries.map((q) => (q.rank ? 1 / q.rank : 0));
  return { versus: best.mode, top1: pairedDifference(top1(hybrid), top1(best), samples), mrr: pairedDifference(rr(hybrid), rr(best), samples) };
}

/** The report as a small text table. */
export function formatAccuracy(report: AccuracyReport): string {
  const lines = [
    `${report.testSet}: ${report.queries} queries over ${report.documents} documents, model ${report.model}`,
    `${'mode'.padEnd(14)}  ${'top-1 [95% CI]'.padEnd(22)}  ${'MRR [95% CI]'.padEnd(22)}  nDCG@10 [95% CI]`,
  ];
  for (const mode of report.modes) {
    if (mode.skipped) lines.push(`${mode.mode.padEnd(14)}  skipped: ${mode.skipped}`);
    else {
      lines.push(
        `${mode.mode.padEnd(14)}  ${formatMetric(mode.top1, mode.ci.top1, 'share').padEnd(22)}  ${formatMetric(mode.mrr, mode.ci.mrr, 'score').padEnd(22)}  ${formatMetric(mode.ndcg10, mode.ci.ndcg10, 'score')}`,
      );
    }
  }
  const gap = hybridGap(report);
  if (gap) {
    const points = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;
    const score = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
    lines.push(
      `hybrid - ${gap.versus}: top-1 ${points(gap.top1.mean)} pts ${interval(gap.top1.ci, points)}, MRR ${score(gap.mrr.mean)} ${interval(gap.mrr.ci, score)} (paired)`,
    );
  }
  return lines.join('\n');
}
