// Footer: connection, model (name, dimensions, backend), indexing progress, total chunks.
import type { FolderInfo, IndexProgress, Status } from '../../../src/api/contract.js';
import type { ApiError } from '../api/api-error.js';
import { isBusy } from '../hooks/use-folders.js';
import { useI18n } from '../i18n/context.js';
import { formatDuration } from '../format.js';
import { ChipIcon } from './icons.js';

interface Props {
  status: Status | null;
  error: ApiError | null;
  folders: FolderInfo[] | null;
  progress: ReadonlyMap<string, IndexProgress>;
  connected: boolean | null;
  /** A short confirmation of the person's last action (use-notices.ts flash). */
  flash?: string | null;
}

export function StatusBar({ status, error, folders, progress, connected, flash }: Props) {
  const { t } = useI18n();
  const busy = (folders ?? []).filter(isBusy);
  let done = 0;
  let total = 0;
  // The same summary as the folder card: time left once every busy folder has an honest
  // estimate (folders index one after another, so their times add up), else "estimating".
  let left: number | undefined = 0;
  for (const folder of busy) {
    const p = progress.get(folder.path);
    done += p?.filesDone ?? folder.filesDone;
    total += p?.filesTotal ?? folder.filesTotal;
    left = left !== undefined && p?.etaSeconds !== undefined ? left + p.etaSeconds : undefined;
  }
  const units = { h: t('unit.h'), min: t('unit.min'), s: t('unit.s') };
  const connection = connected === null ? 'connecting' : connected ? 'connected' : 'disconnected';
  const model = status?.model;

  return (
    <footer className="statusbar" data-testid="status-bar">
      <span className={`conn conn-${connection}`} title={t(`status.${connection}`)}>
        <span className="conn-dot" />
        {connected === false ? t('status.disconnected') : `${t('app.name')} ${status ? `v${status.version}` : ''}`}
      </span>
      {model && (
        <span className="status-model" data-testid="status-model" title={model.path}>
          <ChipIcon />
          <span>{model.name}</span>
          <span className="sep">·</span>
          <span>{t('status.dims', { count: model.dimensions })}</span>
          <span className="sep">·</span>
          <span>{model.backend ?? t('status.notLoaded')}</span>
        </span>
      )}
      {error && !status && <span className="status-error">{t('status.unavailable', { message: error.message })}</span>}
      <span className="spacer" />
      {flash && (
        <span className="status-flash" role="status" data-testid="flash">
          {flash}
        </span>
      )}
      {busy.length > 0 && (
        <span className="status-indexing">
          <span className="spinner small" />
          {t('status.indexing', { done, total })}
          <span className="sep">·</span>
          <span data-testid="status-left">{left !== undefined && left > 0 ? t('folder.eta', { time: formatDuration(left, units) }) : t('folder.estimating')}</span>
        </span>
      )}
      {status && <span data-testid="status-chunks">{t('status.chunks', { count: status.chunks })}</span>}
    </footer>
  );
}
