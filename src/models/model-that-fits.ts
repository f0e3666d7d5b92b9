// The error of a model that did not load, reworded to name a model that would fit this
// machine (activateModel). Apart from core.ts: it is about the catalog, not the calls.
import { SiftError } from '../api/errors.js';
import type { ModelManager } from './model-manager.js';

/** A model that did not load names the one the catalog suggests for this machine (or
 *  the starter model, when that suggestion is the one that failed). */
export async function withModelThatFits(error: unknown, failed: string, models: ModelManager): Promise<unknown> {
  if (!(error instanceof SiftError) || error.detail?.key !== 'modelLoadFailed') return error;
  const suggested = (await models.recommended().catch(() => undefined))?.name;
  const starter = (await models.list().catch(() => [])).find((m) => m.status === 'bundled')?.name;
  const fits = (suggested !== failed ? suggested : starter) ?? starter ?? 'Qwen3-Embedding-0.6B';
  return new SiftError(error.code, error.message.replace(/such as .* or the starter model\.$/, `such as ${fits}.`), {
    cause: error,
    detail: { ...error.detail, params: { ...error.detail.params, fits } },
  });
}
