// Which llama.cpp build runs the embedder, in words: the Sift engine (several texts per
// decode) or node-llama-cpp's prebuilt addon. The core asks the loaded addon (engineBuild,
// a probe of its native calls); older cores only report texts per decode.
import type { ModelInfo } from '../../../../src/api/contract.js';
import type { Translate } from '../../i18n/context.js';

export function engineLabel(model: Pick<ModelInfo, 'engineBuild' | 'textsPerDecode' | 'backend'>, t: Translate): string {
  const backend = (model.backend ?? 'cpu').toUpperCase();
  const batched = model.engineBuild ? model.engineBuild === 'sift' : (model.textsPerDecode ?? 1) > 1;
  return batched ? t('engine.sift', { backend, count: model.textsPerDecode ?? 1 }) : t('engine.prebuilt', { backend });
}
