// The Models view: the model in use and its backend, its Matryoshka dimension, the catalog
// with downloads and "use this model", the download source (a mirror such as
// hf-mirror.com), and importing a local .gguf.
import { useState, type FormEvent } from 'react';
import type { Status } from '../../../../src/api/contract.js';
import type { ApiError } from '../../api/api-error.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { ChipIcon } from '../../components/icons.js';
import { useClient } from '../../hooks/use-client.js';
import { useModels } from '../../hooks/use-models.js';
import { useI18n } from '../../i18n/context.js';
import { DimensionPicker } from './DimensionPicker.js';
import { engineLabel } from './engine-label.js';
import { ModelRow } from './ModelRow.js';
import type { SettingsState } from '../../hooks/use-settings.js';
import { RerankerCard } from './RuntimeModels.js';
import { formatBytes } from '../../format.js';

export function ModelsView({ status, settings }: { status: Status | null; settings?: SettingsState }) {
  const { t, locale } = useI18n();
  const client = useClient();
  const models = useModels(client);
  const [mirror, setMirror] = useState('');
  const [path, setPath] = useState('');
  const [importing, setImporting] = useState(false);
  const [importResult, setImportResult] = useState<{ error: ApiError } | { name: string } | null>(null);
  const model = status?.model;

  const submitImport = async (event: FormEvent) => {
    event.preventDefault();
    setImporting(true);
    const result = await models.importModel(path);
    setImporting(false);
    if ('code' in result) setImportResult({ error: result });
    else {
      setImportResult({ name: result.name });
      setPath('');
    }
  };

  return (
    <section className="view view-models" data-testid="view-models" aria-labelledby="models-title">
      <header className="view-header">
        <div className="view-title">
          <h1 id="models-title">{t('models.title')}</h1>
          <p>{t('models.intro')}</p>
        </div>
      </header>
      <div className="view-body">
        <h2 className="section-title">{t('models.current')}</h2>
        <div className="card active-model" data-testid="active-model">
          <ChipIcon width={20} height={20} className="model-icon" />
          {model ? (
            <div className="model-main">
              <div className="model-title">
                <span className="model-name">{model.name}</span>
                <span className="badge badge-watching">{(model.backend ?? t('status.notLoaded')).toUpperCase()}</span>
              </div>
              <div className="model-facts">
                <span>{t('status.dims', { count: model.dimensions })}</span>
                <span>{model.architecture}</span>
                {model.deviceNames && model.deviceNames.length > 0 && <span>{model.deviceNames.join(', ')}</span>}
                {model.vramUsedBytes !== undefined && model.vramUsedBytes > 0 && (
                  <span>{t('models.vramUsed', { size: formatBytes(model.vramUsedBytes, locale) })}</span>
                )}
                {model.textsPerDecode !== undefined && (
                  <span data-testid="model-engine" title={t('engine.hint')}>
                    {engineLabel(model, t)}
                  </span>
                )}
                <span className="mono" title={model.path}>
                  {model.path}
                </span>
              </div>
              {model.fallbackReason && <p className="model-failed" data-testid="model-fallback">{model.fallbackReason}</p>}
            </div>
          ) : (
            <p className="muted">{t('folders.loading')}</p>
          )}
        </div>
        {model && <DimensionPicker model={model} />}

        <h2 className="section-title">{t('models.rerankerSection')}</h2>
        <RerankerCard status={status} settings={settings} />

        <h2 className="section-title">{t('models.catalog')}</h2>
        <div className="models-source">
          <label htmlFor="models-mirror">{t('models.source')}</label>
          <input
            id="models-mirror"
            className="text-input"
            data-testid="models-mirror"
            placeholder={models.list?.mirror ?? 'https://huggingface.co'}
            value={mirror}
            onChange={(event) => setMirror(event.target.value)}
            spellCheck={false}
          />
          <span className="muted small">{t('models.sourceHint')}</span>
        </div>
        {models.error && <ErrorMessage testId="models-error" error={models.error} title={t('models.loadFailed')} />}
        {!models.list && !models.error && <p className="muted">{t('folders.loading')}</p>}
        {models.list && (
          <ul className="model-list">
            {models.list.models.map((m) => (
              <ModelRow
                key={m.id}
                model={m}
                active={model !== undefined && m.path === model.path}
                onDownload={(id) => models.download(id, mirror.trim() || undefined)}
                onCancel={models.cancel}
                onActivate={models.activate}
                settings={settings}
                onDelete={models.remove}
              />
            ))}
          </ul>
        )}

        <h2 className="section-title">{t('models.import')}</h2>
        <form className="inline-form" onSubmit={submitImport}>
          <input
            className="text-input"
            data-testid="models-import-path"
            aria-label={t('models.importLabel')}
            placeholder={t('models.importPlaceholder')}
            value={path}
            onChange={(event) => {
              setPath(event.target.value);
              setImportResult(null);
            }}
            spellCheck={false}
          />
          <button type="submit" className="button" data-testid="models-import" disabled={importing || path.trim() === ''}>
            {importing ? t('models.importing') : t('models.importButton')}
          </button>
        </form>
        {importResult && 'error' in importResult && <ErrorMessage compact testId="models-import-error" error={importResult.error} />}
        {importResult && 'name' in importResult && (
          <p className="success-text" data-testid="models-import-done">
            {t('models.importDone', { name: importResult.name })}
          </p>
        )}
        {models.list && <p className="muted small models-dir">{t('models.dir', { dir: models.list.modelsDir })}</p>}
      </div>
    </section>
  );
}
