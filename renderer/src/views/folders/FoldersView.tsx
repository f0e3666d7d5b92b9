// The Folders view: add a folder (path field in a browser, native picker in the desktop
// app; dropping works anywhere on the window), then every added folder as a card.
import type { DesktopHelpers } from '../../api/client.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { FolderPlusIcon } from '../../components/icons.js';
import type { AddFolders } from '../../hooks/use-add-folders.js';
import type { FoldersState } from '../../hooks/use-folders.js';
import { useI18n } from '../../i18n/context.js';
import { AddFolder } from './AddFolder.js';
import { FolderCard } from './FolderCard.js';

interface Props {
  state: FoldersState;
  adding: AddFolders;
  desktop: DesktopHelpers | null;
}

export function FoldersView({ state, adding, desktop }: Props) {
  const { t } = useI18n();
  const { folders, progress, error, drop } = state;

  return (
    <section className="view view-folders" data-testid="view-folders" aria-labelledby="folders-title">
      <header className="view-header">
        <div className="view-title">
          <h1 id="folders-title">{t('folders.title')}</h1>
          <p>{desktop ? t('folders.introDesktop') : t('folders.introBrowser')}</p>
        </div>
        <div className="view-header-action">
          <AddFolder adding={adding} desktop={desktop} />
        </div>
      </header>
      <div className="view-body">
        {error && <ErrorMessage testId="folders-error" error={error} title={t('folders.loadFailed')} />}
        {folders === null && !error && <p className="muted">{t('folders.loading')}</p>}
        {folders?.length === 0 && (
          <EmptyState icon={<FolderPlusIcon width={28} height={28} />} title={t('empty.title')}>
            {desktop ? t('empty.hintDesktop') : t('empty.hintBrowser')}
          </EmptyState>
        )}
        {folders && folders.length > 0 && (
          <ul className="folder-cards">
            {folders.map((folder) => (
              <FolderCard key={folder.path} folder={folder} progress={progress.get(folder.path)} onRemoved={drop} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
