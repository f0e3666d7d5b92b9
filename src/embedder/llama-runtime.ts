// Choosing llama.cpp's backend and loading the model onto it, with a way down: if the GPU
// backend cannot start or the model does not fit, Sift runs on the CPU and says why
// (EmbedderInfo.fallbackReason), instead of failing to search at all.
import { basename } from 'node:path';
import { getLlama, LlamaLogLevel, type Llama, type LlamaModel } from 'node-llama-cpp';
import { SiftError } from '../api/errors.js';
import type { Logger } from '../log.js';

export type GpuChoice = 'auto' | 'cuda' | 'vulkan' | 'metal' | false;

export interface Runtime {
  llama: Llama;
  model: LlamaModel;
  /** Set when Sift had to step down from the requested/available GPU to the CPU. */
  fallbackReason?: string;
}

function llamaLogger(logger: Logger | undefined) {
  // llama.cpp's own messages go to Sift's log, never to stdout.
  return (level: LlamaLogLevel, message: string) =>
    logger?.log(level === LlamaLogLevel.warn ? 'warn' : 'error', `llama: ${message.trim()}`);
}

export function backendName(llama: Llama): string {
  return llama.gpu === false ? 'cpu' : llama.gpu;
}

/**
 * One Llama per backend choice for the whole process, never disposed. node-llama-cpp's
 * native side is process-global (its log callback, the backends): with a second instance,
 * or after one was disposed, llama.cpp's log lines fell back to raw writes on stdout
 * (breaking `--json`), and several undisposed instances corrupted the heap at exit.
 */
const shared = new Map<string, Promise<Llama>>();
let sharedLogger: Logger | undefined;

function sharedLlama(gpu: GpuChoice, logger: Logger | undefined): Promise<Llama> {
  sharedLogger ??= logger;
  const key = String(gpu);
  let llama = shared.get(key);
  if (!llama) {
    // build 'never': an installed app cannot compile llama.cpp; prebuilt binaries cover
    // CUDA, Vulkan, Metal and CPU, and with 'auto' node-llama-cpp walks down that list itself.
    llama = getLlama({ gpu, build: 'never', logLevel: LlamaLogLevel.warn, logger: llamaLogger({ log: (l, m) => sharedLogger?.log(l, m) }) });
    llama.catch(() => shared.delete(key));
    shared.set(key, llama);
  }
  return llama;
}

export async function openLlama(gpu: GpuChoice, logger?: Logger): Promise<{ llama: Llama; fallbackReason?: string }> {
  try {
    const llama = await sharedLlama(gpu, logger);
    applyCudaMatmulDefault(llama.gpu);
    return { llama };
  } catch (error) {
    if (gpu === false) {
      throw new SiftError('model_load_failed', `llama.cpp could not start on the CPU: ${(error as Error).message}`, {
        cause: error,
        detail: { key: 'llamaCpuFailed', params: { reason: (error as Error).message } },
      });
    }
    const why = (error as Error).name === 'NoBinaryFoundError' ? 'no usable llama.cpp build for it on this system' : (error as Error).message;
    const fallbackReason = `The ${gpu} backend could not start (${why}); running on the CPU.`;
    logger?.log('warn', fallbackReason);
    return { llama: await sharedLlama(false, logger), fallbackReason };
  }
}

/**
 * Loads the model on `llama`; if that fails on a GPU backend (out of memory, driver),
 * retries on a CPU binding (the returned `llama` is then that one).
 */
export async function loadModelWithFallback(
  llama: Llama,
  modelPath: string,
  logger: Logger | undefined,
  description: string,
): Promise<Runtime> {
  try {
    // gpuLayers 'auto' (the default) offloads what fits in free VRAM, not all-or-nothing.
    return { llama, model: await llama.loadModel({ modelPath }) };
  } catch (error) {
    const why = (error as Error).message;
    if (llama.gpu === false) throw loadError(modelPath, description, why, error);
    const fallbackReason = `Loading on ${backendName(llama)} failed (${why}); running on the CPU.`;
    logger?.log('warn', fallbackReason);
    const cpu = await openLlama(false, logger);
    try {
      return { llama: cpu.llama, model: await cpu.llama.loadModel({ modelPath }), fallbackReason };
    } catch (cpuError) {
      throw loadError(modelPath, description, (cpuError as Error).message, cpuError);
    }
  }
}

function loadError(modelPath: string, description: string, why: string, cause: unknown): SiftError {
  return new SiftError(
    'model_load_failed',
    `Could not load "${basename(modelPath)}" (${description}): ${why}. ` +
      'If the GPU ran out of memory, pick a smaller model such as Qwen3-Embedding-0.6B or the starter model.',
    { cause, detail: { key: 'modelLoadFailed', params: { file: basename(modelPath), reason: why, fits: 'Qwen3-Embedding-0.6B' } } },
  );
}

const SKIP_LOGITS_ENV = 'LLAMA_EMBD_SKIP_LOGITS';

/**
 * Tells a Sift engine build (llama.cpp with scripts/gpu/llama-skip-logits.patch) whether
 * pooled Qwen3 embedding models skip the output layer. The patch reads this variable when
 * a model loads (the layer then stays on disk), and when a context sizes its buffers and
 * builds its graphs, so it is process-wide: one embedder at a time (the app's case) or the
 * same choice for all. Stock builds ignore it.
 */
export function setLogitsSkipping(on: boolean): void {
  if (on) process.env[SKIP_LOGITS_ENV] = '1';
  else delete process.env[SKIP_LOGITS_ENV];
}

export const MMQ_MAX_BATCH_ENV = 'GGML_CUDA_MMQ_MAX_BATCH';

/**
 * The Sift engine's matmul switch on CUDA (scripts/gpu/ggml-cuda-mmq-max-batch.patch): a
 * quantized matrix product of more than this many tokens goes to cuBLAS (the weight matrix
 * dequantized to fp16 in ggml's pool, then a tensor-core GEMM) instead of llama.cpp's MMQ
 * kernels, which Turing and newer otherwise use at every batch size.
 *
 * 512, from an H200 (bench/RESULTS.md section 7; 4B Q4_K_M, the same command, interleaved):
 * one context's index load 11,496 -> 15,812 tokens/s (+38 %), 2 contexts 15,290 -> 19,110, for
 * +152 MiB (1 context) / +302 MiB (2) of whole-process VRAM (the pool's fp16 copy of the largest
 * weight matrix and fp16 activations, per context). The embedder's micro-batches (1,024-4,096
 * tokens) all switch; queries and short decodes (under 512 tokens) keep MMQ, which is built
 * for small batches, and so does the seed test (1,976 vs 1,916 texts/s, within noise). Only 512
 * was measured (no 128 / 2,048 sweep: the session's device time ran out), and only on Hopper:
 * the RTX 3060 (Ampere, sm_86) is unmeasured. F16 models never reach MMQ (unaffected).
 */
export const CUDA_MMQ_MAX_BATCH_DEFAULT = 512;

/**
 * Sets GGML_CUDA_MMQ_MAX_BATCH for a CUDA runtime unless it is set already (a user's value, or
 * the benchmark's, wins; "off" or any non-number keeps the stock MMQ choice). llama.cpp reads it
 * once per process, at the first quantized product, so this runs before any model decodes
 * (openLlama). Other backends and stock builds ignore it.
 */
export function applyCudaMatmulDefault(gpu: Llama['gpu'], env: NodeJS.ProcessEnv = process.env): void {
  if (gpu !== 'cuda' || env[MMQ_MAX_BATCH_ENV] !== undefined) return;
  env[MMQ_MAX_BATCH_ENV] = String(CUDA_MMQ_MAX_BATCH_DEFAULT);
  if (env === process.env) defaultApplied = true;
}

let defaultApplied = false;

/** The token count above which this process's quantized products go to cuBLAS on `gpu`
 *  (what the patched ggml parses: a whole number >= 0), or undefined where none do. */
export function cublasFrom(gpu: Llama['gpu'], env: NodeJS.ProcessEnv = process.env): number | undefined {
  const value = env[MMQ_MAX_BATCH_ENV];
  return gpu === 'cuda' && value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** Whether GGML_CUDA_MMQ_MAX_BATCH in this process is Sift's default rather than a value it
 *  was started with (the benchmark's llama-server then gets the stock choice). */
export function cudaMatmulDefaultApplied(): boolean {
  return defaultApplied;
}
