// English words of the model runtime: the reranker, the GPU memory budget, idle unload
// (Settings and the Models view) and the core's errors about them.
import type { Message } from './messages.js';

export const enRuntime = {
  'settings.reranker': 'Reranker',
  'settings.rerankerHint':
    'Reorders the best 30 passages of each search by reading the query and each passage together. Download Qwen3-Reranker in Models, or import a GGUF reranker there.',
  'settings.rerankerNone': 'None',
  'settings.rerankerMissing': '{name} (not found)',
  'settings.rerankMode': 'Rerank searches',
  'settings.rerankModeHint':
    'Automatic reranks where the reranker runs on a GPU and searches stay within 150 ms. On the CPU a search takes far longer, so there it reranks only when set to Always.',
  'rerankMode.auto': 'Automatic',
  'rerankMode.on': 'Always',
  'rerankMode.off': 'Never',
  'reranker.on': 'Searches rerank now ({backend}).',
  'reranker.off': 'Searches do not rerank now.',
  'reranker.notLoaded': 'Loads with the next search.',
  'reranker.slow': 'Automatic stopped reranking: reranked searches took {ms} ms (p95), over 150 ms.',
  'reranker.failed': 'The last rerank failed, so those results kept their order: {message}',
  'settings.gpuMemory': 'GPU memory Sift may use',
  'settings.gpuMemoryHint':
    'Automatic leaves room for the desktop and other apps: what is free when a model loads, minus 1 GB or a tenth of the card. The embedding model, its contexts and the reranker share it.',
  'settings.gpuMemoryAuto': 'Automatic',
  'settings.gpuMemoryRange': 'Enter {min} to {max} GB, or leave it empty for Automatic.',
  'settings.idleUnload': 'Unload models when idle',
  'settings.idleUnloadHint':
    'After this long without a search or indexing, the models give their memory back; the next search or file change loads them again.',
  'idle.never': 'Never',
  'idle.minutes': { one: 'After {count} minute', other: 'After {count} minutes' },
  'effect.next-load': 'Applies when the models next load; Sift reloads them as soon as nothing uses them.',

  'models.memoryEstimate': '≈ {size} memory (estimate)',
  'models.memoryEstimateHint': 'Weights and one context, read from the model file before it is used',
  'models.memoryMeasuredGpu': '{size} GPU memory measured',
  'models.memoryMeasuredCpu': '{size} RAM measured',
  'models.memoryOverBudget': 'More than the GPU memory Sift may use',
  'models.rerankerSection': 'Reranker',
  'models.rerankerNone': 'No reranker chosen: results are ordered by meaning and keyword match alone. Download Qwen3-Reranker below (or import one), then use it for reranking.',
  'models.rerankerUse': 'Use for reranking',
  'models.rerankerInUse': 'Reranking',
  'models.rerankerStop': 'Stop reranking',
  'models.rerankerSettings': 'When to rerank: Settings, Search.',

  'error.gpuBudgetTooSmall':
    '{model} needs about {needMB} MiB of GPU memory, but Sift may use {budgetMB} MiB. {fits} would fit; or raise "GPU memory Sift may use" in Settings.',
  'error.gpuBudgetTooSmallNone':
    '{model} needs about {needMB} MiB of GPU memory, but Sift may use {budgetMB} MiB. No model fits: raise "GPU memory Sift may use" in Settings, or choose the CPU.',
  'error.notAReranker': '"{name}" is not a reranker model; choose e.g. Qwen3-Reranker-0.6B.',
  'error.rerankerNotChosen': 'No reranker model is chosen: choose one in Settings, Search.',
} as const satisfies Record<string, Message>;
