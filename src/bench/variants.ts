// Which Sift configurations a benchmark run compares, from a compact spec:
//   auto | N | NxS, then @B (tokens per decode: the KV cells of a sized context) and /U
//   (tokens per micro-batch), each optionally with :public (node-llama-cpp's public
//   embedding API), :skip (LLAMA_EMBD_SKIP_LOGITS, for a llama.cpp built with
//   scripts/gpu/llama-skip-logits.patch), :q8 (q8_0 KV cache) and :fa / :nofa (flash
//   attention forced on / off; default: llama.cpp decides).
//   E.g. "4:public,4,4x16:skip,1x64@2048/1024:skip:q8".
import type { FlashAttention, KvCacheType } from '../embedder/context-plan.js';

export interface SiftVariant {
  /** Pool size; undefined = Sift's own choice. */
  contexts?: number;
  /** Texts per decode; undefined = Sift's default for the addon. */
  sequences?: number;
  /** Tokens per decode; undefined = Sift's default. */
  batchTokens?: number;
  /** Tokens per micro-batch; undefined = chosen from the model. */
  microBatchTokens?: number;
  decodePath: 'auto' | 'public-api';
  skipLogits: boolean;
  kvCacheType?: KvCacheType;
  flashAttention?: FlashAttention;
}

export function parseVariants(spec: string): SiftVariant[] {
  return spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [size, ...flags] = part.split(':');
      const variant: SiftVariant = { decodePath: 'auto', skipLogits: false };
      const match = /^(auto|\d+)(?:x(\d+))?(?:@(\d+))?(?:\/(\d+))?$/.exec(size ?? '');
      if (!match) throw new Error(`bad variant "${part}": expected auto, N or NxS, optionally @tokens and /micro-batch, then :public / :skip / :q8 / :fa / :nofa`);
      if (match[1] !== 'auto') variant.contexts = Number(match[1]);
      if (match[2] !== undefined) variant.sequences = Number(match[2]);
      if (match[3] !== undefined) variant.batchTokens = Number(match[3]);
      if (match[4] !== undefined) variant.microBatchTokens = Number(match[4]);
      if ([variant.contexts, variant.sequences, variant.batchTokens, variant.microBatchTokens].some((n) => n !== undefined && n < 1)) {
        throw new Error(`bad variant "${part}": sizes start at 1`);
      }
      for (const flag of flags) {
        if (flag === 'public') variant.decodePath = 'public-api';
        else if (flag === 'skip') variant.skipLogits = true;
        else if (flag === 'q8') variant.kvCacheType = 'q8_0';
        else if (flag === 'fa') variant.flashAttention = 'on';
        else if (flag === 'nofa') variant.flashAttention = 'off';
        else throw new Error(`bad variant flag ":${flag}" in "${part}" (expected :public, :skip, :q8, :fa or :nofa)`);
      }
      return variant;
    });
}
