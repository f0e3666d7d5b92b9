// First run: before any folder is added, say which model suits this computer (the
// catalog's recommendation for the detected GPU and memory) and that the bundled starter
// model works right now, so nobody has to wait for a download to try Sift.
import { useEffect, useState } from 'react';
import { toApiError, type ApiError } from '../../api/api-error.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useClient } from '../../hooks/use-client.js';
import type { ModelListing } from '../../hooks/use-models.js';
import { useI18n } from '../../i18n/context.js';
import { formatBytes } from '../../format.js';

export function FirstRunModel() {
  const { t, locale } = useI18n();
  const client = useClient();
  const [recommended, setRecommended] = useState<ModelListing | null>(null);
  const [started, setStarted] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    client
      .listModels({})
      .then(({ models }) => live && setRecommended(models.find((m) => m.recommended && m.role === 'embedding') ?? null))
      .catch(() => live && setRecommended(null));
    return () => {
      live = false;
    };
  }, [client]);

  if (!recommended || recommended.status === 'bundled') return null;
  const download = async () => {
    try {
      await client.downloadModel({ id: recommended.id });
      setStarted(true);
    } catch (reason) {
      setError(toApiError(reason));
    }
  };
  return (
    <div className="first-run" data-testid="first-run-model">
      <p>
        {t('firstRun.recommended', { name: recommended.name, size: formatBytes(recommended.sizeBytes, locale) })}{' '}
        {t('firstRun.starterNow')}
      </p>
      {recommended.status === 'installed' ? (
        <p className="muted small">{t('firstRun.installed')}</p>
      ) : started || recommended.download ? (
        <p className="muted small">{t('firstRun.downloading')}</p>
      ) : (
        <button type="button" className="button small" data-testid="first-run-download" onClick={() => void download()}>
          {t('firstRun.download', { name: recommended.name })}
        </button>
      )}
      {error && <ErrorMessage compact testId="first-run-error" error={error} />}
    </div>
  );
}
