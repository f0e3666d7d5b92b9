// The CUDA matmul switch's process-wide setting (the native side is the engine patch's, and
// is measured on a GPU: bench/RESULTS.md section 7).
import { describe, expect, it } from 'vitest';
import { applyCudaMatmulDefault, cublasFrom, CUDA_MMQ_MAX_BATCH_DEFAULT, MMQ_MAX_BATCH_ENV } from './llama-runtime.js';

describe('the CUDA matmul default', () => {
  it('is set for CUDA only, and never over a value already there', () => {
    const env: NodeJS.ProcessEnv = {};
    applyCudaMatmulDefault('vulkan', env);
    applyCudaMatmulDefault(false, env);
    expect(env[MMQ_MAX_BATCH_ENV]).toBeUndefined();
    applyCudaMatmulDefault('cuda', env);
    expect(env[MMQ_MAX_BATCH_ENV]).toBe(String(CUDA_MMQ_MAX_BATCH_DEFAULT));
    const chosen: NodeJS.ProcessEnv = { [MMQ_MAX_BATCH_ENV]: 'off' };
    applyCudaMatmulDefault('cuda', chosen);
    expect(chosen[MMQ_MAX_BATCH_ENV]).toBe('off');
  });

  it.each([
    ['cuda', '512', 512],
    ['cuda', '0', 0],
    ['cuda', 'off', undefined],
    ['cuda', '-1', undefined],
    ['cuda', undefined, undefined],
    ['vulkan', '512', undefined],
    [false, '512', undefined],
  ] as const)('on %s with %s: products above %s tokens go to cuBLAS', (gpu, value, expected) => {
    expect(cublasFrom(gpu, value === undefined ? {} : { [MMQ_MAX_BATCH_ENV]: value })).toBe(expected);
  });
});
