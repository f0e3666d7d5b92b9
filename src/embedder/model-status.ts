// The model part of the status (Settings, `sift status`, GET /status): the facts of the
// model file and, once it is loaded, of the device it runs on. Apart from core.ts so its
// status call reads as what it gathers, not how the model block is shaped.
import type { Status } from '../api/contract.js';
import type { Embedder, EmbedderInfo } from './embedder.js';
import { dimensionChoices } from './matryoshka.js';

/** `loaded`: the engine's facts when the model is loaded (never loaded for this);
 *  `dimensions`: the vector length in use (the setting, or the full length). */
export function modelStatus(
  facts: Awaited<ReturnType<Embedder['peek']>>,
  loaded: EmbedderInfo | undefined,
  dimensions: number,
): Status['model'] {
  return {
    name: facts.name,
    path: facts.path,
    architecture: facts.architecture,
    dimensions,
    backend: facts.backend,
    loaded: facts.loaded,
    nativeDimensions: facts.nativeDimensions ?? facts.dimensions,
    dimensionChoices: facts.matryoshka
      ? dimensionChoices(facts.nativeDimensions ?? facts.dimensions)
      : [facts.nativeDimensions ?? facts.dimensions],
    deviceNames: loaded?.deviceNames,
    vramUsedBytes: loaded?.vramUsedBytes,
    fallbackReason: loaded?.fallbackReason,
    contexts: loaded?.contexts,
    textsPerDecode: loaded?.sequencesPerContext,
    engineBuild: loaded?.engineBuild,
  };
}
