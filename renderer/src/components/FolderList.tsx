// The sidebar: how to add a folder, then every watched folder with its state.
import type { DesktopHelpers } from '../api/client.js';
import type { AddFolders } from '../hooks/use-add-folders.js';
import type { FoldersState } from '../hooks/use-folders.js';
import { useI18n } from '../i18n/context.js';
import { AddFolder } from './AddFolder.js';
import { ErrorMessage } from './ErrorMessage.js';
import { FolderRow } from './FolderRow.js';

interface Props {
  state: FoldersState;
  adding: AddFolders;
  desktop: DesktopHelpers | null;
}

export function FolderList({ state, adding, desktop }: Props) {
  const { t } = useI18n();
  const { folders, progress, error, drop } = state;

  return (
    <aside className="sidebar" aria-labelledby="folders-title">
      <div className="sidebar-head">
        <h2 id="folders-title">{t('folders.title')}</h2>
        {folders && folders.length > 0 && <span className="count">{folders.length}</span>}
      </div>
      <AddFolder adding={adding} desktop={desktop} />
      {error && (
        <ErrorMessage compact testId="folders-error" error={error} title={t('folders.loadFailed')} />
      )}
      {folders === null && !error && <p className="sidebar-note">{t('folders.loading')}</p>}
      {folders?.length === 0 && <p className="sidebar-note">{t('folders.empty')}</p>}
      {folders && folders.length > 0 && (
        <ul className="folder-list">
          {folders.map((folder) => (
            <FolderRow key={folder.path} folder={folder} progress={progress.get(folder.path)} onRemoved={drop} />
          ))}
        </ul>
      )}
    </aside>
  );
}
