// The Models view's runtime parts: a model's memory line (the estimate from its file before
// it is used, the figure measured when it loaded, a warning when it exceeds the GPU memory
// budget), the reranker section, and "Use for reranking" on a reranker that is on disk.
import { useEffect, useState } from 'react';
import type { Status } from '../../../../src/api/contract.js';
import type { RerankerStatus } from '../../../../src/api/runtime-contract.js';
import { useClient } from '../../hooks/use-client.js';
import type { ApiError } from '../../api/api-error.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import type { ModelListing } from '../../hooks/use-models.js';
import type { SettingsState } from '../../hooks/use-settings.js';
import { useI18n } from '../../i18n/context.js';
import { formatBytes } from '../../format.js';

export function MemoryFact({ model }: { model: ModelListing }) {
  const { t, locale } = useI18n();
  const bytes = (n: number) => formatBytes(n, locale);
  const memory = model.memory;
  // Not on disk yet: the catalog's figure is all there is.
  if (!memory) return <span title={t('models.memoryHint')}>{t('models.memory', { size: bytes(model.memoryBytes) })}</span>;
  return (
    <>
      <span title={t('models.memoryEstimateHint')} data-testid="model-memory-estimate">
        {t('models.memoryEstimate', { size: bytes(memory.estimateBytes) })}
      </span>
      {memory.measuredBytes !== undefined && (
        <span data-testid="model-memory-measured">
          {t(memory.measuredOn === 'gpu' ? 'models.memoryMeasuredGpu' : 'models.memoryMeasuredCpu', { size: bytes(memory.measuredBytes) })}
        </span>
      )}
      {memory.fitsBudget === false && (
        <span className="memory-over" data-testid="model-memory-over">
          {t('models.memoryOverBudget')}
        </span>
      )}
    </>
  );
}

/** "Use for reranking" / "Reranking · Stop reranking" on a reranker that is on disk. */
export function RerankerAction({ model, settings }: { model: ModelListing; settings?: SettingsState }) {
  const { t } = useI18n();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  if (!settings?.settings || !model.path) return null;
  const inUse = settings.settings.reranker === model.path;
  const choose = async (reranker: string | null) => {
    setBusy(true);
    setError(await settings.update({ reranker }));
    setBusy(false);
  };
  return (
    <div className="reranker-action">
      {inUse ? (
        <>
          <span className="badge badge-watching" data-testid="model-reranking">
            {t('models.rerankerInUse')}
          </span>
          <button type="button" className="button small" data-testid="model-reranker-stop" disabled={busy} onClick={() => void choose(null)}>
            {t('models.rerankerStop')}
          </button>
        </>
      ) : (
        <button type="button" className="button small" data-testid="model-reranker-use" disabled={busy} onClick={() => void choose(model.path!)}>
          {t('models.rerankerUse')}
        </button>
      )}
      {error && <ErrorMessage compact testId="model-reranker-error" error={error} />}
    </div>
  );
}

/** The reranker in use (or that none is), under the model in use. Asks the core again when
 *  the reranker setting changes (here or in Settings) and with each new status. */
export function RerankerCard({ status, settings }: { status: Status | null; settings?: SettingsState }) {
  const { t, locale } = useI18n();
  const client = useClient();
  const key = `${settings?.settings?.reranker ?? ''}:${settings?.settings?.rerank ?? ''}`;
  const [fresh, setFresh] = useState<{ reranker?: RerankerStatus } | null>(null);
  useEffect(() => {
    let live = true;
    client.status({}).then(
      (next) => live && setFresh({ reranker: next.reranker }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, key, status]);
  const reranker = fresh ? fresh.reranker : status?.reranker;
  return (
    <div className="card reranker-card" data-testid="reranker-card">
      {reranker ? (
        <div className="model-main">
          <div className="model-title">
            <span className="model-name">{reranker.name ?? reranker.path.split(/[\\/]/).pop()}</span>
            <span className="badge badge-watching">{(reranker.backend ?? t('status.notLoaded')).toUpperCase()}</span>
            <span className="badge badge-queued">{t(`rerankMode.${reranker.mode}`)}</span>
          </div>
          <div className="model-facts">
            <span>
              {reranker.tooSlowP95Ms !== undefined
                ? t('reranker.slow', { ms: reranker.tooSlowP95Ms })
                : reranker.loaded
                  ? reranker.enabled
                    ? t('reranker.on', { backend: (reranker.backend ?? '').toUpperCase() })
                    : t('reranker.off')
                  : t('reranker.notLoaded')}
            </span>
            {reranker.vramUsedBytes !== undefined && reranker.vramUsedBytes > 0 && (
              <span>{t('models.memoryMeasuredGpu', { size: formatBytes(reranker.vramUsedBytes, locale) })}</span>
            )}
            <span>{t('models.rerankerSettings')}</span>
          </div>
          {reranker.error && <p className="model-failed">{t('reranker.failed', { message: reranker.error })}</p>}
        </div>
      ) : (
        <p className="muted">{t('models.rerankerNone')}</p>
      )}
    </div>
  );
}
