// The model runtime's part of the contract: the reranker's state in the status, and what a
// model costs in memory (the estimate before use, the figure measured at load) in the Models
// view's listing. Pure zod, kept beside contract.ts like models-contract.ts.
import { z } from 'zod';

export const RerankerStatusSchema = z.object({
  /** The chosen reranker file. */
  path: z.string(),
  name: z.string().optional(),
  mode: z.enum(['auto', 'on', 'off']),
  /** Whether a search that does not say reranks now ('auto' knows once the model is loaded). */
  enabled: z.boolean(),
  loaded: z.boolean(),
  backend: z.string().optional(),
  vramUsedBytes: z.number().optional(),
  /** 'auto' stopped reranking: the p95 of reranked searches was over the latency budget. */
  tooSlowP95Ms: z.number().optional(),
  /** Why the last rerank failed (those searches kept their fused order). */
  error: z.string().optional(),
});
export type RerankerStatus = z.infer<typeof RerankerStatusSchema>;

export const ModelMemorySchema = z.object({
  /** Weights + one context, from the GGUF header (before the model is used). */
  estimateBytes: z.number(),
  /** Measured when the runtime loaded it: VRAM on a GPU, RAM growth on the CPU. */
  measuredBytes: z.number().optional(),
  measuredOn: z.enum(['gpu', 'cpu']).optional(),
  /** Whether the estimate fits the GPU memory budget (absent without a GPU in use). */
  fitsBudget: z.boolean().optional(),
});
export type ModelMemory = z.infer<typeof ModelMemorySchema>;
