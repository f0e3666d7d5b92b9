// One added folder: name and path, state badge, progress with rate and time left while
// busy, counts per state (indexed, skipped, failed), the folder-level message (e.g. the
// watcher fell back to polling), the skipped and failed files with their reasons, and
// pause / resume / re-index / remove.
import { useState } from 'react';
import type { FolderInfo, IndexProgress } from '../../../../src/api/contract.js';
import { toApiError, type ApiError } from '../../api/api-error.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { AlertIcon, FolderIcon, PauseIcon, PlayIcon, RefreshIcon, TrashIcon } from '../../components/icons.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { useClient } from '../../hooks/use-client.js';
import { isBusy } from '../../hooks/use-folders.js';
import { useI18n } from '../../i18n/context.js';
import { formatDuration, formatRate } from '../../format.js';
import { baseName, relativeTo } from '../../paths.js';
import { IssueList } from './IssueList.js';

interface Props {
  folder: FolderInfo;
  progress: IndexProgress | undefined;
  onRemoved(path: string): void;
}

type Action = 'pause' | 'resume' | 'reindex' | 'remove';

export function FolderCard({ folder, progress, onRemoved }: Props) {
  const { t, locale } = useI18n();
  const client = useClient();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState<Action | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const name = baseName(folder.path);
  const busy = isBusy(folder);
  const done = progress?.filesDone ?? folder.filesDone;
  const total = progress?.filesTotal ?? folder.filesTotal;
  const currentFile = progress?.currentFile ?? folder.currentFile;
  // A large file's passages move the bar within that file (a one-file folder stood at 0 %).
  const passages = progress?.passages;
  const barDone = passages && passages.total > 0 && done < total ? done + Math.min(1, passages.done / passages.total) * 0.99 : done;
  // The folder's count is refreshed at the end of a pass; a first pass reports its own.
  const chunks = Math.max(folder.chunks, busy ? (progress?.chunksEmbedded ?? 0) : 0);
  const units = { h: t('unit.h'), min: t('unit.min'), s: t('unit.s') };

  const run = async (action: Action) => {
    setPending(action);
    setError(null);
    try {
      const path = { path: folder.path };
      if (action === 'pause') await client.pauseFolder(path);
      else if (action === 'resume') await client.resumeFolder(path);
      else if (action === 'reindex') await client.reindexFolder(path);
      else {
        await client.removeFolder(path);
        onRemoved(folder.path);
      }
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setPending(null);
      if (action === 'remove') setConfirming(false);
    }
  };

  const progressParts: string[] = [];
  if (total > 0) progressParts.push(t('folder.files', { done, total }));
  if (progress?.chunksPerSecond !== undefined && progress.chunksPerSecond > 0) {
    progressParts.push(t('folder.rate', { rate: formatRate(progress.chunksPerSecond, locale) }));
  }
  if (progress?.etaSeconds !== undefined && progress.etaSeconds > 0 && done < total) {
    progressParts.push(t('folder.eta', { time: formatDuration(progress.etaSeconds, units) }));
  } else if (busy && done < total) {
    // The core gives a time only once it is honest (src/index/eta-estimator.ts).
    progressParts.push(t('folder.estimating'));
  }
  // OCR reads a file page by page; say so, or a long scan looks stuck.
  if (progress?.ocrPages && progress.ocrPages.total > 0) progressParts.push(t('folder.ocrPages', { done: progress.ocrPages.done, total: progress.ocrPages.total }));
  if (progress?.passages && progress.passages.done < progress.passages.total) {
    progressParts.push(t('folder.passages', { done: progress.passages.done.toLocaleString(locale), total: progress.passages.total.toLocaleString(locale) }));
  }

  return (
    <li className={`folder-card state-${folder.state}`} data-testid="folder-row" data-path={folder.path} data-state={folder.state}>
      <div className="folder-head">
        <FolderIcon className="folder-icon" width={18} height={18} />
        <div className="folder-names">
          <span className="folder-name" title={name}>
            {name}
          </span>
          <span className="folder-path" title={folder.path}>
            {folder.path}
          </span>
        </div>
        <span className={`badge badge-${folder.state}`} data-testid="folder-state" data-state={folder.state}>
          {t(`state.${folder.state}`)}
        </span>
      </div>

      {busy && (
        <div className="folder-progress">
          <ProgressBar done={barDone} total={total} label={t('folder.files', { done, total })} />
          <div className="folder-progress-text" data-testid="folder-progress-text">
            <span>{progressParts.join(' · ')}</span>
            {currentFile && (
              <span className="current-file" title={currentFile}>
                {relativeTo(folder.path, currentFile)}
              </span>
            )}
          </div>
        </div>
      )}

      <div className="folder-foot">
        <div className="folder-stats">
          {/* After a watcher pass the core's counts cover that pass only, so a watching
              folder shows its chunks and no file count. */}
          {folder.state === 'paused' && <span>{t('folder.files', { done, total })}</span>}
          {busy && <span>{t('folder.filesTotal', { count: total })}</span>}
          {!busy && folder.filesIndexed !== undefined && (
            <span data-testid="folder-indexed">{t('folder.indexed', { count: folder.filesIndexed })}</span>
          )}
          <span data-testid="folder-chunks">{t('folder.chunks', { count: chunks })}</span>
          {(folder.filesSkipped ?? 0) > 0 && (
            <span className="stat-skipped" data-testid="folder-skipped-count">
              {t('folder.skipped', { count: folder.filesSkipped ?? 0 })}
            </span>
          )}
          {folder.filesFailed > 0 && (
            <span className="stat-failed" data-testid="folder-failed-count">
              {t('folder.failed', { count: folder.filesFailed })}
            </span>
          )}
        </div>
        <div className="folder-actions">
          {busy && (
            <button type="button" className="button small" data-testid="folder-pause" disabled={pending !== null} onClick={() => run('pause')}>
              <PauseIcon width={13} height={13} />
              {t('folder.pause')}
            </button>
          )}
          {folder.state === 'paused' && (
            <button type="button" className="button small" data-testid="folder-resume" disabled={pending !== null} onClick={() => run('resume')}>
              <PlayIcon width={13} height={13} />
              {t('folder.resume')}
            </button>
          )}
          {!busy && (
            <button
              type="button"
              className="button small"
              data-testid="folder-reindex"
              title={t('folder.reindexHint')}
              disabled={pending !== null}
              onClick={() => run('reindex')}
            >
              <RefreshIcon width={13} height={13} />
              {t('folder.reindex')}
            </button>
          )}
          <button
            type="button"
            className="button small quiet"
            data-testid="folder-remove"
            aria-label={t('folder.removeLabel', { name })}
            disabled={pending !== null || confirming}
            onClick={() => setConfirming(true)}
          >
            <TrashIcon width={13} height={13} />
            {t('folder.remove')}
          </button>
        </div>
      </div>

      {folder.message && (
        <div className={folder.state === 'error' ? 'folder-message danger' : 'folder-message'} data-testid="folder-message" role="status">
          <AlertIcon width={14} height={14} />
          <span>{folder.message}</span>
        </div>
      )}

      {folder.errors.length > 0 && (
        <IssueList
          folder={folder.path}
          issues={folder.errors}
          count={folder.filesFailed}
          kind="failed"
          summary={t('folder.failedList', { count: folder.filesFailed })}
        />
      )}
      {(folder.skipped?.length ?? 0) > 0 && (
        <IssueList
          folder={folder.path}
          issues={folder.skipped ?? []}
          count={folder.filesSkipped ?? 0}
          kind="skipped"
          summary={t('folder.skippedList', { count: folder.filesSkipped ?? 0 })}
        />
      )}

      {confirming && (
        <div className="confirm" role="alertdialog" aria-label={t('folder.removeLabel', { name })}>
          <p>{t('folder.removeConfirm')}</p>
          <div className="confirm-actions">
            <button type="button" className="button small" onClick={() => setConfirming(false)} disabled={pending === 'remove'}>
              {t('folder.cancel')}
            </button>
            <button type="button" className="button small danger" data-testid="folder-remove-confirm" onClick={() => run('remove')} disabled={pending === 'remove'}>
              {pending === 'remove' ? t('folder.removing') : t('folder.remove')}
            </button>
          </div>
        </div>
      )}
      {error && <ErrorMessage compact testId="folder-action-error" error={error} />}
    </li>
  );
}
