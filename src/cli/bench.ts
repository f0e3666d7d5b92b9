// `sift bench`: embedding throughput of a GGUF model through Sift's embedder, optionally
// side by side with llama.cpp's llama-server on the same file. The table (or, with
// --json, one JSON document) goes to stdout; progress and logs go to stderr.
import { writeFileSync } from 'node:fs';
import { deviceGpuMemoryUsed } from '../bench/gpu-memory.js';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toWireError } from '../api/errors.js';
import { parseServerConfigs } from '../bench/llama-server.js';
import { formatReport } from '../bench/report-table.js';
import { runBench } from '../bench/run-bench.js';
import { isRuntimeBench, runtimeBenchCommand } from './bench-runtime.js';
import { parseVariants, type SiftVariant } from '../bench/variants.js';
import type { GpuChoice } from '../embedder/llama-runtime.js';
import { createLogger } from '../log.js';
import { starterModelPath } from '../paths.js';
import { argErrorMessage } from './arg-errors.js';

export const BENCH_USAGE = `Usage:
  sift bench [--model <file.gguf>] [--json] [--contexts auto|N|NxS[@B][/U][:public][:skip][:q8][:fa|:nofa],...] [--gpu auto|cuda|vulkan|metal|cpu]
             [--scale F] [--llama-server <path> [--server-configs "np=8,b=4096,ub=2048,cram=0;..."]]
             [--gpu-memory] [--reload-check] [--corpus-out <file.json>]

  Seed test: 100 x "这是测试句子" in one batch after a warm-up (texts/s).
  Index load: 1,000 passages of ~256 tokens and 200 of ~1,000 (texts/s, tokens/s), times --scale.
  --contexts      Sift configurations to run one after another (default: auto, sized from free VRAM):
                  N contexts, S texts per decode (needs the patched addon), :public = node-llama-cpp's
                  public embedding API, :skip = LLAMA_EMBD_SKIP_LOGITS (patched llama.cpp); on the Sift engine
                  @B = tokens per decode (KV cells shared by its texts), /U = micro-batch, :q8 = q8_0 KV cache
  --gpu-memory    sample whole-process GPU memory with nvidia-smi during each run
  --reload-check  after the first run: unload the model, then time one query through the reload
  --corpus-out    write the texts for devkit/bench_hf.py (transformers on the same texts)
  --llama-server  also run llama.cpp's llama-server on the same model and texts, for a ratio
  --out <file>    also write the JSON report there

  sift bench --rerank-latency <reranker.gguf> [--candidates 30] ... and sift bench --idle-reload [...]:
  see sift bench --rerank-latency x --help`;

const OPTIONS = {
  model: { type: 'string' },
  json: { type: 'boolean', default: false },
  gpu: { type: 'string', default: 'auto' },
  contexts: { type: 'string', default: 'auto' },
  'max-contexts': { type: 'string' },
  'max-context-tokens': { type: 'string' },
  threads: { type: 'string' },
  scale: { type: 'string', default: '1' },
  'seed-repeats': { type: 'string', default: '5' },
  'llama-server': { type: 'string' },
  'server-configs': { type: 'string', default: 'np=8,b=4096,ub=2048,cram=0' },
  // The GPU script's node-llama-cpp source build (getLlama('lastBuild')); not for users.
  binding: { type: 'string' },
  out: { type: 'string' },
  'gpu-memory': { type: 'boolean', default: false },
  'reload-check': { type: 'boolean', default: false },
  'corpus-out': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

class BenchUsageError extends Error {}

function positiveNumber(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new BenchUsageError(`${name} must be a positive number.`);
  return n;
}

function parseGpu(text: string): GpuChoice {
  if (text === 'cpu' || text === 'false' || text === 'off') return false;
  if (text === 'auto' || text === 'cuda' || text === 'vulkan' || text === 'metal') return text;
  throw new BenchUsageError(`--gpu must be auto, cuda, vulkan, metal or cpu (got "${text}").`);
}

function parseVariantsOrUsage(spec: string): SiftVariant[] {
  try {
    return parseVariants(spec);
  } catch (error) {
    throw new BenchUsageError(`--contexts: ${(error as Error).message}`);
  }
}

export async function benchCommand(argv: string[]): Promise<number> {
  // The model runtime's benchmarks (reranker latency, reload after an idle unload).
  if (isRuntimeBench(argv)) return runtimeBenchCommand(argv);
  // Each decode runs on a libuv worker thread: give the pool room before anything uses it.
  process.env.UV_THREADPOOL_SIZE ??= '16';
  let json = false;
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
    json = values.json;
    if (values.help) {
      process.stdout.write(`${BENCH_USAGE}\n`);
      return 0;
    }
    if (positionals.length > 0) throw new BenchUsageError(`Unexpected argument "${positionals[0]}".`);
    // Before this process touches the GPU: what the whole-process figures are measured from.
    const gpuBaselineBytes = values['gpu-memory'] ? await deviceGpuMemoryUsed() : undefined;
    let llama;
    if (values.binding !== undefined) {
      if (values.binding !== 'lastBuild') throw new BenchUsageError('--binding only takes "lastBuild".');
      const { getLlama, LlamaLogLevel } = await import('node-llama-cpp');
      llama = await getLlama('lastBuild', { logLevel: LlamaLogLevel.warn });
    }
    const report = await runBench({
      modelPath: resolve(values.model ?? starterModelPath()),
      gpu: parseGpu(values.gpu),
      variants: parseVariantsOrUsage(values.contexts),
      maxContexts: positiveNumber(values['max-contexts'], '--max-contexts'),
      maxContextTokens: positiveNumber(values['max-context-tokens'], '--max-context-tokens'),
      threadsPerContext: positiveNumber(values.threads, '--threads'),
      scale: positiveNumber(values.scale, '--scale') ?? 1,
      seedRepeats: positiveNumber(values['seed-repeats'], '--seed-repeats') ?? 5,
      llamaServer: values['llama-server'],
      serverConfigs: parseServerConfigs(values['server-configs']),
      llama,
      logger: createLogger(),
      progress: (message) => process.stderr.write(`bench: ${message}\n`),
      onRun: (partial) => values.out && writeFileSync(values.out, `${JSON.stringify(partial, null, 1)}\n`),
      sampleGpuMemory: values['gpu-memory'],
      gpuBaselineBytes,
      reloadCheck: values['reload-check'],
      corpusOut: values['corpus-out'] ? (corpus) => writeFileSync(values['corpus-out']!, JSON.stringify(corpus)) : undefined,
    });
    await llama?.dispose();
    if (values.out) writeFileSync(values.out, `${JSON.stringify(report, null, 1)}\n`);
    process.stdout.write(json ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`);
    return report.runs.some((r) => r.error) ? 1 : 0;
  } catch (error) {
    if (error instanceof BenchUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`sift bench: ${argErrorMessage(error)}\n\n${BENCH_USAGE}\n`);
      return 2;
    }
    const wire = toWireError(error);
    process.stderr.write(json ? `${JSON.stringify({ error: wire })}\n` : `sift bench: ${wire.message}\n`);
    return 1;
  }
}
