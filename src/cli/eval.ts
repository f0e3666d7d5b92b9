// `sift eval`: search quality of a model on test sets, through the real pipeline (temp
// folder -> index -> search), as top-1 accuracy, MRR and nDCG@10 per mode with bootstrap
// intervals; --cross-validate adds the leave-one-set-out figures of the hybrid fusion.
// The tables (or, with --json, one JSON document) go to stdout; logs go to stderr.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toWireError } from '../api/errors.js';
import { EVAL_MODES, formatAccuracy, loadTestSet, runAccuracySets, type EvalMode } from '../bench/accuracy.js';
import { capturedSets, crossValidate, formatCrossValidation } from '../bench/cross-validate.js';
import { createLogger } from '../log.js';
import { resourcesDir } from '../paths.js';
import { argErrorMessage } from './arg-errors.js';

export const EVAL_USAGE = `Usage:
  sift eval [<testset> ...] [--model <file.gguf>] [--reranker <file.gguf>] [--modes vector,keyword,hybrid,hybrid+rerank]
            [--rrf-k N] [--keyword-weight W] [--vector-weight W] [--coverage-power P] [--cross-validate] [--json]

  <testset>   a test set JSON file, or the name of a shipped one (${shippedNames().join(', ') || 'see resources/testsets'});
              default: all shipped sets
  --model     embedding model (default: the bundled starter model)
  --reranker  GGUF reranker for the hybrid+rerank mode (skipped without one)
  --rrf-k, --keyword-weight, --vector-weight, --coverage-power   hybrid fusion settings to try
  --cross-validate  also choose the fusion constants on all sets but one and score the
              held-out set with them, for each set (vector, keyword and hybrid modes only)

  Cells are top-1, MRR and nDCG@10 with 95% bootstrap intervals (1,000 resamples of the
  queries, seeded); the last line per set is hybrid minus the better single mode, paired.`;

const OPTIONS = {
  model: { type: 'string' },
  reranker: { type: 'string' },
  modes: { type: 'string' },
  'rrf-k': { type: 'string' },
  'keyword-weight': { type: 'string' },
  'vector-weight': { type: 'string' },
  'coverage-power': { type: 'string' },
  'cross-validate': { type: 'boolean', default: false },
  gpu: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

class EvalUsageError extends Error {}

function testsetDir(): string {
  return join(resourcesDir(), 'testsets');
}

function shippedNames(): string[] {
  try {
    return readdirSync(testsetDir())
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .sort();
  } catch (error) {
    process.stderr.write(`sift eval: cannot list the shipped test sets (${(error as Error).message})\n`);
    return [];
  }
}

export function resolveTestSet(arg: string): string {
  if (existsSync(arg)) return resolve(arg);
  const shipped = join(testsetDir(), arg.endsWith('.json') ? arg : `${arg}.json`);
  if (existsSync(shipped)) return shipped;
  throw new EvalUsageError(`No test set "${arg}" (neither a file nor one of: ${shippedNames().join(', ')}).`);
}

function parseModes(text: string | undefined): EvalMode[] {
  if (!text) return [...EVAL_MODES];
  const modes = text.split(',').map((mode) => mode.trim());
  for (const mode of modes) {
    if (!EVAL_MODES.includes(mode as EvalMode)) throw new EvalUsageError(`Unknown mode "${mode}"; use ${EVAL_MODES.join(', ')}.`);
  }
  return modes as EvalMode[];
}

function number(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new EvalUsageError(`${name} must be a number >= 0.`);
  return n;
}

export async function evalCommand(argv: string[]): Promise<number> {
  let json = false;
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
    json = values.json;
    if (values.help) {
      process.stdout.write(`${EVAL_USAGE}\n`);
      return 0;
    }
    const paths = (positionals.length > 0 ? positionals : shippedNames()).map(resolveTestSet);
    if (paths.length === 0) throw new EvalUsageError('No test sets given and none shipped.');
    const crossValidation = values['cross-validate'];
    const modes = crossValidation && !values.modes ? (['vector', 'keyword', 'hybrid'] as EvalMode[]) : parseModes(values.modes);
    const tuning = {
      ...(values['rrf-k'] !== undefined && { rrfK: number(values['rrf-k'], '--rrf-k') }),
      ...(values['keyword-weight'] !== undefined && { keywordWeight: number(values['keyword-weight'], '--keyword-weight') }),
      ...(values['vector-weight'] !== undefined && { vectorWeight: number(values['vector-weight'], '--vector-weight') }),
      ...(values['coverage-power'] !== undefined && { coveragePower: number(values['coverage-power'], '--coverage-power') }),
    };
    const gpu = values.gpu === undefined ? undefined : values.gpu === 'cpu' ? false : (values.gpu as 'auto' | 'cuda' | 'vulkan' | 'metal');
    const logger = createLogger();
    const sets = await Promise.all(paths.map((path) => loadTestSet(path)));
    logger.log('info', `eval: ${sets.map((set) => set.name).join(', ')}`);
    const reports = await runAccuracySets(sets, {
      modelPath: values.model,
      rerankerPath: values.reranker,
      modes,
      logger,
      pipeline: { searchTuning: tuning, ...(gpu !== undefined && { gpu }) },
      captureCandidates: crossValidation,
    });
    const cv = crossValidation ? crossValidate(capturedSets(reports)) : undefined;
    // The captured lists are inputs, not results: they stay out of the output.
    const results = reports.map(({ candidates: _, ...report }) => report);
    if (json) process.stdout.write(`${JSON.stringify(cv ? { sets: results, crossValidation: cv } : results)}\n`);
    else {
      for (const report of results) process.stdout.write(`${formatAccuracy(report)}\n\n`);
      if (cv) process.stdout.write(`${formatCrossValidation(cv)}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof EvalUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`sift eval: ${argErrorMessage(error)}\n\n${EVAL_USAGE}\n`);
      return 2;
    }
    const wire = toWireError(error);
    process.stderr.write(json ? `${JSON.stringify({ error: wire })}\n` : `sift eval: ${wire.message}\n`);
    return 1;
  }
}
