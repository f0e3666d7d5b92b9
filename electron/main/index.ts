// Electron main process: one window, the core built once, the contract bound to IPC.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { callNames, type SiftEvent } from '../../src/api/contract.js';
import { z } from 'zod';
import { IPC_EVENT_CHANNEL, IPC_LOCAL_API_TOKEN, IPC_OPEN_PATH, IPC_PICK_FOLDER, IPC_REVEAL_PATH, ipcChannel } from '../../src/api/bridge.js';
import { dispatch } from '../../src/api/dispatch.js';
import { SiftError } from '../../src/api/errors.js';
import { createCore, type Core } from '../../src/core.js';
import { createLogger, type Logger } from '../../src/log.js';
import { installProcessGuards } from '../../src/process-guard.js';
import { appPageUrl, guardedHandle } from './ipc-guard.js';
import { foldersFromArgv } from './launch-folders.js';
import { openInsideFolders, revealInsideFolders } from './open-file.js';
import { startErrorText } from './start-error.js';
import { checkForUpdates } from './update-check.js';
import { applyWindowSecurity, CONTENT_SECURITY_POLICY } from './window-security.js';

// Embedding decodes run on libuv's thread pool (4 threads by default), which caps how many
// embedding contexts can work at once; set before any asynchronous I/O starts.
process.env.UV_THREADPOOL_SIZE ??= '16';

const here = fileURLToPath(new URL('.', import.meta.url));
const indexFile = join(here, '../renderer/index.html');
let core: Core | undefined;
let mainWindow: BrowserWindow | undefined;
let logger: Logger | undefined;
/** Folders handed over before the core was ready. */
const pendingFolders: string[] = [];

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1180,
    height: 780,
    minWidth: 720,
    minHeight: 480,
    title: 'Sift',
    show: false,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  applyWindowSecurity(window, (url) => void shell.openExternal(url));
  window.once('ready-to-show', () => window.show());
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (devUrl) void window.loadURL(devUrl);
  else void window.loadFile(indexFile);
  return window;
}

// Every handler goes through guardedHandle (ipc-guard.ts): the sender must be the app's own
// page and the payload must match its schema (the contract's calls are checked by dispatch
// against the contract's own zod schemas).
function bindContract(current: Core, appUrl: string): void {
  const handle = <S extends z.ZodType>(channel: string, schema: S, run: (payload: z.output<S>) => Promise<unknown>) =>
    guardedHandle(ipcMain, appUrl, channel, schema, run);
  for (const name of callNames) handle(ipcChannel(name), z.unknown(), (request) => dispatch(current.service, name, request));
  handle(IPC_PICK_FOLDER, z.undefined(), async () => {
    const result = mainWindow
      ? await dialog.showOpenDialog(mainWindow, { properties: ['openDirectory'] })
      : await dialog.showOpenDialog({ properties: ['openDirectory'] });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  });
  // The Settings view's bearer token: only here, never in a contract call that HTTP serves.
  handle(IPC_LOCAL_API_TOKEN, z.undefined(), () => current.localApiToken());
  // Open / reveal a search hit (Enter, Shift+Enter): only files inside an added folder,
  // checked here against the folders as they are now (open-file.ts, path-guard.ts).
  const filePath = z.string().min(1).max(32_768);
  const folders = async () => (await current.service.listFolders({})).map((folder) => folder.path);
  handle(IPC_OPEN_PATH, filePath, async (raw) => openInsideFolders(shell, raw, await folders()));
  handle(IPC_REVEAL_PATH, filePath, async (raw) => revealInsideFolders(shell, raw, await folders()));
  current.service.onEvent((event: SiftEvent) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(IPC_EVENT_CHANNEL, event);
  });
}

const isFolder = (path: string) => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;

/** Adds folders from a launch (dropped on the icon, named on the command line). */
function handOver(folders: string[]): void {
  if (!core) {
    pendingFolders.push(...folders);
    return;
  }
  for (const path of folders) {
    core.service.addFolder({ path }).catch((error: unknown) => {
      // Opening Sift again on a folder it already watches is no mistake worth a notice.
      if (error instanceof SiftError && error.detail?.key === 'folderAlreadyAdded') return;
      logger?.log('warn', `adding ${path} from the command line failed: ${(error as Error).message}`);
      const notice: SiftEvent = { type: 'notice', level: 'error', message: `${path}: ${(error as Error).message}` };
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(IPC_EVENT_CHANNEL, notice);
    });
  }
}

async function start(): Promise<void> {
  await app.whenReady();
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  const dataDir = process.env.SIFT_DATA_DIR ?? app.getPath('userData');
  logger = createLogger({ file: join(dataDir, 'logs', 'sift.log') });
  installProcessGuards({ logger, shutdown: async () => core?.close() });
  core = await createCore({
    dataDir,
    watch: true,
    resumeFolders: true,
    warmUp: true,
    localApi: true,
    logger,
    modelPath: process.env.SIFT_MODEL,
    locale: app.getLocale(),
    // One writer per index: `sift index` or `sift serve` on the same data folder.
    writerName: 'the Sift app',
    lockWaitMs: 10_000,
    // A shared index on S3 (Settings → Index location) written by another machine: search it.
    readWhenBusy: true,
  });
  bindContract(core, appPageUrl(process.env.ELECTRON_RENDERER_URL, indexFile));
  mainWindow = createWindow();
  handOver([...foldersFromArgv(process.argv, process.cwd(), isFolder, app.getAppPath()), ...pendingFolders.splice(0)]);
  // Never awaited and never throws (update-check.ts): the window does not wait on the network.
  void checkForUpdates({ isPackaged: app.isPackaged, env: process.env, logger });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let closing = false;
app.on('before-quit', (event) => {
  if (closing || !core) return;
  // Let the index finish its current write before the process exits.
  event.preventDefault();
  closing = true;
  void core.close().finally(() => app.quit());
});

// One app per user: a second launch hands its folders to this one and quits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
    }
    handOver(foldersFromArgv(argv, workingDirectory, isFolder, app.getAppPath()));
  });
  // macOS: folders dropped on the Dock icon.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (isFolder(path)) handOver([path]);
  });
  start().catch((error: unknown) => {
    logger?.log('error', `start-up failed: ${(error as Error).stack ?? error}`);
    const text = startErrorText(error, app.isReady() ? app.getLocale() : 'en');
    dialog.showErrorBox(text.title, text.body);
    app.exit(1);
  });
}
