// The window: header, folders sidebar, search, status bar, plus the drop overlay and
// toasts. State lives in hooks; components only render it.
import { useCallback, useMemo } from 'react';
import { toApiError } from './api/api-error.js';
import { DropOverlay } from './components/DropOverlay.js';
import { FolderList } from './components/FolderList.js';
import { Header } from './components/Header.js';
import { Notices } from './components/Notices.js';
import { SearchView } from './components/SearchView.js';
import { StatusBar } from './components/StatusBar.js';
import { useAddFolders } from './hooks/use-add-folders.js';
import { useClient } from './hooks/use-client.js';
import { useConnection } from './hooks/use-connection.js';
import { useFileDrop } from './hooks/use-file-drop.js';
import { isBusy, useFolders } from './hooks/use-folders.js';
import { useNotices } from './hooks/use-notices.js';
import { useStatus } from './hooks/use-status.js';

export function App() {
  const client = useClient();
  const folders = useFolders(client);
  const adding = useAddFolders(client, folders.insert);
  const notices = useNotices(client);
  const connected = useConnection(client);

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
        void adding.add(files.map((file) => desktop.pathForFile(file)));
      } catch (error) {
        adding.setError(toApiError(error));
      }
    },
    [desktop, adding],
  );
  const dragging = useFileDrop(onDrop);

  return (
    <div className="app">
      <Header />
      <div className="app-body">
        <FolderList state={folders} adding={adding} desktop={desktop} />
        <SearchView
          hasFolders={list === null ? null : list.length > 0}
          indexing={busy}
          refreshKey={folderKey}
          desktop={desktop !== null}
          onNotice={notices.push}
        />
      </div>
      <StatusBar status={status} error={statusError} folders={list} progress={folders.progress} connected={connected} />
      <DropOverlay visible={dragging} desktop={desktop !== null} />
      <Notices notices={notices.notices} onDismiss={notices.dismiss} />
    </div>
  );
}
