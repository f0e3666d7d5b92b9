// GPU memory and RAM, for the first-run recommendation. The GPU is asked only once the
// embedder already runs on one: probing CUDA/Vulkan on a machine without them makes
// node-llama-cpp test each binary in a child process and print failures to stderr.
import { totalmem } from 'node:os';
import { getLlama, LlamaLogLevel } from 'node-llama-cpp';
import type { Embedder } from '../embedder/embedder.js';
import type { Logger } from '../log.js';
import type { HardwareFacts } from './catalog.js';

export async function detectHardware(embedder: Embedder, logger?: Logger): Promise<HardwareFacts> {
  const ramBytes = totalmem();
  const facts = await embedder.peek().catch(() => undefined);
  const backend = facts?.loaded ? facts.backend : undefined;
  if (!backend || backend === 'cpu' || backend.startsWith('remote')) return { ramBytes };
  try {
    const llama = await getLlama({
      gpu: backend as 'cuda' | 'vulkan' | 'metal',
      build: 'never',
      progressLogs: false,
      logLevel: LlamaLogLevel.error,
      logger: (_level, message) => logger?.log('warn', `llama: ${message.trim()}`),
    });
    try {
      const vram = await llama.getVramState();
      return { ramBytes, vramBytes: vram.total };
    } finally {
      await llama.dispose();
    }
  } catch (error) {
    logger?.log('warn', `could not read GPU memory: ${(error as Error).message}`);
    return { ramBytes };
  }
}
