// One model of the catalog (or an imported file): what it is, what it costs (download
// size, memory), whether this machine is a good fit, and its download: start, progress
// with speed and time left, cancel, resume.
import { useEffect, useState } from 'react';
import type { ApiError } from '../../api/api-error.js';
import { detailText, ErrorMessage } from '../../components/ErrorMessage.js';
import { CubeIcon, DownloadIcon } from '../../components/icons.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import type { DownloadState, ModelListing } from '../../hooks/use-models.js';
import { useI18n } from '../../i18n/context.js';
import { formatBytes, formatDuration } from '../../format.js';
import type { SettingsState } from '../../hooks/use-settings.js';
import { MemoryFact, RerankerAction } from './RuntimeModels.js';

interface Props {
  model: ModelListing;
  active: boolean;
  onDownload(id: string): Promise<ApiError | null>;
  onCancel(id: string): Promise<ApiError | null>;
  /** Makes this model the one in use (after the person confirms). */
  onActivate(id: string): Promise<ApiError | null>;
  /** Deletes a downloaded model's file or forgets an imported one (after the person confirms). */
  onDelete(id: string): Promise<ApiError | null>;
  /** For "Use for reranking" on a reranker that is on disk. */
  settings?: SettingsState;
}

const RUNNING = new Set<DownloadState['phase']>(['queued', 'connecting', 'downloading', 'retrying', 'verifying']);

export function ModelRow({ model, active, onDownload, onCancel, onActivate, onDelete, settings }: Props) {
  const { t, locale } = useI18n();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // "Use" asks inline, like removing a folder: a native confirm box is foreign to the
  // window, blocks it, and cannot be styled or translated by the page.
  const [confirming, setConfirming] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  // The retry countdown ticks here from the core's 'retrying' event (it says the wait once).
  const retryLeft = useCountdown(model.download?.phase === 'retrying' ? model.download.retry : undefined);
  const bytes = (n: number) => formatBytes(n, locale);
  const download = model.download;
  const running = download !== undefined && RUNNING.has(download.phase);
  const summary = model.summary?.[locale] ?? model.summary?.en;
  const onDisk = model.imported || model.status === 'bundled' || model.status === 'installed';
  // Anything downloaded or imported can go; the bundled starter model cannot.
  const deletable = !running && (model.imported || model.status === 'installed');
  const languages = model.languages.map((l) => (l === 'multi' ? t('models.multilingual') : l)).join(', ');

  const act = async (run: () => Promise<ApiError | null>) => {
    setBusy(true);
    setError(await run());
    setBusy(false);
  };

  let progressText = '';
  if (download?.phase === 'retrying' && download.retry) {
    // "Retrying · example.org refused the connection · retry 2 of 5 in 4 s": what happened
    // and what comes next, as it happens, not after every retry is spent.
    const { attempt, of } = download.retry;
    const why = detailText('error', download.retry.detail, download.retry.reason, t);
    const next = retryLeft > 0 ? t('models.retryState', { attempt, of, seconds: retryLeft }) : t('models.retryNow', { attempt, of });
    const parts = [why, next];
    if (download.receivedBytes > 0) parts.push(t('models.received', { done: bytes(download.receivedBytes), total: bytes(download.totalBytes || model.sizeBytes) }));
    progressText = `${t('download.retrying')} · ${parts.join(' · ')}`;
  } else if (download && running) {
    const parts = [t('models.received', { done: bytes(download.receivedBytes), total: bytes(download.totalBytes || model.sizeBytes) })];
    if (download.bytesPerSecond > 0) {
      parts.push(`${bytes(download.bytesPerSecond)}/s`);
      const left = (download.totalBytes || model.sizeBytes) - download.receivedBytes;
      if (left > 0) parts.push(t('folder.eta', { time: formatDuration(left / download.bytesPerSecond, { h: t('unit.h'), min: t('unit.min'), s: t('unit.s') }) }));
    }
    progressText = `${t(`download.${download.phase}`)} · ${parts.join(' · ')}`;
  }

  return (
    <li className={active ? 'model-row active' : 'model-row'} data-testid="model-row" data-id={model.id} data-status={model.status}>
      <CubeIcon className="model-icon" width={20} height={20} />
      <div className="model-main">
        <div className="model-title">
          <span className="model-name">{model.name}</span>
          {active && <span className="badge badge-watching">{t('models.active')}</span>}
          {model.recommended && <span className="badge badge-recommended">{t('models.recommended')}</span>}
          {model.role === 'reranker' && <span className="badge badge-queued">{t('models.reranker')}</span>}
          {model.imported && <span className="badge badge-paused">{t('models.imported')}</span>}
        </div>
        {summary && <p className="model-summary">{summary}</p>}
        <div className="model-facts">
          {/* A file already here (bundled, installed, imported) costs disk, not a download. */}
          <span title={t('models.sizeHint')} data-testid="model-size">
            {t(onDisk ? 'models.onDisk' : 'models.size', { size: bytes(model.sizeBytes) })}
          </span>
          <MemoryFact model={model} />
          {model.dimensions > 0 && (
            <span>
              {model.matryoshkaMin ? t('models.dimsRange', { min: model.matryoshkaMin, max: model.dimensions }) : t('status.dims', { count: model.dimensions })}
            </span>
          )}
          <span>{t('models.context', { count: model.contextTokens })}</span>
          {languages && <span>{languages}</span>}
          <span>{model.quantization}</span>
          {model.license && <span>{model.license}</span>}
        </div>
        {download && running && (
          <div className="model-progress" data-testid="model-progress">
            <ProgressBar done={download.receivedBytes} total={download.totalBytes || model.sizeBytes} label={progressText} />
            <span className="muted small">{progressText}</span>
          </div>
        )}
        {download?.phase === 'failed' && download.message && (
          <p className="model-failed" data-testid="model-failed">
            {detailText('error', download.detail, download.message, t)}
          </p>
        )}
        {confirmingDelete && (
          <div className="confirm" role="alertdialog" aria-label={t('models.deleteLabel', { name: model.name })} data-testid="model-delete-confirm-box">
            <p>
              {model.imported
                ? t('models.forgetConfirm', { name: model.name, path: model.path ?? '' })
                : t('models.deleteConfirm', { name: model.name, size: bytes(model.sizeBytes) })}
            </p>
            <div className="confirm-actions">
              <button type="button" className="button small" data-testid="model-delete-cancel" onClick={() => setConfirmingDelete(false)} disabled={busy}>
                {t('folder.cancel')}
              </button>
              <button
                type="button"
                className="button small danger"
                data-testid="model-delete-confirm"
                disabled={busy}
                onClick={() =>
                  void act(async () => {
                    const failure = await onDelete(model.id);
                    setConfirmingDelete(false);
                    return failure;
                  })
                }
              >
                {busy ? t('models.deleting') : model.imported ? t('models.forget') : t('models.delete')}
              </button>
            </div>
          </div>
        )}
        {confirming && (
          <div className="confirm confirm-info" role="alertdialog" aria-label={t('models.activateConfirm', { name: model.name })} data-testid="model-activate-confirm-box">
            <p>{t('models.activateConfirm', { name: model.name })}</p>
            <div className="confirm-actions">
              <button type="button" className="button small" data-testid="model-activate-cancel" onClick={() => setConfirming(false)} disabled={busy}>
                {t('folder.cancel')}
              </button>
              <button
                type="button"
                className="button small primary"
                data-testid="model-activate-confirm"
                disabled={busy}
                onClick={() =>
                  void act(async () => {
                    const failure = await onActivate(model.id);
                    setConfirming(false);
                    return failure;
                  })
                }
              >
                {busy ? t('models.activating') : t('models.activate')}
              </button>
            </div>
          </div>
        )}
        {error && <ErrorMessage compact testId="model-error" error={error} />}
      </div>
      <div className="model-action">
        {model.status === 'bundled' && <span className="badge badge-watching">{t('models.bundled')}</span>}
        {model.status === 'installed' && <span className="badge badge-watching">{t('models.installed')}</span>}
        {!active && model.role === 'embedding' && (model.status === 'bundled' || model.status === 'installed') && (
          <button
            type="button"
            className="button small"
            data-testid="model-activate"
            disabled={busy || confirming}
            aria-expanded={confirming}
            onClick={() => setConfirming(true)}
          >
            {busy ? t('models.activating') : t('models.activate')}
          </button>
        )}
        {model.role === 'reranker' && onDisk && <RerankerAction model={model} settings={settings} />}
        {deletable && (
          <button
            type="button"
            className="button small"
            data-testid="model-delete"
            aria-label={t('models.deleteLabel', { name: model.name })}
            // The model in use cannot go: the button stays, disabled, and says why.
            disabled={busy || confirmingDelete || active}
            title={active ? t('models.inUseNoDelete') : undefined}
            aria-expanded={confirmingDelete}
            onClick={() => setConfirmingDelete(true)}
          >
            {model.imported ? t('models.forget') : t('models.delete')}
          </button>
        )}
        {running ? (
          <button type="button" className="button small" data-testid="model-cancel" disabled={busy} onClick={() => act(() => onCancel(model.id))}>
            {t('models.cancel')}
          </button>
        ) : (
          (model.status === 'available' || model.status === 'partial') && (
            <button
              type="button"
              className={model.recommended ? 'button small primary' : 'button small'}
              data-testid="model-download"
              disabled={busy}
              onClick={() => act(() => onDownload(model.id))}
            >
              <DownloadIcon width={13} height={13} />
              {model.status === 'partial' ? t('models.resume') : t('models.download')}
            </button>
          )
        )}
      </div>
    </li>
  );
}

/** Whole seconds until a retry the core announced, counting down each second. */
function useCountdown(retry: DownloadState['retry']): number {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (!retry) return setLeft(0);
    const due = Date.now() + retry.inMs;
    const tick = () => setLeft(Math.max(0, Math.ceil((due - Date.now()) / 1000)));
    tick();
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [retry]);
  return left;
}
