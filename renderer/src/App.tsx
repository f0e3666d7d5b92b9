// The window: the navigation rail, one view at a time, the status bar, plus the drop
// overlay and toasts. State lives in hooks; components render it. The search view stays
// mounted while hidden, so a query and its results survive a visit to another view.
import { useCallback, useEffect, useMemo } from 'react';
import { toApiError } from './api/api-error.js';
import { DropOverlay } from './components/DropOverlay.js';
import { NavRail } from './components/NavRail.js';
import { Notices } from './components/Notices.js';
import { StatusBar } from './components/StatusBar.js';
import { useAddFolders } from './hooks/use-add-folders.js';
import { useClient } from './hooks/use-client.js';
import { useConnection } from './hooks/use-connection.js';
import { useFileDrop } from './hooks/use-file-drop.js';
import { isBusy, useFolders } from './hooks/use-folders.js';
import { useLiveMetricsRecorder } from './hooks/use-live-metrics.js';
import { useNotices } from './hooks/use-notices.js';
import { useSettings } from './hooks/use-settings.js';
import { useStatus } from './hooks/use-status.js';
import { useView } from './hooks/use-view.js';
import { useI18n } from './i18n/context.js';
import type { Locale } from './i18n/locale.js';
import { loadTheme, useTheme } from './theme.js';
import { BenchmarkView } from './views/bench/BenchmarkView.js';
import { FoldersView } from './views/folders/FoldersView.js';
import { ModelsView } from './views/models/ModelsView.js';
import { SearchView } from './views/search/SearchView.js';
import { SettingsView } from './views/settings/SettingsView.js';

export function App() {
  const client = useClient();
  const { locale, setLocale, t } = useI18n();
  const [view, setView] = useView();
  const folders = useFolders(client);
  const adding = useAddFolders(client, folders.insert);
  const notices = useNotices(client);
  const connected = useConnection(client);
  const settings = useSettings(client);
  const metrics = useLiveMetricsRecorder(client);
  useTheme(settings.settings?.theme ?? loadTheme());

  // The saved language wins over the cached one once the core has answered.
  const savedLanguage = settings.settings?.language;
  useEffect(() => {
    if (savedLanguage && savedLanguage !== locale) setLocale(savedLanguage);
    // Only when the saved value changes (not on `locale`): a switch in progress must not be undone.
  }, [savedLanguage]);

  const { update } = settings;
  const push = notices.push;
  const changeLanguage = useCallback(
    async (next: Locale) => {
      setLocale(next);
      const error = await update({ language: next });
      if (error) push('error', error.message);
      return error;
    },
    [setLocale, update, push],
  );

  const list = folders.folders;
  const busy = list?.some(isBusy) ?? false;
  // Changes whenever indexing moved: refreshes the status line and the open search.
  const folderKey = useMemo(() => (list ?? []).map((f) => `${f.path}:${f.state}:${f.chunks}`).join('|'), [list]);
  const { status, error: statusError } = useStatus(client, folderKey);

  const desktop = client.desktop;
  const onDrop = useCallback(
    (files: File[]) => {
      if (!desktop || files.length === 0) return;
      try {
        void adding.add(files.map((file) => desktop.pathForFile(file))).then((ok) => ok && setView('folders'));
      } catch (error) {
        adding.setError(toApiError(error));
      }
    },
    [desktop, adding, setView],
  );
  const dragging = useFileDrop(onDrop);

  useEffect(() => {
    document.title = view === 'search' ? t('app.name') : `${t(`nav.${view}`)} · ${t('app.name')}`;
  }, [view, t]);

  return (
    <div className="app">
      <NavRail view={view} onView={setView} folderCount={list?.length ?? null} indexing={busy} onLanguage={changeLanguage} />
      <main className="main">
        <SearchView
          active={view === 'search'}
          folders={list}
          indexing={busy}
          refreshKey={folderKey}
          desktop={desktop}
          adding={adding}
          onShow={() => setView('search')}
          onNotice={notices.push}
          onFlash={notices.flash}
        />
        {view === 'folders' && <FoldersView state={folders} adding={adding} desktop={desktop} />}
        {view === 'models' && <ModelsView status={status} settings={settings} />}
        {view === 'bench' && <BenchmarkView metrics={metrics} />}
        {view === 'settings' && <SettingsView state={settings} onLanguage={changeLanguage} />}
      </main>
      <StatusBar status={status} error={statusError} folders={list} progress={folders.progress} connected={connected} flash={notices.flashText} />
      <DropOverlay visible={dragging} desktop={desktop !== null} />
      <Notices notices={notices.notices} onDismiss={notices.dismiss} />
    </div>
  );
}
