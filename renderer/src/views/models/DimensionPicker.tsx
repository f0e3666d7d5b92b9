// The Matryoshka dimension of the model in use: Qwen3-Embedding's first d values are an
// embedding of their own. Smaller d means a smaller index and faster search at some cost
// in quality; switching re-uses the stored full vectors, so nothing is embedded again.
import { useState } from 'react';
import type { ModelInfo } from '../../../../src/api/contract.js';
import { indexFootprintPer100k } from '../../../../src/api/index-footprint.js';
import { toApiError, type ApiError } from '../../api/api-error.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useClient } from '../../hooks/use-client.js';
import { useI18n } from '../../i18n/context.js';
import { formatBytes } from '../../format.js';

/** The index of 100,000 passages on disk (vectors, ANN, full-text), per choice. */
const bytesPer100k = (dimensions: number) => indexFootprintPer100k(dimensions).diskBytes;

export function DimensionPicker({ model }: { model: ModelInfo }) {
  const { t, locale } = useI18n();
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const native = model.nativeDimensions ?? model.dimensions;
  const choices = model.dimensionChoices ?? [native];

  const choose = async (dimensions: number) => {
    setBusy(true);
    setError(null);
    try {
      await client.updateSettings({ dimensions: dimensions === native ? null : dimensions });
    } catch (reason) {
      setError(toApiError(reason));
    }
    setBusy(false);
  };

  return (
    <div className="card dimension-picker" data-testid="dimension-picker">
      <label htmlFor="dimension-select">
        <strong>{t('models.dimensionTitle')}</strong>
      </label>
      <select
        id="dimension-select"
        className="select"
        data-testid="dimension-select"
        value={model.dimensions}
        disabled={busy || choices.length < 2}
        onChange={(event) => void choose(Number(event.target.value))}
      >
        {choices.map((d) => (
          <option key={d} value={d}>
            {t('models.dimensionOption', { count: d, size: formatBytes(bytesPer100k(d), locale) })}
          </option>
        ))}
      </select>
      <p className="muted small">{choices.length < 2 ? t('models.dimensionFixed') : t('models.dimensionHint')}</p>
      {error && <ErrorMessage compact testId="dimension-error" error={error} />}
    </div>
  );
}
