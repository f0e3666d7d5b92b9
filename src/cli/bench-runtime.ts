// `sift bench --rerank-latency <reranker.gguf>` and `sift bench --idle-reload`: the model
// runtime's figures (src/bench/runtime-bench.ts). A table on stdout, or with --json one
// JSON document; progress and logs on stderr.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toWireError } from '../api/errors.js';
// Imported when used: runtime-bench reaches the index (LanceDB) through the pipeline, and
// `bench-entry.js` must start on a machine that has node-llama-cpp alone (scripts/gpu/run.sh).
import type { Stats } from '../bench/runtime-bench.js';
import type { GpuChoice } from '../embedder/llama-runtime.js';
import { createLogger } from '../log.js';
import { argErrorMessage } from './arg-errors.js';

export const RUNTIME_BENCH_USAGE = `Usage:
  sift bench --rerank-latency <reranker.gguf> [--candidates 30] [--queries 20] [--model <embedder.gguf>] [--gpu auto|cuda|vulkan|metal|cpu] [--json]
  sift bench --idle-reload [--model <embedder.gguf>] [--reranker <reranker.gguf>] [--repeats 3] [--gpu ...] [--json]

  --rerank-latency  search latency with and without reranking the top --candidates passages (60+ generated
                    passages of ~120 words, the starter model or --model for the search), and the rerank step alone
  --idle-reload     time to the first result after the embedder (and --reranker) were unloaded for being idle,
                    against a warm search`;

const OPTIONS = {
  'rerank-latency': { type: 'string' },
  'idle-reload': { type: 'boolean', default: false },
  candidates: { type: 'string', default: '30' },
  queries: { type: 'string', default: '20' },
  repeats: { type: 'string', default: '3' },
  model: { type: 'string' },
  reranker: { type: 'string' },
  gpu: { type: 'string', default: 'auto' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Whether argv asks for one of these benchmarks (bench.ts hands them over). */
export function isRuntimeBench(argv: readonly string[]): boolean {
  return argv.some((arg) => arg === '--idle-reload' || arg === '--rerank-latency' || arg.startsWith('--rerank-latency='));
}

function count(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new UsageError(`${name} must be a whole number from 1 to 1000.`);
  return n;
}

function gpuChoice(text: string): GpuChoice {
  if (text === 'cpu' || text === 'false' || text === 'off') return false;
  if (text === 'auto' || text === 'cuda' || text === 'vulkan' || text === 'metal') return text;
  throw new UsageError(`--gpu must be auto, cuda, vulkan, metal or cpu (got "${text}").`);
}

class UsageError extends Error {}

const row = (label: string, s: Stats) =>
  `  ${label.padEnd(36)} p50 ${String(s.p50Ms).padStart(8)} ms   p95 ${String(s.p95Ms).padStart(8)} ms   mean ${String(s.meanMs).padStart(8)} ms   (n ${s.n})`;

export async function runtimeBenchCommand(argv: string[]): Promise<number> {
  const { runIdleReload, runRerankLatency } = await import('../bench/runtime-bench.js');
  let json = false;
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
    json = values.json;
    if (values.help) {
      process.stdout.write(`${RUNTIME_BENCH_USAGE}\n`);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
    const logger = createLogger();
    const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);
    const gpu = gpuChoice(values.gpu);
    const modelPath = values.model ? resolve(values.model) : undefined;
    if (values['rerank-latency'] !== undefined) {
      const report = await runRerankLatency({
        rerankerPath: resolve(values['rerank-latency']),
        modelPath,
        gpu,
        candidates: count(values.candidates, '--candidates'),
        queries: count(values.queries, '--queries'),
        logger,
        progress,
      });
      if (json) process.stdout.write(`${JSON.stringify({ rerankLatency: report })}\n`);
      else {
        const r = report.reranker;
        process.stdout.write(
          [
            `Rerank latency: ${r.name} (${r.file}, ${r.architecture}, ${r.layers} layers, n_embd ${r.embeddingLength}, n_ff ${r.feedForwardLength}, ` +
              `${r.heads} heads / ${r.kvHeads} KV, ${(r.fileBytes / 2 ** 20).toFixed(1)} MiB) on ${r.backend}, loaded in ${r.loadMs} ms` +
              `${r.vramUsedBytes ? `, ${Math.round(r.vramUsedBytes / 2 ** 20)} MiB VRAM` : ''}`,
            `Search model: ${report.embedder}; ${report.candidatesPerQuery} candidates reranked per query, ${report.queries} queries`,
            row('search, no rerank', report.searchPlain),
            row('search with rerank (end to end)', report.searchReranked),
            row('rerank step alone', report.rerankStep),
            row('rerank step, CPU time (all threads)', report.rerankStepCpu),
            row('added per query', report.addedPerQuery),
          ].join('\n') + '\n',
        );
      }
      return 0;
    }
    const report = await runIdleReload({
      modelPath,
      rerankerPath: values.reranker ? resolve(values.reranker) : undefined,
      gpu,
      repeats: count(values.repeats, '--repeats'),
      logger,
      progress,
    });
    if (json) process.stdout.write(`${JSON.stringify({ idleReload: report })}\n`);
    else {
      const e = report.embedder;
      const rr = report.reranker;
      process.stdout.write(
        [
          `Idle reload: ${e.name} (${e.layers} layers, n_embd ${e.embeddingLength}) on ${e.backend}` +
            (rr ? ` + reranker ${rr.name} (${rr.layers} layers, n_embd ${rr.embeddingLength}) on ${rr.backend}` : ''),
          row('first result after an unload', report.firstResultAfterUnload),
          row('warm search', report.warmSearch),
        ].join('\n') + '\n',
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`sift bench: ${argErrorMessage(error)}\n\n${RUNTIME_BENCH_USAGE}\n`);
      return 2;
    }
    const wire = toWireError(error);
    process.stderr.write(json ? `${JSON.stringify({ error: wire })}\n` : `sift bench: ${wire.message}\n`);
    return 1;
  }
}
