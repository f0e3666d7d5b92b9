// One watched folder: name and path, state badge, progress while busy, chunk count,
// failed files (expandable), and remove with an inline confirmation.
import { useState } from 'react';
import type { FolderInfo, IndexProgress } from '../../../src/api/contract.js';
import { toApiError, type ApiError } from '../api/api-error.js';
import { useClient } from '../hooks/use-client.js';
import { isBusy } from '../hooks/use-folders.js';
import { useI18n } from '../i18n/context.js';
import { baseName, relativeTo } from '../paths.js';
import { ErrorMessage } from './ErrorMessage.js';
import { FolderIcon, TrashIcon } from './icons.js';
import { ProgressBar } from './ProgressBar.js';

interface Props {
  folder: FolderInfo;
  progress: IndexProgress | undefined;
  onRemoved(path: string): void;
}

export function FolderRow({ folder, progress, onRemoved }: Props) {
  const { t } = useI18n();
  const client = useClient();
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<ApiError | null>(null);

  const name = baseName(folder.path);
  const busy = isBusy(folder);
  const done = progress?.filesDone ?? folder.filesDone;
  const total = progress?.filesTotal ?? folder.filesTotal;

  const remove = async () => {
    setRemoving(true);
    setRemoveError(null);
    try {
      await client.removeFolder({ path: folder.path });
      onRemoved(folder.path);
    } catch (error) {
      setRemoveError(toApiError(error));
      setRemoving(false);
      setConfirming(false);
    }
  };

  return (
    <li className={`folder-row state-${folder.state}`} data-testid="folder-row" data-path={folder.path} data-state={folder.state}>
      <div className="folder-head">
        <FolderIcon className="folder-icon" />
        <div className="folder-names">
          <span className="folder-name">{name}</span>
          <span className="folder-path" title={folder.path}>
            {folder.path}
          </span>
        </div>
        <span className={`badge badge-${folder.state}`} data-testid="folder-state" data-state={folder.state}>
          {t(`state.${folder.state}`)}
        </span>
        {!confirming && (
          <button
            type="button"
            className="icon-button"
            data-testid="folder-remove"
            aria-label={t('folder.removeLabel', { name })}
            title={t('folder.remove')}
            onClick={() => setConfirming(true)}
          >
            <TrashIcon />
          </button>
        )}
      </div>

      {busy && (
        <div className="folder-progress">
          <ProgressBar done={done} total={total} label={t('folder.files', { done, total })} />
          <div className="folder-progress-text">
            {total > 0 && <span>{t('folder.files', { done, total })}</span>}
            {progress?.currentFile && (
              <span className="current-file" title={progress.currentFile}>
                {relativeTo(folder.path, progress.currentFile)}
              </span>
            )}
          </div>
        </div>
      )}

      <div className="folder-stats">
        {!busy && <span>{t('folder.filesTotal', { count: folder.filesDone })}</span>}
        <span data-testid="folder-chunks">{t('folder.chunks', { count: folder.chunks })}</span>
      </div>

      {folder.message && <p className="folder-message">{folder.message}</p>}

      {folder.filesFailed > 0 && (
        <details className="folder-failures" data-testid="folder-failures">
          <summary>{t('folder.failed', { count: folder.filesFailed })}</summary>
          <ul>
            {folder.errors.map((e) => (
              <li key={e.path}>
                <span className="failure-path" title={e.path}>
                  {relativeTo(folder.path, e.path)}
                </span>
                <span className="failure-reason">{e.reason}</span>
              </li>
            ))}
          </ul>
        </details>
      )}

      {confirming && (
        <div className="confirm" role="alertdialog" aria-label={t('folder.removeLabel', { name })}>
          <p>{t('folder.removeConfirm')}</p>
          <div className="confirm-actions">
            <button type="button" className="button" onClick={() => setConfirming(false)} disabled={removing}>
              {t('folder.cancel')}
            </button>
            <button type="button" className="button danger" data-testid="folder-remove-confirm" onClick={remove} disabled={removing}>
              {removing ? t('folder.removing') : t('folder.remove')}
            </button>
          </div>
        </div>
      )}
      {removeError && <ErrorMessage compact testId="folder-remove-error" error={removeError} />}
    </li>
  );
}
