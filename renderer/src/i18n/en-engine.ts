// English words for which llama.cpp build runs the embedder (Models view).
import type { Message } from './messages.js';

export const enEngine = {
  'engine.sift': 'Sift engine ({backend}, batched: {count} texts per pass)',
  'engine.prebuilt': 'Prebuilt node-llama-cpp ({backend}, one text per pass)',
  'engine.hint': 'Asked of the loaded llama.cpp build. The Sift engine ships in release installers; without it Sift runs on the prebuilt build, correct but slower on short texts.',
} as const satisfies Record<string, Message>;
