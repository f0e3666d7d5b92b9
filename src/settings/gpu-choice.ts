// The settings' GPU backend in the embedder's terms: 'cpu' means no GPU at all.
import type { GpuBackend } from '../api/settings-contract.js';

export type GpuOption = 'auto' | 'cuda' | 'vulkan' | 'metal' | false;

export function gpuChoiceFor(backend: GpuBackend): GpuOption {
  return backend === 'cpu' ? false : backend;
}
