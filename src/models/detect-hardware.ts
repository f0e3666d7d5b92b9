// GPU memory and RAM, for the first-run recommendation. The GPU is asked only once the
// embedder already runs on one: probing CUDA/Vulkan on a machine without them makes
// node-llama-cpp test each binary in a child process and print failures to stderr.
import { totalmem } from 'node:os';
import type { Embedder } from '../embedder/embedder.js';
import { openLlama } from '../embedder/llama-runtime.js';
import type { Logger } from '../log.js';
import type { HardwareFacts } from './catalog.js';

export async function detectHardware(embedder: Embedder, logger?: Logger): Promise<HardwareFacts> {
  const ramBytes = totalmem();
  const facts = await embedder.peek().catch(() => undefined);
  const backend = facts?.loaded ? facts.backend : undefined;
  if (!backend || backend === 'cpu' || backend.startsWith('remote')) return { ramBytes };
  try {
    // The runtime the embedder already runs on (one per backend for the process): asking
    // it costs nothing, where creating and disposing one per model listing did.
    const { llama } = await openLlama(backend as 'cuda' | 'vulkan' | 'metal', logger);
    const vram = await llama.getVramState();
    return { ramBytes, vramBytes: vram.total };
  } catch (error) {
    logger?.log('warn', `could not read GPU memory: ${(error as Error).message}`);
    return { ramBytes };
  }
}
